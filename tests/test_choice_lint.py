"""The question lint's checks of choices and speakers (:mod:`quizlib.questionlint.choices`): each flaw
is found, fair questions are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_helpers import Lint, P, kinds, linter


@pytest.fixture
def lint(tmp_path: Path) -> Lint:
    return linter(tmp_path)


# --- more than one right answer ----------------------------------------------------------


def test_distractor_quoted_with_the_same_words(lint: Lint) -> None:
    messages = lint(
        P(
            "p",
            "choice",
            text="ethnic cleansing",
            speaker="pashinyan",
            ask="Who warned of “ethnic cleansing” in September 2023 as people fled?",
            options=["pashinyan", "grigoryan", "zakharova", "peskov"],
        ),
        P("g", "name", text="From September 19, ethnic cleansing started in NK.", speaker="grigoryan"),
        P("z", "name", text="We deny the claims that were made at the briefing.", speaker="zakharova"),
        P("k", "name", text="The talks will go on as planned in Moscow next week.", speaker="peskov"),
    )
    assert (
        "probes/p/probe: more than one right answer: "
        'Armen Grigoryan is also quoted saying "ethnic cleansing" (probes/g)' in messages
    )
    # The long quote still points to its own speaker.
    assert not any(m.startswith("probes/g/probe: more than one") for m in messages)


def test_distractor_that_is_part_of_the_answer(lint: Lint) -> None:
    messages = lint(
        P(
            "a",
            "multi",
            text="x",
            ask="Who signed the ceasefire?",
            options=["russia", "kremlin", "armenia", "turkey"],
            parties=["russia", "armenia"],
        ),
        P(
            "b",
            "choice",
            text="We condemn this aggression against our people.",
            speaker="armenia",
            ask="Which state said: “We condemn this aggression against our people”?",
            options=["armenia", "mfa", "turkey", "russia"],
        ),
    )
    assert any(
        m.startswith('probes/a/probe: more than one right answer: the distractor "the Kremlin"')
        for m in messages
    )
    assert any(
        m.startswith(
            "probes/b/probe: more than one right answer: "
            'the distractor "Armenian Ministry of Foreign Affairs"'
        )
        for m in messages
    )


def test_distractor_whose_name_holds_the_answer(lint: Lint) -> None:
    # No organisation links them: the names alone tell that one is part of the other.
    messages = lint(
        P(
            "c",
            "choice",
            text="We will protect the civilians of the region at any cost.",
            speaker="contingent",
            options=["contingent", "russia", "turkey"],
        ),
        P("r", "name", text="Russia keeps its word and will stay to the end of the term.", speaker="russia"),
        P("t", "name", text="Turkey stands with its brothers in every hard hour.", speaker="turkey"),
    )
    assert any(
        m.startswith('probes/c/probe: more than one right answer: the distractor "Russia"') for m in messages
    )


def test_a_person_named_like_a_state_is_not_part_of_it(lint: Lint) -> None:
    messages = lint(
        P(
            "a",
            "multi",
            text="x",
            ask="Who were the parties to the talks in Geneva?",
            options=["armenia", "grigoryan", "turkey"],
            parties=["armenia", "turkey"],
        ),
        P("g", "name", text="x", ask="Who is the secretary of the council in Yerevan?", speaker="armenia"),
    )
    assert "more than one right answer" not in kinds(messages)
    assert "answer in question" not in kinds(messages)


def test_unrelated_distractors_are_fair(lint: Lint) -> None:
    messages = lint(
        P(
            "a",
            "multi",
            text="x",
            ask="Who signed the ceasefire?",
            options=["russia", "turkey", "armenia"],
            parties=["russia", "armenia"],
        ),
        P(
            "p",
            "choice",
            text="The security situation in the region is getting worse every day.",
            speaker="pashinyan",
            options=["pashinyan", "grigoryan", "zakharova"],
        ),
        P("g", "name", text="From September 19, ethnic cleansing started in NK.", speaker="grigoryan"),
        P("z", "name", text="We deny the claims that were made at the briefing.", speaker="zakharova"),
    )
    assert "more than one right answer" not in kinds(messages)


# --- unanswerable: short quotes ---------------------------------------------------------


def test_short_quote_without_context(lint: Lint) -> None:
    messages = lint(
        P("bare", "name", text="certain problems", speaker="grigoryan"),
        P(
            "framed",
            "name",
            text="certain problems",
            speaker="grigoryan",
            ask="Which Armenian security official said the Russia-led alliance posed “certain problems”?",
        ),
        P(
            "long",
            "name",
            text="Since 2020 there were three large attacks without any help.",
            speaker="grigoryan",
        ),
    )
    assert any(
        m.startswith('probes/bare/probe: unanswerable: the quote "certain problems" has 2 words')
        for m in messages
    )
    assert not any(m.startswith(("probes/framed/", "probes/long/")) and "unanswerable" in m for m in messages)


def test_a_short_quote_is_counted_in_written_words(lint: Lint) -> None:
    """ "That's what we'd hoped." is four words, not the six its contractions split into."""
    messages = lint(P("bare", "name", text="That's what we'd hoped.", speaker="grigoryan"))
    assert any(
        m.startswith("probes/bare/probe: unanswerable: the quote \"That's what we'd hoped.\" has 4 words")
        for m in messages
    ), messages


# --- implausible distractors ------------------------------------------------------------


def test_implausible_distractors(lint: Lint) -> None:
    messages = lint(
        P(
            "inst",
            "choice",
            text="We will respond to any provocation with force.",
            speaker="russia",
            options=["russia", "pashinyan", "turkey"],
        ),
        P(
            "who",
            "choice",
            text="No one has the right to insult the peacekeepers.",
            speaker="zakharova",
            options=["zakharova", "kovgan", "peskov"],
        ),
        P("t", "name", text="Turkey stands with its brothers in every hard hour.", speaker="turkey"),
        P("p", "name", text="The peacekeepers failed to protect our people in the end.", speaker="peskov"),
    )
    assert any(
        m.startswith(
            "probes/inst/probe: implausible distractor: "
            '"Nikol Pashinyan" is a person, the answer an institution'
        )
        for m in messages
    )
    assert any(
        m.startswith('probes/who/probe: implausible distractor: "Ivan Kovgan" is never quoted in the deck')
        and "no fitting actor" in m
        for m in messages
    )


def test_plausible_distractors_are_fair(lint: Lint) -> None:
    messages = lint(
        P(
            "who",
            "choice",
            text="No one has the right to insult the peacekeepers.",
            speaker="zakharova",
            options=["zakharova", "peskov", "pashinyan"],
        ),
        P("p", "name", text="The peacekeepers failed to protect our people in the end.", speaker="peskov"),
        P("q", "name", text="Armenia will rethink its membership of the alliance soon.", speaker="pashinyan"),
    )
    assert "implausible distractor" not in kinds(messages)


def test_text_choices_of_another_kind_or_a_key_that_stands_out(lint: Lint) -> None:
    messages = lint(
        P(
            "kind",
            "pick",
            text="When did the war start?",
            choices=["27 September 2020", "soon", "2019"],
            right=[0],
        ),
        P(
            "long",
            "pick",
            text="What did the spokesman say of the troops?",
            choices=[
                "They had not supported peace and stability in the region at all",
                "They left",
                "They won",
            ],
            right=[0],
        ),
    )
    assert 'probes/kind/probe: implausible distractor: "soon" is text; the answer is a date' in messages
    assert any(
        m.startswith("probes/long/probe: implausible distractor: the answer stands out") for m in messages
    )


def test_alike_text_choices_are_fair(lint: Lint) -> None:
    messages = lint(
        P(
            "kind",
            "pick",
            text="When did the war start?",
            choices=["27 September 2020", "1 May 2019", "2021"],
            right=[0],
        ),
        P(
            "long",
            "pick",
            text="What did the spokesman say of the troops?",
            choices=["They had not kept the peace", "They should stay until 2030", "They had won the war"],
            right=[0],
        ),
    )
    assert "implausible distractor" not in kinds(messages)
