"""The built-in question types: contract, grading rules, properties."""

from __future__ import annotations

import ast
import functools
import math
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizlib import (
    Actor,
    AnswerError,
    Deck,
    Fact,
    Field,
    FieldKind,
    Grade,
    PartialDate,
    Prompt,
    PromptKind,
    Question,
    Response,
    Section,
    get_plugin_manager,
    grade_date,
    hookimpl,
    load_deck,
    match_name,
    parse_date_answer,
    parse_number,
    question_id,
)
from quizlib.grading.answers import parse_answer
from quizlib.grading.numbers import grade_number
from quizlib.study.questions import generate_questions

BUNDLED = Path(__file__).parent.parent / "decks" / "karabakh.yaml"


class TrueFalse:
    name = "truefalse"
    section = "claims"
    description = "true or false"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> list[Question]:
        prompt = Prompt(PromptKind.CHOICE, str(fact.get("text")), choices=("true", "false"))
        key = {"answer": 0 if fact.get("true") else 1}
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Any) -> Grade:
        if response not in (0, 1):
            raise AnswerError("1 or 2")
        return Grade(float(response == question.key["answer"]), ("true", "false")[question.key["answer"]])


class TrueFalsePlugin:
    @hookimpl
    def register_sections(self, register: Any) -> None:
        register(Section("claims", {"text": Field(FieldKind.STR, True), "true": Field(FieldKind.BOOL, True)}))

    @hookimpl
    def register_question_types(self, register: Any) -> None:
        register(TrueFalse())


def sample_answer(q: Question, rng: random.Random) -> str:
    """A syntactically valid typed answer for any prompt kind."""
    p = q.prompt
    if p.kind is PromptKind.ORDER:
        order = list(range(1, len(p.items) + 1))
        rng.shuffle(order)
        return " ".join(map(str, order))
    if p.kind in (PromptKind.CHOICE, PromptKind.MULTI):
        return str(rng.randint(1, len(p.choices)))
    if p.kind is PromptKind.NUMBER:
        return str(rng.choice(["2,000", "two thousand", "5", "1.5 million"]))
    if p.kind is PromptKind.DATE:
        return "19 September 2023"
    return "Zakharova"


def test_every_question_type_through_the_contract(tmp_path: Path) -> None:
    """generate → prompt → parse_answer → grade for every registered type, built-in and test plugin."""
    host = get_plugin_manager(entry_points=False, extra={"truefalse": TrueFalsePlugin()})
    text = BUNDLED.read_text() + "\nclaims:\n  - {id: c1, text: The sky is green., true: false}\n"
    path = tmp_path / "deck.yaml"
    path.write_text(text)
    deck = load_deck(path, sections=host.sections, cache_dir=None)
    rng = random.Random(3)
    generated = generate_questions(deck, host, rng)
    assert not generated.errors
    seen = {q.type for q in generated.questions}
    assert seen == set(host.question_types), set(host.question_types) - seen
    for q in generated.questions:
        assert q.id.startswith(q.sibling_key + "/")
        grade = host.question_types[q.type].grade(q, parse_answer(q.prompt, sample_answer(q, rng)))
        assert 0.0 <= grade.score <= 1.0 and grade.correct_answer


def test_generation_is_deterministic_for_a_seed() -> None:
    host = get_plugin_manager(entry_points=False)
    deck = load_deck(BUNDLED, sections=host.sections, cache_dir=None)
    a = generate_questions(deck, host, random.Random(11)).questions
    b = generate_questions(deck, host, random.Random(11)).questions
    assert a == b


def test_plugins_import_only_the_public_api() -> None:
    for path in (Path(__file__).parent.parent / "plugins").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("quizlib"):
                assert node.module == "quizlib", f"{path.name} imports {node.module}"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("quizlib.") for a in node.names), path.name


# -- timeline ------------------------------------------------------------------------------
def timeline_question(dates: list[str]) -> tuple[Any, Question]:
    host = get_plugin_manager(entry_points=False)
    facts = tuple(Fact("events", f"e{i}", {"date": d, "text": f"event {i}"}) for i, d in enumerate(dates))
    deck = Deck("t", "T", settings={"timeline_k": len(dates) - 1}, sections={"events": facts})
    qt = host.question_types["timeline"]
    (q,) = qt.generate(facts[0], deck, random.Random(0))
    return qt, q


