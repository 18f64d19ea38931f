"""Fair prompts and distractors: who_said, agreements and timeline on small decks.

Each rule is checked on a deck written here, and as a property of random small decks:
hints never give the answer, distractors are never related to a right answer, and every
question grades its own answer as right.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizlib import (
    Actor,
    Answer,
    Citation,
    Deck,
    Fact,
    PartialDate,
    PromptKind,
    Question,
    Response,
    Source,
    answer_of,
    get_plugin_manager,
    normalise,
)
from quizlib.grading.answers import parse_answer

HOST = get_plugin_manager(entry_points=False)
TYPES = HOST.question_types

RUSSIA = Actor("russia", "Russia", "institution", "state", aliases=("Moscow",))
MFA = Actor("mfa", "Russian Foreign Ministry", "institution", "foreign ministry", organisation="russia")
ZAKHAROVA = Actor("zakharova", "Maria Zakharova", role="spokesperson of the foreign ministry",
                  aliases=("Zakharova",), organisation="mfa")  # fmt: skip
PESKOV = Actor(
    "peskov", "Dmitry Peskov", role="Kremlin spokesperson", aliases=("Peskov",), organisation="russia"
)
PASHINYAN = Actor("pashinyan", "Nikol Pashinyan", role="Prime Minister", aliases=("Pashinyan",),
                  organisation="armenia")  # fmt: skip
GRIGORYAN = Actor("grigoryan", "Armen Grigoryan", role="security council secretary", aliases=("Grigoryan",),
                  organisation="armenia")  # fmt: skip
PATEL = Actor("patel", "Vedant Patel", role="State Department spokesperson", aliases=("Patel",))
ALIYEV = Actor("aliyev", "Ilham Aliyev", role="President", aliases=("Aliyev",), organisation="azerbaijan")
ARMENIA = Actor("armenia", "Armenia", "institution", "state", aliases=("Yerevan",))
AZERBAIJAN = Actor("azerbaijan", "Azerbaijan", "institution", "state", aliases=("Baku",))
TURKEY = Actor("turkey", "Turkey", "institution", "state")
NKR = Actor("nkr", "Nagorno-Karabakh Republic", "institution", "de facto republic")
ACTORS = (
    RUSSIA,
    MFA,
    ZAKHAROVA,
    PESKOV,
    PASHINYAN,
    GRIGORYAN,
    PATEL,
    ALIYEV,
    ARMENIA,
    AZERBAIJAN,
    TURKEY,
    NKR,
)
SOURCES = {
    "a": Source("a", "A", outlet="Outlet A", published="2024-01-15"),
    "b": Source("b", "B", outlet="Outlet B", published="2023-09-21"),
    "c": Source("c", "C", outlet="Outlet C", published="2020-11-12"),
}


def fact(section: str, id: str, sources: Sequence[str] = ("a:p1",), **data: Any) -> Fact:
    cites = tuple(Citation(*s.split(":")) for s in sources)
    return Fact(section, id, data, sources=cites)


def deck(*facts: Fact, actors: Sequence[Actor] = ACTORS, **settings: Any) -> Deck:
    sections: dict[str, tuple[Fact, ...]] = {}
    for f in facts:
        sections[f.section] = (*sections.get(f.section, ()), f)
    return Deck(
        "t", "T", settings=settings, sources=SOURCES, actors={a.id: a for a in actors}, sections=sections
    )


def generate(d: Deck, type_name: str, seed: int = 0) -> list[Question]:
    qt = TYPES[type_name]
    rng = random.Random(seed)
    return [q for f in d.facts(qt.section) for q in qt.generate(f, d, rng)]


def answer(q: Question) -> Answer:
    found = answer_of(TYPES[q.type], q)
    assert found is not None, q.id
    return found


def right_response(q: Question) -> Response:
    """The response built from the question's own answer."""
    a, p = answer(q), q.prompt
    if p.kind is PromptKind.CHOICE:
        return p.choices.index(a.choices[0])
    if p.kind is PromptKind.MULTI:
        return tuple(sorted(p.choices.index(c) for c in a.choices))
    if p.kind is PromptKind.NUMBER:
        return parse_answer(p, a.values[0])
    if p.kind is PromptKind.DATE:  # the ISO form: "1 August 2015" is not read yet (datetext)
        return parse_answer(p, a.values[1])
    return parse_answer(p, a.text)


def holds(text: str, value: str) -> bool:
    return f" {normalise(value)} " in f" {normalise(text)} " if normalise(value) else False


