"""FSRS scheduling; the only module that imports ``fsrs``.

Card states are stored as ``fsrs.Card.to_dict()`` JSON. Interval fuzz is seeded per card
and review so that the same history always gives the same schedule. ``fsrs`` is imported
when a card is first scheduled (or fitted parameters are checked): a session shows its
first question without it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from quizlib.model import Deck, Rating
from quizlib.store.records import CardRow

if TYPE_CHECKING:
    import fsrs

State = dict[str, Any]


class SchedulerSettings(NamedTuple):
    """FSRS settings, per deck (``deck.settings``) or global.

    Attributes:
        retention: Desired retention (probability of recall when a card is due).
        learning_steps: Steps for new cards, in minutes.
        relearning_steps: Steps after a lapse, in minutes.
        max_interval: Longest interval in days.
        learn_ahead: Minutes a (re)learning step may be taken before it is due (Anki's
            learn-ahead limit), so a session need not end 3 minutes before a step.
        parameters: FSRS parameters (None for the defaults).
    """

    retention: float = 0.9
    learning_steps: tuple[int, ...] = (1, 10)
    relearning_steps: tuple[int, ...] = (10,)
    max_interval: int = 36500
    learn_ahead: int = 20
    parameters: tuple[float, ...] | None = None

    @classmethod
    def from_deck(cls, deck: Deck, parameters: Sequence[float] | None = None) -> SchedulerSettings:
        """Settings from a deck's ``settings`` mapping, defaults elsewhere."""
        s = deck.settings
        return cls(
            retention=float(s.get("retention", 0.9)),
            learning_steps=tuple(s.get("learning_steps", (1, 10))),
            relearning_steps=tuple(s.get("relearning_steps", (10,))),
            max_interval=int(s.get("max_interval", 36500)),
            learn_ahead=int(s.get("learn_ahead", 20)),
            parameters=tuple(parameters) if parameters else None,
        )


def card_number(key: str) -> int:
    """A stable integer id for fsrs from a card key."""
    import hashlib  # loads OpenSSL: only once a card is scheduled, not at start

    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:6], "big")


_MODULE: ModuleType | None = None


def _fsrs() -> ModuleType:
    global _MODULE
    if _MODULE is None:
        import fsrs  # about 8 ms: imported once the first card is scheduled, not at start

        _MODULE = fsrs
    return _MODULE


_GLOBAL_DRAW = random.random
#: True when fsrs draws its fuzz by calling its scheduler module's ``random`` (the global
#: generator's ``random.random``, bound there by ``from random import random``), so each
#: review can put its own generator there (:meth:`Scheduling._reviews_own_fuzz`); otherwise
#: the global generator is seeded for each review and restored after. None until checked.
OWN_FUZZ: bool | None = None
#: fsrs's scheduler module's names, once looked up (see :func:`_fsrs_names`).
_NAMES: dict[str, Any] | None = None
#: :func:`_copy_card` when fsrs copies the card it reviews with its scheduler module's
#: ``copy`` (``copy.copy``, bound there by ``from copy import copy``) and its cards are
#: plain objects that ``copy.copy`` copies attribute by attribute, so the review may put
#: this faster copy of the same attributes there; else None (fsrs's own copy is kept).
_FAST_COPY: Callable[[Any], Any] | None = None


def _fsrs_names() -> dict[str, Any]:
    """The names of fsrs's scheduler module (where it looks ``random`` and ``copy`` up);
    what :data:`OWN_FUZZ` and :data:`_FAST_COPY` say is checked on the first call."""
    global OWN_FUZZ, _NAMES, _FAST_COPY
    if _NAMES is not None:
        return _NAMES
    import fsrs.scheduler

    names = vars(fsrs.scheduler)
    if OWN_FUZZ is None:
        OWN_FUZZ = names.get("random") is _GLOBAL_DRAW
    _FAST_COPY = _copy_card if _plain_copy(names.get("copy"), _fsrs().Card) else None
    _NAMES = names
    return names


def _plain_copy(bound: object, card: type) -> bool:
    """True when ``bound`` is ``copy.copy`` and it copies a ``card`` as :func:`_copy_card`
    does: a class with its attributes in ``__dict__`` and no copy or pickling hooks (its
    own, or registered with ``copyreg``)."""
    import copy
    import copyreg

    hooks = ("__copy__", "__reduce__", "__reduce_ex__", "__getstate__", "__setstate__", "__slots__")
    own = {name for klass in card.__mro__ if klass is not object for name in vars(klass)}
    registered = any(klass in copyreg.dispatch_table for klass in card.__mro__)
    return bound is copy.copy and not own.intersection(hooks) and not registered and "__dict__" in dir(card)


