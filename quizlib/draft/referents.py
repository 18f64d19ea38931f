"""Who an opening pronoun means, where the sentence before names them as its subject.

A fact's text is one sentence, shown alone. "Its next meeting is scheduled for …" after "The
Fed held rates steady." reads "The Fed's next meeting is scheduled for …"; "He added that …"
after "Schultz said …" reads "Schultz added that …". Only when the sentence before opens with
an actor the draft found, of the kind the pronoun can mean (an institution for "Its", a
person for "He", "His", "She", "Her", of the pronoun's gender when known); otherwise the text
is left as written and the question lint points at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizlib.draft.actors import Actors
from quizlib.draft.bodies import ROLE_HEAD
from quizlib.draft.people import NAME, untitled

_PRONOUN = re.compile(r"(?P<p>Its|His|Her|He|She) ")
_POSSESSIVE = frozenset({"Its", "His", "Her"})
_GENDER = {"His": "m", "He": "m", "Her": "f", "She": "f"}
# The subject that opens a sentence: an optional "The" or title, then capitalised words, some
# joined by "of", "for", "and" ("Department of Conservation", "Bank of England").
_NAME_WORD = r"[A-Z][\w’'&.-]*"
_SUBJECT = re.compile(
    r"(?P<lead>(?:The|Mr\.?|Mrs\.?|Ms\.?|Dr\.?) )?"
    rf"(?P<name>{_NAME_WORD}(?: (?:(?:of|for|and|the) )?{_NAME_WORD}){{0,6}})"
)
# Words that, right after the name, show it is not the subject: "In March, …", "Paris-based".
_NOT_SUBJECT_AFTER = re.compile(r"(?:’s|'s)\b")


def _subject(actors: Actors, sentence: str) -> tuple[str, str] | None:
    """The actor id and the words naming it that open ``sentence``, if it opens with one."""
    found = _SUBJECT.match(sentence)
    if found is None or _NOT_SUBJECT_AFTER.match(sentence, found.end()):
        return None
    words = found.group("name").split()
    # The longest run of the opening words that names an actor: "Gregory Aldana told …".
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n]).rstrip(".")
        ident = actors.find(name) or actors.find(f"the {name}")
        if ident is not None and sentence[found.start("name") + len(name) :][:1] in (" ", ",", ""):
            lead = found.group("lead") or ""
            return ident, lead + name
    return None


@dataclass(frozen=True)
class Referent:
    """An opening pronoun (``word``), the words to write instead and the actor they name."""

    word: str
    words: str
    actor: str


@dataclass
class Before:
    """The sentence before a fact's sentence, and the people who are subjects or speakers in it."""

    text: str = ""
    people: list[str] = field(default_factory=list)


def _person(actors: Actors, people: list[str], gender: str) -> str | None:
    # The one person the sentence before makes a subject or a speaker ("…, says Paul
    # Scofield, senior curator. He adds that …"); none if two could be meant.
    fits = {p for p in people if actors.gender.get(p, gender) == gender}
    return fits.pop() if len(fits) == 1 and len(set(people)) == 1 else None


def resolve(actors: Actors, before: Before, sentence: str) -> Referent | None:
    """The opening pronoun of ``sentence`` and what to write instead, or None.

    Args:
        actors: The draft's actors, found by the scan before drafting.
        before: The sentence before (the previous paragraph's last, for a paragraph's first).
        sentence: The sentence that may open with a pronoun.
    """
    pronoun = _PRONOUN.match(sentence)
    if pronoun is None or not before.text:
        return None
    word = pronoun.group("p")
    gender = _GENDER.get(word, "")
    found = _subject(actors, before.text)
    if found is None:
        who = _person(actors, before.people, gender) if gender else None
        if who is None:
            return None
        found = who, str(actors.entries[who]["name"])  # by full name
    ident, words = found
    institution = actors.kind(ident) == "institution"
    if institution != (word == "Its"):
        return None
    if gender and actors.gender.get(ident, gender) != gender:
        return None
    return Referent(word, f"{words}'s" if word in _POSSESSIVE else words, ident)


def named(text: str, referent: Referent | None) -> str:
    """``text`` with its opening pronoun replaced by ``referent``'s words, if it opens with it."""
    if referent is None or not text.startswith(referent.word + " "):
        return text
    return referent.words + text[len(referent.word) :]


# "Its chair, Rosalind Achterberg, told …": a role of the body the pronoun means.
_OWNED_ROLE = re.compile(rf"Its (?P<role>[a-z][\w -]{{2,60}}?), (?P<name>{NAME})(?=[,.])")


def owned_role(actors: Actors, sentence: str, before: str, referent: Referent | None) -> None:
    """Give the person a sentence opening "Its <role>, <name>," names that role of the body
    "Its" means: the one ``referent`` resolves it to, else the one body the sentence before
    names ("The campaign group Save Millbrook Fields … . Its chair, …": its chair)."""
    m = _OWNED_ROLE.match(sentence)
    if m is None or not ROLE_HEAD.search(m["role"]):
        return
    if referent is not None and referent.word == "Its":
        body = referent.actor
    else:
        bodies = {b.actor for b in actors.mentions(before) if actors.kind(b.actor) == "institution"}
        if len(bodies) != 1:
            return
        body = bodies.pop()
    name, role, owner = untitled(m["name"]), m["role"], str(actors.entries[body]["name"])
    if any(
        b.actor == body and before[max(0, b.start - 4) : b.start].lower() == "the "
        for b in actors.mentions(before)
    ):
        owner = "the " + owner  # "The Commission for Regulation of Utilities … . Its chairman"
    if actors.is_name(name):
        actors.add(name, "person", f"{owner}'s {role}" if " of " in role else f"{role} of {owner}")
