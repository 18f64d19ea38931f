"""Institutions named in article text: organisation names, bodies described as what they are,
and single names that act as a clause's subject. Pure text rules; :mod:`quizlib.draft.actors`
registers what they find.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter

from quizlib.draft.people import NOT_NAMES, ORG_HEADS, ROLE_WORDS

ROLE_HEAD = re.compile(rf"\b(?:{ROLE_WORDS})\b", re.I)
# "and" joins words of one name ("Control and Prevention"); "and the" starts another.
# "Taiwan People's Party", "Women's Tennis Association": a common noun's possessive is part of
# the name; "Russia's Foreign Ministry" is not.
_WORD = r"(?:(?:People|Women|Men|Children|Workers|Farmers|Veterans|Citizens|Teachers)[’']s|[A-Z][\w-]*+)"
ORG_RUN = re.compile(rf"\b{_WORD}(?: (?:(?:of|for|on) (?:the )?|and |& )?{_WORD}){{0,8}}")
# "the Obama administration", "the Chemehuevi tribe": a name before a lowercase body.
BODY_AFTER = re.compile(r"\b[Tt]he ([A-Z][\w-]+(?: [A-Z][\w-]+)?) (?:administration|tribe|government)\b")
# A single word with a capital inside, after a lower-case word, is a company or a service named
# once ("data from VesselWatch", "posted on LinkedIn"); not a surname with a prefix
# ("McCarthy", "DeSantis", "LeBron"), nor the first of several capitalised words.
CAMEL = re.compile(
    r"(?<=[a-z,] )(?!(?:Mc|Mac|De|Di|Du|La|Le|Van|Von|Fitz|O)[A-Z])([A-Z][a-z]+(?:[A-Z][a-z]+)+)\b(?! [A-Z])"
)
# "the International Chess Federation, known as FIDE": the second name is the first's alias.
KNOWN_AS = re.compile(
    r"\b((?:[A-Z][\w-]*+ (?:(?:of|for|on|and) (?:the )?)?){0,5}[A-Z][\w-]*+),? (?:also )?known as (?:the )?"
    r"([A-Z][\w-]*+)"
)
# Metonyms that stand for an office rather than a place.
SEATS = frozenset({"Kremlin", "Pentagon", "White House", "Downing Street", "Élysée", "Quai d'Orsay"})
_VERBISH = re.compile(
    r"(?:,[^,]{1,90},)?\s+(?:\w+ly\s+)?(?:is|was|has|had|have|will|would|can|could|did|does|do|may|might"
    r"|must|should|[a-z]+ed|[a-z]+[^s]s)\b"
)


# "the Commons on Monday", "the Council of May": a date after a name is not part of it.
_DATE_WORDS = "|".join((*calendar.month_name[1:], *calendar.day_name))
_RUN_TAIL = re.compile(rf" (?:on|of|for) (?:the )?(?:{_DATE_WORDS})\b.*$")
LEGAL = re.compile(r",? (?:Inc|Corp|Co|Ltd|LLC|PLC|plc|AG|SA|NV)\.?$")
_RUN_LEAD = re.compile(
    r"^(?:(?:On|In|At|The|A|An|But|And|As|For|By|From|Rival|Rivals|Former|Ex"
    r"|\w+-(?:led|based|backed|owned|run)) )+"
)
_CLAUSE_END = re.compile(r"(?:^|[.!?;]\s+|,\s+|\b(?:that|and|but|while|as|when)\s+)$")


def _clause_starts(text: str, at: int) -> bool:
    # Only the last few characters matter; searching the whole prefix made a scan quadratic.
    return bool(_CLAUSE_END.search(text, max(0, at - 12), at))


_HEAD = re.compile(rf"\b(?:{ORG_HEADS})\b")
_HEAD_LAST = re.compile(rf"\b(?:{ORG_HEADS})$")


def acronym_of(name: str) -> str:
    """The acronym a name's capitalised words spell ("European Union" → "EU")."""
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _titled(run: str) -> bool:
    """Whether a role word makes the run a person's title ("Secretary of the Security Council",
    "Central Bank Governor Elvira Nabiullina") rather than part of a name ("Independent
    Advisor Alliance")."""
    role = ROLE_HEAD.search(run)
    return role is not None and (role.start() == 0 or not _HEAD_LAST.search(run))