def _copy_card(card: Any) -> Any:
    """The shallow copy ``copy.copy`` makes of a plain object (see :func:`_plain_copy`),
    without its generic dispatch: a new instance holding the same attributes."""
    new = object.__new__(type(card))
    new.__dict__.update(card.__dict__)
    return new


class _Fuzz:
    """One review's source of fuzz for fsrs: ``random.Random(seed).random``, the generator
    made on the first draw (most reviews draw none: learning steps, short intervals)."""

    __slots__ = ("_draw", "_seed")

    def __init__(self, seed: str) -> None:
        self._seed = seed
        self._draw: Callable[[], float] | None = None

    def __call__(self) -> float:
        if self._draw is None:
            self._draw = random.Random(self._seed).random
        return self._draw()


class Scheduling:
    """Review and preview cards with one set of settings."""

    def __init__(self, settings: SchedulerSettings = SchedulerSettings()) -> None:  # noqa: B008 (immutable)
        kwargs: dict[str, Any] = {
            "desired_retention": settings.retention,
            "learning_steps": tuple(dt.timedelta(minutes=m) for m in settings.learning_steps),
            "relearning_steps": tuple(dt.timedelta(minutes=m) for m in settings.relearning_steps),
            "maximum_interval": settings.max_interval,
        }
        if settings.parameters:
            kwargs["parameters"] = settings.parameters
        self.settings = settings
        self._kwargs = kwargs
        self._made: fsrs.Scheduler | None = None
        if settings.parameters:  # fitted parameters are checked now, not at the first answer
            self._made = _fsrs().Scheduler(**kwargs)

    @property
    def _scheduler(self) -> fsrs.Scheduler:
        if self._made is None:
            self._made = _fsrs().Scheduler(**self._kwargs)
        return self._made

    def _card(self, state: Mapping[str, Any] | None, key: str) -> fsrs.Card:
        card: type[fsrs.Card] = _fsrs().Card
        if state is None:
            return card(card_id=card_number(key))
        return card.from_dict(state)  # type: ignore[arg-type]  # it only reads the mapping

    def _reviews(
        self, state: Mapping[str, Any] | None, ratings: Sequence[Rating], now: dt.datetime, key: str
    ) -> dict[Rating, State]:
        """The card's state after a review at ``now`` with each of ``ratings`` (unclamped)."""
        card = self._card(state, key)  # review_card copies it: one parse serves every rating
        stamp = card.last_review.isoformat() if card.last_review else ""
        # Each review's fuzz is drawn from a generator seeded with the card, its last review
        # and the rating, so schedules are reproducible and nobody else's randomness changes.
        seeds = [(rating, f"{key}|{stamp}|{int(rating)}") for rating in ratings]
        names = _fsrs_names()
        if OWN_FUZZ:
            return self._reviews_own_fuzz(card, seeds, now, names)
        to_fsrs = _fsrs().Rating
        saved = random.getstate()  # fsrs draws from the global generator: seed it, then restore
        try:
            out = {}
            for rating, seed in seeds:
                random.seed(seed)
                new, _ = self._scheduler.review_card(card, to_fsrs(int(rating)), now)
                out[rating] = dict(new.to_dict())
        finally:
            random.setstate(saved)
        return out

    def _reviews_own_fuzz(
        self, card: fsrs.Card, seeds: Sequence[tuple[Rating, str]], now: dt.datetime, names: dict[str, Any]
    ) -> dict[Rating, State]:
        """:meth:`_reviews` with each review's fuzz drawn from its own generator, put where
        fsrs looks for ``random`` and seeded only if fuzz is drawn: the same numbers as the
        global generator seeded alike, without saving and restoring its 2.5 kB state."""
        out = {}
        to_fsrs = _fsrs().Rating
        saved, saved_copy = names.get("random", _GLOBAL_DRAW), names.get("copy")
        try:
            if _FAST_COPY is not None:
                names["copy"] = _FAST_COPY
            for rating, seed in seeds:
                names["random"] = _Fuzz(seed)
                new, _ = self._scheduler.review_card(card, to_fsrs(int(rating)), now)
                out[rating] = cast(State, new.to_dict())  # a new dict each call: no copy needed
        finally:
            names["random"] = saved
            if saved_copy is not None:
                names["copy"] = saved_copy
            else:  # fsrs had no ``copy`` of its own: leave none behind
                names.pop("copy", None)
        return out

    def outcomes(self, state: Mapping[str, Any] | None, now: dt.datetime, key: str) -> dict[Rating, State]:
        """The card's state after a review at ``now`` with each rating.

        Each rating's interval is fuzzed independently, so fuzz alone could put Hard after
        Good (28 days against 27) or Good after Easy. The due times are therefore made
        monotone: Hard is never later than Good, Easy never earlier than Good, Again never
        later than Hard. Good keeps its own interval, the one FSRS aims at the desired
        retention with.
        """
        out = self._reviews(state, tuple(Rating), now, key)
        _make_monotone(out)
        return out

    def review(self, state: Mapping[str, Any] | None, rating: Rating, now: dt.datetime, key: str) -> State:
        """The card's state after a review with ``rating`` at ``now``: the state
        :meth:`preview` showed for that rating."""
        # Only the outcomes the rating's clamp reads are computed (a replay of a long log
        # reviews every card this way): Good alone for Good, with Hard for Again.
        out = self._reviews(state, _CLAMPED_BY[rating], now, key)
        if len(out) > 1:  # Good alone has nothing to be clamped by
            _make_monotone(out)
        return out[rating]

    def preview(
        self, state: Mapping[str, Any] | None, now: dt.datetime, key: str
    ) -> dict[Rating, dt.timedelta]:
        """The next interval for each rating; Again <= Hard <= Good <= Easy."""
        return {rating: due_of(after) - now for rating, after in self.outcomes(state, now, key).items()}

    def retrievability(self, state: Mapping[str, Any] | None, now: dt.datetime) -> float:
        """Probability of recall now (0 for a new card)."""
        if state is None:
            return 0.0
        card = _fsrs().Card.from_dict(dict(state))
        return float(self._scheduler.get_card_retrievability(card, now))


