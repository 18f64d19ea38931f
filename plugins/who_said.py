"""Who said what: pick (``who_said``) or type (``who_said_typed``) the speaker of a quote.

Reads ``quotes`` and the deck's ``actors``. A quote too short to identify on its own is
asked with its context (or the quote's own ``question``). Distractors must be wrong by the
deck's own data: never an actor related to the speaker (a ministry and its state), never
one whose names overlap the speaker's, never one the deck quotes with the same distinctive
words. Fewer options are offered rather than implausible ones.
"""

from __future__ import annotations

import random
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, pairwise
from typing import Any, TypeAlias

from quizlib import (
    Actor,
    Answer,
    AnswerError,
    Deck,
    Fact,
    Grade,
    PartialDate,
    Prompt,
    PromptKind,
    Question,
    RegisterQuestionType,
    Response,
    hookimpl,
    match_name,
    name_forms,
    normalise,
    question_id,
    surname_forms,
)

from . import _teach
from ._index import actors, actors_named, per_deck
from ._speakers import content, distractors, named_sides

OPTIONS = 4
#: Fewer plausible wrong speakers than this and the quote is not asked as a choice.
MIN_DISTRACTORS = 2
#: A quote of fewer words than this is asked with its context: "certain problems" alone
#: could be anyone's.
SHORT_QUOTE = 6
#: Words a context may start with to follow "Who said “…”," as an adverbial phrase; any
#: other context is put in parentheses, which reads right whatever its grammar.
_ADVERBIAL = frozenset({
    "about", "after", "against", "amid", "answering", "at", "before", "commenting", "complaining",
    "defending", "describing", "during", "explaining", "for", "from", "in", "on", "rejecting",
    "replying", "responding", "speaking", "talking", "to", "when", "while", "writing",
})  # fmt: skip


def _content(text: str) -> list[str]:
    return content(text)


def _pairs(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(words))


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    return bool(part) and f" {' '.join(part)} " in f" {' '.join(words)} "


def mentions(text: str, actor: Actor) -> bool:
    """Whether the text names the actor by any accepted form, as whole words."""
    padded = f" {normalise(text)} "
    return any(f" {form} " in padded for form in name_forms(actor))


def spellings(actor: Actor) -> tuple[str, ...]:
    """The actor's names as written: name, aliases and a person's surname."""
    forms = [actor.name, *actor.aliases]
    if actor.kind == "person":
        forms.extend(surname_forms(actor.name))
    return tuple(dict.fromkeys(forms))


def echoes(fact: Fact, deck: Deck) -> list[str]:
    """Ids of other actors the deck quotes with this quote's distinctive words.

    Two quotes echo when one holds all the other's content words in order, or when they
    share a pair of consecutive content words ("ethnic cleansing") that few of the deck's
    quotes use (two, or up to a quarter of them, and never more than :data:`RARE_AT_MOST`);
    a pair in more is the deck's topic ("Russian peacekeepers") or common phrasing, not a
    telltale phrase. Actors come in the order of their
    first echoing quote in the deck. The deck's quotes are indexed once (see
    :class:`_Echoes`), so a quote of the deck costs time in proportion to its own words
    and to the actors it echoes, whatever the size of the section.
    """
    index = per_deck(deck, "echoes", lambda: _Echoes(deck.facts("quotes")))
    at = index.at.get(fact.id)
    mine = index.order[at] if at is not None else tuple(_content(str(fact.get("text", ""))))
    # Each group holds the position of each speaker's first quote in it, in increasing
    # order: a speaker's smallest position over all groups is its first echo, so merging
    # the groups and keeping each speaker's first appearance orders them as the deck does.
    # (Sorting the concatenated groups merges sorted runs; speakers are counted by number,
    # which is faster to compare than their ids.)
    firsts = sorted(chain.from_iterable(index.groups(mine, at)))
    said = dict.fromkeys(map(index.speaker_numbers.__getitem__, firsts))
    own = index.numbers.get(str(fact.get("speaker")))
    return [index.names[number] for number in said if number != own]


#: The most quotes a pair of words may appear in and still tell its speakers apart (decks of
#: up to 256 quotes never reach it: a quarter of their quotes is fewer).
RARE_AT_MOST = 64

