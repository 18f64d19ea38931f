"""A study day's queue: which questions a session asks, in what order.

The day semantics (see ``docs/scheduling.md``): a review card is due when its due time
falls on or before the end of the current study day; a (re)learning step is due within the
learn-ahead window; one question per fact per study day, across sessions; new questions up
to each deck's daily budget, never undercut by a sibling that could not be asked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import random
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from quizlib.clock import next_day_start, this_day_start
from quizlib.model import Deck, Fact, Question, QuestionType
from quizlib.plugins import PluginHost
from quizlib.srs.scheduling import Scheduling
from quizlib.store.renames import rename_cards
from quizlib.store.store import Store
from quizlib.study.orphans import former_ids
from quizlib.study.questions import generate_pair, pairs, skipped
from quizlib.study.types import SessionOptions
from quizlib.study.waiting import Deferred, Entry

DEFAULT_NEW_PER_DAY = 20
T = TypeVar("T")


@dataclass
class DayQueue:
    """The questions of a session, with where each comes from.

    Attributes:
        queue: Questions to ask, in order: due first (most overdue first), then new.
        kinds: ``due``, ``new`` or ``learning`` for each question id in the queue or ahead.
        deck_of: The deck id of every generated question.
        ahead: (Re)learning steps due within the learn-ahead window, with their due times:
            asked when they fall due, or early when nothing else is left (as Anki does).
    """

    queue: list[Entry] = field(default_factory=list)
    ahead: list[tuple[dt.datetime, Question]] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    deck_of: dict[str, str] = field(default_factory=dict)

    def add(self, question: Entry, kind: str, seen: set[str]) -> None:
        """Queue a question and mark its fact as taken for the day."""
        self.queue.append(question)
        self.kinds[question.id] = kind
        seen.add(question.sibling_key)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused (as it was before, after): a large deck's
    queue is many small objects, all kept for the session, so collection passes while it
    is built find no garbage and would only slow the start down."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_queue(
    store: Store,
    decks: Sequence[Deck],
    host: PluginHost,
    schedulers: dict[str, Scheduling],
    *,
    now: dt.datetime,
    tz: dt.tzinfo,
    rng: random.Random,
    options: SessionOptions,
) -> DayQueue:
    """The queue of a session starting at ``now`` in zone ``tz``.

    Only the questions the session will ask are generated: the due ones (as many as
    ``--limit`` needs), the learning steps and the new ones up to the budget. The store
    names them by id (``section/fact/type[/variant]``), which says which type to ask of
    which fact; new questions are drawn from the deck's (type, fact) pairs in random order.
    A cram session asks everything, so it generates everything.
    """
    day_begins, day_ends = this_day_start(now, tz=tz), next_day_start(now, tz=tz)
    out = DayQueue()
    due: list[tuple[int, Entry]] = []
    learning: list[tuple[dt.datetime, Question]] = []
    fresh: list[tuple[Iterator[Question], int]] = []
    seen: set[str] = set()  # facts that already have their question today
    continuing: set[str] = set()  # questions answered today whose learning steps go on
    for deck in decks:
        plan = _DeckPlan(store, deck, host, rng, options, now, day_begins)
        plan.deck_of = out.deck_of  # filled as questions are generated, new ones included
        ahead = dt.timedelta(minutes=schedulers[deck.id].settings.learn_ahead)
        limit = None if options.cram else options.limit
        due_ids = _due_ids(store, deck.id, now, day_ends, plan.askable, limit)
        due_now = {qid: rank for rank, qid in enumerate(due_ids)}
        # (Re)learning steps due within the learn-ahead window, earliest first.
        upcoming = store.due_ids(deck.id, now, learn_until=now + ahead, review_until=now)
        soon = [qid for qid in upcoming if qid not in due_now]
        continuing |= plan.today
        if not options.cram:
            seen |= plan.answered_facts
        if options.cram:
            due += plan.cram(due_now)  # everything is asked: nothing is left to draw as new
            continue
        due += _deferred_due(plan, due_now, limit)
        learning += _learning_steps(store, plan, soon, limit, now)
        fresh.append(
            (
                plan.new_questions(set(due_now) | set(upcoming), seen),
                _new_budget(store, deck, options, day_begins),
            )
        )
    _fill(out, due, learning, fresh, seen, continuing)
    if options.limit is not None:
        del out.queue[options.limit :]
    return out


def _deferred_due(plan: _DeckPlan, due_now: dict[str, int], limit: int | None) -> list[tuple[int, Entry]]:
    """The askable due questions, most overdue first, each generated when its turn comes; for a
    session of at most ``limit`` answers, only as many facts as it can reach."""
    out: list[tuple[int, Entry]] = []
    facts: set[str] = set()
    askable, make = plan.askable, plan.question  # bound once: this loop runs per due card
    for qid, rank in due_now.items():
        fact = askable(qid)
        if fact is None:
            continue
        if limit is not None and len(facts) >= limit:
            break  # enough facts for the whole session: the rest are never asked
        out.append((rank, Deferred(qid, fact, make)))
        facts.add(fact)
    return out


def _learning_steps(
    store: Store, plan: _DeckPlan, soon: Sequence[str], limit: int | None, now: dt.datetime
) -> list[tuple[dt.datetime, Question]]:
    """(Re)learning steps due within the learn-ahead window, with their due times."""
    out: list[tuple[dt.datetime, Question]] = []
    for qid in soon:
        if limit is not None and len(out) >= limit:
            break  # a session of `limit` answers never reaches the later ones
        q = plan.question(qid)
        if q is not None:
            card = store.card(plan.deck.id, qid)
            out.append((card.due if card and card.due else now, q))
    return out


def _new_budget(store: Store, deck: Deck, options: SessionOptions, day_begins: dt.datetime) -> int:
    """How many new questions of ``deck`` the session may still introduce today."""
    new_limit = options.new_per_day
    if new_limit is None:
        new_limit = deck.setting("new_per_day", DEFAULT_NEW_PER_DAY)
    budget = max(0, int(new_limit) - store.new_reviewed_since(deck.id, day_begins))
    limit = None if options.cram else options.limit
    return budget if limit is None else min(budget, limit)  # the queue keeps `limit` at most


def _fill(
    out: DayQueue,
    due: list[tuple[int, Entry]],
    learning: list[tuple[dt.datetime, Question]],
    fresh: list[tuple[Iterator[Question], int]],
    seen: set[str],
    continuing: set[str],
) -> None:
    """Due questions first, then learning steps, then new ones, one question per fact."""
    due.sort(key=lambda item: item[0])
    queue, kinds = out.queue, out.kinds  # out.add, inlined: this loop runs per due card
    for _, q in due:
        if q.sibling_key not in seen or q.id in continuing:
            queue.append(q)
            kinds[q.id] = "due"
            seen.add(q.sibling_key)
    for when, q in sorted(learning, key=lambda pair: pair[0]):
        if q.sibling_key not in seen or q.id in continuing:
            out.ahead.append((when, q))
            out.kinds[q.id] = "learning"
            seen.add(q.sibling_key)
    for candidates, budget in fresh:
        # A new question whose fact is taken is passed over for the next one, so the daily
        # budget is not undercut by siblings.
        taken = 0
        while taken < budget:  # checked first: a candidate drawn is a question generated
            drawn = next(candidates, None)
            if drawn is None:
                break
            if drawn.sibling_key not in seen:
                out.add(drawn, "new", seen)
                taken += 1


def _pair_of(question_id: str) -> tuple[str, str] | None:
    """``(fact key, type name)`` of a question id ``section/fact/type[/variant]``."""
    parts = question_id.split("/", 3)
    return (f"{parts[0]}/{parts[1]}", parts[2]) if len(parts) >= 3 else None


class _DeckPlan:
    """One deck's part of a session: what the store says about it, and its questions,
    generated one (type, fact) pair at a time when they are needed. Nothing here walks
    the deck's pairs: a question id names its pair, and new pairs are drawn at random."""

    def __init__(
        self,
        store: Store,
        deck: Deck,
        host: PluginHost,
        rng: random.Random,
        options: SessionOptions,
        now: dt.datetime,
        day_begins: dt.datetime,
    ) -> None:
        self.deck, self.host, self.rng, self.options = deck, host, rng, options
        self.store = store
        self._renamed: dict[str, str] = {}  # former question id -> current id, moved this session
        self.facts = {f"{section}/{f.id}": f for section, facts in deck.sections.items() for f in facts}
        self.types = {
            qt.name: qt
            for section in deck.sections
            for qt in host.types_for(section)
            if not options.types or qt.name in options.types
        }
        self.tags = set(options.tags)
        self.reviewed = store.reviewed_ids(deck.id)
        self.hidden = store.hidden_ids(deck.id, now)
        # One question per fact per study day holds across sessions: a fact answered earlier
        # today offers no other question (its own learning steps go on).
        self.today = store.reviewed_since(deck.id, day_begins) if not options.cram else set()
        self.answered_facts = {k[0] for k in map(_pair_of, self.today) if k is not None and self.pair(k)}
        self.deck_of: dict[str, str] = {}
        self._made: dict[tuple[str, str], list[Question]] = {}
        self._errors: list[str] = []  # a failing type is reported by `check`, skipped here

    def pair(self, key: tuple[str, str]) -> tuple[QuestionType, Fact] | None:
        """The (type, fact) of a (fact key, type name), when the session asks that type of that
        fact (the type reads its section and passes ``--type``, the fact ``--tag`` and ``skip``)."""
        fact, qt = self.facts.get(key[0]), self.types.get(key[1])
        if fact is None or qt is None or qt.section != fact.section:
            return None
        if "skip" in fact.data and qt.name in skipped(fact):  # most facts skip nothing
            return None
        return (qt, fact) if not self.tags or self.tags.intersection(fact.tags) else None

    def askable(self, question_id: str) -> str | None:
        """The fact of a question this session may ask (of this deck, not hidden, its fact
        not taken earlier today), else None."""
        key = _pair_of(question_id)
        if key is None or question_id in self.hidden or self.pair(key) is None:
            return None
        if key[0] in self.answered_facts and question_id not in self.today:
            return None
        return key[0]

    def generated(self, key: tuple[str, str]) -> list[Question]:
        """The questions of one (fact key, type) pair, generated once."""
        if key not in self._made:
            found = self.pair(key)
            made = generate_pair(*found, self.deck, self.rng, self.host, self._errors) if found else []
            self._adopt(made)
            self._made[key] = made
            self.deck_of.update((q.id, self.deck.id) for q in made)
        return self._made[key]

    def question(self, question_id: str) -> Question | None:
        """The askable question with this id, generated; None when the deck no longer makes it."""
        key = _pair_of(question_id)
        if key is None or self.askable(question_id) is None:
            return None
        made = self.generated(key)
        current = self._renamed.get(question_id, question_id)
        return next((q for q in made if q.id == current), None)

    def _adopt(self, made: list[Question]) -> None:
        """Move history stored under these questions' former ids (a type that renamed its
        questions, e.g. cloze gaps keyed by their text, not their position) to their ids, the
        first time a session generates them; what the plan knows of the cards follows."""
        renames = {old: new for old, new in former_ids(made).items() if old in self.reviewed}
        if not renames:
            return
        rename_cards(self.store, self.deck.id, renames)  # never overwrites a card's history
        self._renamed.update(renames)
        for known in (self.reviewed, self.hidden, self.today):
            for old, new in renames.items():
                if old in known:
                    known.discard(old)
                    known.add(new)

    def new_questions(self, scheduled: set[str], seen: set[str]) -> Iterator[Question]:
        """Never-reviewed askable questions, types taking turns, generated as they are drawn.

        Each type's facts are drawn in random order (a shuffle done one draw at a time). A
        pair whose fact is already taken is not generated; nor is one whose single question
        (an id without a variant) has been reviewed.
        """
        exhausted = {k for k in map(_pair_of, self.reviewed) if k is not None}
        exhausted -= {_pair_of(qid) for qid in self.reviewed if qid.count("/") > 2}
        # Facts of a type already reviewed or taken today: a type with none left is skipped
        # without drawing (as in a deck whose every card is due).
        done = Counter(name for fact, name in exhausted if fact in self.facts and fact not in seen)
        taken = Counter(fact.split("/", 1)[0] for fact in seen if fact in self.facts)

        def wanted(key: tuple[str, str]) -> bool:
            return key[0] not in seen and key not in exhausted and self.pair(key) is not None

        lanes = []
        for name in sorted(self.types):
            section = self.types[name].section
            facts = self.deck.facts(section)
            if done[name] + taken[section] < len(facts):
                lanes.append((name, _drawn(facts, self.rng)))
        while lanes:
            for name, lane in list(lanes):
                key = next((k for k in ((f"{f.section}/{f.id}", name) for f in lane) if wanted(k)), None)
                if key is None:
                    lanes.remove((name, lane))
                    continue
                for q in self.generated(key):
                    if q.id not in self.reviewed and q.id not in scheduled and self.askable(q.id) is not None:
                        yield q

    def cram(self, due_now: dict[str, int]) -> list[tuple[int, Entry]]:
        """Every askable question, ranked: the due ones first, then never-reviewed ones, then
        the reviewed ones."""
        due: list[tuple[int, Entry]] = []
        found = pairs(self.deck, self.host, types=self.options.types or None, tags=self.options.tags or None)
        for qt, fact in found:
            for q in self.generated((fact.key, qt.name)):
                if self.askable(q.id) is None:
                    continue
                if q.id in due_now:
                    due.append((due_now[q.id], q))
                else:
                    due.append((len(due_now) + (1 if q.id in self.reviewed else 0), q))
        return due