QUOTES = (
    fact("quotes", "no-right", text="No one has the right to insult the peacekeepers", speaker="zakharova",
         context="at a briefing", date="2024-01-12"),
    fact("quotes", "cleansing", text="ethnic cleansing", speaker="pashinyan",
         context="what Pashinyan warned of as Armenians fled", date="2023-09"),
    fact("quotes", "grigoryan", text="From September 19, ethnic cleansing started in Karabakh",
         speaker="grigoryan"),
    fact("quotes", "problems", text="certain problems", speaker="grigoryan",
         context="on Armenia's membership"),
    fact("quotes", "own", text="a local operation", speaker="zakharova",
         question="Who called it a local operation?"),
)  # fmt: skip


# -- who_said ------------------------------------------------------------------------------
def test_short_quotes_are_asked_with_their_context_and_date() -> None:
    d = deck(*QUOTES, fact("quotes", "peskov", text="deepest condolences", speaker="peskov",
                           context="during the call", date="2023-09-21"))  # fmt: skip
    texts = {q.fact.id: q.prompt.text for q in generate(d, "who_said")}
    assert texts["no-right"] == "Who said: “No one has the right to insult the peacekeepers”"
    assert texts["peskov"] == "Who said “deepest condolences”, during the call on 21 September 2023?"
    assert texts["own"] == "Who called it a local operation?"
    # the speaker's own name is replaced; a noun clause is put in parentheses
    assert texts["cleansing"] == (
        "Who said “ethnic cleansing” (what the speaker warned of as Armenians fled) in September 2023?"
    )
    # naming the speaker's state points at the speaker: the context is left out, and a
    # two-word quote without context is not asked at all
    assert "problems" not in texts
    assert "problems" not in {q.fact.id for q in generate(d, "who_said_typed")}


def test_a_quote_is_counted_in_words_as_written() -> None:
    """ "It's not everything everyone wanted." has five words (matching splits "It's" in two):
    too short to be asked alone, as the question lint counts it too."""
    short = fact("quotes", "short", text="It's not everything everyone wanted.", speaker="peskov")
    texts = {q.fact.id: q.prompt.text for q in generate(deck(*QUOTES, short), "who_said")}
    assert texts.get("short", "").startswith("Who said: ") is False


def test_who_said_distractors_are_wrong_by_the_deck_itself() -> None:
    d = deck(*QUOTES)
    for seed in range(20):
        for q in generate(d, "who_said", seed):
            speaker = q.key["speaker"]
            chosen = [a for a in ACTORS if a.name in q.prompt.choices and a.id != speaker]
            assert chosen, q.id
            for a in chosen:
                assert not d.related(a.id, speaker), (q.id, a.id)
            if q.fact.id == "no-right":  # never Russia or its ministry; Peskov is fair (another line)
                assert {a.id for a in chosen} <= {"pashinyan", "grigoryan", "patel", "aliyev", "peskov"}
            if q.fact.id in ("cleansing", "grigoryan"):  # both said "ethnic cleansing"
                assert {a.id for a in chosen}.isdisjoint({"pashinyan", "grigoryan"})


def test_quoted_speakers_of_the_same_kind_come_first_and_fewer_options_beat_weak_ones() -> None:
    d = deck(*QUOTES)
    for seed in range(10):
        (q,) = [q for q in generate(d, "who_said", seed) if q.fact.id == "no-right"]
        assert {"Nikol Pashinyan", "Armen Grigoryan"} <= set(q.prompt.choices)
    # a person the deck never quotes, of another side and role, is no plausible speaker
    lone = fact("quotes", "q", text="No one has the right to insult the peacekeepers", speaker="zakharova")
    assert generate(deck(lone, actors=(RUSSIA, MFA, ZAKHAROVA, ALIYEV, TURKEY)), "who_said") == []
    # one other quoted person would make two options, a coin toss: the quote is asked typed only
    other = fact("quotes", "o", text="We will not stay silent about any of it at all", speaker="aliyev")
    made = generate(deck(lone, other, actors=(RUSSIA, MFA, ZAKHAROVA, ALIYEV, TURKEY)), "who_said")
    assert [q for q in made if q.fact.id == "q"] == []
    # never quoted but another spokesperson (role words) or on the speaker's side: plausible
    (q,) = generate(deck(lone, actors=(RUSSIA, MFA, ZAKHAROVA, PATEL, PESKOV, TURKEY)), "who_said")
    assert sorted(q.prompt.choices) == ["Dmitry Peskov", "Maria Zakharova", "Vedant Patel"]


def test_actors_the_stem_names_are_never_distractors() -> None:
    quote = fact("quotes", "q", text="We will respond to Pashinyan and to Patel", speaker="zakharova")
    other = fact("quotes", "o", text="We will not stay silent about any of it", speaker="pashinyan")
    third = fact("quotes", "t", text="Partners must answer for every broken promise", speaker="grigoryan")
    for seed in range(10):
        (q,) = [q for q in generate(deck(quote, other, third), "who_said", seed) if q.fact.id == "q"]
        assert not {"Nikol Pashinyan", "Vedant Patel"} & set(q.prompt.choices)


