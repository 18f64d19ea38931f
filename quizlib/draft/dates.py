"""Dates in article text, absolute or relative to the publication date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from quizlib.dates import PartialDate

MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m}
WEEKDAYS = {d: i for i, d in enumerate(calendar.day_name)}
_M = "|".join(MONTHS)
_WD = "|".join(WEEKDAYS)
_TH = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_PREP = "[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom"
# One alternation, longest forms first, so a mention is matched once.
DATE_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}){_TH} (?:of )?(?P<m1>{_M})(?:,? (?P<y1>{_YEAR}))?"
    rf"|(?P<m2>{_M}) (?P<d2>\d{{1,2}}){_TH}\b(?:,? (?P<y2>{_YEAR}))?"
    rf"|(?P<m3>{_M}),? (?P<y3>{_YEAR})"
    rf"|(?:(?P<last>[Ll]ast|[Tt]his) (?P<m4>{_M})|(?:{_PREP}|early|late|mid-) ?(?P<m5>{_M}))"
    r"(?!,? \d)"
    rf"(?P<ly>,? (?:of )?(?:last|this) year)?"
    rf"|(?:{_PREP}|[Bb]etween|and|to|before|after|of|early|late|mid-) ?(?P<y4>{_YEAR})"
    rf"|(?P<rel>[Ll]ast year|[Tt]his year|[Ll]ast month|[Tt]his month|[Ll]ast week|[Tt]his week"
    rf"|[Yy]esterday|[Tt]oday|on (?P<wd>{_WD}))"
    rf")\b(?![-–]\d)"
)


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence.

    Attributes:
        start: Offset of the mention in the sentence.
        end: Offset after it.
        date: The date, as precise as the text and the publication date allow.
        inferred: True when the year (or more) came from the publication date.
    """

    start: int
    end: int
    date: PartialDate
    inferred: bool


def _date(year: int, month: int | None = None, day: int | None = None) -> PartialDate:
    # Through parse, so a 31 April is rejected rather than kept.
    return PartialDate.parse(
        f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    )


def _relative(word: str, weekday: str | None, pub: PartialDate) -> PartialDate | None:
    word = word.lower()
    if word == "last year":
        return _date(pub.year - 1)
    if word == "this year":
        return _date(pub.year)
    if pub.month is None:
        return None
    if word == "last month":
        return _date(pub.year - (pub.month == 1), (pub.month - 2) % 12 + 1)
    if pub.day is None or word in ("this month", "this week"):
        # Without the day, "on Monday" or "this week" is known only to the month.
        return _date(pub.year, pub.month)
    day = dt.date(pub.year, pub.month, pub.day)
    if word == "yesterday":
        day -= dt.timedelta(days=1)
    elif word == "last week":
        day -= dt.timedelta(days=7)
        return _date(day.year, day.month)
    elif weekday:
        day -= dt.timedelta(days=(day.weekday() - WEEKDAYS[weekday]) % 7)
    return _date(day.year, day.month, day.day)


def resolve(match: re.Match[str], published: PartialDate | None) -> tuple[PartialDate, bool] | None:
    """The date a match names and whether it was inferred; None when it cannot be known."""
    g = match.groupdict()
    try:
        if g["y4"]:
            return _date(int(g["y4"])), False
        if g["rel"]:
            return None if published is None else _with(_relative(g["rel"], g["wd"], published))
        month = MONTHS[g["m1"] or g["m2"] or g["m3"] or g["m4"] or g["m5"]]
        day_text = g["d1"] or g["d2"]
        day = int(day_text) if day_text else None
        year_text = g["y1"] or g["y2"] or g["y3"]
        if year_text:
            return _date(int(year_text), month, day), False
        if published is None:
            return None
        year = published.year
        if g["ly"]:
            year -= "last" in g["ly"]
        elif published.month is None:
            # Publication known only to the year: "last September" more likely means the year before.
            year -= bool(g["last"] and g["last"].lower() == "last")
        elif (month, day or 1) > (published.month, published.day or 31):
            year -= 1  # "On September 21" in a January article means last year's
        return _date(year, month, day), True
    except (ValueError, KeyError):
        return None


def _with(date: PartialDate | None) -> tuple[PartialDate, bool] | None:
    return None if date is None else (date, True)


def find_dates(sentence: str, published: PartialDate | None) -> list[DateMention]:
    """Every date in a sentence that can be resolved."""
    found = []
    for match in DATE_RE.finditer(sentence):
        resolved = resolve(match, published)
        if resolved is not None:
            found.append(DateMention(match.start(), match.end(), *resolved))
    return found
