"""How a figure's ``counts`` noun phrase is asked: "the number of" things, or a quantity in
its unit ("the wavelength of …, in nanometres", "the amount of pitchblende …, in tonnes").

Not a plugin (the leading underscore keeps the plugin loader away). "What was the number of
…?" takes a plural ("people who died", "league goals McBride scored"); a singular head
("record attendance at the final", "Nordvik's revenue in 2022", "fee the club paid") is a
quantity, asked in its unit, and one measured by weight or volume ("radium chloride
isolated", in grams) is an amount of it.
"""

from __future__ import annotations

import re

#: Words that end the noun phrase's head: prepositions, determiners, relative words and
#: pronouns that open a clause ("fee the club paid", "goals she scored").
_ENDS_HEAD = frozenset({
    "of", "in", "at", "on", "for", "from", "to", "by", "with", "over", "under", "during", "before",
    "after", "since", "across", "per", "between", "among", "into", "through", "within", "until",
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "who", "which", "whose", "where", "when", "while", "as", "he", "she", "it", "they",
    "we", "you", "i", "according",
})  # fmt: skip
#: Plurals without a final "s", and collective nouns counted as "the number of staff".
_PLURAL = frozenset({
    "people", "men", "women", "children", "staff", "personnel", "police", "cattle", "livestock",
    "data", "media", "criteria", "phenomena", "bacteria", "alumni", "feet", "teeth", "mice",
    "geese", "sheep", "fish", "deer", "aircraft", "crew", "clergy", "offspring", "dead",
    "wounded", "injured", "missing", "homeless", "elderly", "poor",
})  # fmt: skip
#: Singulars ending in "men", as the plurals "servicemen" and "fishermen" do.
_SINGULAR_MEN = frozenset({"specimen", "abdomen", "omen", "stamen", "regimen", "acumen", "semen", "amen"})
#: Singulars ending in "s".
_NOT_PLURAL = ("ss", "us", "is", "news", "series", "species", "physics", "politics", "means")
#: Units of weight and volume: a singular thing measured in them is an amount of a substance.
_AMOUNT_UNITS = frozenset({
    "grams", "gram", "g", "kilograms", "kilogram", "kg", "milligrams", "mg", "tonnes", "tonne",
    "tons", "ton", "ounces", "ounce", "oz", "litres", "litre", "liters", "liter", "l", "millilitres",
    "gallons", "gallon", "barrels", "barrel", "cubic", "carats", "carat",
})  # fmt: skip
#: Possessive determiners that take the place of "the": "What was their share …?"
_POSSESSIVE = frozenset({"its", "their", "his", "her", "our", "my", "your"})


def _plural(word: str) -> bool:
    bare = word.lower().strip("\"'“”‘’,;:")
    if bare in _PLURAL:
        return True
    if bare.endswith(("men", "people", "children")):  # servicemen, townspeople, grandchildren
        return bare not in _SINGULAR_MEN
    return bare.endswith("s") and not bare.endswith(_NOT_PLURAL) and len(bare) > 2


def _possessive(word: str) -> bool:
    return bool(re.search(r"(?:['’]s|s['’])$", word)) or word.lower() in _POSSESSIVE


def head_words(counts: str) -> list[str]:
    """The words of the noun phrase before what qualifies it: past a leading article and
    possessive ("the club's", "Nordvik's"), up to a preposition, a determiner, a relative
    word, a pronoun or a capitalised name ("fee Rovers paid")."""
    words = counts.split()
    if words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    words = words[_owner(words) :]
    head: list[str] = []
    for i, word in enumerate(words):
        if word.lower() in _ENDS_HEAD or (i and word[:1].isupper()):
            break
        head.append(word)
    return head


def counts_things(counts: str) -> bool:
    """Whether "What was the number of {counts}?" is English: the phrase's head is plural.
    A phrase whose head cannot be told (nothing before a preposition) is taken as counting."""
    head = head_words(counts)
    return not head or any(_plural(w) for w in head)


def _owner(words: list[str]) -> int:
    """How many words a leading possessive takes: 1 for "its" or "Nordvik's", 2 for "Tarn
    Albion's" (a name of capitalised words ending in a possessive), 0 without one."""
    for i, word in enumerate(words):
        if _possessive(word):
            return i + 1
        if not word[:1].isupper():
            return 0
    return 0


def the(counts: str) -> str:
    """The phrase after "What was": with "the", unless a possessive or an article leads it
    ("Nordvik's revenue", "Tarn Albion's run", "the wavelength …")."""
    first = counts.split(" ", 1)[0]
    return counts if _owner(counts.split()) or first.lower() == "the" else f"the {counts}"


def amount_of(unit: str) -> bool:
    """Whether the unit weighs or measures a volume: "amount of pitchblende, in tonnes"."""
    words = unit.lower().split()
    return bool(words) and (words[0] in _AMOUNT_UNITS or words[-1] in _AMOUNT_UNITS)
