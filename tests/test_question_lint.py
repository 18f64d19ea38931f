"""The question lint: each flaw kind is found, fair questions are left alone.

The decks are written here and the questions come from the test-only ``probe`` type
(``lint_probe.py``), whose prompts are spelled out in the deck, so these tests hold
whatever the built-in templates say.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lint_probe
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizlib import Answer, Deck, Question, get_plugin_manager, hookimpl, load_deck
from quizlib.plugins import PluginHost
from quizlib.question_lint import find_flaws, lint_questions
from quizlib.questions import generate_questions

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


@pytest.fixture
def probe_host() -> PluginHost:
    return get_plugin_manager(builtins=False, entry_points=False, extra={"probe": lint_probe})


Lint = Callable[..., list[str]]


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


@pytest.fixture
def lint(probe_host: PluginHost, tmp_path: Path) -> Lint:
    """Lint a deck of the given probes; returns the flaw messages."""

    def run(*entries: dict[str, Any]) -> list[str]:
        return flaws(probe_host, write_probes(tmp_path, list(entries)))

    return run


def kinds(messages: list[str]) -> set[str]:
    return {m.split(": ")[1] for m in messages}


# --- answer given away -------------------------------------------------------------------


def test_hint_example_graded_as_the_answer(lint: Lint) -> None:
    messages = lint(
        P("d", "date", text="The center opened.", date="2020-11", hint="a date, e.g. 10 November 2020"),
        P("n", "number", text="How many troops?", value=2000, unit="troops", hint="e.g. 2,000 or 2k"),
    )
    assert "probes/d/probe: answer in hint: the example '10 November 2020' is the answer" in messages
    assert any(m.startswith("probes/n/probe: answer in hint: the example '2,000'") for m in messages)


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
    )
    assert (
        "probes/parties/probe: answer in question: 'turkish' in the question names the answer 'Turkey'"
        in (messages)
    )
    assert any("'russian' in the question names the answer 'Russia'" in m for m in messages)
    assert any(
        m.startswith("probes/when/probe: answer in question: the question names 'November 2020'")
        for m in messages
    )
    assert any(m.startswith("probes/many/probe: answer in question") for m in messages)


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
        m.startswith("probes/dead/probe: answer shown elsewhere: 'shot down killing two servicemen'")
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
        m.startswith("probes/war/probe: answer shown elsewhere: '2020' is shown in the items of probes/line")
        for m in messages
    )
    # The road's year is nowhere near words of its own question.
    assert not any(m.startswith(("probes/road/", "probes/exodus/")) for m in messages)


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
        m.startswith("probes/dead/probe: answer shown elsewhere: 'downing that killed two servicemen")
        and "the question of probes/who/probe" in m
        for m in messages
    )
    assert any(
        m.startswith("probes/when/probe: answer shown elsewhere: 'September 20, 2023'") for m in messages
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
        "Armen Grigoryan is also quoted saying 'ethnic cleansing' (probes/g)" in messages
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
        m.startswith("probes/a/probe: more than one right answer: the distractor 'the Kremlin'")
        for m in messages
    )
    assert any(
        m.startswith(
            "probes/b/probe: more than one right answer: "
            "the distractor 'Armenian Ministry of Foreign Affairs'"
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
        m.startswith("probes/c/probe: more than one right answer: the distractor 'Russia'") for m in messages
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


# --- unanswerable -----------------------------------------------------------------------


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
        m.startswith("probes/bare/probe: unanswerable: the quote 'certain problems' has 2 words")
        for m in messages
    )
    assert not any(m.startswith(("probes/framed/", "probes/long/")) and "unanswerable" in m for m in messages)


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
            "'Nikol Pashinyan' is a person, the answer an institution"
        )
        for m in messages
    )
    assert any(
        m.startswith("probes/who/probe: implausible distractor: 'Ivan Kovgan' is never quoted in the deck")
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
    assert "probes/kind/probe: implausible distractor: 'soon' is text; the answer is a date" in messages
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


# --- shape of the report, other question types ------------------------------------------


def test_problems_are_located_at_the_fact(probe_host: PluginHost, tmp_path: Path) -> None:
    path = write_probes(tmp_path, [P("d", "date", text="x", date="2020", hint="e.g. 2020")])
    deck = load_deck(path, sections=probe_host.sections, cache_dir=None)
    questions = generate_questions(deck, probe_host, random.Random(0)).questions
    (problem,) = lint_questions(deck, questions, probe_host)
    line = HEAD.count("\n") + 1
    message = "probes/d/probe: answer in hint: the example '2020' is the answer"
    assert str(problem) == f"{path}:{line}:1: {message}"


class Stated:
    """A type that states its answer, with plain forms the prompt must not contain."""

    name = "stated"
    section = "probes"
    description = "states its answer"

    def generate(self, fact: Any, deck: Deck, rng: random.Random) -> list[Question]:
        from quizlib import Prompt, PromptKind, question_id

        prompt = Prompt(PromptKind.TEXT, str(fact.get("ask") or fact.get("text")))
        return [Question(question_id(fact, self.name), self.name, fact, prompt)]

    def grade(self, question: Question, response: Any) -> Any:
        raise AssertionError("the lint asks answer() instead of grading")

    def answer(self, question: Question) -> Answer:
        return Answer(
            str(question.fact.get("answer")), values=(str(question.fact.get("answer")), "Stepanakert")
        )


class StatedPlugin:
    @hookimpl
    def register_question_types(self, register: Any) -> None:
        register(Stated())


def test_a_type_that_states_its_answer(tmp_path: Path) -> None:
    host = get_plugin_manager(
        builtins=False, entry_points=False, extra={"probe": lint_probe, "s": StatedPlugin()}
    )
    ask = "Which city is Stepanakert also called?"
    path = write_probes(tmp_path, [P("c", "text", text="x", ask=ask, answer="Khankendi")])
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    questions = generate_questions(deck, host, random.Random(0)).questions
    messages = [f.message for f in find_flaws(deck, questions, host)]
    assert "probes/c/stated: answer in question: the question contains the answer 'Stepanakert'" in messages


class StatedHint(Stated):
    """A type whose grading cannot read its hint, but whose answer lists its plain forms."""

    name = "stated_hint"

    def generate(self, fact: Any, deck: Deck, rng: random.Random) -> list[Question]:
        from quizlib import Prompt, PromptKind, question_id

        prompt = Prompt(PromptKind.TEXT, "Which city?", hint=str(fact.get("hint", "")))
        return [Question(question_id(fact, self.name), self.name, fact, prompt)]


class StatedHintPlugin:
    @hookimpl
    def register_question_types(self, register: Any) -> None:
        register(StatedHint())


@pytest.mark.parametrize(
    ("hint", "flagged"), [("a city, e.g. Stepanakert", True), ("a city, e.g. Goris", False)]
)
def test_a_hint_holding_a_stated_answer_form(tmp_path: Path, hint: str, flagged: bool) -> None:
    extra = {"probe": lint_probe, "s": StatedHintPlugin()}
    host = get_plugin_manager(builtins=False, entry_points=False, extra=extra)
    path = write_probes(tmp_path, [P("c", "text", text="x", answer="Khankendi", hint=hint)])
    messages = flaws(host, path)
    found = "probes/c/stated_hint: answer in hint: the hint contains the answer 'Stepanakert'" in messages
    assert found is flagged


class Broken(Stated):
    """A third-party type whose every method fails: the lint reports nothing and goes on."""

    name = "broken"

    def grade(self, question: Question, response: Any) -> Any:
        raise RuntimeError("grading is broken")

    def answer(self, question: Question) -> Answer:
        raise RuntimeError("answer is broken")


class BrokenPlugin:
    @hookimpl
    def register_question_types(self, register: Any) -> None:
        register(Broken())


def test_a_broken_type_does_not_stop_the_lint(tmp_path: Path) -> None:
    extra = {"probe": lint_probe, "b": BrokenPlugin()}
    host = get_plugin_manager(builtins=False, entry_points=False, extra=extra)
    path = write_probes(tmp_path, [P("d", "date", text="x", date="2020", hint="e.g. 2020")])
    messages = flaws(host, path)
    assert messages == ["probes/d/probe: answer in hint: the example '2020' is the answer"]


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
    host = get_plugin_manager(builtins=False, entry_points=False, extra={"probe": lint_probe})
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
    host = get_plugin_manager(builtins=False, entry_points=False, extra={"probe": lint_probe})
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