distinct_dates = st.lists(st.dates(), min_size=3, max_size=7, unique=True).map(
    lambda ds: [d.isoformat() for d in ds]
)


@settings(max_examples=60, deadline=None)
@given(distinct_dates)
def test_ordering_perfect_reversed_and_bounds(dates: list[str]) -> None:
    qt, q = timeline_question(dates)
    shown = [PartialDate.parse(d) for d in q.key["dates"]]
    correct = tuple(sorted(range(len(shown)), key=lambda i: shown[i].span()[0]))
    assert qt.grade(q, correct).score == 1.0
    assert qt.grade(q, tuple(reversed(correct))).score == 0.0
    perm = list(correct)
    random.Random(len(dates)).shuffle(perm)
    assert 0.0 <= qt.grade(q, tuple(perm)).score <= 1.0


@settings(max_examples=40, deadline=None)
@given(distinct_dates, st.randoms(use_true_random=False))
def test_ordering_invariant_to_relabelling(dates: list[str], rnd: random.Random) -> None:
    """The same answer order scores the same whatever order the items were shown in."""
    qt, q = timeline_question(dates)
    n = len(q.prompt.items)
    answer = list(range(n))
    rnd.shuffle(answer)
    relabel = list(range(n))
    rnd.shuffle(relabel)  # item i is shown at position relabel[i]
    items = [""] * n
    shown_dates = [""] * n
    for i in range(n):
        items[relabel[i]] = q.prompt.items[i]
        shown_dates[relabel[i]] = q.key["dates"][i]
    q2 = Question(
        q.id,
        q.type,
        q.fact,
        Prompt(PromptKind.ORDER, q.prompt.text, items=tuple(items)),
        key={**q.key, "dates": shown_dates},
    )
    assert qt.grade(q, tuple(answer)).score == qt.grade(q2, tuple(relabel[i] for i in answer)).score


def test_ordering_rejects_malformed_and_never_mixes_unorderable_dates() -> None:
    qt, q = timeline_question(["2020-11", "2020-11-10", "2021", "2022-05-01", "2023"])
    dates = [PartialDate.parse(d) for d in q.key["dates"]]
    assert all(a.orders_with(b) for i, a in enumerate(dates) for b in dates[i + 1 :])
    for bad in [(0, 0, 1), (0,), (5, 1, 2, 0), "1 2 3"]:
        with pytest.raises(AnswerError):
            qt.grade(q, bad)  # type: ignore[arg-type]


def test_a_timeline_never_pairs_two_events_told_in_one_sentence() -> None:
    """One sentence drafted as two events (the quake on Friday, the toll on Sunday) makes two
    items that differ only in where the gap is: together, neither can be told from the other."""
    sentence = "The quake that struck {a} killed 2,000 people {b}, as rescuers searched remote villages."
    facts = (
        Fact("events", "quake", {"date": "2023-09-08", "text": sentence.format(a="late …", b="on Sunday")}),
        Fact("events", "toll", {"date": "2023-09-10", "text": sentence.format(a="late on Friday", b="…")}),
        Fact("events", "aid", {"date": "2023-09-12", "text": "Spain sent rescue teams."}),
        Fact("events", "visit", {"date": "2023-09-15", "text": "The king visited the injured."}),
        Fact("events", "appeal", {"date": "2023-09-20", "text": "The UN appealed for funds."}),
    )
    deck = Deck("t", "T", settings={"timeline_k": 4}, sections={"events": facts})
    qt = get_plugin_manager(entry_points=False).question_types["timeline"]
    for seed in range(20):
        for fact in facts:
            for q in qt.generate(fact, deck, random.Random(seed)):
                assert not {"quake", "toll"} <= set(q.key["facts"]), q.prompt.items


def test_ordering_modes() -> None:
    from quizlib_plugins.timeline import order_score

    assert order_score([0, 2, 1, 3], "pairs") == pytest.approx(5 / 6)
    assert order_score([0, 2, 1, 3], "subsequence") == pytest.approx(3 / 4)
    assert order_score([0, 2, 1, 3], "all") == 0.0