_BODY_NOUN = (
    r"(?:company|firm|(?!(?:the|a|an|this|that) )[a-z]+ giant|group|[a-z]*maker|retailer|carrier|start-?up"
    r"|conglomerate|insurer|manufacturer|broadcaster|chain|lender|automaker|carmaker|chipmaker|airline|operator|supplier"
    r"|developer|club|nonprofit|non-profit|charity|contractor|provider|vendor)"
)
_NAMED = r"[A-Z][\w&.-]*(?: (?:& )?[A-Z][\w&.-]*){0,3}"  # "Food Allergy Research & Education"
# A body named beside what it is: "the Japanese company Fujitsu", "oil giant Royal Dutch
# Shell", "Alphabet, the parent company of Google" (not "… of North Carolina, the firm's").
_DESCRIBED_BODY = re.compile(
    rf"\b{_BODY_NOUN}(?: known as| called| named)? (?:the )?(?P<before>{_NAMED})\b"
    rf"|(?<![\w-])(?P<after>{_NAMED}), (?:the|a|an) (?:[\w-]+ ){{0,3}}{_BODY_NOUN}"
    rf"(?: of (?P<of>{_NAMED}))?(?=[,.;:]| based\b| in\b| that\b| which\b| with\b)"
)
# A source: "according to the Art Loss Register", "according to the WTA", "according to NASA"
# (a name without "the" may be a person's).
_ACCORDING_BODY = re.compile(
    r"\b[Aa]ccording to (?:the (?P<name>[A-Z][\w-]++(?: (?:& |of (?:the )?)?[A-Z][\w-]*+){0,5})"
    r"|(?=[A-Z]{2,6}\b)(?P<acronym>[A-Z]+))(?![\w’'-])"
)
# A name that runs on past the words taken: "… and Tourism Council", "… for Disease Control".
_NAME_GOES_ON = re.compile(r" (?:and|for|on|de|del|des) [A-Z]")
# A text rather than a body: "according to the Constitution".
_DOCUMENT = re.compile(
    r"\b(?:Constitution|Bible|Koran|Quran|Torah|Act|Law|Treaty|Report|Index|Agreement|Charter|Census)$"
)
# "the museum's insurers, Castellan Fine Art.": a body noun, then the name in apposition.
_APPOSED_BODY = re.compile(rf"\b{_BODY_NOUN}s?, (?:the )?(?P<name>{_NAMED})(?=[,.;]| of [A-Z]| based\b|$)")
_ACRONYM_APPOSITION = re.compile(
    r"\b(?:agency|group|organi[sz]ation|body|authority|regulator|ministry|company|firm|party|service"
    r"|union|network|office|committee|council|bank|broadcaster), ([A-Z]{2,8}),"
)
# "Microsoft said this week it would", "Amazon has said it would": "it", not "he" or "she".
_IT_AFTER = re.compile(
    r" (?:\w+ ){0,4}?(?:said|says|announced|added|confirmed|stated)(?: \w+){0,3}? (?:that )?it\b"
    r"| (?:has |had |will |would )?[a-z]+(?:ed|s) its\b"  # "Microsoft has completed its takeover"
)


# A campaign named by its demand, inside a sentence: "Campaigners from Stop Bristol Expansion",
# "the Save Millbrook Fields group", not a person called "Stop Bristol".
_CAMPAIGN = re.compile(
    r"(?<=[\w,] )(?P<name>(?:Stop|Save|Keep|Protect|Defend|Fight|Ban|Scrap|Reclaim|End) (?:the )?"
    r"[A-Z][\w’'-]*+(?: [A-Z][\w’'-]*+){0,3})"
)


def organisation_runs(text: str, runs: Counter[str], subjects: Counter[str]) -> None:
    """Count capitalised runs that look like organisations, and single words that start a
    clause before a verb ("Baku announced")."""
    for m in ORG_RUN.finditer(text):
        # Leading function words and "Russia-led" are not part of an organisation's name.
        run = _RUN_TAIL.sub("", _RUN_LEAD.sub("", m.group(0)))
        head, of, rest = run.partition(" of ")
        if of and not _HEAD.search(head):
            run = rest.removeprefix("the ")  # "Penelope Muse Abernathy of the University of X"
        first, joined, second = run.partition(" and ")
        if joined and _HEAD_LAST.search(first) and not _HEAD.search(second):
            # "the International Tennis Federation and Kosmos": two bodies, the second named
            # as one (not "Disease Control and Prevention", one name).
            run = first
            if second not in NOT_NAMES:
                runs[second] += 2
        if (_HEAD.search(run) and not _titled(run)) or run in SEATS:
            runs[run] += 1
        if len(run.split()) == 1 and _clause_starts(text, m.start()):
            if _VERBISH.match(text, m.end()):
                subjects[run] += 1  # "Baku announced", "Putin can no longer"
            if _IT_AFTER.match(text, m.end()):
                # "Microsoft said this week it would": a body, unless a person of that name
                # turns up (the subjects are registered after the people).
                subjects[run] += 2
    for m in _ACCORDING_BODY.finditer(text):
        source = m["name"] or m["acronym"]
        if _NAME_GOES_ON.match(text, m.end()):
            # "the World Travel and Tourism Council" is one name or two, "the Centers for
            # Disease Control" one: other rules decide, never the first word alone.
            continue
        if not _DOCUMENT.search(source) and source not in NOT_NAMES:
            runs[source] += 2  # "according to the Art Loss Register", "according to the WTA"
    for m in _CAMPAIGN.finditer(text):
        runs[m["name"]] += 2
    for m in _ACRONYM_APPOSITION.finditer(text):
        runs[m.group(1)] += 2  # "Turkey's disaster agency, AFAD, said"
    described = [(m["before"], m["after"], m["of"]) for m in _DESCRIBED_BODY.finditer(text)]
    described += [(m["name"].rstrip("."), None, None) for m in _APPOSED_BODY.finditer(text)]
    for names in described:
        for name in names:
            name = _RUN_LEAD.sub("", name or "")
            if name and not any(word in NOT_NAMES for word in name.split()):
                runs[name] += 2  # "the Japanese company Fujitsu", "Alphabet, the parent company of Google"
