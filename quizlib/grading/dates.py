"""Reading dates the way people write them, and grading them at the fact's precision."""

from __future__ import annotations

import re
from collections.abc import Iterable

from quizlib.dates import MONTH_NAMES, PartialDate, Precision
from quizlib.errors import AnswerError

_MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES) if name}
_MONTHS.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES) if name})  # calendar.month_abbr
_MONTHS["sept"] = 9
_SKIP = ("of", "the", "in", "on")
#: A year with its era, before or after it: "AD 50", "May AD 50", "1066 CE".
_ERA = r"(.*?)\s*\b(?:A\.?D\.?\s*([0-9]{1,4})|([0-9]{1,4})\s*(?:A\.?D|C\.?E)\.?)"
HINT = "a date such as 19 September 2023, September 2023, 2023 or 2023-09-19"


def _month(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip("."))


def parse_date_answer(text: str) -> PartialDate:
    """The date a person typed, at the precision they typed it.

    Accepts ISO (``2023``, ``2023-09``, ``2023-09-19``), month names in either order
    (``19 September 2023``, ``Sept 19, 2023``, ``September 2023``) and numeric day/month
    forms when unambiguous (``25/12/2023``, ``10/2022``), a year of three digits (``850``) and
    one with its era (``AD 50``); ``05/06/2023`` is refused with a request for
    a month name, since it reads differently in Europe and the US.

    Raises:
        AnswerError: When the text is not such a date or the date does not exist.
    """
    raw = text.strip()
    # "AD 50", "May AD 50", "1066 CE": the era of a year after AD 1 says nothing more, but it
    # makes the number beside it the year, however few its digits.
    era = re.fullmatch(_ERA, raw, re.IGNORECASE)
    if era:
        raw = f"{era.group(1)} {int(era.group(2) or era.group(3)):04d}".strip()
    try:
        found = _numeric(raw)
        if found is not None:
            return found
        if re.search(r"['’][0-9]{2}\b", raw):
            raise AnswerError(f"{raw!r} has a two-digit year; write the year in full: {HINT}")
        # Ordinals lose their suffix only after a digit: "August" must keep its "st".
        words = [w for w in re.split(r"[\s,]+", raw) if w]
        words = [re.sub(r"(?<=[0-9])(st|nd|rd|th)$", "", w) for w in words if w.lower() not in _SKIP]
        months = [(i, m) for i, w in enumerate(words) if (m := _month(w))]
        years = [int(w) for w in words if re.fullmatch(r"[0-9]{3,4}", w)]
        days = [int(w) for w in words if re.fullmatch(r"[0-9]{1,2}", w)]
        if len(years) == 1 and len(months) <= 1 and len(days) <= (1 if months else 0):
            if len(words) != len(years) + len(months) + len(days):
                raise AnswerError(f"{raw!r} is not a date; type {HINT}")
            if not months:
                return PartialDate(years[0])
            month = months[0][1]
            if days:
                return PartialDate.parse(f"{years[0]:04d}-{month:02d}-{days[0]:02d}")
            return PartialDate(years[0], month)
    except ValueError as exc:
        raise AnswerError(f"{exc}; type {HINT}") from None
    raise AnswerError(f"{raw!r} is not a date; type {HINT}")


def _numeric(raw: str) -> PartialDate | None:
    """A date written only in digits: ISO, a lone year, day/month/year, month/year; None
    when the text is not one.

    Raises:
        AnswerError: For a bare number of one or two digits (a day or a year?) and an
            ambiguous day/month.
        ValueError: For a date that does not exist.
    """
    if re.fullmatch(r"[0-9]{3}", raw):  # "850": three digits are no day
        return PartialDate.parse(raw.zfill(4))
    if re.fullmatch(r"[0-9]{1,2}", raw):
        raise AnswerError(f"{raw!r} is not a date; a year under 100 takes its era (AD {raw}): {HINT}")
    if re.fullmatch(r"[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?", raw):
        parts = raw.split("-")
        return PartialDate.parse("-".join([parts[0], *(p.zfill(2) for p in parts[1:])]))
    numeric = re.fullmatch(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})", raw)
    if numeric:
        a, b, year = (int(g) for g in numeric.groups())
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        elif a == b:
            day, month = a, b
        else:
            raise AnswerError(f"{raw!r} could be day/month or month/day; write the month as a word")
        return PartialDate.parse(f"{year:04d}-{month:02d}-{day:02d}")
    month_year = re.fullmatch(r"([0-9]{1,2})[/.]([0-9]{4})", raw)  # "10/2022": no day to confuse
    if month_year:
        return PartialDate.parse(f"{int(month_year.group(2)):04d}-{int(month_year.group(1)):02d}")
    return None


def _months_apart(a: PartialDate, b: PartialDate) -> int:
    return abs((a.year * 12 + (a.month or 1)) - (b.year * 12 + (b.month or 1)))


def grade_date(answer: PartialDate, truth: PartialDate, also: Iterable[PartialDate] = ()) -> float:
    """Score a date answer against the fact's date (or any other recorded date).

    At the fact's precision: exact → 1. A day-precision fact: within 3 days → 0.75, same
    month → 0.5, same year → 0.25. A month-precision fact: one month off → 0.5, same year →
    0.25. A year-precision fact: one year off → 0.25. An answer coarser than the fact gets
    the credit of what it states (right month of a day fact → 0.5); a finer one is judged at
    the fact's precision.
    """
    return max(_grade_one(answer, t) for t in (truth, *also))


def _grade_one(answer: PartialDate, truth: PartialDate) -> float:
    precision = min(answer.precision, truth.precision)
    if answer.year != truth.year:
        if truth.precision is Precision.YEAR:
            return 0.25 if abs(answer.year - truth.year) == 1 else 0.0
        adjacent = precision >= Precision.MONTH and _months_apart(answer, truth) == 1
        return 0.5 if adjacent and truth.precision is Precision.MONTH else 0.0
    if truth.precision is Precision.YEAR or precision is Precision.YEAR:
        return 1.0 if truth.precision is Precision.YEAR else 0.25
    if answer.month != truth.month:
        return 0.5 if truth.precision is Precision.MONTH and _months_apart(answer, truth) == 1 else 0.25
    if truth.precision is Precision.MONTH:
        return 1.0
    if answer.precision is Precision.MONTH:
        return 0.5
    assert answer.day is not None and truth.day is not None
    off = abs(answer.day - truth.day)
    return 1.0 if off == 0 else 0.75 if off <= 3 else 0.5
