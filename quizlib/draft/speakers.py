"""Who said a quotation: speech verbs, their subjects, and pronouns.

Each speech verb outside quotation marks is a *cue* whose subject is found in its clause:
a person named there (the first one, so an apposition's institution does not win), else a
pronoun (the last person who was a subject), else an institution. A quotation takes the cue
nearest to it in its sentence, else in the paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from quizlib.draft.actors import Actors
from quizlib.draft.people import (
    NAME,
    NAME_TOKEN,
    NOT_NAMES,
    ORG_HEADS,
    ROLE_WORDS,
    ROYAL,
    TITLE_RUN,
    TITLES,
    in_context_not_a_person,
)
from quizlib.draft.text import Quote

SPEECH_VERBS = (
    "said|says|say|saying|added|adds|adding|stated|states|wrote|writes|noted|notes|told|tells|warned|warns"
    "|announced|announces|confirmed|confirms|declared|declares|argued|argues|claimed|claims|insisted|insists"
    "|explained|reported|reports|replied|responded|asked|asks|urged|called|calls|calling|described"
    "|describes|describing|expressed|demanded|stressed|emphasi[sz]ed|reiterated|continued|recalled"
    "|acknowledged|admitted|commented|remarked|posted|tweeted|tweets|signaled|signalled|alleged|alleges"
    "|asserted|asserts|vowed|vows|blasted|slammed|praised|criticized|criticised|condemned|condemning"
    "|conceded|concluded|cautioned|predicted|promised|pledged|suggested|observed|weighed in|introduced"
    "|assured|assures|insisted|maintained|maintains|countered|testified|estimated"
    "|referred to (?:this|it|them) as|keeps recording|recorded|put it"
)
VERB_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
ACCORDING_RE = re.compile(r"\b[Aa]ccording to (?:the )?(?P<who>[^,.;]{2,80}?)(?=[,.;]|$| that\b)")
PRONOUN_RE = re.compile(r"\b(?:[Ss]he|[Hh]e|[Tt]hey|[Hh]er|[Hh]im)\b")
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# "the Serb told reporters", "the 37-year-old said": a person described, as a pronoun would.
_DESCRIPTOR = re.compile(
    r"\b[Tt]he (?:\d+-year-old|[A-Z][a-z]+(?:an|ian|ese|ish|ch|i|ic)|Serb|Croat|Swede|Dane|Pole|Finn"
    r"|Scot|Brit|Briton|Spaniard|Swiss|Czech|Greek|Turk|Thai|Kiwi|(?:French|Dutch|Irish|Welsh|English)"
    r"(?:man|woman)|Scots(?:man|woman))\s*$"
)
# "it added", "the company said": the organisation that last spoke.
_IT_RE = re.compile(
    r"(?:^|\s)(?:[Ii]t|[Tt]he (?:company|firm|agency|group|ministry|department|office|authority"
    r"|organi[sz]ation|government|court|police|party|bank|union|council|newspaper|paper))\s*$"
)
_CLAUSE_START = re.compile(r"[.!?;:]\s+|[”\"]\s*|\bthat\s")
_ADJECTIVAL = re.compile(r"\b(?:a|an|the|this|its|their|previously|widely|so-|often)\s*$")
_OWNER = re.compile(
    r"\b[Tt]he ([a-z]+)[’']s? (?:\w+ )?(?:bulletin|statement|website|channel|account|office)\b"
)
_BODY = re.compile(
    r"\b[Tt]he ((?:[A-Z][\w-]* )+(?:[a-z]+ ){0,2}(?:agency|ministry|government|council|committee|commission"
    r"|office|parliament|army|military|police|court|media|embassy|mission))\b"
)
# A lowercase word before "reports" or "claims" makes it a noun ("sporadic reports of").
_NOUN_BEFORE = re.compile(r"\b(?!(?:she|he|it|they|who|which|also|still|now|often)\b)[a-z]+(?<!ly)\s+$")
# "..., said Mr. Reeves", "says Parata,", "wrote 43-year-old Martin Taylor"
# An auxiliary makes the words after a speech verb what was said, not who said it.
_CLAUSE_VERB = re.compile(r"\b(?:would|will|could|should|can|may|might|must|was|were|is|are|had|has|have)\b")
_INVERTED = re.compile(
    # "said its director, Tamsin Pascoe": a role, a comma, the name.
    rf"\s+(?P<skip>(?:the |its |their )?[\w -]{{0,40}}?,? )??"
    # "said Kremlin spokesperson Dmitry Peskov", "said Secretary of State Antony Blinken".
    rf"(?:(?:[A-Z][\w-]*+ ){{1,3}}(?:press |chief |deputy |senior )?(?:{ROLE_WORDS}) "
    rf"|(?:{TITLES}) of (?:the )?[A-Z][\w-]*+ )?"
    rf"{TITLE_RUN}(?P<name>(?:{NAME}|{NAME_TOKEN})(?: [IVX]+\b)?)(?![\w’'-])"  # "King Charles III"
)


@dataclass(frozen=True)
class Cue:
    """A speech verb at ``at`` whose subject is ``name`` (an actor of ``kind``) or a pronoun.

    A cue names its subject without registering it: only a cue that attributes a quotation
    adds an actor to the draft.
    """

    at: int
    name: str | None
    kind: str = "person"
    pronoun: bool = False
    gender: str = ""  # "m" for he/him, "f" for she/her: skip people known to be otherwise


_LEADING = frozenset(
    {"Because", "The", "the", "Then", "So", "But", "And", "When", "While", "If", "As", "After", "Before"}
)


_ORG = re.compile(
    rf"(?:[Tt]he )?((?:[A-Z][\w-]*+ ){{0,6}}(?:{ORG_HEADS})\b"
    rf"(?: of (?:the )?[A-Z][\w-]*+(?: [A-Z][\w-]*+){{0,4}}){{0,2}})"
)


def _lead_stripped(name: str) -> str:
    # "Because the Ministry of Truth" is the Ministry of Truth.
    words = name.split()
    while len(words) > 1 and words[0] in _LEADING:
        words.pop(0)
    return " ".join(words)


def _titled_person(actors: Actors, clause: str) -> str | None:
    """The one person whose name starts with the title a clause ends on ("the King said" is
    King Charles III), or None."""
    m = re.search(r"\b[Tt]he ([A-Z][a-z]+)\s*$", clause)
    if m is None or m.group(1) not in ROYAL:
        return None
    named = [
        e["name"]
        for e in actors.entries.values()
        if e["kind"] == "person" and e["name"].startswith(m[1] + " ")
    ]
    return str(named[0]) if len(named) == 1 else None


def _known_body(actors: Actors, clause: str) -> str | None:
    """The one named institution a common noun refers back to ("the guild" for the Writers
    Guild of America, "the bank's" for Silicon Valley Bank), or None."""
    for m in reversed(list(re.finditer(r"\b[Tt]he ([a-z]+)(?:[’']s)?\b", clause))):
        word = m.group(1).capitalize()
        bodies = [
            e["name"] for e in actors.entries.values() if e["kind"] != "person" and word in e["name"].split()
        ]
        if len(bodies) == 1:
            return str(bodies[0])
    return None


def _subject(actors: Actors, clause: str) -> Cue | None:
    """The speaker in the words before a speech verb (``at`` left 0)."""
    found = actors.mentions(clause)
    # "Mr. Dawson's neighbour, Ellen Park, said": a possessor is not the subject.
    people = [
        m for m in found if actors.kind(m.actor) == "person" and clause[m.end : m.end + 1] not in ("’", "'")
    ]
    if people:
        # The first person, so an apposition does not win ("Maria Zakharova, the spokesperson
        # for …, stated"), unless another stands right before the verb ("Asked by the
        # counsel, Jason Beer, why …, Ms Vennells said").
        adjacent = people[-1] if not clause[people[-1].end :].strip() else people[0]
        return Cue(0, actors.entries[adjacent.actor]["name"])
    bodies = [(f.start, f.end) for f in found if actors.kind(f.actor) != "person"]
    for m in re.finditer(NAME, clause):
        name = m.group(0)
        if any(a <= m.start() < b for a, b in bodies):
            continue  # "Food Allergy Research" of "Food Allergy Research & Education"
        if actors.leading(name.split()[0]) is not None:
            continue  # "Halvorsen Ridgeline", a product of Halvorsen Motor Co.
        if actors.is_name(name) and not in_context_not_a_person(clause, m.start(), m.end(), name):
            return Cue(0, name)  # not "the Black Sea grain deal"
    pronoun = PRONOUN_RE.search(clause)
    if pronoun:
        return Cue(0, None, pronoun=True, gender=_GENDER.get(pronoun.group(0).lower(), ""))
    titled = _titled_person(actors, clause)
    if titled is not None:
        return Cue(0, titled)
    if _DESCRIPTOR.search(clause):
        return Cue(0, None, pronoun=True)
    body = _BODY.search(clause)  # "The UN refugee agency"
    if found and not (body and body.start(1) <= found[-1].start < body.end(1)):
        return Cue(0, actors.entries[found[-1].actor]["name"], "institution")  # not the UN itself
    known = _known_body(actors, clause)
    if known is not None:
        return Cue(0, known, "institution")  # "the guild's negotiating committee said"
    org = _ORG.search(clause)
    owner = _OWNER.search(clause)  # "The peacekeepers’ news bulletin"
    single = [
        m.group(0)
        for m in re.finditer(r"\b[A-Z][\w-]+\b(?!,)", clause)
        if m.group(0) not in NOT_NAMES and m.group(0).lower() not in actors.lower
    ]
    name = (
        _lead_stripped(org.group(1))
        if org
        else body.group(1)
        if body
        else owner.group(1)
        if owner
        else (single or [""])[-1]
    )
    return Cue(0, name.strip(), "institution") if name.strip() else None


def _speaker_name(actors: Actors, name: str) -> bool:
    # A single word after an inverted verb is a speaker when it is a known person's name or
    # reads as a name ("says Parata"); several words must read as a name.
    known = actors.find(name)
    if known is not None:
        return actors.kind(known) == "person"
    return actors.is_name(name) and name not in NOT_NAMES


# How far back from a speech verb its subject is looked for: bounded, so a paragraph costs
# time linear in its length however many verbs it has.
_REACH = 300


def cues(actors: Actors, masked: str) -> list[Cue]:
    """The speech cues in a paragraph whose quotations are blanked out."""
    found: list[Cue] = []
    for verb in VERB_RE.finditer(masked):
        before = masked[max(0, verb.start() - _REACH) : verb.start()]
        if _ADJECTIVAL.search(before) or (verb.group(0).endswith("s") and _NOUN_BEFORE.search(before)):
            continue  # "a previously announced meeting", "sporadic reports of"
        # "the vaccine, called Arexvy," names a thing: only a verb of saying is inverted.
        after = _INVERTED.match(masked, verb.end()) if verb.group(0) != "called" else None
        if after and (after["skip"] or "").endswith(", ") and not _ROLE_LAST.search(after["skip"][:-2]):
            after = None  # "said the bank, Lloyds": only a role before the comma ("its director, X")
        if after and _CLAUSE_VERB.search(after["skip"] or ""):
            after = None  # "said the group would run courses in Nelson": a reported clause

        if after and re.search(r"[,”\"]\s*$", before) and _speaker_name(actors, after.group("name")):
            found.append(Cue(verb.start(), after.group("name")))
            continue  # "..." said Grigoryan
        if _IT_RE.search(before):
            found.append(Cue(verb.start(), None, "institution", pronoun=True))
            continue
        starts = [m.end() for m in _CLAUSE_START.finditer(before)]
        subject = _subject(actors, before[starts[-1] if starts else 0 :])
        if subject is not None:
            found.append(replace(subject, at=verb.start()))
    for m in ACCORDING_RE.finditer(masked):
        who = m.group("who")
        if PRONOUN_RE.fullmatch(who):
            found.append(Cue(m.start(), None, pronoun=True, gender=_GENDER.get(who.lower(), "")))
            continue
        subject = _subject(actors, re.sub(r"[’']s\b.*", "", who))
        if subject is not None and not subject.pronoun:
            found.append(replace(subject, at=m.start()))
    return sorted(found, key=lambda c: c.at)


_SUBJECT_VERB = re.compile(
    r"(?:,[^,]{1,90},)?\s+(?:\w+ly\s+)?(?:is|was|has|had|will|would|can|could|did|does|"
    r"may|must|should|[a-z]+ed|[a-z]+[^s’']s)\b"
)


def subjects(actors: Actors, masked: str) -> list[tuple[int, str]]:
    """People named as the subject of a sentence ("Zakharova stridently disagrees")."""
    return [
        (m.start, m.actor)
        for m in actors.mentions(masked)
        if actors.kind(m.actor) == "person" and _SUBJECT_VERB.match(masked, m.end)
    ]


@dataclass
class Paragraph:
    """One paragraph's speech cues, subjects and mentions, found once for all its quotations.

    Attributes:
        masked: The paragraph with every quotation blanked out.
        spans: Its sentence spans.
        cues: Its speech cues.
        people: (offset, actor id) of each person who is a subject or a speech verb's subject.
        named: (offset, actor id) of each person mentioned.
    """

    masked: str
    spans: list[tuple[int, int]]
    cues: list[Cue]
    people: list[tuple[int, str]]
    named: list[tuple[int, str]]
    ats: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Offsets for bisection: each quotation looks up its sentence and cues in log time.
        self.ats = [c.at for c in self.cues]
        self.starts = [a for a, _ in self.spans]

    def sentence(self, at: int) -> tuple[int, int]:
        """The span of the sentence holding offset ``at`` (the whole paragraph without spans)."""
        i = bisect_right(self.starts, at) - 1
        return self.spans[i] if i >= 0 and at < self.spans[i][1] else (0, len(self.masked))

    @classmethod
    def read(cls, actors: Actors, masked: str, spans: list[tuple[int, int]]) -> Paragraph:
        """Find a paragraph's cues, subjects and mentions."""
        found = cues(actors, masked)
        people = subjects(actors, masked) + [
            (c.at, ident)
            for c in found
            if c.name and c.kind == "person" and (ident := actors.add(c.name)) is not None
        ]
        people = sorted((at, who) for at, who in people if actors.kind(who) == "person")
        named = [(m.start, m.actor) for m in actors.mentions(masked) if actors.kind(m.actor) == "person"]
        return cls(masked, spans, found, people, named)

    def last_subject(
        self, actors: Actors, before: int, last: str | None, *, mentioned: bool = False, gender: str = ""
    ) -> str | None:
        """The person who was last the subject of a sentence or a speech verb before ``before``.

        With ``mentioned``, a paragraph without such a subject falls back on the last person it
        mentions ("... came from Maria Zakharova. According to her, ..."); across paragraphs
        only subjects carry ("She bristled at ... including Nikol Pashinyan." keeps "she").
        With ``gender`` ("she"), a person known to be otherwise ("Mr. Dawson") is passed over.
        """

        def fits(who: str | None) -> bool:
            return not gender or actors.gender.get(who or "", gender) == gender

        for found in (self.people, self.named if mentioned else []):
            i = bisect_left(found, (before, ""))
            # A few steps back at most: the nearest compatible person, in bounded time.
            for _, who in reversed(found[max(0, i - 6) : i]):
                if fits(who):
                    return who
        return last if fits(last) else None


