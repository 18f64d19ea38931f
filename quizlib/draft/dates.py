"""Dates in article text, absolute or relative to the publication date.

A date without a year, a bare weekday ("was charged Tuesday", "will vote Saturday") and a
month alone ("in February") are resolved against the publication date: backwards by
default, forwards when the sentence speaks of the future ("will", "is scheduled to").
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from quizlib.dates import PartialDate
from quizlib.draft.tense import DEADLINE_AFTER, looks_ahead

MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m}
# Wire-style abbreviations ("Aug. 9", "Sept. 19"); May, June and July are not abbreviated.
ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11,
                 "Dec": 12}  # fmt: skip
WEEKDAYS = {d: i for i, d in enumerate(calendar.day_name)}
_M = "|".join(MONTHS) + "|" + "|".join(rf"{a}\." for a in sorted(ABBREVIATIONS, key=len, reverse=True))
_WD = "|".join(WEEKDAYS)
_TH = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]|20)\d\d"
_PREP = "[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring"
_NUM = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_NUMS = {w: i for i, w in enumerate(_NUM.split("|")[1:], start=1)}
# One alternation, longest forms first, so a mention is matched once.
DATE_RE = re.compile(
    # "26 to 28 December" is read as the 26th.
    rf"\b(?:(?P<d1>\d{{1,2}}){_TH}(?: (?:to|and) \d{{1,2}}{_TH})? (?:of )?(?P<m1>{_M})(?:,? (?P<y1>{_YEAR}))?"
    # "Dec. 12-13" is read as the 12th.
    rf"|(?P<m2>{_M}) (?P<d2>\d{{1,2}}){_TH}(?:[-–]\d{{1,2}}{_TH})?\b(?:,? (?P<y2>{_YEAR}))?"
    rf"|(?P<m3>{_M}),? (?P<y3>{_YEAR})"
    rf"|(?:(?P<last>[Ll]ast|[Tt]his|[Nn]ext) (?P<m4>{_M})"
    rf"|(?:{_PREP}|early|late|mid-|(?:end|start|beginning|middle) of) ?(?P<m5>{_M})"
    # "in its June report": a month before a noun, after a determiner.
    rf"|(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]he) (?P<m6>{_M})(?= [a-z]))"
    r"(?!,? \d)"
    rf"(?P<ly>,? (?:of )?(?:last|this|next) year)?"
    rf"|(?:(?:{_PREP}|[Bb]etween|and|to|before|after|of)(?: at least| early| late)?|early|late|mid-"
    rf"|[Tt]he|[Aa]|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[’']s|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
    rf" ?(?P<y4>{_YEAR})(?!\s*(?:%|percent|per cent))"
    rf"|(?P<season>(?:[Ll]ast|[Nn]ext|[Tt]his) (?:spring|summer|fall|autumn))"
    # "3/14/2019", "2/6/2024", "on 3/1": month first unless the first number is over 12;
    # "9/11" names the attacks.
    rf"|(?P<nd>(?:(?P<np>[Oo]n) )?(?!9/11\b)(?P<na>\d{{1,2}})/(?P<nb>\d{{1,2}})"
    rf"(?:/(?P<ny>{_YEAR}))?(?![/\d]))"
    rf"|(?P<ago>(?P<n>{_NUM}) (?P<span>years?|months?) ago)"
    rf"|(?P<rel>[Ll]ast year|[Tt]his year|[Nn]ext year|[Ll]ast month|[Tt]his month|[Nn]ext month"
    rf"|[Ll]ast week|[Tt]his week|[Nn]ext week|[Yy]esterday|[Tt]omorrow"
    rf"|(?:(?:[Oo]n|[Ll]ate|[Ee]arly|[Ll]ast|[Nn]ext|[Tt]his) )?(?P<wd>{_WD}))"
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
        relative: True when the text states no date at all, only a weekday or a word
            relative to the publication ("on Saturday", "last month", "this year's").
        in_passing: True for a deadline named in passing ("days before a June 5 deadline"):
            a date, but no event of its own.
    """

    start: int
    end: int
    date: PartialDate
    inferred: bool
    relative: bool = False
    in_passing: bool = False


def _date(year: int, month: int | None = None, day: int | None = None) -> PartialDate:
    # Through parse, so a 31 April is rejected rather than kept.
    return PartialDate.parse(
        f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    )


def _month(name: str) -> int:
    return MONTHS.get(name) or ABBREVIATIONS[name.rstrip(".")]


