"""What the question-lint tests share: a deck head of actors, probe entries, running the lint.

The questions come from the test-only ``probe`` type (``lint_probe.py``), whose prompts are
spelled out in the deck, so the tests hold whatever the built-in templates say.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lint_probe

from quizlib import get_plugin_manager, load_deck
from quizlib.plugins import PluginHost
from quizlib.questionlint.lint import find_flaws
from quizlib.study.questions import generate_questions

HEAD = """\
quizlib: 1
deck: {id: t, title: T}
actors:
  - {id: russia, name: Russia, kind: institution, aliases: [Moscow]}
  - {id: turkey, name: Turkey, kind: institution}
  - {id: armenia, name: Armenia, kind: institution}
  - {id: kremlin, name: the Kremlin, kind: institution, organisation: russia}
  - {id: mfa, name: Armenian Ministry of Foreign Affairs, kind: institution, organisation: armenia}
  - {id: pashinyan, name: Nikol Pashinyan, kind: person}
  - {id: grigoryan, name: Armen Grigoryan, kind: person}
  - {id: zakharova, name: Maria Zakharova, kind: person}
  - {id: peskov, name: Dmitry Peskov, kind: person}
  - {id: kovgan, name: Ivan Kovgan, kind: person}
  - {id: contingent, name: Russian peacekeeping contingent, kind: institution}
probes:
"""


#: Lints a deck of the given probe entries and returns the flaw messages.
Lint = Callable[..., list[str]]


def probe_host(**extra: object) -> PluginHost:
    """Plugins: the probe type and any ``extra`` plugin objects, no built-ins."""
    return get_plugin_manager(builtins=False, entry_points=False, extra={"probe": lint_probe, **extra})


def P(id: str, kind: str, **fields: Any) -> dict[str, Any]:
    """One ``probes`` entry."""
    return {"id": id, "kind": kind, **fields}


def write_probes(folder: Path, entries: list[dict[str, Any]]) -> Path:
    """A deck of HEAD's actors and these probes (one JSON flow mapping per line, valid YAML)."""
    path = folder / "deck.yaml"
    lines = [f"  - {json.dumps(e, ensure_ascii=False)}" for e in entries]
    path.write_text(HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def flaws(host: PluginHost, path: Path) -> list[str]:
    """The flaw messages of a deck's questions."""
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    generated = generate_questions(deck, host, random.Random(0))
    assert not generated.errors
    return [f.message for f in find_flaws(deck, generated.questions, host)]


def linter(folder: Path) -> Lint:
    """A :data:`Lint` writing its decks into ``folder``."""
    host = probe_host()

    def run(*entries: dict[str, Any]) -> list[str]:
        return flaws(host, write_probes(folder, list(entries)))

    return run


def kinds(messages: list[str]) -> set[str]:
    """The flaw kinds among messages ``id: kind: detail``."""
    return {m.split(": ")[1] for m in messages}
