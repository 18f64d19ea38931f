"""The unit of a figure: the noun phrase after its number, and nothing after that phrase."""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Closed-class words end a unit: "2,000 troops and ..." counts troops.
_CLOSED = """a an the and or but of in on at to from for with by as than that which who whom whose
were was is are be been being have has had will would can could may might must should shall do does
did not no nor its their his her our your my this these those it they he she we you i until since
during while after before into onto over under about across per each every worth"""
# Prepositions and adverbs of place and time end it too: "45 miles southwest of", "12 months
# through October", "nine hours later", "34 seconds off the record", "3 peanuts without".
_PLACE_TIME = """through throughout without within against off near beyond behind above below along
among amid amongst around between via like despite except outside inside upon up down out toward
towards past ago later earlier apart away ahead back long tall high deep wide old north south east
west northeast northwest southeast southwest north-east north-west south-east south-west northward
southward eastward westward more less too so then there here now yet still already also only just
even again instead altogether"""
STOP = _words(_CLOSED + " " + _PLACE_TIME)
# Verbs that follow a counted noun without an -ed or -ing ending ("the quake hit", "47,000
# runners took part", "two dams burst", "people live", "people account for").
_VERBS = _words(
    """hit struck took burst fell rose ran won lost went came made said left saw gave got held kept
    met paid put set sent spent stood told thought brought built bought caught drew drove fled grew
    knew led lay shook shot sold sank swept threw tore wore wrote began begun became broke chose
    flew forgot froze hid hung rang sat slept spoke stole stuck swam swung taught understood woke
    live lives die dies work works remain remains say says face faces take takes make makes need
    needs want wants account accounts come comes go goes get gets hold holds keep keeps run runs
    stand stands sit sits walk walks show shows suggest suggests mean means cover covers include
    includes represent represents seem seems appear appears belong belongs"""
)
# Words that follow a noun only as the verb of its sentence: "the quake hit the mountains".
_DETERMINER_AFTER = re.compile(r"^(?:the|its|their|his|her|our|part)$", re.I)
# A measure named before its number, which then counts no noun: "the magnitude 6.8 quake",
# "a quake of magnitude 7.5", "a magnitude-7.8 earthquake".
MEASURE_BEFORE = re.compile(r"\b(?P<m>[Mm]agnitude)[- ]$")
# A statistic named before its number, which then counts no noun either: "hazard ratio 1.34",
# "95% confidence interval 1.12 to 1.61", "an odds ratio of 2.1".
STAT_BEFORE = re.compile(
    r"\b(?P<m>(?i:(?:hazard|odds|risk|rate|relative risk) ratio|confidence interval|correlation coefficient))"
    r"(?: (?:of|was|is|were|at))? $"
)
# A singular measure word before a noun is the number's unit in the plural: "the 1.5 degree
# limit", "a 10 minute walk".
_SINGULAR_MEASURE = _words("degree minute hour day week month year mile kilometre metre second")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _is_verb(word: str, after: str) -> bool:
    low = word.lower()
    return low in _VERBS or bool(_DETERMINER_AFTER.match(after))


_PLURALS = _words("people children men women police staff")


def _plural_head(first: str, word: str) -> bool:
    # After a plural noun a singular lower-case word is its verb: "ten companies write apps".
    plural = first.lower() in _PLURALS or (first.endswith("s") and not first.endswith("ss"))
    return plural and word.islower() and not word.endswith("s")


def _noun_after_modifier(modifier: str, word: str) -> bool:
    # A plural noun after a word that is not one: "snuff" in "gold snuff boxes".
    return (
        modifier.islower()
        and not modifier.endswith("s")
        and bool(re.fullmatch(r"[a-z]+[^s]s", word))
        and word not in STOP
        and word not in _VERBS
    )


def unit_of(words: list[str], value: float) -> str:
    """The unit named by the words after a number: a noun phrase of at most two words.

    It stops at function words, prepositions, directions and adverbs, and drops a verb
    ("people live", "quake hit", "runners took part"). A singular measure before another
    noun gives its plural ("1.5 degree limit" counts degrees).
    """
    kept: list[str] = []
    for i, word in enumerate(words[:2]):
        if word.lower() in STOP or not _WORD.fullmatch(word):
            break
        after = words[i + 1] if i + 1 < len(words) else ""
        if i > 0 and (_is_verb(word, after) or _plural_head(kept[0], word)):
            break
        kept.append(word)
    if len(kept) == 2 and len(words) > 2 and _noun_after_modifier(kept[1], words[2]):
        kept.append(words[2])  # "eleven gold snuff boxes"
    if kept and kept[0].lower() in _SINGULAR_MEASURE and value != 1:
        return kept[0] + "s"
    # "people died", "Armenians living": a verb after the noun is not part of the unit.
    if len(kept) == 2 and re.search(r"(ed|ing)$", kept[1]) and not re.search(r"(ed|ing)$", kept[0]):
        kept.pop()
    if len(kept) == 1 and (
        (re.search(r"(ed|ing)$", kept[0]) and kept[0].lower() not in ("armed",)) or kept[0].lower() in _VERBS
    ):
        return ""
    return " ".join(kept)


def plural_unit(words: list[str]) -> str:
    """The unit of the words after a number when it is a plural noun ("cars queuing" gives
    "cars", "people" gives "people"), else "": a range counts many things, a score one."""
    unit = unit_of(words, 2)
    head = unit.split()[-1] if unit else ""
    return unit if head.lower() in _PLURALS or re.fullmatch(r"[a-z]+[^s\W]s", head) else ""