_ROLE_LAST = re.compile(rf"\b(?:{ROLE_WORDS})$", re.I)
# The speaker named before an interview's answer: "Estrada:", "Gloria Estrada:", "Dr. Lee:".
_ANSWER = re.compile(rf"^{TITLE_RUN}(?P<name>{NAME}|{NAME_TOKEN}):$")


@dataclass
class Recent:
    """Who spoke last, carried from paragraph to paragraph of one article.

    Attributes:
        person: The person who was last a subject (for "he said").
        org: The institution that last spoke (for "it added").
        quoted: The speaker of the last attributed quotation (for a quotation with no verb
            of its own, which continues the last speaker).
    """

    person: str | None = None
    org: str | None = None
    quoted: str | None = None


def attribute(actors: Actors, para: Paragraph, quote: Quote, recent: Recent) -> tuple[str | None, bool]:
    """The speaker of one quotation, and whether it reads as speech at all.

    Args:
        actors: The draft's actors.
        para: The paragraph the quotation is in.
        quote: The quotation.
        recent: Who spoke last before this paragraph.
    """
    masked = para.masked
    sentence = para.sentence(quote.start)

    def distance(c: Cue) -> int:
        gap = quote.start - c.at if c.at < quote.start else c.at - quote.end
        # An earlier cue in the paragraph carries on; a later one only within the sentence.
        same = c.at < sentence[1] or (0 <= gap < 8 and not masked[quote.end : c.at].strip(" ,"))
        return max(gap, 0) + (0 if same else 10_000)

    # Only the nearest cue on either side can win: bisect, so many quotations stay linear.
    lo = bisect_left(para.ats, quote.start)
    hi = bisect_left(para.ats, quote.end)
    best = min(para.cues[max(lo - 1, 0) : hi + 1], key=distance, default=None)
    # Without a speech verb, only a whole sentence in quotation marks reads as speech.
    lead = masked[sentence[0] : quote.start].strip()
    speech = quote.text.strip()[:1].isupper() and len(quote.text.split()) >= 5 and lead[-1:] in ("", ":", ",")
    if best is None or distance(best) >= 10_000:
        asked = _ANSWER.match(lead)  # an interview's answer: "Estrada: “Two things. …”"
        known = actors.find(asked["name"]) if asked else None  # not "Warning: “…”"
        if known is not None and actors.kind(known) == "person":
            return known, True
        # A phrase inside a sentence with no speech verb is a term or a title, not speech;
        # whole sentences in quotation marks with no verb continue the last speaker.
        rest = masked[sentence[0] : quote.start] + masked[quote.end : sentence[1]]
        alone = not rest.strip(' .,;:!?”"')  # nothing outside the quotation names anyone
        return (recent.quoted if speech and alone else None), speech
    if best.pronoun and best.kind == "institution":
        # "it added": the institution that spoke or was named last before the verb.
        named = [c.name for c in para.cues if c.at < best.at and c.kind == "institution" and c.name]
        orgs = [m.group(1) for m in _ORG.finditer(masked, max(0, best.at - _REACH), best.at)]
        if named or orgs:
            return actors.add(_lead_stripped((named or orgs)[-1]), "institution"), True
        return recent.org, True
    if best.pronoun:
        return para.last_subject(actors, best.at, recent.person, mentioned=True, gender=best.gender), True
    return (actors.add(best.name, best.kind) if best.name else None), True
