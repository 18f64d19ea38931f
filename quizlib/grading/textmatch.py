"""Finding an answer inside other text: words, word stems, numbers and dates in prose.

Used by the question lint (:mod:`quizlib.questionlint.lint`) to tell whether a hint, a stem or
another question's text gives an answer away. Everything works on plain word lists, so a
text is read once and the checks stay linear in its length.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from quizlib.dates import PartialDate, Precision
from quizlib.errors import AnswerError
from quizlib.grading.dates import parse_date_answer
from quizlib.grading.names import normalise
from quizlib.grading.numbers import NUMBER_WORDS, parse_number


#: Words that say nothing about what a question is about.
def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = _word_set(
    """a an the of to in on at by for from with and or but as is are was were be been being it its
    this that these those their there they them he she his her we our you your i me my not no
    did do does done has have had will would can could should may might must shall about into
    over under after before during between than then so such also who whom whose what which when
    where why how many much some any all each other another more most very just only e g eg
    said say says saying according put order earliest first latest events event happen happened
    question answer"""
)
_NUMBER_WORDS = frozenset(NUMBER_WORDS) | {
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "thousand", "million", "billion", "dozen",
}  # fmt: skip
_MONTH_WORDS = _word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_MONTH_RE = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_DAY_RE = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_RE = re.compile(
    r"\b(?:\d{4}-\d{2}(?:-\d{2})?"
    rf"|(?:{_DAY_RE}\s+)?(?:{_MONTH_RE})\.?(?:\s+{_DAY_RE},?)?\s+\d{{4}}"
    r"|(?<![\d,.])\d{4}(?![\d,]))\b",
    re.IGNORECASE,
)
#: How many words apart a number and its unit (or a date and a word of the question) may
#: stand and still be read together: "two servicemen", "seized two Karabakh villages".
NEAR = 3


#: A number with a decimal point ("2.75", "1.5k", "3.2%" without its sign): one word, not two.
_DECIMAL = re.compile(r"\d+(?:\.\d+)+[^\W_]*")


@functools.lru_cache(maxsize=1 << 16)  # the same item and hint texts are read for many questions
def words(text: str) -> tuple[str, ...]:
    """The normalised words of a text (case, accents and punctuation dropped; hyphens split).

    A decimal number stays one word: read as two ("$2.75" as "2" and "75"), a text would
    seem to show the number 2 or 75.
    """
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    out: list[str] = []
    at = 0
    for m in _DECIMAL.finditer(text):
        out += normalise(text[at : m.start()]).split()
        out.append(m.group().casefold())
        at = m.end()
    out += normalise(text[at:]).split()
    return tuple(out)


_SUFFIXES = ("ments", "ment", "ings", "ing", "ities", "ity", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude stem for comparing content words: a common suffix and a final e dropped, then
    seven letters at most ("agreed" ~ "agreement", "villages" ~ "village"; "respond" is not
    "responsibility")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if len(word) > 4:
        word = word.rstrip("e")
    return word[:7]


def _is_content(w: str) -> bool:
    return (
        len(w) > 2
        and w not in STOP_WORDS
        and not w.replace(".", "").isdigit()
        and w not in _NUMBER_WORDS
        and w not in _MONTH_WORDS
    )


def content_words(text: str) -> dict[str, str]:
    """The words that carry meaning, by stem: no stop words, numbers, month names or short words."""
    return {stem(w): w for w in words(text) if _is_content(w)}


def content_sequence(text: str) -> list[str]:
    """The stems of a text's content words (see :func:`content_words`), in order, repeats kept."""
    return [stem(w) for w in words(text) if _is_content(w)]


def same_stem(name_word: str, word: str) -> bool:
    """Whether ``word`` is a form of ``name_word``: equal, or sharing a prefix of at least four
    letters that covers most of the name word ("Turkey" ~ "Turkish", "Russia" ~ "Russian"),
    and not much shorter than it ("Armen" is not a form of "Armenia")."""
    if name_word == word:
        return True
    if len(word) < len(name_word) - 1:
        return False
    n = 0
    for a, b in zip(name_word, word, strict=False):
        if a != b:
            break
        n += 1
    return n >= 4 and n >= 0.6 * len(name_word)


def find_phrase(text_words: Sequence[str], phrase: Sequence[str], *, stems: bool = False) -> int:
    """The index where ``phrase`` starts in ``text_words`` (word by word), or -1."""
    if not phrase or len(phrase) > len(text_words):
        return -1
    for i in range(len(text_words) - len(phrase) + 1):
        if all(
            (same_stem(p, t) if stems else p == t)
            for p, t in zip(phrase, text_words[i : i + len(phrase)], strict=True)
        ):
            return i
    return -1