def test_names_overlapping_the_speakers_are_never_distractors() -> None:
    kremlin = Actor("kremlin", "the Kremlin", "institution", "office", aliases=("Kremlin",))
    kremlin_press = Actor("press", "Kremlin press service", "institution", "office")
    q1 = fact("quotes", "q1", text="We will not comment on that matter today at all", speaker="kremlin")
    q2 = fact("quotes", "q2", text="Talks went on through the whole night in Moscow", speaker="press")
    for q in generate(deck(q1, q2, actors=(kremlin, kremlin_press, RUSSIA, TURKEY)), "who_said"):
        assert len(q.prompt.choices) == 3 and not {"the Kremlin", "Kremlin press service"} <= set(
            q.prompt.choices
        )


def test_typed_name_of_an_actor_quoted_with_the_same_words_earns_half_with_an_explanation() -> None:
    d = deck(*QUOTES)
    (q,) = [q for q in generate(d, "who_said_typed") if q.fact.id == "cleansing"]
    qt = TYPES["who_said_typed"]
    assert qt.grade(q, "Pashinyan").score == 1.0
    grade = qt.grade(q, "Grigoryan")
    assert grade.score == 0.5
    assert "Armen Grigoryan said similar words too, but this quote is Nikol Pashinyan's." in grade.feedback
    assert "Said by Nikol Pashinyan (Prime Minister) in September 2023." in grade.feedback
    assert qt.grade(q, "Patel").score == 0.0
    assert answer(q).accepted == ("Pashinyan",)


def test_who_said_answers() -> None:
    d = deck(*QUOTES)
    for type_name in ("who_said", "who_said_typed"):
        for q in generate(d, type_name):
            a = answer(q)
            assert a.text == ZAKHAROVA.name if q.fact.get("speaker") == "zakharova" else a.text
            assert a.text in a.values and not any(holds(q.prompt.text, v) for v in a.values)
            assert TYPES[type_name].grade(q, right_response(q)).score == 1.0


# -- timeline ------------------------------------------------------------------------------
def timeline_deck(dates: Sequence[str]) -> Deck:
    events = [
        fact("events", f"e{i}", (f"{'abc'[i % 3]}:p{i + 1}",), date=d, text=f"event {i}")
        for i, d in enumerate(dates)
    ]
    return deck(*events, timeline_k=len(dates) - 1)


@pytest.mark.parametrize("n", [3, 4, 5, 6])
def test_example_order_is_never_the_answer_nor_its_reverse(n: int) -> None:
    from itertools import permutations

    from quizlib_plugins.timeline import example_order

    for order in permutations(range(n)):
        example = example_order(order, "events/e/timeline")
        assert sorted(example) == list(range(n)) and example not in (order, order[::-1])


def test_timeline_feedback_cites_each_items_own_source() -> None:
    d = timeline_deck(["2020-11-10", "2021-05", "2023-09-19"])
    (q, *_) = generate(d, "timeline")
    grade = TYPES["timeline"].grade(q, right_response(q))
    for cited in ("Outlet A, p1", "Outlet B, p2", "Outlet C, p3"):
        assert f"({cited})" in grade.feedback
    assert grade.cites  # so the UI adds no "Source:" line naming the anchor event's report alone


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dates(), min_size=3, max_size=5, unique=True), st.integers(0, 50))
def test_timeline_hint_is_never_the_answer(dates: list[Any], seed: int) -> None:
    d = timeline_deck([x.isoformat() for x in dates])
    for q in generate(d, "timeline", seed):
        a = answer(q)
        example = q.prompt.hint.split("e.g. ")[1]
        assert example != a.text and example.split() != a.text.split()[::-1]
        assert TYPES["timeline"].grade(q, right_response(q)).score == 1.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.dates(), st.sampled_from([4, 7, 10])), min_size=3, max_size=9), st.integers())
def test_timeline_items_all_order_pairwise_at_their_precision(dates: list[Any], seed: int) -> None:
    """Events asked together never overlap in time, whichever precision each is known to."""
    d = timeline_deck([day.isoformat()[:cut] for day, cut in dates])  # YYYY, YYYY-MM or YYYY-MM-DD
    for q in generate(d, "timeline", seed):
        shown = [PartialDate.parse(x) for x in q.key["dates"]]
        assert all(a.orders_with(b) for i, a in enumerate(shown) for b in shown[i + 1 :])


# -- properties of random small decks --------------------------------------------------------
WORDS = ("peace", "ethnic", "cleansing", "border", "troops", "local", "operation", "talks", "deep", "regret")