# -- numbers -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,000", 2000),
        ("2000", 2000),
        ("2k", 2000),
        ("2 thousand", 2000),
        ("two thousand", 2000),
        ("1.5 million", 1_500_000),
        ("twenty-five", 25),
        ("nearly 2,000", 2000),
        ("an estimated 64", 64),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "lots", "two apples", "2000 troops???", "4 2 1 3"])
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(AnswerError, match="number"):
        parse_number(text)


@given(st.integers(20, 10**7), st.floats(0, 0.05))
def test_numbers_within_tolerance_accepted_both_sides(value: int, off: float) -> None:
    assert grade_number(value * (1 + off), value, "5%").score == 1.0
    assert grade_number(value * (1 - off), value, "5%").score == 1.0


def test_qualifiers_move_the_accepted_range() -> None:
    assert grade_number(1900, 2000, "5%", "nearly").score == 1.0
    assert grade_number(2150, 2000, "5%", "nearly").score < 1.0
    assert grade_number(210, 200, "5%", "over").score == 1.0
    assert grade_number(190, 200, "5%", "over").score < 1.0
    assert 0 < grade_number(2300, 2000, "10%").score < 1  # close: partial credit


@functools.cache
def bundled_questions() -> tuple[Any, tuple[Question, ...]]:
    """The bundled deck's questions and their host, built once: grading is what is fuzzed."""
    host = get_plugin_manager(entry_points=False)
    deck = load_deck(BUNDLED, sections=host.sections, cache_dir=None)
    return host, tuple(generate_questions(deck, host, random.Random(0)).questions)


def assert_valid_grade(grade: object, q: Question) -> None:
    """The contract Session.submit enforces: a Grade with a finite score from 0 to 1."""
    assert isinstance(grade, Grade), q.id
    assert math.isfinite(grade.score) and 0.0 <= grade.score <= 1.0, (q.id, grade.score)


@given(st.text(max_size=20))
def test_graders_only_raise_answer_error(text: str) -> None:
    host, questions = bundled_questions()
    for q in questions:
        try:
            response = parse_answer(q.prompt, text)
        except AnswerError:
            continue
        try:
            grade = host.question_types[q.type].grade(q, response)
        except AnswerError:
            continue
        assert_valid_grade(grade, q)


def test_every_pick_and_order_of_every_question_grades_from_0_to_1() -> None:
    host, questions = bundled_questions()
    graded = 0
    for q in questions:
        qt = host.question_types[q.type]
        n = len(q.prompt.choices or q.prompt.items)
        if q.prompt.kind is PromptKind.CHOICE:
            responses: list[Response] = list(range(n))
        elif q.prompt.kind in (PromptKind.MULTI, PromptKind.ORDER):
            responses = [tuple(range(n)), tuple(reversed(range(n)))]
            if q.prompt.kind is PromptKind.MULTI:
                responses += [(i,) for i in range(n)]
        else:
            continue
        for response in responses:
            assert_valid_grade(qt.grade(q, response), q)
            graded += 1
    assert graded > len(questions)  # the bundled deck has choices and orders to grade


# -- dates -------------------------------------------------------------------------------
def test_date_partial_credit() -> None:
    truth = PartialDate(2023, 9, 19)
    assert grade_date(parse_date_answer("19 September 2023"), truth) == 1.0
    assert grade_date(parse_date_answer("Sept 20, 2023"), truth) == 0.75
    assert grade_date(parse_date_answer("September 2023"), truth) == 0.5
    assert grade_date(parse_date_answer("2023"), truth) == 0.25
    assert grade_date(parse_date_answer("2022"), truth) == 0.0
    assert grade_date(parse_date_answer("2023-09-20"), truth, [PartialDate(2023, 9, 20)]) == 1.0
    with pytest.raises(AnswerError, match="month as a word"):
        parse_date_answer("05/06/2023")