@dataclass(frozen=True)
class NumberMention:
    """A number written in a text and the word positions it covers."""

    value: float
    start: int
    end: int
    written: str


def _numberish(word: str) -> bool:
    return bool(re.fullmatch(r"\d+(\.\d+)?k?", word)) or word in _NUMBER_WORDS


def numbers_in(text_words: Sequence[str]) -> Iterator[NumberMention]:
    """Every number in a word list, in digits or words ("2000", "two thousand", "sixty")."""
    i = 0
    while i < len(text_words):
        if not _numberish(text_words[i]):
            i += 1
            continue
        end = i + 1
        while end < len(text_words) and end - i < 4 and _numberish(text_words[end]):
            end += 1
        for j in range(end, i, -1):
            try:
                value = parse_number(" ".join(text_words[i:j]))
            except AnswerError:
                continue
            yield NumberMention(value, i, j, " ".join(text_words[i:j]))
            i = j
            break
        else:
            i += 1


def split_number(text: str) -> tuple[float, list[str]] | None:
    """A number answer as (value, unit words): "nearly 2,000 troops" → (2000, ["troops"])."""
    ws = words(text)
    for m in numbers_in(ws):
        units = [w for w in ws[m.end :] if w not in STOP_WORDS]
        return m.value, units
    return None


def number_near(
    text_words: Sequence[str], value: float, units: Sequence[str], context: Iterable[str] = ()
) -> str:
    """The words around ``value`` when it stands within :data:`NEAR` words of a unit word; a
    number without units anywhere when it is not a small everyday one, and a small one
    ("eleven", "3.11") within :data:`NEAR` words of a ``context`` stem (a word of the asked
    fact's own text). Else ""."""
    wanted = set(context)
    for m in numbers_in(text_words):
        if abs(m.value - value) > 1e-9 * max(1.0, abs(value)):
            continue
        lo, hi = max(0, m.start - NEAR), min(len(text_words), m.end + NEAR)
        window = list(text_words[lo:hi])
        if units and any(same_stem(u, w) for u in units for w in window if len(u) > 2):
            return " ".join(window)
        beside = [*text_words[lo : m.start], *text_words[m.end : hi]]  # not the number itself
        if not units and (abs(value) > 12 or any(stem(w) in wanted for w in beside)):
            return " ".join(window)
    return ""


@dataclass(frozen=True)
class DateMention:
    """A date written in a text and where it stands (a word index)."""

    date: PartialDate
    position: int
    written: str


@functools.lru_cache(maxsize=1 << 16)
def dates_in(text: str) -> tuple[DateMention, ...]:
    """Every date in a text: ISO dates, "19 September 2023", "November 2020", bare years."""
    out = []
    for m in _DATE_RE.finditer(text):
        try:
            date = parse_date_answer(m.group(0))
        except AnswerError:
            continue
        if 1000 <= date.year <= 2999:
            before = normalise(text[: m.start()]).split()  # not cached: every prefix differs
            out.append(DateMention(date, len(before), m.group(0)))
    return tuple(out)


def gives_date(mention: PartialDate, answer: PartialDate) -> bool:
    """Whether a written date tells the answer: its year for a year, else its month and year."""
    if mention.year != answer.year:
        return False
    if answer.precision is Precision.YEAR:
        return True
    return mention.month == answer.month


def date_near(text: str, answer: PartialDate, context: Iterable[str]) -> str:
    """The date in ``text`` that tells ``answer`` within :data:`NEAR` words of a context stem."""
    ws = words(text)
    wanted = set(context)
    for m in dates_in(text):
        if not gives_date(m.date, answer):
            continue
        lo, hi = max(0, m.position - NEAR), m.position + len(words(m.written)) + NEAR
        if any(stem(w) in wanted for w in ws[lo:hi]):
            return m.written
    return ""


def _key_words(text: str) -> set[str]:
    # Numbers count here: "5 years" and "5 months" differ by their unit, "5" and "7" by the number.
    return {stem(w) for w in words(text) if w not in STOP_WORDS and (len(w) > 2 or w.isdigit())}


def word_overlap(answer: str, reference: str) -> float:
    """The share of ``reference``'s content words (stemmed, numbers included) that ``answer``
    contains, 0 to 1: how much of a card's back a typed paraphrase holds.

    Args:
        answer: What the learner typed.
        reference: The text to compare with (a card's back or an accepted answer).
    """
    wanted = _key_words(reference)
    return len(wanted & _key_words(answer)) / len(wanted) if wanted else 0.0
