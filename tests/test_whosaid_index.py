"""Who-said's per-deck indexes agree with the plain definitions they replace: each speaker's
pool of wrong speakers (found once per deck) and the echoes of a quote the deck does not hold."""

from __future__ import annotations

import random
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from quizlib_plugins._speakers import distractors, overlap, role_words, speaker_pool
from quizlib_plugins.who_said import echoes
from test_generation_scale import WORDS, _echoes_by_definition

from quizlib import Actor, Deck, Fact, normalise

NAMES = ("Anna Smith", "Smith", "Boris Smith", "Ministry of Defence", "Defence", "Anna Lee", "Lee Institute")
SPEAKERS = ("p0", "p1", "p2", "p3")
ROLES = ("", "foreign minister", "defence ministry", "spokesperson of the ministry", "president")


def _plain_distractors(
    speaker: Actor, deck: Deck, rng: random.Random, count: int, exclude: Sequence[str], within: frozenset[str]
) -> list[Actor]:
    """The definition :func:`distractors` indexes: every actor of the deck looked at for this call."""
    quoted = {str(q.get("speaker")) for q in deck.facts("quotes")}
    words, side = role_words(speaker), deck.sides(speaker.id)

    def shared(a: Actor) -> int:
        return len(words & role_words(a))

    def fits(a: Actor) -> bool:
        if speaker.kind == "person":
            return bool(deck.sides(a.id) & side) or a.id in quoted or bool(shared(a))
        return bool(a.parents) == bool(speaker.parents) and (a.id in quoted or bool(shared(a)))

    pool = [
        a
        for a in deck.actors.values()
        if a.id != speaker.id
        and a.kind == speaker.kind
        and a.id not in exclude
        and not deck.related(a.id, speaker.id)
        and not overlap(a, speaker)
        and fits(a)
        and (not within or bool(deck.sides(a.id) & within))
    ]
    rng.shuffle(pool)
    if speaker.kind == "person":
        pool.sort(key=lambda a: (not deck.sides(a.id) & side, a.id not in quoted, -shared(a)))
    else:
        pool.sort(key=lambda a: (-shared(a), a.id not in quoted))
    out: list[Actor] = []
    for a in pool:
        if len(out) < count and normalise(a.name) not in {normalise(b.name) for b in out}:
            out.append(a)
    return out


@st.composite
def decks(draw: st.DrawFn) -> Deck:
    """Up to ten actors of both kinds (names that overlap, shared role words, parents among
    the earlier ones) and quotes by some of them."""
    actors: dict[str, Actor] = {}
    for i in range(draw(st.integers(2, 10))):
        earlier = sorted(actors)
        parent = draw(st.sampled_from(["", *earlier]))
        part_of = tuple(draw(st.lists(st.sampled_from(earlier), max_size=2))) if earlier else ()
        actors[f"a{i}"] = Actor(
            f"a{i}",
            draw(st.sampled_from(NAMES)),
            draw(st.sampled_from(["person", "institution"])),
            draw(st.sampled_from(ROLES)),
            organisation=parent,
            part_of=part_of,
        )
    speakers = draw(st.lists(st.sampled_from(sorted(actors)), max_size=6))
    quotes = tuple(Fact("quotes", f"q{i}", {"text": "words", "speaker": s}) for i, s in enumerate(speakers))
    return Deck("d", "D", actors=actors, sections={"quotes": quotes})


@settings(max_examples=150, deadline=None)
@given(decks(), st.data())
def test_distractors_agree_with_their_definition_and_draw_the_same_randomness(
    deck: Deck, data: st.DataObject
) -> None:
    seed = data.draw(st.integers(0, 2**16))
    count = data.draw(st.integers(1, 4))
    for speaker in deck.actors.values():
        exclude = data.draw(st.lists(st.sampled_from(sorted(deck.actors)), max_size=3))
        within = frozenset(data.draw(st.lists(st.sampled_from(sorted(deck.actors)), max_size=2)))
        fast, plain = random.Random(seed), random.Random(seed)
        got = distractors(speaker, deck, fast, count, exclude, within)
        assert got == _plain_distractors(speaker, deck, plain, count, exclude, within)
        assert fast.random() == plain.random()  # as many draws: later questions do not change


def test_a_speaker_pool_is_found_once_per_deck_and_afresh_for_a_stranger() -> None:
    smith = Actor("smith", "Anna Smith", role="foreign minister")
    lee = Actor("lee", "Anna Lee", role="foreign minister")
    deck = Deck("d", "D", actors={"smith": smith, "lee": lee}, sections={})
    assert speaker_pool(smith, deck) is speaker_pool(smith, deck)
    assert speaker_pool(smith, deck).ids == ("lee",)
    stranger = Actor("smith", "Anna Smith", role="president")  # same id, not the deck's actor
    assert speaker_pool(stranger, deck) is not speaker_pool(smith, deck)
    assert speaker_pool(stranger, deck).ids == ()  # no side, role word or quote in common


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(WORDS[:5]), max_size=6), st.sampled_from(SPEAKERS)),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from(WORDS[:5]), max_size=6),
)
def test_echoes_of_a_quote_the_deck_does_not_hold_agree_with_their_definition(
    quotes: list[tuple[list[str], str]], words: list[str]
) -> None:
    actors = {a: Actor(a, f"Anna Speaker{a}") for a in SPEAKERS}
    facts = tuple(
        Fact("quotes", f"q{i}", {"text": " ".join(w), "speaker": s}) for i, (w, s) in enumerate(quotes)
    )
    deck = Deck("d", "D", actors=actors, sections={"quotes": facts})
    stranger = Fact("quotes", "elsewhere", {"text": " ".join(words), "speaker": "p0"})
    assert echoes(stranger, deck) == _echoes_by_definition(stranger, deck)


def test_a_pair_in_many_quotes_is_common_phrasing_whatever_the_decks_size() -> None:
    from quizlib_plugins.who_said import RARE_AT_MOST

    def quote(i: int, text: str, speaker: str) -> Fact:
        return Fact("quotes", f"q{i}", {"text": text, "speaker": speaker})

    filler = [quote(i, f"unrelated words number{i} here", f"s{i % 7}") for i in range(400)]
    common = [quote(1000 + i, f"ethnic cleansing happened{i}", f"c{i}") for i in range(RARE_AT_MOST + 1)]
    rare = [quote(2000 + i, f"peace corridor closed{i}", f"r{i}") for i in range(3)]
    deck = Deck("d", "D", sections={"quotes": tuple(filler + common + rare)})
    # a quarter of 468 quotes is 117, more than the 65 that share "ethnic cleansing"
    assert echoes(common[0], deck) == []
    assert echoes(rare[0], deck) == ["r1", "r2"]
