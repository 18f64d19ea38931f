"""Who said a quotation: speech verbs, their subjects, and pronouns.

Each speech verb outside quotation marks is a *cue* whose subject is found in its clause:
a person named there (the first one, so an apposition's institution does not win), else a
pronoun (the last person who was a subject), else an institution. A quotation takes the cue
nearest to it in its sentence, else in the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quizlib.draft.actors import NAME, NOT_NAMES, ORG_HEADS, Actors
from quizlib.draft.text import Quote

SPEECH_VERBS = (
    "said|says|say|added|adds|stated|states|wrote|writes|noted|notes|told|tells|warned|warns|announced"
    "|announces|confirmed|confirms|declared|declares|argued|argues|claimed|claims|insisted|insists"
    "|explained|reported|reports|replied|responded|asked|urged|called|described|expressed|demanded"
    "|stressed|emphasi[sz]ed|reiterated|continued|recalled|acknowledged|admitted|commented|remarked"
    "|posted|tweeted|signaled|signalled|referred to (?:this|it|them) as|keeps recording|recorded|put it"
)
VERB_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
ACCORDING_RE = re.compile(r"\b[Aa]ccording to (?:the )?(?P<who>[^,.;]{2,80}?)(?=[,.;]|$| that\b)")
PRONOUN_RE = re.compile(r"\b(?:[Ss]he|[Hh]e|[Tt]hey|[Hh]er|[Hh]im)\b")
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
_INVERTED = re.compile(rf"^\s+(?:(?:the )?[\w ]{{0,40}}? )?(?P<name>{NAME})")


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


def _subject(actors: Actors, clause: str) -> Cue | None:
    """The speaker in the words before a speech verb (``at`` left 0)."""
    found = actors.mentions(clause)
    people = [m for m in found if actors.kind(m.actor) == "person"]
    if people:
        return Cue(0, actors.entries[people[0].actor]["name"])
    for m in re.finditer(NAME, clause):
        if actors.is_name(m.group(0)):
            return Cue(0, m.group(0))
    if PRONOUN_RE.search(clause):
        return Cue(0, None, pronoun=True)
    if found:
        return Cue(0, actors.entries[found[-1].actor]["name"], "institution")
    org = re.search(
        rf"(?:[Tt]he )?((?:[A-Z][\w-]* )*(?:{ORG_HEADS})(?: of (?:the )?[A-Z][\w-]*(?: [A-Z][\w-]*)*)*)",
        clause,
    )
    body = _BODY.search(clause)  # "The UN refugee agency"
    owner = _OWNER.search(clause)  # "The peacekeepers’ news bulletin"
    single = [
        m.group(0)
        for m in re.finditer(r"\b[A-Z][\w-]+\b(?!,)", clause)
        if m.group(0) not in NOT_NAMES and m.group(0).lower() not in actors.lower
    ]
    name = (
        org.group(1) if org else body.group(1) if body else owner.group(1) if owner else (single or [""])[-1]
    )
    return Cue(0, name.strip(), "institution") if name.strip() else None


def cues(actors: Actors, masked: str) -> list[Cue]:
    """The speech cues in a paragraph whose quotations are blanked out."""
    found: list[Cue] = []
    for verb in VERB_RE.finditer(masked):
        before = masked[: verb.start()]
        if _ADJECTIVAL.search(before) or (verb.group(0).endswith("s") and _NOUN_BEFORE.search(before)):
            continue  # "a previously announced meeting", "sporadic reports of"
        after = _INVERTED.match(masked[verb.end() :])
        if after and re.search(r"[,”\"]\s*$", before) and actors.is_name(after.group("name")):
            found.append(Cue(verb.start(), after.group("name")))
            continue  # "..." said Grigoryan
        starts = [m.end() for m in _CLAUSE_START.finditer(before)]
        subject = _subject(actors, before[starts[-1] if starts else 0 :])
        if subject is not None:
            found.append(replace(subject, at=verb.start()))
    for m in ACCORDING_RE.finditer(masked):
        who = m.group("who")
        if PRONOUN_RE.fullmatch(who):
            found.append(Cue(m.start(), None, pronoun=True))
            continue
        subject = _subject(actors, re.sub(r"[’']s\b.*", "", who))
        if subject is not None and not subject.pronoun:
            found.append(replace(subject, at=m.start()))
    return sorted(found, key=lambda c: c.at)


def subjects(actors: Actors, masked: str) -> list[tuple[int, str]]:
    """People named as the subject of a sentence ("Zakharova stridently disagrees")."""
    out = []
    for m in actors.mentions(masked):
        if actors.kind(m.actor) != "person":
            continue
        rest = masked[m.end :]
        if re.match(r"^(?:,[^,]{1,90},)?\s+(?:\w+ly\s+)?(?:is|was|has|had|will|would|can|could|did|does|"
                    r"may|must|should|[a-z]+ed|[a-z]+[^s’']s)\b", rest):  # fmt: skip
            out.append((m.start, m.actor))
    return out


def last_subject(
    actors: Actors, masked: str, before: int, last: str | None, *, mentioned: bool = False
) -> str | None:
    """The person who was last the subject of a sentence or a speech verb before ``before``.

    With ``mentioned``, a paragraph without such a subject falls back on the last person it
    mentions ("... came from Maria Zakharova. According to her, ..."); across paragraphs only
    subjects carry ("She bristled at ... including Nikol Pashinyan." keeps "she").
    """
    found = subjects(actors, masked) + [
        (c.at, ident)
        for c in cues(actors, masked)
        if c.name and c.kind == "person" and c.at < before and (ident := actors.add(c.name)) is not None
    ]
    people = [(at, who) for at, who in sorted(found) if at < before and actors.kind(who) == "person"]
    if people:
        return people[-1][1]
    if mentioned:
        named = [m.actor for m in actors.mentions(masked[:before]) if actors.kind(m.actor) == "person"]
        if named:
            return named[-1]
    return last


def attribute(
    actors: Actors, masked: str, spans: list[tuple[int, int]], quote: Quote, last: str | None
) -> tuple[str | None, bool]:
    """The speaker of one quotation, and whether it reads as speech at all.

    Args:
        actors: The draft's actors.
        masked: The paragraph with every quotation blanked out.
        spans: The paragraph's sentence spans.
        quote: The quotation.
        last: The person who was last a subject before this paragraph (for pronouns).
    """
    sentence = next(((a, b) for a, b in spans if a <= quote.start < b), (0, len(masked)))
    found = cues(actors, masked)

    def distance(c: Cue) -> int:
        gap = quote.start - c.at if c.at < quote.start else c.at - quote.end
        same = sentence[0] <= c.at < sentence[1] or not masked[quote.end : c.at].strip(" ,")
        return max(gap, 0) + (0 if same else 10_000)

    best = min(found, key=distance, default=None)
    # Without a speech verb, only a whole sentence in quotation marks reads as speech.
    lead = masked[sentence[0] : quote.start].strip()
    speech = quote.text.strip()[:1].isupper() and len(quote.text.split()) >= 5 and lead[-1:] in ("", ":", ",")
    if best is None or (distance(best) >= 10_000 and not speech):
        # A phrase inside a sentence with no speech verb is a term or a title, not speech.
        return None, speech
    if best.pronoun:
        return last_subject(actors, masked, best.at, last, mentioned=True), True
    return (actors.add(best.name, best.kind) if best.name else None), True