def test_a_sentence_with_its_date_left_out_is_filled_in_not_asked_when_it_happened() -> None:
    """ "When did this happen? The final is …" asks about what has not happened; a sentence
    with a gap is asked "Fill in the date:", one that tells what happened as before."""
    facts = (
        Fact("events", "final", {"text": "The cup final is …", "date": "2031-06-02"}),
        Fact("events", "opened", {"text": "The Tarn bridge opened to traffic.", "date": "2029-04"}),
    )
    deck = Deck("t", "T", sections={"events": facts})
    qt = get_plugin_manager(entry_points=False).question_types["date_recall"]
    final, opened = (qt.generate(f, deck, random.Random(0))[0] for f in facts)
    assert final.prompt.text == "Fill in the date: The cup final is …"
    assert opened.prompt.text == "When did this happen? The Tarn bridge opened to traffic."
    assert qt.grade(final, "2 June 2031").score == 1.0


def test_the_feedback_on_a_gapped_date_gives_the_sentence_in_full_not_the_gap() -> None:
    """After a wrong answer to "Fill in the date: The ferry was withdrawn in …", the learner
    reads the sentence with the date where the gap was, never the gap again; a text without
    a gap, or with two, follows its date."""
    facts = (
        Fact("events", "ferry", {"text": "The Kell ferry was withdrawn in … in gales.", "date": "2029-04"}),
        Fact("events", "opened", {"text": "The Tarn bridge opened to traffic.", "date": "2029-04-03"}),
        Fact("events", "two", {"text": "Born in …, she moved in … to Rask.", "date": "1931"}),
    )
    deck = Deck("t", "T", sections={"events": facts})
    qt = get_plugin_manager(entry_points=False).question_types["date_recall"]
    ferry, opened, two = (qt.generate(f, deck, random.Random(0))[0] for f in facts)
    told = qt.grade(ferry, "1999").feedback.splitlines()[0]
    assert told == "In full: The Kell ferry was withdrawn in [April 2029] in gales."
    assert "…" not in qt.grade(ferry, "April 2029").feedback
    assert qt.grade(opened, "1999").feedback.startswith("3 April 2029: The Tarn bridge opened to traffic.")
    assert qt.grade(two, "1999").feedback.startswith("1931: Born in …, she moved in … to Rask.")


# -- names -------------------------------------------------------------------------------
ZAKHAROVA = Actor("maria-zakharova", "Maria Zakharova", aliases=("Zakharova",))
IVAN = Actor("ivan-zakharov", "Ivan Zakharov")
PESKOV = Actor("dmitry-peskov", "Dmitry Peskov", aliases=("Peskov",))
ACTORS = [ZAKHAROVA, IVAN, PESKOV]


@pytest.mark.parametrize(
    "answer",
    ["zakharova", "Zaharova", "MARIA ZAKHAROVA", "Mariа Zakharová", "Maria Zakharov", "maria zakharova"],
)
def test_names_accepted(answer: str) -> None:
    assert match_name(answer, ZAKHAROVA, ACTORS)


@pytest.mark.parametrize("answer", ["Maria", "Ivan Zakharov", "Zakharov", "Peskov", "", "Z", "Dmitry"])
def test_names_rejected(answer: str) -> None:
    assert not match_name(answer, ZAKHAROVA, ACTORS)


def test_a_name_ending_in_a_generation_or_a_regnal_number() -> None:
    """The surname of "King Rupert IV" is not "IV", and "King Rupert" names him."""
    rupert = Actor("rupert", "King Rupert IV", kind="person")
    okoro = Actor("okoro", "Sam Okoro Jr.", kind="person")
    malcolm = Actor("malcolm", "Malcolm X", kind="person")
    others = [rupert, okoro, malcolm]
    for typed in ("King Rupert", "Rupert", "king rupert iv"):
        assert match_name(typed, rupert, others), typed
    assert not match_name("IV", rupert, others)
    assert match_name("Okoro", okoro, others) and match_name("Sam Okoro", okoro, others)
    assert not match_name("Jr", okoro, others)
    assert match_name("Malcolm X", malcolm, others) and not match_name("Malcolm", malcolm, others)


def test_multiple_choice_options_never_repeat() -> None:
    host = get_plugin_manager(entry_points=False)
    deck = load_deck(BUNDLED, sections=host.sections, cache_dir=None)
    for seed in range(5):
        for q in generate_questions(deck, host, random.Random(seed), types=["who_said", "choice"]).questions:
            assert len(set(q.prompt.choices)) == len(q.prompt.choices) >= 2
