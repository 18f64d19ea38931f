"""Figures in article text: a number, the qualifier before it and the unit after it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quizlib.deckfile.fields import MAX_MAGNITUDE
from quizlib.draft.ranges import dashed_ranges, join_ranges
from quizlib.draft.units import MEASURE_BEFORE, STAT_BEFORE, plural_unit, unit_of
from quizlib.errors import AnswerError
from quizlib.grading.numbers import NUMBER_WORDS, parse_number

QUALIFIERS = (
    "just over", "just under", "more than", "fewer than", "less than", "at least", "up to", "close to",
    "an estimated", "over", "nearly", "roughly", "about", "almost", "around", "approximately", "some",
)  # fmt: skip
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# "a hundred dollars", "a dozen people": the article is the number one.
_A_SCALE = r"an? (?:hundred|thousand|dozen)(?! (?:years|times)\b)"
# "about a mile", "nearly an hour": one of a measure, asked only with its qualifier.
_A_MEASURE = r"an?(?= (?:mile|kilometre|kilometer|metre|meter|foot|pound|kilogram|kilo|hour|minute)\b)"
_NUMBER = (
    rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_A_SCALE}|{_A_MEASURE}"
    rf"|(?:{_TENS})(?:-(?:{_WORDS}))?|{_WORDS}"
)
_JOINED = (
    r"strong|month|year|week|day|hour|minute|second|mile|kilometre|kilometer|metre|meter|man|member|seat"
    r"|character|page|storey|bed|room|acre|lane|point|game|team|player|car|vehicle|gallon|litre|tonne"
)
_CURRENCY = {"$": "dollars", "US$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}
_SHORT_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
FIGURE_RE = re.compile(
    rf"(?<![\w.,:/–-])(?:(?P<q>{'|'.join(QUALIFIERS)}) )?(?P<cur>US\$|[$£€¥])?(?P<n>{_NUMBER})"
    r"(?![:/]\d|-\d{3})(?:(?P<short>k|m|mn|bn|b|tn)\b|(?P<measure>km|kg|mph|km/h|cm|mm|ft|lbs?|GW|MW|kW|GB|TB|mg|°?[CF])\b)?"
    r"(?P<scale> (?:hundred|thousand|million|billion|trillion|dozen))?"
    rf"(?:-(?P<joined>{_JOINED})(?:-(?:long|old))?\b|(?P<pct>%| per ?cent\b)"
    r"|(?=(?P<unit>(?: [\w’'-]+){1,3})|))",
    re.I,
)
# Clock times and time zones are not figures ("2 a.m.", "0100 GMT").
_CLOCK_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|BST|EST|EDT|PST|PDT|CET|o[’']clock)")
# A number inside a name: after a capitalised or all-capital word ("S&P 500", "STOXX 600",
# "Group 7"), or spelled out with a capital inside a sentence ("Ninety Mile Beach").
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w&]*[A-Z&][\w&]*|&\w+) $")
# The rate keeps its article as written: "$12 an hour", "£5 a head", "$3 per share".
_PER = re.compile(r" (a|an|per) (share|barrel|ounce|tonne|ton|year|month|week|day|hour|head|night|person)\b")
# Money named in words takes its rate too: "a hundred dollars an hour".
_MONEY = frozenset(
    {"dollars", "pounds", "euros", "cents", "pence", "yen", "francs", "rupees", "dollar", "pound"}
)
# "Yoon, 63,", and in an obituary "He was 100.", "died at 87", "aged 75".
_AGE = re.compile(
    r"(?:\b[A-Z][a-z]+, (?:now )?|\b(?:[Hh]e|[Ss]he) was |\b(?:died|dies|dead) at |\baged "
    r"|\b(?:turned|turns|turning) )$"
)
# "Whitcombe, now 44 and a music teacher": an age that a description follows.
_NOW_AND = re.compile(r", now \d+ and (?:a|an|the|still)\b")
# Words that make the number after them an age whatever follows: "aged 31 and 45", "at the age
# of 8", "children as young as 4", "between the ages of 4 and 17".
_AGE_LEAD = re.compile(r"\b(?:[Aa]ged|at the age of|as (?:young|old) as|ages (?:of )?|the ages of) $")
_PEOPLE_VERBS = re.compile(
    r"^ (?:died|were killed|were injured|were wounded|fled|lost their lives|killed|injured|wounded|dead"
    r"|hospitali[sz]ed|arrested|missing|stranded|(?:were|are|remain|remained) (?:missing|displaced|evacuated"
    r"|homeless|trapped|presumed dead|feared dead))\b"
)


# "which killed 453", "the death toll rose to 93": a count of people without the word.
_TOLL_BEFORE = re.compile(
    r"\b(?:killed|killing|kills|(?:death )?toll (?:\w+ )?(?:rose|climbed|rise|rising|reached|jumped|stood"
    r"|stands|passed|topped|hit)(?: to| at)?)\s+$"
)


# "The crowd of 6,480", "a population of 12,000": a gathering counts people.
_GATHERING = re.compile(
    r"\b(?:[Aa]|[Aa]n|[Tt]he|[Ii]ts|[Tt]heir)(?: [a-z]+)? (?:crowd|audience|attendance|turnout|congregation"
    r"|population) of $"
)


def _casualties(sentence: str, start: int) -> str:
    window = sentence[max(0, start - 60) : start]
    return "people" if _TOLL_BEFORE.search(window) or _GATHERING.search(window) else ""


_AGE_UNIT = "years (age)"


@dataclass(frozen=True)
class Figure:
    """A figure found in a sentence: ``start:end`` spans its qualifier, number and suffix."""

    start: int
    end: int
    value: int | float
    unit: str
    qualifier: str | None
    # A range's two ends ("between 40 and 50 years"): the value is its lower end.
    tolerance: tuple[int | float, int | float] | None = None


def _plural(unit: str) -> str:
    return unit if unit.endswith("s") else unit + "s"


def _skipped(sentence: str, match: re.Match[str], value: float) -> bool:
    """Whether a number is part of a clock time, a name, or a bare "one" — or is too large
    for a deck (``check`` refuses magnitudes over MAX_MAGNITUDE; a draft must load)."""
    if abs(value) > MAX_MAGNITUDE:
        return True
    raw = match.group("n")
    bare = not any(match.group(g) for g in ("cur", "short", "measure", "scale", "pct", "joined"))
    if (
        match.start() == 0
        and bare
        and _ENTRY_TIME.fullmatch(raw)
        and _CAPITAL_NEXT.match(sentence, match.end("n"))
    ):
        return True  # a live blog's entry: "11.20 Some background", not "1.25 million people"
    before = sentence[max(0, match.start() - 30) : match.start()]
    if _CLOCK_AFTER.match(sentence, match.end("n")) or (
        len(raw) == 4 and raw.isdigit() and raw.startswith("0")
    ):
        return True
    if not match.group("cur") and _NAME_BEFORE.search(before):
        return True
    if (
        raw[0].isupper()
        and raw.isalpha()
        and before.strip()
        and not before.rstrip().endswith((".", "“", '"'))
    ):
        return True  # "Ninety Mile Beach"
    # "one room", "one long chapter": the word one counts nothing worth asking about.
    if re.search(r"(?:^|\s)(?:one|\d+) in $", before):  # not "won 6-2 in 68 minutes"
        return True  # "one in five" is a ratio, not a count of anything
    if raw in ("911", "999", "112") and not match.group("cur"):
        return True  # emergency numbers
    return raw.lower() == "one" and not (match.group("scale") or match.group("pct") or match.group("joined"))


def _value(match: re.Match[str]) -> float | None:
    raw, scale = match.group("n"), (match.group("scale") or "").strip().lower()
    if raw.lower() in ("a", "an"):
        return 1.0 if match.group("q") else None  # "about a mile"; "a mile" alone is no figure
    if raw.lower().startswith(("a ", "an ")):
        raw = "one " + raw.split(" ", 1)[1]
    multiplier = {"dozen": 12, "trillion": 1e12}.get(scale)  # scales parse_number does not read
    try:
        value = parse_number(raw + (" " + scale if scale and not multiplier else ""))
    except AnswerError:
        return None
    value *= multiplier or 1
    short = (match.group("short") or "").lower()
    if short:
        if not match.group("cur"):
            return None  # "5m" alone may be metres
        value *= _SHORT_SCALE[short]
    return float(value)


# "People over 65", "children under 5": a bound on people's age.
_PEOPLE_BEFORE = re.compile(r"\b(?:people|adults|children|those|anyone|patients|residents|women|men) $", re.I)


def _age(sentence: str, match: re.Match[str], value: float) -> bool:
    if not 0 < value < 120 or match.group("scale"):
        return False
    over = match.group("q") in ("over", "under") and _PEOPLE_BEFORE.search(sentence, 0, match.start())
    if over or _AGE_LEAD.search(sentence, max(0, match.start() - 20), match.start()):
        return not unit_of((match.group("unit") or "").split(), value)  # not "as old as 4 billion years"
    # "Yoon, 63," or "Parata, 75." : an age in apposition to a name.
    after = sentence[match.end("n") : match.end("n") + 1]
    near = _AGE.search(sentence, max(0, match.start() - 30), match.start())
    described = _NOW_AND.match(sentence, match.start() - 6)
    return (after in (",", ".", ";", "") or described is not None) and bool(near)


# The time that leads a live blog's entry ("10.05", "9.30").
_ENTRY_TIME = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d")
_CAPITAL_NEXT = re.compile(r" [A-Z]")
_TIME_UNIT = r"(?:hours?|minutes?|mins?|seconds?|secs?)"
_COMPOUND_TIME = re.compile(rf"\b\d+ {_TIME_UNIT}(?:,? (?:and )?\d+ {_TIME_UNIT})+\b")


def _unit_and_end(sentence: str, match: re.Match[str], value: float) -> tuple[str, int]:
    """The unit of a matched number and where its gap ends: an attached or hyphenated
    suffix stays in the text ("The …-year-old", "a …-day truce", "a …km walk")."""
    joined = (match.group("joined") or "").lower()
    if match.group("pct"):
        return "percent", match.end()
    if match.group("measure"):
        measure = match.group("measure")  # "3km", "40mph", "2.9C"
        unit = f"degrees {measure[-1].upper()}" if measure.lstrip("°").upper() in ("C", "F") else measure
        return unit, match.end("n")
    if match.group("cur"):
        unit = _CURRENCY[match.group("cur")]
        per = _PER.match(sentence, match.end())
        return (unit + per.group(0) if per else unit), match.end()
    if MEASURE_BEFORE.search(sentence, max(0, match.start() - 12), match.start()):
        return "magnitude", match.end()  # "the magnitude 6.8 quake hit": no counted noun
    if joined:
        if joined == "strong":
            return "members", match.end("n")  # a 2,000-strong contingent has 2,000 members
        if joined == "year" and match.group(0).lower().endswith("-old"):
            return _AGE_UNIT, match.end("n")  # "The 32-year-old"
        return (joined if value == 1 else _plural(joined)), match.end("n")
    own = unit_of((match.group("unit") or "").split(), value)
    stat = None if own else STAT_BEFORE.search(sentence, max(0, match.start() - 40), match.start())
    if stat is not None:
        return stat["m"].lower(), match.end()  # "hazard ratio 1.34": a statistic, no counted noun
    if _age(sentence, match, value):
        return _AGE_UNIT, match.end()
    if _PEOPLE_VERBS.match(match.group("unit") or ""):
        return "people", match.end()  # "an estimated 64 died"
    unit = unit_of((match.group("unit") or "").split(), value) or _casualties(sentence, match.start())
    if unit in _MONEY and (per := _PER.match(sentence, match.end() + 1 + len(unit))):
        unit += per.group(0)  # "a hundred dollars an hour"
    if not unit and _WHO_AFTER.match(sentence, match.end("n")):
        unit = "people"  # "23 of the 406 who took the drug"
    part = None if unit else _OF_THE.match(sentence, match.end("n"))
    return (part.group(1) if part else unit), match.end()


def find_figures(sentence: str) -> list[Figure]:
    """The figures in a sentence (blank out dates first: their numbers are not figures)."""
    found = []
    compound = [m.span() for m in _COMPOUND_TIME.finditer(sentence)]
    for match in FIGURE_RE.finditer(sentence):
        raw = match.group("n")
        value = _value(match)
        if value is None or _skipped(sentence, match, value):
            continue
        if any(a <= match.start("n") < b for a, b in compound):
            continue  # "2 hours 0 minutes 35 seconds" is one time, not three figures
        unit, end = _unit_and_end(sentence, match, value)
        joined = match.group("joined")
        looks_like_year = re.fullmatch(r"(1[89]|20)\d\d", raw) and not joined and not match.group("cur")
        if looks_like_year or value == 0:
            continue
        number: int | float = int(value) if float(value).is_integer() else value
        qualifier = match.group("q").lower() if match.group("q") else None
        found.append(Figure(match.start(), end, number, unit, qualifier))
    dashed = [
        Figure(a, b, _whole(low), unit, None, (_whole(low), _whole(high)))
        for a, b, low, high, unit in dashed_ranges(sentence, lambda rest: plural_unit(rest.split()))
    ]
    found = [f for f in found if not any(d.start <= f.start < d.end for d in dashed)]
    figures = _borrow_units(sentence, sorted(found + dashed + _votes(sentence), key=lambda f: f.start))
    return [_period(sentence, f) for f in join_ranges(sentence, figures)]


def _period(sentence: str, figure: Figure) -> Figure:
    """ "five flights over 30 days": the span they fall in, not more than 30 days."""
    if (
        figure.qualifier == "over"
        and _SPAN.fullmatch(figure.unit)
        and not _LONGER.search(sentence, 0, figure.start)
    ):
        return replace(figure, qualifier=None)
    return figure


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


# A span of time after "over" is a period ("12.5% over three years", "spread over four
# months"), except after a verb of lasting or a preposition ("took over 30 days", "for over").
_SPAN = re.compile(r"(?:hours?|days?|weeks?|months?|years?|decades?)")
_LONGER = re.compile(
    r"(?:^|\b(?:took|takes|take|taken|lasted|lasts|last|spent|spend|spends|waited|served|for|in|after|since"
    r"|within|than|of|by|to|ago))\s+$",
    re.I,
)
_WHO_AFTER = re.compile(r" (?:who|whom)\b")
# "140 of the volunteers": a part counts what its whole does.
_OF_THE = re.compile(r" of (?:the|its|their|our|his|her|these|those) ([a-z][a-z-]+[^s\W]s)\b")
# A vote's tally: "voted 11-3", "by a vote of 52-48", "passed 219-212".
_VOTE = re.compile(
    # Told in the past or, as a timeline tells it, in the present ("The council votes 9-2").
    r"\b(?:vote[sd]|vote of|votes? (?:was|were)|passe[sd]|approve[sd]|reject(?:s|ed))"
    r"\s+(\d{1,3})[-–](\d{1,3})\b"
)


_AGAINST = re.compile(r"\s+against\b")


def _votes(sentence: str) -> list[Figure]:
    found = []
    for m in _VOTE.finditer(sentence):
        # "voted 7-4 against the scheme": the larger side voted against.
        first, second = ("votes against", "votes in favour") if _AGAINST.match(sentence, m.end()) else (
            "votes in favour", "votes against")  # fmt: skip
        found.append(Figure(m.start(1), m.end(1), int(m[1]), first, None))
        found.append(Figure(m.start(2), m.end(2), int(m[2]), second, None))
    return found


# "between 10 and 20 people", "10-20 people", "12 of 13 members": the first number counts
# what the second does.
# "14 of their next 17 games": the part's noun is the whole's.
_LINK = re.compile(
    r"\s*(?:and|to|or|of|out of|-|–"
    r"|of (?:the|its|their)(?: (?:first|last|next|final|previous|past|remaining))?)\s*$"
)
# "at the ages of 13, 15 and 17": a list of ages.
_AGE_LINK = re.compile(r"\s*(?:,|,? and|,? or|to)\s*$")
# Statistics named before their number ("hazard ratio 1.34"): the next number "to" it shares them.
_STAT_TO = re.compile(r"\s*to\s*$")


# "52 unforced errors, 19 of them", "Eight crew members …; the other 13": the second counts
# what the first does.
_OF_THEM = re.compile(r" of (?:them|those|these)\b")
_OTHER = re.compile(r"\b(?:the other|another) $")
_MORE = re.compile(r" (?:more|others?)\b")  # "Twenty-nine died …, and four more"


def _borrow_units(sentence: str, found: list[Figure]) -> list[Figure]:
    kept: list[Figure] = []
    for i, figure in enumerate(found):
        before = kept[-1] if kept else None
        if not figure.unit and before is not None:
            between = sentence[before.end : figure.start]
            if before.unit == _AGE_UNIT and _AGE_LINK.match(between):
                # "aged 31 and 45", "the ages of 13, 15 and 17": the next age.
                figure = Figure(figure.start, figure.end, figure.value, _AGE_UNIT, figure.qualifier)
            elif (
                # "confidence interval 1.12 to 1.61": the statistic's other end.
                (STAT_BEFORE.search(sentence, 0, before.start) and _STAT_TO.match(between))
                or _OF_THEM.match(sentence, figure.end)
                or _MORE.match(sentence, figure.end)
                or _OTHER.search(sentence, max(0, figure.start - 12), figure.start)
            ):
                figure = Figure(figure.start, figure.end, figure.value, before.unit, figure.qualifier)
        if not figure.unit:
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt is None or not nxt.unit or not _LINK.match(sentence[figure.end : nxt.start]):
                continue
            figure = Figure(figure.start, figure.end, figure.value, nxt.unit, figure.qualifier)
        kept.append(figure)
    return kept
