"""The question lint's ``unclear`` kind: a fact's text that, shown alone, does not say what it
is about (an opening pronoun, a lower-case fragment, a definite description naming nothing).

The questions come from the test-only ``probe`` type (``lint_probe.py``), as in
``test_question_lint.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_helpers import Lint, P, linter


@pytest.fixture
def lint(tmp_path: Path) -> Lint:
    return linter(tmp_path)


def test_a_fact_text_opening_with_a_pronoun_is_unclear(lint: Lint) -> None:
    messages = lint(
        P("meet", "date", text="Its meeting is in …", ask="When? Its meeting is in …", date="2023-12"),
        P("sworn", "date", text="He was sworn in.", date="2021-05"),
        P("rain", "date", text="It rained for a week.", date="2021-07"),
        P("said", "choice", text="He knew it.", speaker="zakharova", options=["zakharova", "peskov"]),
        P("line", "order", text="x", items=["sworn", "rain", "meet"]),
    )
    unclear = [m for m in messages if ": unclear: " in m]
    assert {m.split(":")[0] for m in unclear} == {"probes/meet/probe", "probes/sworn/probe"}, unclear
    assert any('"He was sworn in." opens with "He"' in m for m in unclear)
    # "It rained" needs no one; a quote's "He" is the speaker's; another fact's item is
    # that fact's to fix (the timeline "line" shows "He was sworn in." but is not flagged).


def test_a_text_that_opens_mid_sentence_is_unclear(lint: Lint) -> None:
    messages = lint(
        P(
            "half",
            "choice",
            text="and then the roof fell in.",
            speaker="zakharova",
            options=["zakharova", "peskov"],
        ),
        P("late", "date", text="but the ferry sailed …", date="2022-03"),
        P("whole", "choice", text="And so it ends.", speaker="peskov", options=["zakharova", "peskov"]),
        P("sand", "date", text="sandbags were piled up by …", date="2022-04"),
    )
    unclear = [m for m in messages if ": unclear: " in m]
    assert {m.split(":")[0] for m in unclear} == {"probes/half/probe", "probes/late/probe"}, unclear
    assert any('"and then the roof fell in." opens with "and"' in m for m in unclear)


def test_a_text_opening_with_a_definite_description_that_names_nothing_is_unclear(lint: Lint) -> None:
    """ "The company expects …" shown alone does not say which company; a text that names
    someone after its "The", a month only, or a speaker's own words are left alone."""
    messages = lint(
        P(
            "firm",
            "date",
            text="The firm expects profits of 9 pence by …",
            date="2031-06",
        ),
        P("cup", "number", text="The cup final drew … fans in May.", value=900, unit="fans"),
        P("named", "date", text="The ferry to Kell sailed on …", date="2030-02"),
        P("aged", "date", text="The 40-year-old resigned on …", date="2030-03"),
        P("age", "number", text="The …-year-old resigned.", value=40, unit="years (age)"),
        P(
            "quote",
            "choice",
            text="The board let us down.",
            speaker="zakharova",
            options=["zakharova", "peskov"],
        ),
        P("line", "order", text="x", items=["cup", "named"]),
    )
    unclear = [m for m in messages if ": unclear: " in m]
    assert {m.split(":")[0] for m in unclear} == {
        "probes/firm/probe",
        "probes/cup/probe",
        "probes/aged/probe",
        "probes/age/probe",
    }, unclear
    assert any('"The cup final drew … fans in May." opens with "The" and names nothing' in m for m in unclear)