def _shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _relative(word: str, weekday: str | None, pub: PartialDate, future: bool) -> PartialDate | None:
    word = word.lower()
    if word in ("last year", "this year", "next year"):
        return _date(pub.year + {"last": -1, "this": 0, "next": 1}[word.split()[0]])
    if pub.month is None:
        return None
    if word in ("last month", "next month"):
        return _date(*_shift(pub.year, pub.month, -1 if word.startswith("last") else 1))
    if pub.day is None or word in ("this month", "this week"):
        # Without the day, "on Monday" or "this week" is known only to the month.
        return _date(pub.year, pub.month)
    day = dt.date(pub.year, pub.month, pub.day)
    if word in ("yesterday", "tomorrow"):
        day += dt.timedelta(days=-1 if word == "yesterday" else 1)
    elif word in ("last week", "next week"):
        day += dt.timedelta(days=-7 if word == "last week" else 7)
        return _date(day.year, day.month)
    elif weekday:
        ahead = future or word.startswith("next")
        # "on Wednesday" written on a Wednesday is that day; "last" or "next Wednesday" is a week away.
        away = 7 if word.startswith(("last", "next")) else 0
        if ahead:
            day += dt.timedelta(days=(WEEKDAYS[weekday] - day.weekday()) % 7 or away)
        else:
            day -= dt.timedelta(days=(day.weekday() - WEEKDAYS[weekday]) % 7 or away)
    return _date(day.year, day.month, day.day)


def _season(word: str, pub: PartialDate) -> PartialDate:
    # "last fall": the last such season over before publication (fall ends in November);
    # "next spring": the first one to start after it; "this summer": the publication year's.
    which, season = word.lower().split()
    starts, ends = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}[season]
    month = pub.month or 6
    if which == "last":
        return _date(pub.year if month > ends else pub.year - 1)
    if which == "next":
        return _date(pub.year if month < starts else pub.year + 1)
    return _date(pub.year)


def _ago(count: str, span: str, pub: PartialDate) -> PartialDate | None:
    n = int(count) if count.isdigit() else _NUMS[count.lower()]
    if span.startswith("year"):
        return _date(pub.year - n)
    return None if pub.month is None else _date(*_shift(pub.year, pub.month, -n))


def resolve(
    match: re.Match[str], published: PartialDate | None, future: bool = False
) -> tuple[PartialDate, bool] | None:
    """The date a match names and whether it was inferred; None when it cannot be known.

    Args:
        match: A match of ``DATE_RE``.
        published: The publication date, which relative dates count from.
        future: Whether the sentence speaks of the future: a date without a year, a
            weekday or a month alone then points forward.
    """
    g = match.groupdict()
    try:
        if g["y4"]:
            return _date(int(g["y4"])), False
        if published is None:
            if g["rel"] or g["season"] or g["ago"]:
                return None
        elif g["season"]:
            return _season(g["season"], published), True
        elif g["ago"]:
            return _with(_ago(g["n"], g["span"], published))
        elif g["rel"]:
            return _with(_relative(g["rel"], g["wd"], published, future))
        day: int | None
        if g["nd"]:
            month, day, year_text = _numeric(g)
        else:
            month = _month(g["m1"] or g["m2"] or g["m3"] or g["m4"] or g["m5"] or g["m6"])
            day = int(g["d1"] or g["d2"]) if g["d1"] or g["d2"] else None
            year_text = g["y1"] or g["y2"] or g["y3"]
        if year_text:
            return _date(int(year_text), month, day), False
        if published is None:
            return None
        year = published.year
        if g["ly"]:
            year += {"last": -1, "this": 0, "next": 1}[g["ly"].split()[-2]]
        elif g["last"] and g["last"].lower() == "next":
            year += (month, day or 1) <= (published.month or 12, published.day or 31)
        elif published.month is None:
            # Publication known only to the year: "last September" more likely means the year before.
            year -= bool(g["last"] and g["last"].lower() == "last")
        elif future:
            year += (month, day or 31) < (published.month, published.day or 1)  # "in February" ahead
        elif (month, day or 1) > (published.month, published.day or 31):
            year -= 1  # "On September 21" in a January article means last year's
        return _date(year, month, day), True
    except (ValueError, KeyError):
        return None


def _numeric(g: dict[str, str | None]) -> tuple[int, int, str | None]:
    """Month, day and year of a date in figures ("3/14/2019"); one without a year only after
    "on" ("on 3/1"), being a fraction elsewhere ("7/32")."""
    first, second = int(g["na"] or 0), int(g["nb"] or 0)
    if not g["ny"] and not g["np"]:
        raise ValueError("a fraction, not a date")
    month, day = (second, first) if first > 12 else (first, second)
    return month, day, g["ny"]


def _with(date: PartialDate | None) -> tuple[PartialDate, bool] | None:
    return None if date is None else (date, True)