def _drawn(items: Sequence[T], rng: random.Random) -> Iterator[T]:
    """The items in random order, drawn one at a time: a Fisher-Yates shuffle that keeps
    only the positions it has moved, so k draws cost O(k) however many items there are."""
    moved: dict[int, int] = {}
    left = len(items)
    while left:
        i = rng.randrange(left)
        left -= 1
        pick = moved.get(i, i)
        moved[i] = moved.pop(left, left)  # the last undrawn position fills the hole
        yield items[pick]


def _due_ids(
    store: Store,
    deck_id: str,
    now: dt.datetime,
    day_ends: dt.datetime,
    askable: Callable[[str], str | None] | Mapping[str, str],
    want: int | None,
) -> list[str]:
    """Due question ids, most overdue first; for a session of at most ``want`` questions,
    only as many as give ``want`` askable facts (``askable``: question id -> its fact, or
    None; or a mapping), so a ``--limit`` session on a large deck does not list every due card."""
    if want is None:
        return store.due_ids(deck_id, now, review_until=day_ends)
    fact_of = askable.get if isinstance(askable, Mapping) else askable
    page = max(2 * want, 50)
    while True:
        ids = store.due_ids(deck_id, now, page, review_until=day_ends)
        if len(ids) < page or len({f for f in map(fact_of, ids) if f is not None}) >= want:
            return ids
        page *= 4
