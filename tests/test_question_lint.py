"""The question lint (:mod:`quizlib.questionlint.lint`): answers given away, timelines that do
not order, duplicates, the report's shape, third-party types, and properties.

The decks are written here and the questions come from the test-only ``probe`` type
(``lint_probe.py``), whose prompts are spelled out in the deck, so these tests hold
whatever the built-in templates say.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lint_helpers import Lint, P, kinds, linter, probe_host, write_probes

from quizlib import load_deck
from quizlib.questionlint.lint import lint_questions
from quizlib.study.questions import generate_questions


@pytest.fixture
def lint(tmp_path: Path) -> Lint:
    return linter(tmp_path)


# --- answer given away -------------------------------------------------------------------


def test_hint_example_graded_as_the_answer(lint: Lint) -> None:
    messages = lint(
        P("d", "date", text="The center opened.", date="2020-11", hint="a date, e.g. 10 November 2020"),
        P("n", "number", text="How many troops?", value=2000, unit="troops", hint="e.g. 2,000 or 2k"),
    )
    assert 'probes/d/probe: answer in hint: the example "10 November 2020" is the answer' in messages
    assert any(m.startswith('probes/n/probe: answer in hint: the example "2,000"') for m in messages)


def test_hint_example_that_is_not_the_answer_is_fair(lint: Lint) -> None:
    messages = lint(
        P("d", "date", text="The center opened.", date="2020-11", hint="a date, e.g. 1 March 1999"),
        P("n", "number", text="How many troops?", value=60, unit="troops", hint="e.g. 2,000 or 2k"),
        P("o", "order", text="x", items=["d", "d2", "d3"], hint="e.g. 2 3 1"),
        P("d2", "date", text="A later thing.", date="2021", hint="a year"),
        P("d3", "date", text="An early thing.", date="1990", hint="a year"),
    )
    assert "answer in hint" not in kinds(messages)


def test_answer_in_question_text(lint: Lint) -> None:
    messages = lint(
        P(
            "parties",
            "multi",
            text="A joint monitoring center.",
            ask="Who were the parties to the joint Turkish-Russian monitoring center?",
            options=["russia", "turkey", "armenia", "pashinyan"],
            parties=["russia", "turkey"],
        ),
        P("when", "date", text="x", ask="When was the November 2020 ceasefire signed?", date="2020-11-10"),
        P("many", "number", text="x", ask="How many of the 60 servicemen left?", value=60, unit="servicemen"),
        P(
            "day",
            "date",
            text="x",
            ask="When was the vote called for Thursday 4 July held?",
            date="2024-07-04",
        ),
    )
    assert (
        'probes/parties/probe: answer in question: "turkish" in the question names the answer "Turkey"'
        in (messages)
    )
    assert any('"russian" in the question names the answer "Russia"' in m for m in messages)
    assert any(
        m.startswith('probes/when/probe: answer in question: the question names "November 2020"')
        for m in messages
    )
    assert any(m.startswith("probes/many/probe: answer in question") for m in messages)
    # The day and month without the year leave only the year to know.
    assert any(
        m.startswith('probes/day/probe: answer in question: the question names "4 July"') for m in messages
    )


def test_question_without_its_answer_is_fair(lint: Lint) -> None:
    messages = lint(
        P(
            "parties",
            "multi",
            text="A joint monitoring center.",
            ask="Who were the parties to the joint monitoring center in Aghdam?",
            options=["russia", "turkey", "armenia", "pashinyan"],
            parties=["russia", "turkey"],
        ),
        P("when", "date", text="x", ask="When was the ceasefire of 2021 signed?", date="2020-11-10"),
        P("day", "date", text="x", ask="When was the 4 July vote of 2023 called?", date="2024-05-22"),
        P(
            "many",
            "number",
            text="x",
            ask="How many servicemen staffed it in 60 days?",
            value=60,
            unit="troops",
        ),
    )
    assert "answer in question" not in kinds(messages)


def test_a_decimal_number_is_one_number(lint: Lint) -> None:
    """ "1.5k" holds no "5k", "$2.75" no 2, and "4.2 million" is 4,200,000 (not 4 and 2 million)."""
    messages = lint(
        P("n", "number", text="How many walkers?", value=5000, unit="walkers", hint="e.g. 1,500 or 1.5k"),
        P("fare", "number", text="x", ask="Bus fares rise from … to $3.40 a ride.", value=3, unit="dollars"),
        P(
            "rate",
            "number",
            text="x",
            ask="Tax income grew 3.5%; how many parks shut?",
            value=3,
            unit="parks",
        ),
        P("big", "number", text="x", ask="How many farms were there?", value=4_200_000, unit="farms"),
        P(
            "other",
            "number",
            text="x",
            ask="Records name 4.2 million farms; how many closed?",
            value=9,
            unit="farms",
        ),
    )
    assert "answer in hint" not in kinds(messages), messages
    assert not any(m.startswith(("probes/fare/", "probes/rate/")) for m in messages), messages
    assert any(m.startswith("probes/big/probe: answer shown elsewhere") for m in messages), messages


@pytest.mark.parametrize(
    ("texts", "flagged"),
    [(["In 2019 a", "In 2021 b", "In May 2020 c"], True), (["In 2019 a", "b", "c"], False)],
)
def test_timeline_items_that_carry_their_dates(lint: Lint, texts: list[str], flagged: bool) -> None:
    messages = lint(
        P("a", "date", text=texts[0], ask="When did a happen?", date="2019"),
        P("b", "date", text=texts[1], ask="When did b happen?", date="2021"),
        P("c", "date", text=texts[2], ask="When did c happen?", date="2020-05"),
        P("line", "order", text="x", items=["a", "b", "c"]),
    )
    found = any(m.startswith("probes/line/probe: answer in question: the items' own dates") for m in messages)
    assert found is flagged


def test_answer_shown_in_a_timeline_item(lint: Lint) -> None:
    messages = lint(
        P(
            "dead",
            "number",
            text="x",
            ask="How many servicemen died in the downing?",
            value=2,
            unit="servicemen",
        ),
        P("heli", "date", text="A helicopter was shot down, killing two servicemen.", date="2020-11"),
        P("war", "date", text="The war began.", date="2020-09-27"),
        P("deal", "date", text="The deal was signed.", date="2021-01"),
        P("line", "order", text="x", items=["heli", "war", "deal"]),
    )
    assert any(
        m.startswith('probes/dead/probe: answer shown elsewhere: "shot down killing two servicemen"')
        and "items of probes/line/probe" in m
        for m in messages
    )


def test_date_shown_in_a_timeline_item_beside_the_same_subject(lint: Lint) -> None:
    messages = lint(
        P("war", "date", text="x", ask="When was the Karabakh war fought?", date="2020"),
        P("truce", "date", text="A truce ended the 2020 Karabakh war.", date="2020-11-10"),
        P("road", "date", text="The road was blocked.", date="2022-12"),
        P("exodus", "date", text="The people left.", date="2023-09"),
        P("line", "order", text="x", items=["truce", "road", "exodus"]),
    )
    assert any(
        m.startswith('probes/war/probe: answer shown elsewhere: "2020" is shown in the items of probes/line')
        for m in messages
    )
    # The road's year is nowhere near words of its own question ("The road …" naming nothing
    # is another flaw, 'unclear').
    assert not any(
        m.startswith(("probes/road/", "probes/exodus/")) and ": unclear: " not in m for m in messages
    )


def test_answer_shown_in_another_question(lint: Lint) -> None:
    messages = lint(
        P(
            "dead",
            "number",
            text="x",
            ask="How many servicemen died in the downing?",
            value=2,
            unit="servicemen",
        ),
        P("who", "name", text="The downing that killed two servicemen was a mistake.", speaker="zakharova"),
        P("when", "date", text="The convoy was attacked near the bridge.", date="2023-09-20"),
        P("toll", "number", text="x", ask="How many died in the September 20, 2023 convoy attack?", value=5),
        P("else", "date", text="The talks resumed in Geneva.", date="2023-09-21"),
    )
    assert any(
        m.startswith('probes/dead/probe: answer shown elsewhere: "downing that killed two servicemen')
        and "the question of probes/who/probe" in m
        for m in messages
    )
    assert any(
        m.startswith('probes/when/probe: answer shown elsewhere: "September 20, 2023"') for m in messages
    )
    assert not any(m.startswith("probes/else/") for m in messages)  # same month, nothing in common


def test_other_numbers_in_timeline_items_are_fair(lint: Lint) -> None:
    messages = lint(
        P(
            "dead",
            "number",
            text="x",
            ask="How many servicemen died in the downing?",
            value=2,
            unit="servicemen",
        ),
        P("heli", "date", text="A helicopter was shot down over two villages.", date="2020-11"),
        P("war", "date", text="The war killed three servicemen.", date="2020-09-27"),
        P("deal", "date", text="The deal was signed.", date="2021-01"),
        P("line", "order", text="x", items=["heli", "war", "deal"]),
    )
    assert "answer shown elsewhere" not in kinds(messages)


# --- unanswerable: timelines -----------------------------------------------------------


def test_timeline_items_that_do_not_order(lint: Lint) -> None:
    messages = lint(
        P("a", "date", text="The month event.", date="2020-11"),
        P("b", "date", text="The day event.", date="2020-11-10"),
        P("c", "date", text="The late event.", date="2021-05"),
        P("d", "date", text="The early event.", date="2019"),
        P("bad", "order", text="x", items=["a", "b", "c"]),
        P("good", "order", text="x", items=["b", "c", "d"]),
    )
    assert any(
        m.startswith("probes/bad/probe: unanswerable: items 1 and 2 cannot be put in order") for m in messages
    )
    assert not any(m.startswith("probes/good/") for m in messages)


# --- duplicates -------------------------------------------------------------------------


def test_two_questions_asking_the_same(lint: Lint) -> None:
    messages = lint(
        P(
            "term",
            "number",
            text="x",
            ask="Under the monitoring deal, how many servicemen staffed the joint center?",
            value=60,
            unit="servicemen",
        ),
        P(
            "fig",
            "number",
            text="x",
            ask="How many servicemen staffed the joint monitoring center?",
            value=60,
            unit="servicemen",
        ),
    )
    assert any(
        m.startswith("probes/fig/probe: duplicate: asks the same as probes/term/probe") for m in messages
    )


def test_unrelated_events_of_one_day_are_not_duplicates(lint: Lint) -> None:
    messages = lint(
        P("a", "date", text="Azerbaijan launched an offensive in the region.", date="2023-09-19"),
        P("b", "date", text="Peacekeepers evacuated civilians from the villages.", date="2023-09-19"),
        P("c", "number", text="x", ask="How many tanks were destroyed?", value=60, unit="tanks"),
        P(
            "d",
            "number",
            text="x",
            ask="How many days did the blockade of the road last?",
            value=60,
            unit="days",
        ),
    )
    assert "duplicate" not in kinds(messages)


def test_template_words_do_not_make_duplicates(lint: Lint) -> None:
    accords = ["Aghdam", "Lachin", "Shusha", "Goris", "Kapan", "Tavush"]
    messages = lint(
        *(
            P(
                name.lower(),
                "multi",
                text="x",
                ask=f"Who were the parties to the {name} accord?",
                options=["russia", "armenia", "turkey"],
                parties=["russia", "armenia"],
            )
            for name in accords
        )
    )
    assert "duplicate" not in kinds(messages)


# --- properties -------------------------------------------------------------------------

_word = st.sampled_from(
    ["troops", "peace", "ceasefire", "Russia", "Armenia", "two", "60", "2020", "war", "killed"]
)
_text = st.lists(_word, min_size=1, max_size=8).map(" ".join)
_entry = st.one_of(
    st.builds(
        lambda t, d: {"kind": "date", "text": t, "date": d},
        _text,
        st.sampled_from(["2020", "2020-11", "2020-11-10", "2023-09-19"]),
    ),
    st.builds(
        lambda t, v: {"kind": "number", "text": t, "value": v, "unit": "troops"}, _text, st.integers(0, 3000)
    ),
    st.builds(lambda t: {"kind": "text", "text": t, "answer": "Russia"}, _text),
    st.builds(
        lambda t, o: {"kind": "choice", "text": t, "speaker": o[0], "options": o},
        _text,
        st.permutations(["russia", "turkey", "kremlin", "pashinyan", "kovgan"]).map(lambda p: p[:3]),
    ),
    st.builds(lambda t: {"kind": "name", "text": t, "speaker": "grigoryan"}, _text),
)


def _with_timeline(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = [{"id": f"f{i}", **e} for i, e in enumerate(entries)]
    dated = [e["id"] for e in out if e["kind"] == "date"]
    if len(dated) >= 3:
        out.append(P("line", "order", text="x", items=dated[:4]))
    return out


@settings(max_examples=40)
@given(st.lists(_entry, min_size=1, max_size=8))
def test_lint_never_raises_on_random_decks(
    tmp_path_factory: pytest.TempPathFactory, entries: list[dict[str, Any]]
) -> None:
    host = probe_host()
    path = write_probes(tmp_path_factory.mktemp("d"), _with_timeline(entries))
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    questions = generate_questions(deck, host, random.Random(0)).questions
    for problem in lint_questions(deck, questions, host):
        assert problem.message.split(": ")[0] in {q.id for q in questions}


@settings(max_examples=40)
@given(
    st.one_of(
        st.builds(
            lambda d: {"kind": "date", "date": d},
            st.sampled_from(["1999", "2020-11", "2023-09-19", "2024-02-29"]),
        ),
        st.builds(lambda v: {"kind": "number", "value": v, "unit": "troops"}, st.integers(0, 10**6)),
        st.builds(
            lambda a: {"kind": "text", "answer": a},
            st.sampled_from(["Stepanakert", "Lachin corridor", "Aghdam"]),
        ),
    ),
    st.sampled_from(["e.g. {}", "for example {}", "such as {}", "{}"]),
)
def test_a_hint_holding_the_answer_is_always_flagged(
    tmp_path_factory: pytest.TempPathFactory, entry: dict[str, Any], template: str
) -> None:
    host = probe_host()
    answer = {
        "date": lambda: entry["date"],
        "number": lambda: f"{entry['value']:,}",
        "text": lambda: entry["answer"],
    }
    hint = template.format(answer[entry["kind"]]())
    path = write_probes(
        tmp_path_factory.mktemp("d"), [{"id": "f", **entry, "text": "What is it?", "hint": hint}]
    )
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    questions = generate_questions(deck, host, random.Random(0)).questions
    assert any(": answer in hint: " in p.message for p in lint_questions(deck, questions, host))
