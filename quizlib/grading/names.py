"""Matching typed names against actors: aliases, surnames, accents, small typos.

A first name alone is not accepted, and neither is a name that fits another actor as well
as the right one; fuzzy "token set" scores would accept both, so they are not used.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from quizlib.model import Actor

_NOT_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing do not matter."""
    # Kept: the same names are compared again and again (every distractor, every answer).
    folded = text.casefold()
    if not folded.isascii():  # ASCII has no compatibility forms or combining marks
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", folded).strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def allowed_typos(text: str) -> int:
    """Typos forgiven: none under 3 letters, 1 for 3-9 letters, 2 above (as H5P does)."""
    letters = len(text.replace(" ", ""))
    return 0 if letters < 3 else 1 if letters <= 9 else 2


#: What may close a person's name after the surname: a generation or a regnal number. "I",
#: "V" and "X" are left out: "Malcolm X" ends in his name, not in a number.
_SUFFIX = re.compile(r"(?:jr|sr|ii|iii|iv|vi|vii|viii|ix)\.?", re.IGNORECASE)


def surname_forms(name: str) -> list[str]:
    """A person's surname as people type it alone, from the full name as written.

    The surname keeps its particles ("van der Waals", "de Broglie": "Waals" alone is not the
    name). A name ending in a generation or a regnal number ("King Charles III", "Sam Okoro
    Jr.") gives the name without it, the surname before it ("Okoro", not "Jr"; "Charles", not
    "III") and the surname with it ("Okoro Jr."). A one-word name gives nothing.
    """
    words = name.split()
    if len(words) < 2:
        return []
    if not _SUFFIX.fullmatch(words[-1]):
        return [_with_particles(words)]
    if len(words) < 3:
        return [words[0]]
    surname = _with_particles(words[:-1])
    return [" ".join(words[:-1]), surname, f"{surname} {words[-1]}"]


#: Words that open a surname: "van der Waals", "de Broglie", "von der Leyen", "da Silva".
_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "du", "des", "da", "das", "do", "dos", "di", "del", "della",
    "la", "le", "ten", "ter", "zu", "bin", "ibn", "al", "el",
})  # fmt: skip


def _with_particles(words: list[str]) -> str:
    """The last word with the particles before it, past the first name: "van der Waals" of
    "Johannes Diderik van der Waals" ("Waals" alone is not his name), "Pashinyan" of "Nikol
    Pashinyan"."""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[start:])


def name_forms(actor: Actor) -> list[str]:
    """The accepted spellings of an actor: name, aliases, and a person's surname (see
    :func:`surname_forms`)."""
    forms = [actor.name, *actor.aliases]
    if actor.kind == "person":
        forms.extend(surname_forms(actor.name))
    return [f for f in dict.fromkeys(normalise(f) for f in forms) if f]


def distance_to(answer: str, actor: Actor) -> int:
    """The smallest edit distance from a normalised answer to any accepted form of an actor."""
    return min((edit_distance(answer, form) for form in name_forms(actor)), default=10**6)


def _farther_than(typed: str, form: str, bound: int) -> bool:
    """Whether the edit distance exceeds ``bound``. The lengths' difference is a lower bound
    of it, so most forms are ruled out without the table: the question lint grades every
    hint ("the speaker's name or surname") against every actor's names."""
    return abs(len(typed) - len(form)) > bound or edit_distance(typed, form) > bound


def match_name(answer: str, target: Actor, others: Sequence[Actor] = ()) -> bool:
    """True when ``answer`` names ``target`` and fits no other actor as well.

    A name written surname first, with a comma ("Curie, Marie", "Pont, Jean du"), is also
    read in its usual order ("Okoro, Jr." stays as written).
    """
    before, comma, after = answer.partition(",")
    if comma and after.strip() and "," not in after and _match(f"{after} {before}", target, others):
        return True
    return _match(answer, target, others)


def _match(answer: str, target: Actor, others: Sequence[Actor]) -> bool:
    typed = normalise(answer)
    if not typed:
        return False
    if all(_farther_than(typed, form, allowed_typos(form)) for form in name_forms(target)):
        return False  # more typos than any of the target's names forgives
    mine = distance_to(typed, target)
    return all(
        all(_farther_than(typed, form, mine) for form in name_forms(other))
        for other in others
        if other.id != target.id
    )