#: A set of quotes, as the position of each of their speakers' first quote among them, in
#: increasing order (an array: compact, and fast to merge).
_Group: TypeAlias = "array[int]"
_NONE: _Group = array("l")


class _Echoes:
    """The deck's quotes by pair of consecutive content words (all, and the rare ones) and by
    their whole run of content words, each as a group (see :data:`_Group`); for each quote
    the groups of quotes whose whole text is a run of its words; and for each whole text
    (but of two words: a pair) the group of quotes that hold it as a run."""

    def __init__(self, quotes: Sequence[Fact]) -> None:
        self.speakers = [str(q.get("speaker")) for q in quotes]
        self.names = list(dict.fromkeys(self.speakers))
        self.numbers = {name: number for number, name in enumerate(self.names)}
        self.speaker_numbers = array("l", map(self.numbers.__getitem__, self.speakers))
        self.order = [tuple(_content(str(q.get("text", "")))) for q in quotes]
        self.at = {q.id: i for i, q in enumerate(quotes)}
        counts = Counter(p for w in self.order for p in _pairs(w))
        # In more quotes, a pair is the deck's topic; in more than RARE_AT_MOST, common
        # phrasing whatever the deck's size (a quarter of 64,000 quotes is not "few").
        rare = min(max(2, len(quotes) // 4), RARE_AT_MOST)
        by_pair: dict[tuple[str, str], dict[str, int]] = {}
        by_words: dict[tuple[str, ...], dict[str, int]] = {}
        for i, (who, words) in enumerate(zip(self.speakers, self.order, strict=True)):
            if words:
                by_words.setdefault(words, {}).setdefault(who, i)
            for pair in _pairs(words):
                by_pair.setdefault(pair, {}).setdefault(who, i)
        self.by_pair = _groups(by_pair)
        self.rare_pairs = {p: g for p, g in self.by_pair.items() if counts[p] <= rare}
        self.by_words = _groups(by_words)
        #: The lengths of the whole texts starting with each word, ascending: the only runs
        #: worth looking up (a run starting with another word is no quote's whole text).
        self.lengths: dict[str, list[int]] = {}
        for whole in sorted(self.by_words, key=len):
            lengths = self.lengths.setdefault(whole[0], [])
            if not lengths or lengths[-1] != len(whole):
                lengths.append(len(whole))
        self.runs: list[tuple[_Group, ...]] = []
        holders: dict[tuple[str, ...], dict[str, int]] = {}
        for i, (who, words) in enumerate(zip(self.speakers, self.order, strict=True)):
            found = []
            for run in self._runs(words):
                found.append(self.by_words[run])
                if len(run) != 2:  # two words: by_pair holds them already
                    holders.setdefault(run, {}).setdefault(who, i)
            self.runs.append(tuple(found))
        self.holders = _groups(holders)

    def _runs(self, words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        """The runs of ``words`` that are a quote's whole text, shortest first at each start."""
        for start, first in enumerate(words):
            for length in self.lengths.get(first, ()):
                if start + length > len(words):
                    break
                run = words[start : start + length]
                if run in self.by_words:
                    yield run

    def groups(self, mine: tuple[str, ...], at: int | None) -> list[_Group]:
        """The groups of quotes that echo ``mine`` (the words of quote ``at``, or of a quote
        the deck does not hold when ``at`` is None)."""
        rare = self.rare_pairs
        out = [rare[p] for p in _pairs(mine) if p in rare]
        # Quotes holding all of mine in order.
        if len(mine) == 2:
            out.append(self.by_pair.get((mine[0], mine[1]), _NONE))
        elif mine in self.holders:
            out.append(self.holders[mine])
        elif mine:  # not a quote of the deck: look at each (rare: never while generating)
            held = (i for i, words in enumerate(self.order) if _contains(words, mine))
            out.append(_firsts(self.speakers, held))
        # Quotes whose words all appear, in order, among mine: a run of mine is their whole text.
        if at is not None:
            out.extend(self.runs[at])
        else:
            out.extend(self.by_words[run] for run in self._runs(mine))
        return out


def _groups(table: Mapping[Any, Mapping[str, int]]) -> dict[Any, _Group]:
    """Each entry's first quote per speaker, as a group."""
    return {key: array("l", first.values()) for key, first in table.items()}


def _firsts(speakers: Sequence[str], indexes: Iterable[int]) -> _Group:
    """The group of these quotes (in increasing order): each speaker's first one."""
    out: dict[str, int] = {}
    for i in indexes:
        out.setdefault(speakers[i], i)
    return array("l", out.values())


def _unnamed(text: str, deck: Deck, speaker: Actor) -> str:
    """The context with the speaker's own names replaced by "the speaker"; empty when it still
    names the speaker or an actor it belongs to (a state's name points at its ministry)."""
    for form in sorted(spellings(speaker), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(form)}(?!\w)", "the speaker", text, flags=re.IGNORECASE)
    lineage = [deck.actors[a] for a in deck.lineage(speaker.id) if a in deck.actors]
    return "" if any(mentions(text, a) for a in lineage) else text.strip()


def _when(date: PartialDate) -> str:
    return f"{'on' if date.day else 'in'} {date.human()}"


def stem(fact: Fact, deck: Deck, speaker: Actor) -> str:
    """The question text, or "" when the quote cannot be identified fairly.

    The quote's own ``question`` wins; a quote of :data:`SHORT_QUOTE` words or more is asked
    alone; a shorter one needs its context (naming the speaker neither directly nor through
    what it belongs to), with the date when known.
    """
    if fact.get("question"):
        return str(fact.get("question"))
    text = str(fact.get("text")).strip()
    # Words as a reader counts them, as the question lint does: "It's" is one word (matching
    # splits it in two), so "It's not everything everyone wanted." has five.
    if sum(1 for word in text.split() if any(c.isalnum() for c in word)) >= SHORT_QUOTE:
        return f"Who said: “{text}”"
    context = _unnamed(_teach.readable(deck, str(fact.get("context", ""))), deck, speaker).rstrip(" .;,")
    if not context:
        return ""
    quote = f"“{text.rstrip(' .,;:')}”"
    first = context.split()[0].lower()
    phrase = f"{quote}, {context}" if first in _ADVERBIAL else f"{quote} ({context})"
    date = fact.date()
    if date is not None and str(date.year) not in context:
        phrase += f" {_when(date)}"
    return f"Who said {phrase}?"


def _feedback(fact: Fact, speaker: Actor, deck: Deck) -> str:
    parts = [f"Said by {_teach.describe_definite(speaker)}"]
    date = fact.date()
    if date is not None:
        # An inferred date is marked: the learner must not take it as the sources' own.
        parts.append(f"{'on' if date.day else 'in'} {_teach.when(fact, date)}")
    text = " ".join(parts) + "."
    if fact.get("context"):
        text += f"\nContext: {_teach.readable(deck, str(fact.get('context')))}"
    return text


def _echo_note(key: Mapping[str, Any], actor_id: str, name: str) -> str:
    """Feedback for a wrong actor the deck also quotes with these words, else ""."""
    if actor_id not in key.get("echoes", []):
        return ""
    speaker = key["speaker_name"]
    return f"{name} said similar words too, but this quote is {speaker}'s."


def _answer(key: Mapping[str, Any], accepted: Sequence[str] = ()) -> Answer:
    name = str(key["speaker_name"])
    return Answer(name, choices=(name,), accepted=tuple(accepted), values=tuple(key["values"]))


def _completions(deck: Deck) -> tuple[str, ...]:
    """Every actor's name and alias, sorted: what typing a speaker's name completes to."""
    return tuple(
        sorted({a.name for a in deck.actors.values()} | {x for a in deck.actors.values() for x in a.aliases})
    )


class WhoSaid:
    """Multiple choice: which actor said this?"""

    name = "who_said"
    section = "quotes"
    description = "who said this? (choose)"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """Options: the speaker and up to three plausible wrong speakers, shuffled."""
        speaker = deck.actors.get(str(fact.get("speaker")))
        text = stem(fact, deck, speaker) if speaker is not None else ""
        if speaker is None or not text:
            return []
        said = echoes(fact, deck)
        # an actor the stem names (the quote's target, the one answered) is no plausible speaker
        named = actors_named(deck, text)
        # "Which Armenian official …" rules out every option of another side.
        within = frozenset(named_sides(deck, text) & actors(deck).sides(speaker.id))
        wrong = distractors(speaker, deck, rng, OPTIONS - 1, exclude=[*said, *sorted(named)], within=within)
        options = [speaker, *wrong]
        if len(wrong) < MIN_DISTRACTORS:
            return []  # two options are a coin toss: the typed variant asks it fairly
        rng.shuffle(options)
        prompt = Prompt(PromptKind.CHOICE, text, choices=tuple(a.name for a in options))
        key = {
            "answer": options.index(speaker),
            "speaker": speaker.id,
            "speaker_name": speaker.name,
            "ids": [a.id for a in options],
            "values": list(spellings(speaker)),
            "echoes": said,
            "feedback": _feedback(fact, speaker, deck),
        }
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Right or wrong; a wrong pick the deck also quotes with these words is said so."""
        choices = question.prompt.choices
        if not isinstance(response, int) or not 0 <= response < len(choices):
            raise AnswerError(f"choose one of 1-{len(choices)}")
        key = question.key
        answer = int(key["answer"])
        feedback = str(key["feedback"])
        ids = key.get("ids", [])
        if response != answer and response < len(ids):
            note = _echo_note(key, ids[response], choices[response])
            feedback = f"{note}\n{feedback}" if note else feedback
        return Grade(float(response == answer), choices[answer], feedback)

    def answer(self, question: Question) -> Answer:
        """The speaker's name, the one right choice."""
        return _answer(question.key)


class WhoSaidTyped:
    """Type the speaker's name: full name, alias or surname; small typos forgiven.

    An actor the deck quotes with the same distinctive words is not plain wrong: typing
    them earns half, with feedback saying whose quote this is. Not full marks: the stem
    asks about this quote in its context, which is the speaker's alone.
    """

    name = "who_said_typed"
    section = "quotes"
    description = "who said this? (type the name)"

    def generate(self, fact: Fact, deck: Deck, rng: random.Random) -> Sequence[Question]:
        """One typed question per quote by a person; completion offers every actor's name."""
        speaker = deck.actors.get(str(fact.get("speaker")))
        text = stem(fact, deck, speaker) if speaker is not None else ""
        if speaker is None or speaker.kind != "person" or not text:
            return []
        names = per_deck(deck, "completions", lambda: _completions(deck))
        prompt = Prompt(PromptKind.NAME, text, completions=names, hint="the speaker's name or surname")
        # Grading must reject names that fit another actor as well, so every actor's
        # accepted forms travel in the key: grading needs nothing but the question.
        actors = [
            {"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases)}
            for a in deck.actors.values()
        ]
        key = {
            "speaker": speaker.id,
            "speaker_name": speaker.name,
            "values": list(spellings(speaker)),
            "echoes": echoes(fact, deck),
            "feedback": _feedback(fact, speaker, deck),
            "actors": actors,
        }
        return [Question(question_id(fact, self.name), self.name, fact, prompt, key=key)]

    def grade(self, question: Question, response: Response) -> Grade:
        """Right when the name matches the speaker and no other actor as well; half for an
        actor the deck quotes with the same words, with feedback saying so."""
        if not isinstance(response, str) or not response.strip():
            raise AnswerError("type the speaker's name")
        key = question.key
        actors = {a["id"]: Actor(**{**a, "aliases": tuple(a["aliases"])}) for a in key["actors"]}
        everyone = list(actors.values())
        speaker = actors[key["speaker"]]
        feedback = str(key["feedback"])
        if match_name(response, speaker, everyone):
            return Grade(1.0, speaker.name, feedback)
        for other in key.get("echoes", []):
            actor = actors.get(other)
            if actor is not None and match_name(response, actor, everyone):
                return Grade(0.5, speaker.name, f"{_echo_note(key, other, actor.name)}\n{feedback}")
        return Grade(0.0, speaker.name, feedback)

    def answer(self, question: Question) -> Answer:
        """The speaker's name; accepted: the aliases and the surname."""
        return _answer(question.key, question.key["values"][1:])


@hookimpl
def register_question_types(register: RegisterQuestionType) -> None:
    """Add both who-said-what question types."""
    register(WhoSaid())
    register(WhoSaidTyped())