@st.composite
def small_decks(draw: st.DrawFn) -> Deck:
    """Actors with a parent among earlier ones, and quotes, agreements and events about them."""
    n = draw(st.integers(3, 8))
    actors = []
    for i in range(n):
        parent = draw(st.sampled_from(["", *(a.id for a in actors)]))
        kind = draw(st.sampled_from(["person", "institution"]))
        role = " ".join(
            draw(st.lists(st.sampled_from(("spokesperson", "state", "minister", "office")), max_size=2))
        )
        alias = (f"Alias{i}",) if draw(st.booleans()) else ()
        actors.append(Actor(f"a{i}", f"Name{i} Sur{i}" if kind == "person" else f"Body{i}", kind, role,
                            alias, organisation=parent))  # fmt: skip
    ids = [a.id for a in actors]
    names = [a.name for a in actors] + [f for a in actors for f in a.aliases]
    facts = []
    for i in range(draw(st.integers(1, 5))):
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))
        context = " ".join(draw(st.lists(st.sampled_from((*WORDS, *names, "on", "at")), max_size=5)))
        date = draw(st.sampled_from(["", "2023-09", "2024-01-12"]))
        data = {"text": text, "speaker": draw(st.sampled_from(ids)), "context": context}
        facts.append(fact("quotes", f"q{i}", **(data | ({"date": date} if date else {}))))
    dates = st.dates(min_value=PartialDate(2015).span()[0], max_value=PartialDate(2026).span()[1])
    for i in range(draw(st.integers(0, 3))):
        day = draw(dates).isoformat()[: draw(st.sampled_from([4, 7, 10]))]
        parties = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        terms = [
            {"id": "t", "text": "the length of the term", "value": draw(st.integers(1, 500)), "unit": "years"}
        ]
        facts.append(
            fact("agreements", f"g{i}", name=f"the accord {i}", date=day, parties=parties, terms=terms)
        )
    for i in range(draw(st.integers(0, 6))):
        day = draw(dates).isoformat()[: draw(st.sampled_from([4, 7, 10]))]
        facts.append(fact("events", f"e{i}", date=day, text=f"event {i}"))
    return deck(*facts, actors=actors)


def names_of(d: Deck, shown: Sequence[str]) -> Mapping[str, Actor]:
    return {a.name: a for a in d.actors.values() if a.name in shown}


@settings(max_examples=80, deadline=None)
@given(small_decks(), st.integers(0, 10))
def test_fair_on_random_small_decks(d: Deck, seed: int) -> None:
    for type_name in ("who_said", "who_said_typed", "agreements", "timeline"):
        for q in generate(d, type_name, seed):
            a = answer(q)
            # hints never contain or equal the answer
            assert not any(holds(q.prompt.hint, v) for v in (*a.values, a.text)), (q.id, q.prompt.hint)
            # the stem of who_said never names the speaker, through the context
            if type_name.startswith("who_said") and not any(
                holds(str(q.fact.get("text")), v) for v in a.values
            ):
                assert not any(holds(q.prompt.text, v) for v in a.values), q.prompt.text
            # distractors are never related to a right answer
            if q.prompt.choices:
                shown = names_of(d, q.prompt.choices)
                right = [shown[c] for c in a.choices]
                for name, actor in shown.items():
                    if name not in a.choices:
                        assert not any(d.related(actor.id, r.id) for r in right), (q.id, name)
            # every question grades its own answer as right
            assert TYPES[type_name].grade(q, right_response(q)).score == 1.0, q.id


def test_cloze_accepts_the_authors_alternatives_for_the_right_gap() -> None:
    one = fact(
        "cards",
        "one",
        type="cloze",
        text="Armenia announced the {{suspension}} of its part.",
        accept=["freeze", "freezing"],
    )
    two = fact("cards", "two", type="cloze", text="{{Baku}} retook the {{region}}.",
               accept=["region=territory", "stray"])  # fmt: skip
    qt = TYPES["cloze"]
    (q,) = generate(deck(one), "cloze")
    assert qt.grade(q, "freezing").score == 1.0 and qt.grade(q, "thaw").score == 0.0
    q1, q2 = generate(deck(two), "cloze")
    assert qt.grade(q2, "territory").score == 1.0
    assert qt.grade(q1, "territory").score == 0.0 and qt.grade(q1, "stray").score == 0.0


def test_a_number_answered_with_its_unit_is_read() -> None:
    figure = fact("figures", "v", value=90, unit="armored vehicles", counts="armored vehicles of the mission")
    (q,) = generate(deck(figure), "number_recall")
    assert TYPES["number_recall"].grade(q, "90 Armored Vehicles").score == 1.0
