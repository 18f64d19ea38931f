"""``quizlib draft``: candidates from short texts written for the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizlib import PartialDate, load_deck
from quizlib.cli import main
from quizlib.draft import Article, draft_deck

TEXT = """\
Peacekeepers leave the valley

By Jane Writer

Foreign Ministry spokeswoman Anna Ivanova rejected the claims on January 12.

“We never saw the report. Nobody asked us,” Ivanova said.

“The troops will stay,” she added.

Last September, nearly 2,000 troops crossed the border during a nine-month blockade.

The ceasefire was signed on November 10, 2020, and an estimated 64 people died.

“Nobody knows what comes next,” a sign read.
"""


def draft() -> dict[str, Any]:
    return draft_deck([Article("a.txt", TEXT, "valley", PartialDate(2024, 1, 15))], deck_id="t", title="T")


def test_quotes_with_speakers_pronouns_and_unattributed() -> None:
    quotes = {q["text"]: q for q in draft()["quotes"]}
    spanning = quotes["We never saw the report. Nobody asked us"]  # spans two sentences
    assert spanning["speaker"] == "anna-ivanova" and spanning["sources"] == ["valley:p4"]
    assert quotes["The troops will stay"]["speaker"] == "anna-ivanova"  # "she added"
    assert quotes["Nobody knows what comes next"]["speaker"] == "unknown-speaker"
    assert quotes["Nobody knows what comes next"]["note"].startswith("unattributed")
    assert all(q["review"] is True for q in quotes.values())


def test_dates_absolute_relative_and_without_year() -> None:
    dates = {e["date"] for e in draft()["events"]}
    assert {"2024-01-12", "2023-09", "2020-11-10"} <= dates  # "January 12", "Last September"


def test_figures_with_qualifiers_and_words() -> None:
    figures = {(f["value"], f.get("qualifier")) for f in draft()["figures"]}
    assert (2000, "nearly") in figures and (64, "an estimated") in figures and (9, None) in figures


def test_actors_with_roles_and_surnames_merged() -> None:
    (actor,) = [a for a in draft()["actors"] if a["id"] == "anna-ivanova"]
    assert actor["role"] == "Foreign Ministry spokeswoman" and actor["aliases"] == ["Ivanova"]


def test_draft_command_writes_a_deck_that_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "valley.txt"
    article.write_text(TEXT)
    out = tmp_path / "draft.yaml"
    assert main(["draft", str(article), "--published", "2024-01-15", "-o", str(out)]) == 0
    deck = load_deck(out, cache_dir=None)
    assert deck.sources["valley"].author == "Jane Writer" and deck.facts("quotes")
    assert main(["check", str(out)]) == 0
    assert main(["check", "--strict", str(out)]) == 1  # drafts are marked for review
    assert main(["draft", str(article), "-o", str(out)]) == 2  # never overwrites
    assert main(["draft", str(article), "--published", "yesterday"]) == 2