class Preview(Mapping[Rating, dt.timedelta]):
    """:meth:`Scheduling.preview` of a card, computed when first read.

    Grading an answer need not schedule it four times over: the intervals are computed only
    when something reads them (the study screen shows them; an API caller that rates at
    once never does), with the ``now`` given here and the card as ``card`` reads it then.

    Args:
        scheduling: The card's scheduler.
        card: Reads the card (None: never reviewed).
        now: The time the intervals count from.
        key: The card's scheduling key.
    """

    def __init__(
        self, scheduling: Scheduling, card: Callable[[], CardRow | None], now: dt.datetime, key: str
    ) -> None:
        self._args = (scheduling, card, now, key)
        self._intervals: dict[Rating, dt.timedelta] | None = None

    def _computed(self) -> dict[Rating, dt.timedelta]:
        if self._intervals is None:
            scheduling, read, now, key = self._args
            card = read()
            self._intervals = scheduling.preview(card.state if card is not None else None, now, key)
        return self._intervals

    def settle(self, card: CardRow | None) -> None:
        """Count from ``card`` if the preview is still to be computed: the card before the
        answer, as the answer's commit read it, so that a preview first read after the
        answer is saved still shows the intervals the answer was graded with."""
        if self._intervals is None:
            scheduling, _, now, key = self._args
            self._args = (scheduling, lambda: card, now, key)

    def __getitem__(self, rating: Rating) -> dt.timedelta:
        return self._computed()[rating]

    def __iter__(self) -> Iterator[Rating]:
        return iter(self._computed())

    def __len__(self) -> int:
        return len(self._computed())

    def __repr__(self) -> str:
        return f"Preview({self._computed()!r})"


#: The outcomes each rating's due time is clamped by (itself first), see Scheduling.outcomes.
_CLAMPED_BY: dict[Rating, tuple[Rating, ...]] = {
    Rating.AGAIN: (Rating.AGAIN, Rating.HARD, Rating.GOOD),
    Rating.HARD: (Rating.HARD, Rating.GOOD),
    Rating.GOOD: (Rating.GOOD,),
    Rating.EASY: (Rating.EASY, Rating.GOOD),
}


def _make_monotone(out: dict[Rating, State]) -> None:
    """Clamp the due times of the outcomes given (Good among them): Hard never later than
    Good, Easy never earlier than Good, Again never later than Hard."""
    due = {rating: due_of(after) for rating, after in out.items()}
    good = due[Rating.GOOD]
    if Rating.HARD in due:
        due[Rating.HARD] = min(due[Rating.HARD], good)
    if Rating.EASY in due:
        due[Rating.EASY] = max(due[Rating.EASY], good)
    if Rating.AGAIN in due:
        due[Rating.AGAIN] = min(due[Rating.AGAIN], due[Rating.HARD])
    for rating, after in out.items():
        if due[rating] != due_of(after):
            after["due"] = due[rating].isoformat()


def due_of(state: Mapping[str, Any]) -> dt.datetime:
    """When a card state is due."""
    return dt.datetime.fromisoformat(str(state["due"]))


def is_review_state(state: Mapping[str, Any] | None) -> bool:
    """True when the card has graduated from (re)learning."""
    return state is not None and int(state["state"]) == int(_fsrs().State.Review)