def _weekday_of_next(matches: list[re.Match[str]], i: int, sentence: str) -> int | None:
    """The weekday that names the date after it ("Thursday 4 July", "Thursday, July 4"), or None."""
    match, after = matches[i], matches[i + 1] if i + 1 < len(matches) else None
    if not match["wd"] or match["wd"] != match.group(0).removeprefix("on ").removeprefix("On "):
        return None
    if (
        after is None
        or sentence[match.end() : after.start()] not in (" ", ", ")
        or not (after["d1"] or after["d2"])
    ):
        return None
    return WEEKDAYS[match["wd"]]


def _on_weekday(date: PartialDate, weekday: int, published: PartialDate) -> PartialDate:
    """Of the dates with this day and month a year around publication, the nearest that falls
    on ``weekday`` (4 July 2024 was a Thursday; 4 July 2023 was not); ``date`` when none does."""
    pub = dt.date(published.year, published.month or 7, published.day or 1)
    fitting = []
    for year in (published.year - 1, published.year, published.year + 1):
        with contextlib.suppress(ValueError):
            day = dt.date(year, date.month or 1, date.day or 1)
            if day.weekday() == weekday:
                fitting.append(day)
    if not fitting:
        return date
    best = min(fitting, key=lambda day: abs(day - pub))
    return _date(best.year, best.month, best.day)


# The rest of a time phrase, gapped with its date so no "… night" or "…'s" is left: "on
# Saturday night", "Tuesday's high tide", "this year's festival".
_PHRASE_END = re.compile(r"(?:[’']s\b| (?:night|morning|afternoon|evening)\b(?:[’']s\b)?)")
# "days before a June 5 deadline", "ahead of an Oct. 1 deadline": a deadline named in passing.
_PASSING = re.compile(
    r"\b(?:before|ahead of|after|past|near|against|missed|met|beat)\s+(?:a|an|the)\s+$", re.I
)
# A deadline told from the past ("The Treasury had warned it could run out of cash by June
# 5"): a modal after a verb in the past, then "by" or "until" right before the date.
_TOLD_AHEAD = re.compile(
    r"\b(?:said|told|warned|had|was|were|predicted|estimated|cautioned)\b.*\b(?:would|could|might)\b"
    r".*\b(?:by|until|before)\s+(?:the end of\s+)?$",
    re.I,
)


def _nearest(match: re.Match[str], published: PartialDate) -> tuple[PartialDate, bool] | None:
    """Of a date's occurrences before and after publication, the nearer: a deadline told
    from a time before publication that the text does not date."""
    back, ahead = resolve(match, published, False), resolve(match, published, True)
    if back is None or ahead is None or published.month is None:
        return back or ahead
    pub = dt.date(published.year, published.month, published.day or 15)

    def distance(date: PartialDate) -> int:
        return abs((dt.date(date.year, date.month or 6, date.day or 15) - pub).days)

    return min((back, ahead), key=lambda r: distance(r[0]))


def find_dates(sentence: str, published: PartialDate | None) -> list[DateMention]:
    """Every date in a sentence that can be resolved.

    A date that looks ahead of an earlier past date of its sentence looks ahead of that one
    ("had warned in March that the money would run out by June 5": the June after March).
    """
    found: list[DateMention] = []
    matches = list(DATE_RE.finditer(sentence))
    weekday: int | None = None  # of the weekday just before this match, naming this date
    anchor: PartialDate | None = None  # the last date of the sentence that looks back
    for i, match in enumerate(matches):
        named_by = weekday
        weekday = _weekday_of_next(matches, i, sentence)
        if weekday is not None:
            continue  # the date after it is the mention
        ahead = looks_ahead(sentence, match)
        stated = match["m1"] or match["m2"] or match["m3"] or match["m5"] or match["m6"] or match["nd"]
        told = (
            stated
            and published is not None
            and _TOLD_AHEAD.search(sentence, max(0, match.start() - 200), match.start())
        )
        if anchor is not None and anchor.month and stated and (ahead or told):
            resolved = resolve(match, anchor, True)  # ahead of the time its clause tells of
        elif told and published is not None:
            resolved = _nearest(match, published)
        else:
            resolved = resolve(match, published, ahead)
        if resolved is not None and named_by is not None and resolved[1] and published is not None:
            resolved = (_on_weekday(resolved[0], named_by, published), True)
        if resolved is None:
            continue
        if not ahead:
            anchor = resolved[0]
        # "Thursday 4 July" is one mention, from the weekday on.
        start = matches[i - 1].start() if named_by is not None else match.start()
        end = match.end()
        relative = bool(match["rel"] or match["season"] or match["ago"]) and named_by is None
        if relative and (tail := _PHRASE_END.match(sentence, end)):
            end = tail.end()
        passing = bool(
            DEADLINE_AFTER.match(sentence, end) and _PASSING.search(sentence, max(0, start - 30), start)
        )
        found.append(DateMention(start, end, resolved[0], resolved[1], relative, passing))
    return found
