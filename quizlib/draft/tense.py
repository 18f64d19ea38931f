"""The tense a date is told in: whether a date without a year, a weekday or a month points
forward ("will vote Saturday", "keeps the government open until Dec. 20", "The final is on
Saturday") or back ("said late Thursday"), read in the date's own clause."""

from __future__ import annotations

import re

# The sentence speaks of what is still to come.
_FUTURE = re.compile(
    r"\b(?:will|won[’']t|shall|(?:should|may|might)(?! have)"
    r"|(?:is|are) (?:due|scheduled|set|expected|slated|planned) to|plans? to"
    r"|scheduled|expected|expects?|forecasts|slated|upcoming"
    # A scheduled change in the present: "who leaves office in December", "the lease expires in May".
    r"|(?:starts|begins|opens|resumes|reconvenes|ends|closes|expires|retires|leaves(?: office)?"
    r"|steps down|takes office|stands down) in"
    r"|(?:hopes?|aims?|intends?) to)\b"
)
_PAST_CLAUSE = re.compile(r"\b(?:was|were|had|did|said|told)\b")
# Verbs in the past without -ed: a clause holding one has a verb of its own ("won the title on
# Saturday, beating … in a play-off"), so it does not take its sentence's tense.
_IRREGULAR = re.compile(
    r"\b(?:won|lost|took|made|came|went|gave|got|held|met|left|began|fell|rose|struck|became|sold"
    r"|bought|paid|sent|spent|built|brought|found|led|wrote|grew|knew|broke)\b"
)
_UNTIL = re.compile(r"\b(?:until|till|through|by)\s+(?:at (?:least|the earliest|the latest)\s+)?$")
DEADLINE_AFTER = re.compile(r"\s+deadline\b")
_UNTIL_IN = re.compile(r"(?:[Uu]ntil|[Bb]y)\b")
# A present or modal verb: "keeps the government open until Dec. 20", "must be done by".
_PRESENT = re.compile(
    r"\b(?:is|are|keeps?|remains?|runs?|lasts?|stays?|continues?|must|can|has to|have to)\b"
)
_PAST_AUX = re.compile(r"\b(?:was|were|had|did)\b")
# The auxiliary nearest before an "until": "were arrested … and have been released on bail
# until 5 January" holds until a day ahead; "was closed until Monday" held until one past.
_AUX = re.compile(
    r"\b(?:(?P<past>was|were|had|did)|is|are|has|have|will|shall|must|can|remains?|stays?|keeps?)\b"
)
# A present copula or a verb of scheduling: "The final is on Saturday", "The other semifinal, on
# Friday, is …", "The committee meets on Monday".
_COPULA = re.compile(
    r"\b(?:is|are|meets?|holds?|opens?|closes?|starts?|begins?|ends?|plays?|faces?|hosts?|visits?"
    r"|resumes?|reconvenes?|takes? place)\b(?![-’'])"  # not "a play-off"
)
_SINCE = re.compile(r"\b(?:since|before|after|until|till|by|from)\s+$", re.I)
_WILL = re.compile(r"\b(?:will|shall|won[’']t)\b")
# "said … would decide by April 15": a future seen from the past, before the date in its
# clause, is still ahead ("told investors on Oct. 31 that the merger would" is not).
_WOULD = re.compile(r"\bwould(?! have)\b")
# A date right after a verb in the past ("said late Thursday", "was charged on Oct. 31").
_PAST_BEFORE = re.compile(
    # "will be dissolved on 30 May" is a passive ahead, not a past; "will stay closed until
    # Monday" an adjective.
    r"\b(?:said|told|wrote|was|were|had|did"
    r"|(?<!\bbe )(?<!\bbeen )(?<!\bstay )(?<!\bstays )(?<!\bremain )(?<!\bremains )"
    r"(?<!\ba )(?<!\ban )(?<!\bthe )"  # "publish a detailed timetable on Thursday": an adjective
    r"(?!scheduled|expected|planned|slated)\w+ed)"
    r"\s+(?:[\w-]+\s+){0,2}$"  # "voted 5-2 on Thursday"
)


def _schedule(sentence: str, clause: str, match: re.Match[str], verbless: bool) -> bool:
    """Whether a weekday names an event a present copula schedules ("The final is on
    Saturday"); a month or a day only right after "is" ("The first day is Aug. 20"), being
    as often a figure's ("is 3% in March")."""
    if _SINCE.search(sentence, max(0, match.start() - 8), match.start()):
        return False
    scope = sentence if verbless else clause
    if not _COPULA.search(scope) or _PAST_CLAUSE.search(scope) or _PAST_AUX.search(scope):
        return False
    # The verb nearest before the weekday decides: "plays Arsenal on Saturday" and "holds a
    # hearing on Tuesday" are ahead, "plays Arsenal after losing on Tuesday" is not.
    copulas = list(_COPULA.finditer(sentence, 0, match.start()))
    between = sentence[copulas[-1].end() : match.start()] if copulas else ""
    if not match["wd"]:
        return bool(copulas and (match["d1"] or match["d2"]) and between.strip() in ("", "on"))
    return not re.search(r"\w\wed\b|\b(?:after|before|since|while|following)\b", between)


def looks_ahead(sentence: str, match: re.Match[str]) -> bool:
    """Whether a date without a year (or a weekday, or a month) points forward.

    Args:
        sentence: The sentence holding the date.
        match: The date's match in ``sentence``.
    """
    # The tense of the date's own clause: "Reed, who will be chairman, told investors on
    # Oct. 31" looks back; "A trial is scheduled for Sept. 14" looks forward.
    start = max((sentence.rfind(c, 0, match.start()) for c in ",;—–("), default=-1) + 1
    ends = [i for c in ",;—–)" if (i := sentence.find(c, match.end())) != -1]
    clause = sentence[start : min(ends, default=len(sentence))]
    would = bool(_WOULD.search(sentence, start, match.start()))
    past = bool(_PAST_CLAUSE.search(clause) and not _WILL.search(clause)) and not would
    # "keeps the government open until Dec. 20": a deadline in the present lies ahead.
    before = sentence[max(0, match.start() - 30) : match.start()]
    until = _UNTIL.search(before) or _UNTIL_IN.match(match.group(0))
    deadline = bool(until and _PRESENT.search(clause) and not _PAST_AUX.search(sentence))
    deadline = deadline or bool(DEADLINE_AFTER.match(sentence, match.end()))  # "a June 5 deadline"
    if until:
        aux = list(_AUX.finditer(sentence, start, match.start()))
        if aux and not aux[-1]["past"]:
            deadline, past = True, False  # "… and have been released on bail until 5 January"
    # A clause with no verb of its own ("…, for the quarter ending in April") takes the
    # sentence's: "The company expects revenue …" looks ahead.
    verbs = (_PRESENT, _PAST_AUX, _WILL, _COPULA, _IRREGULAR)
    verbless = not (past or any(verb.search(clause) for verb in verbs))
    future = _FUTURE.search(clause) or (
        verbless and _FUTURE.search(sentence) and not _PAST_CLAUSE.search(sentence)
    )
    future = future or would or _schedule(sentence, clause, match, verbless)
    return (
        bool(future or deadline)
        and not past
        and not _PAST_BEFORE.search(sentence, max(0, match.start() - 40), match.start())
    )
