"""The question lint's "answer in question" for a body that speaks of itself by the common
noun its name ends in: "The league congratulates …" among options of which one is a league."""

from __future__ import annotations

import json
from pathlib import Path

from lint_helpers import P, flaws, probe_host

HEAD = """\
quizlib: 1
deck: {id: t, title: T}
actors:
  - {id: tarn-league, name: Tarn Rowing League, kind: institution}
  - {id: orrin-club, name: Orrin Rowing Club, kind: institution}
  - {id: kell-board, name: Kell Sports Board, kind: institution}
  - {id: vale-league, name: Vale Hockey League, kind: institution}
  - {id: ana, name: Ana Brisk, kind: person}
probes:
"""


def lint(tmp_path: Path, *entries: dict[str, object]) -> list[str]:
    path = tmp_path / "deck.yaml"
    path.write_text(HEAD + "".join(f"  - {json.dumps(e)}\n" for e in entries), encoding="utf-8")
    return flaws(probe_host(), path)


def test_a_body_naming_itself_by_its_common_noun_answers_its_who_said(tmp_path: Path) -> None:
    messages = lint(
        tmp_path,
        P("self", "choice", text="The league thanks every club for a fair season.", speaker="tarn-league",
          options=["tarn-league", "orrin-club", "kell-board"]),
        P("two", "choice", text="The league thanks every club for a fair season.", speaker="tarn-league",
          options=["tarn-league", "vale-league", "kell-board"]),
        P("other", "choice", text="The board will review the league's rules.", speaker="orrin-club",
          options=["orrin-club", "tarn-league", "kell-board"]),
    )  # fmt: skip
    (flaw,) = [m for m in messages if "answer in question" in m]
    assert flaw.startswith("probes/self/probe: answer in question:")
    assert '"The league" in the question points at "Tarn Rowing League"' in flaw
