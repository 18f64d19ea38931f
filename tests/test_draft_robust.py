"""``quizlib draft`` on hostile input: every draft finishes and yields a valid deck.

No test here times anything: a pattern that backtracks exponentially simply never returns,
and the run fails on its timeout.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizlib import PartialDate
from quizlib.deckfile.load import parse_deck
from quizlib.draft import Article, draft_deck
from quizlib.plugins import get_plugin_manager

PUBLISHED = PartialDate(2019, 11, 19)


def _valid(text: str) -> dict[str, Any]:
    deck = draft_deck([Article("a.txt", text, "a", PUBLISHED)], deck_id="t", title="T")
    parse_deck(yaml.safe_dump(deck, allow_unicode=True), "draft.yaml", get_plugin_manager().sections)
    return deck


def test_a_role_before_an_all_capitals_name_finishes() -> None:
    # This 187-byte article made the role-before-name pattern backtrack exponentially.
    text = (
        "Lending to grow\n\nIn a statement on Tuesday, the director of the EUROPEAN BANK FOR "
        "RECONSTRUCTION AND DEVELOPMENT said the bank would lend more to small firms in 2020.\n"
    )
    deck = _valid(text)
    assert [e["date"] for e in deck["events"]] == ["2019-11-19", "2020"]


def test_long_runs_of_capitals_and_capitalised_words_finish() -> None:
    shouting = " ".join(["RECONSTRUCTION", "AND", "DEVELOPMENT", "OF", "THE", "BANK"] * 400)
    titled = " ".join(["Ministry", "of", "Regional", "Development", "Council", "Bank"] * 400)
    for run in (shouting, titled):
        _valid(f"The head of the {run} John Smith said on Monday that it was over.\n")
        _valid(f"“{run},” said the director of the {run} Anna Lee.\n")


def test_quotes_without_closing_marks_finish() -> None:
    open_curly = " ".join(f"“Part {n} of a speech that never closes, said Anna Lee." for n in range(300))
    open_straight = " ".join(f'"Part {n} runs on, she said, and on and on.' for n in range(300))
    for text in (open_curly, open_straight, "“" * 5000, '"' * 5001, "“a”" * 3000):
        _valid(text + "\n")


def test_seventeen_kilobytes_of_quoted_dialogue_finish() -> None:
    lines = [
        "“I will not go there today, not ever,” said Tom Smith.",
        "“Why not?” she asked him.",
        "“Because the Ministry of Truth says so,” he replied, “and I agree.”",
    ]
    paragraph = " ".join(lines * 120)
    assert len(paragraph) > 17_000
    deck = _valid(paragraph + "\n\n" + "\n\n".join(lines * 40) + "\n")
    assert {q["speaker"] for q in deck["quotes"]} >= {"tom-smith"}


_PIECES = st.sampled_from(
    ["EUROPEAN", "BANK", "FOR", "Director", "director", "of", "the", "Anna", "Lee", "said", "says", "she",
     "“", "”", '"', "‘", "’", "'", ",", ".", ":", ";", "(", ")", "—", "-", "\n\n", "\n", "$3", "billion",
     "£40m", "€1.2", "million", "12", "of", "13", "63,", "911", "TNG50", "5:30", "p.m.", "a.m.", "U.S.",
     "Mr.", "Aug.", "9,", "2016", "Tuesday", "Saturday", "will", "was", "charged", "according", "to",
     "42%", "per", "cent", "1,200", "twenty-one", "Inc.", "Ministry", "Council", "(EBRD)", "X" * 40]
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=300, max_size=400))
def test_random_two_kilobyte_text_drafts_a_valid_deck(pieces: list[str]) -> None:
    _valid(" ".join(pieces))
