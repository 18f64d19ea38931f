"""Did-you-mean suggestions: right, and with bounded work however many candidates."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

import quizlib.didyoumean as dym
from quizlib.cli import main
from quizlib.didyoumean import CloseMatcher, close_matches

SYLLABLES = ("ka", "ra", "bakh", "ar", "me", "ni", "az", "er", "bai", "jan", "pu", "tin", "lav", "rov")
SYLLABLES += ("ali", "yev")


def ids(n: int) -> list[str]:
    """``n`` distinct ids built from a few syllables, so that many share trigrams."""
    out = []
    for i in range(n):
        a, b, c = i % 16, (i // 16) % 16, (i // 256) % 16
        out.append(f"{SYLLABLES[a]}{SYLLABLES[b]}-{SYLLABLES[c]}{SYLLABLES[(a + b) % 16]}-{i}")
    return out


class CountingMatcher(difflib.SequenceMatcher[str]):
    """Counts every option compared character by character."""

    compared = 0

    def set_seq1(self, a: Sequence[str]) -> None:
        CountingMatcher.compared += 1
        super().set_seq1(a)


def test_each_lookup_compares_a_bounded_number_of_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(difflib, "SequenceMatcher", CountingMatcher)  # imported when first needed
    options = ids(4000)
    matcher = CloseMatcher(options)
    words = [o[:3] + o[4:] for o in options[::40]]  # one character dropped
    CountingMatcher.compared = 0
    found = [matcher.matches(w) for w in words]
    assert CountingMatcher.compared <= (dym.MAX_COMPARED + 1) * len(words)  # +1: the empty start
    assert sum(f == [o] for f, o in zip(found, options[::40], strict=True)) >= 0.95 * len(words)


def test_suggestions_keep_their_contract() -> None:
    assert close_matches("blokade", ["blockade", "ceasefire"]) == ["blockade"]
    assert close_matches("KARABAKH", ["karabakh"]) == ["karabakh"]  # a case-only difference
    assert close_matches("zzzz", ["karabakh", "ceasefire"]) == []
    assert close_matches("x" * 5, ["y" * 40]) == []
    assert close_matches("nothing", []) == []
    assert CloseMatcher(["a", "a", "b"]).matches("a", n=5) == ["a"]


def test_check_suggests_for_thousands_of_misspelt_speakers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actors = ids(3000)
    lines = ["quizlib: 1", "deck: {id: many, title: Many}", "sources:", "  - {id: s, title: S}", "actors:"]
    lines += [f"  - {{id: {a}, name: N{i}}}" for i, a in enumerate(actors)]
    lines.append("quotes:")
    first_quote = len(lines) + 1
    for i, actor in enumerate(actors):
        lines.append(f"  - {{id: q{i}, text: t{i}, speaker: {actor[:2] + actor[3:]}, sources: [s]}}")
    path = tmp_path / "deck.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr()
    pattern = rf"^{re.escape(str(path))}:(\d+):(\d+): unknown actor '([^']+)'(.*)$"
    reports = re.findall(pattern, out.out + out.err, re.M)
    assert len(reports) == len(actors)
    assert [int(line) for line, *_ in reports] == list(range(first_quote, first_quote + len(actors)))
    pairs = zip(reports, actors, strict=True)
    right = sum(rest == f"; did you mean {actor!r}?" for (*_, rest), actor in pairs)
    assert right >= 0.95 * len(actors)
    assert "Traceback" not in out.err


def test_a_frozen_pool_is_indexed_once() -> None:
    pool = frozenset(ids(500))
    before = dym._frozen_matcher.cache_info()
    for word in ("kaka-kaka-0", "rakab-kaka-1", "bakhka-kaba-2"):
        close_matches(word, pool)
    after = dym._frozen_matcher.cache_info()
    assert (after.misses - before.misses, after.hits - before.hits) == (1, 2)
