"""People and institutions named in articles, merged across mentions and articles.

A person is a two- or three-word capitalised name introduced by a role ("Kremlin
spokesperson Dmitry Peskov"), an apposition ("Maria Zakharova, the spokesperson for ...",
"the Secretary of the Security Council, Armen Grigoryan,"), a speech verb, or a surname that
also acts alone ("Putin can no longer ..."). An institution is an organisation name
("Ministry of Defense of Azerbaijan"), an acronym's definition ("Collective Security Treaty
Organization (CSTO)") or a single name that acts as a subject ("Baku announced").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from quizlib.draft.bodies import (
    BODY_AFTER,
    CAMEL,
    KNOWN_AS,
    ROLE_HEAD,
    acronym_of,
    organisation_runs,
)
from quizlib.draft.people import (
    NAME,
    NOT_NAMES,
    ORG_HEADS,
    ROLE_WORDS,
    ROYAL,
    acronyms,
    listed_places,
    person_candidates,
    surname,
    terms,
    untitled,
)
from quizlib.draft.registry import add_institutions, add_other_names, add_people, add_subjects
from quizlib.draft.text import mask, quotes

# Possessive: a capitalised word is taken whole, never split into shorter "words"
# ("EUROPEAN" as E-U-R-...), which made the role pattern exponential in a run of capitals.
_CAP = r"[A-Z][\w-]*+"
# "Kremlin spokesperson Dmitry Peskov", "the Spokesperson of the US Secretary of State Vedant Patel"
# Every repetition is bounded, so a long run of capitalised words costs linear time.
ROLE_BEFORE = re.compile(
    # A role word starts a word ("midfielder" holds no "elder"); "former" and the like belong
    # to the role ("former President George W. Bush" is no president now).
    rf"(?P<role>(?:(?i:former|ex-|then-|acting|interim|outgoing) ?)?"
    rf"(?:(?:{_CAP}|of|the|for) ){{0,8}}?(?<![\w-])(?i:{ROLE_WORDS})"
    rf"(?: (?:of|for) (?:the )?{_CAP}(?: {_CAP}){{0,6}})?) "
    rf"(?!(?i:{ROLE_WORDS})\b)(?P<name>{NAME})\b(?!’s? (?:{_CAP}))"  # not "Chief| Executive Jensen Huang"
)
# "Maria Zakharova, the spokesperson for the Russian Ministry of Foreign Affairs,"
APPOSITION_AFTER = re.compile(
    rf"\b(?P<name>{NAME}), (?:the|a|an) (?P<role>[^,.;“”\"]{{3,90}}?)(?=[,.;]| and the )"
)
# "The Secretary of the Security Council of Armenia, Armen Grigoryan,"
APPOSITION_BEFORE = re.compile(rf"\b[Tt]he (?P<role>[^,.;“”\"]{{3,90}}?), (?P<name>{NAME})(?=[,.])")
# "Harrowgate's chief executive, Fiona Lusk,": the owner stays part of the role.
APPOSITION_OWNER = re.compile(
    rf"(?<![\w’'-])(?P<owner>[A-Z][\w-]*+(?: [A-Z][\w-]*+){{0,3}}[’']s) (?P<role>[a-z][^,.;“”\"]{{2,60}}?), "
    rf"(?P<name>{NAME})(?=[,.])"
)
# "Anna Berrow, president of the Cyclists' Union,": a role and its body, without an article.
APPOSITION_OF = re.compile(
    rf"\b(?P<name>{NAME}), (?P<role>(?:{ROLE_WORDS})(?: [a-z-]+){{0,2}}? (?:of|for|at) (?:the )?"
    rf"[A-Z][^,.;“”\"]{{1,60}}?)(?=[,.;]| and )"
)
ACRONYM = re.compile(r"((?:[A-Z][\w-]*+(?: (?:of|the|for|and|on))? ){1,8})\(([A-Z]{2,8})\)")


@dataclass(frozen=True)
class Mention:
    """An actor mentioned at ``start:end`` of a text."""

    start: int
    end: int
    actor: str


@dataclass
class Actors:
    """The actors of a draft, with merging by name, alias and surname.

    Attributes:
        new_id: Makes a unique id from a name.
        entries: Actor entries (deck data) by id.
        lower: Words seen in lower case anywhere: a name made of them is not a name.
    """

    new_id: Callable[[str], str]
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    lower: set[str] = field(default_factory=set)
    excluded: set[str] = field(default_factory=set)
    article: str = ""
    gender: dict[str, str] = field(default_factory=dict)
    _forms: dict[str, str] = field(default_factory=dict)
    _surnames: dict[tuple[str, str], str] = field(default_factory=dict)
    _pattern: tuple[int, re.Pattern[str] | None] = (-1, None)
    _leads: tuple[int, dict[str, list[str]]] = (-1, {})

    def find(self, name: str) -> str | None:
        """The id of the actor called ``name`` (a full name, alias or a person's surname).

        A surname stands for a person only in the article that named them in full, so two
        people sharing a surname in different articles stay apart.
        """
        for form in (name, name.removeprefix("the ")):
            ident = self._forms.get(form) or self._surnames.get((self.article, form))
            if ident is not None:
                return ident
        # A surname another article gave in full: that person, unless two share it.
        others = {i for (_, form), i in self._surnames.items() if form == name}
        return others.pop() if len(others) == 1 else None

    def _index(self, ident: str, form: str) -> None:
        entry = self.entries[ident]
        if entry["kind"] == "person" and form != entry["name"]:
            self._surnames.setdefault((self.article, form), ident)
        else:
            self._forms.setdefault(form, ident)

    def _same_person(self, name: str) -> str | None:
        # "Dmitry Orlov" is the "Orlov" seen alone, and within one article the one surname is
        # one person; another article's "Anna Orlov" is somebody else.
        alone = surname(name)
        ident = self._surnames.get((self.article, alone)) or self.find(alone)
        if ident is None or self.entries[ident]["kind"] != "person":
            return None
        known = self.entries[ident]["name"]
        same_article = self._surnames.get((self.article, alone)) == ident
        return ident if same_article or " " not in known or known == name else None

    def _surnames_of(self, ident: str, name: str) -> None:
        # The last word, and for three words the last two too ("Linda Black Elk" is "Black Elk").
        words = name.split()
        self.alias(ident, surname(name))
        if len(words) == 3 and not words[1].endswith("."):
            self.alias(ident, " ".join(words[1:]))

    def alias(self, ident: str, form: str) -> None:
        """Give an actor another name (an acronym, a surname)."""
        aliases = self.entries[ident].setdefault("aliases", [])
        if form not in aliases:
            aliases.append(form)
        self._index(ident, form)

    def add(self, name: str, kind: str = "person", role: str = "") -> str | None:
        """Register an actor (or add a role to a known one); None for an excluded name."""
        name = name.removeprefix("The ").removeprefix("the ").strip()
        if not name or name in self.excluded:
            return None
        ident = self.find(name) or (self._same_person(name) if kind == "person" else None)
        if ident is not None:
            actor = self.entries[ident]
            old = actor.get("role", "")
            # A role naming its body beats a bare title ("Councillor" → "leader of the group").
            named_body = " " not in old and re.search(r" (?:of|for|at) |[’']s ", role)
            if role and (not old or (old in role and len(role) > len(old)) or named_body):
                actor["role"] = role  # "Armenian Prime Minister" over "Prime Minister"
            if kind == "person" and len(name.split()) > len(actor["name"].split()):
                actor["name"] = name  # a surname seen first gets its full name
                self._forms[name] = ident
            if kind == "person" and " " in name:
                self._surnames_of(ident, name)  # the surname, in this article too
            return ident
        lead = self.leading(name) if kind != "person" and " " not in name else None
        if lead is not None:
            self.alias(lead, name)  # "Keystone said" after "Keystone Realty Partners"
            return lead
        ident = self.new_id(name)
        entry: dict[str, Any] = {"id": ident, "name": name, "kind": kind}
        if role:
            entry["role"] = role
        self.entries[ident] = entry
        self._forms[name] = ident
        if kind == "person" and " " in name:
            self._surnames_of(ident, name)
        return ident

    def is_name(self, candidate: str) -> bool:
        """Whether capitalised words look like a person's name.

        The first and last words must not be words seen in lower case; a middle one may be
        ("Linda Black Elk").
        """
        tokens = candidate.split()
        if len(tokens) > 1 and tokens[0] in ROYAL:
            tokens = tokens[1:]  # "King Charles III", "Queen Camilla"
        ends = [tokens[0], tokens[-1]] if tokens else []
        return (
            bool(tokens)
            and all(t not in NOT_NAMES for t in tokens)
            and all(t.lower() not in self.lower for t in ends)
            and not re.search(rf"\b(?:{ORG_HEADS})\b", candidate)
        )

    def mentions(self, text: str) -> list[Mention]:
        """Where known actors are mentioned in ``text`` (longest form first, no overlaps)."""
        forms = {**self._forms, **{f: i for (art, f), i in self._surnames.items() if art == self.article}}
        if self._pattern[0] != len(forms):
            # One alternation, longest first, compiled again only when a name was added.
            ordered = sorted(forms, key=len, reverse=True)
            body = "|".join(re.escape(f) for f in ordered)
            self._pattern = (len(forms), re.compile(rf"(?<![\w-])(?:{body})(?![\w-])") if body else None)
        pattern = self._pattern[1]
        if pattern is None:
            return []
        return [Mention(m.start(), m.end(), forms[m.group(0)]) for m in pattern.finditer(text)]

    def leading(self, word: str) -> str | None:
        """The one institution whose name starts with ``word`` ("Kessler" of "Kessler Fastening
        Systems", "ESB" of "ESB Networks"), or None."""
        if self._leads[0] != len(self.entries):  # indexed by first word, so a lookup is cheap
            index: dict[str, list[str]] = {}
            for ident, entry in self.entries.items():
                index.setdefault(str(entry["name"]).split(" ", 1)[0], []).append(ident)
            self._leads = (len(self.entries), index)
        lead = word + " "
        found = [
            i
            for i in self._leads[1].get(word, [])
            if self.entries[i]["kind"] != "person" and str(self.entries[i]["name"]).startswith(lead)
        ]
        return found[0] if len(found) == 1 else None

    def kind(self, ident: str) -> str:
        """ "person" or "institution"."""
        return str(self.entries.get(ident, {}).get("kind", "person"))


_ROLE_LEAD = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "for",
        "on",
        "in",
        "at",
        "by",
        "as",
        "and",
        "but",
        "or",
        "with",
        "from",
        "to",
        "according",
        "most",
        "recently",
        "also",
        "then",
        "later",
    ]
)


def clean_role(role: str) -> str:
    """A role phrase without leading articles and sentence-initial words; a possessive keeps
    its article ("the city's budget director", not "city's budget director")."""
    words = role.split()
    while words and words[0].lower() in _ROLE_LEAD:
        words.pop(0)
    if words and words[0][:1].islower() and words[0].endswith(("'s", "’s")):
        words.insert(0, "the")  # a common noun's possessive reads only with its article
    return " ".join(words).split(" and the ")[0].strip(" ,")


_TITLED = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? ([A-Z][a-z]+(?:[A-Z][a-z]+)?)\b")
_TITLE_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
# The country or state of a wire dateline ("MELBOURNE, Australia —"): a place for certain, unlike
# a word after "in" ("confidence in Trump", "Jack London … in London").
_PLACE = re.compile(r"^[A-Z][A-Z .'-]+, (?P<place>[A-Z][a-z]{2,})(?= ?[—–-]| \()")
# An acronym with an article names a body when it acts or is dealt with ("working with the FBI",
# "told the BBC", "The RNLI says"); not "the IPO fees" or "the ETF rose".
_THE_ACRONYM = re.compile(
    r"\b(?:with|by|from|told|joined|contacted|asked) the (?P<a>[A-Z]{2,6})(?![\w&-]|\.\w)"
    r"|\b[Tt]he (?P<b>[A-Z]{2,6}) (?:said|says|told|tells|added|adds|announced|announces|confirmed"
    r"|confirms|reported|reports|warned|warns|stated|states)\b"
)
# A team or band named in the plural: "the Hornets won", "Harrowgate Hornets are champions".
_GROUP_NAME = re.compile(
    r"\b(?:the|The) (?P<group>[A-Z][a-z]+[^s\W]s)(?=[’'](?!s)|[,.;:]| (?:are|were|have|had|will|would|won"
    r"|lost|beat|drew|led|play|played|finished|scored|went|made|took)\b)"
    r"|\b[A-Z][a-z]+ (?P<group2>[A-Z][a-z]+[^s\W]s) (?:are|were|have)\b"
)
_CONTRIBUTED = re.compile(r"\bcontributed (?:reporting )?to (?:this|the) (?:report|story|article)")


def _roles_and_acronyms(actors: Actors, text: str) -> None:
    """People named with their role ("the director of X, Jane Doe") and institutions named
    with their acronym ("the Collective Security Treaty Organization (CSTO)")."""
    for pattern in (ROLE_BEFORE, APPOSITION_AFTER, APPOSITION_BEFORE, APPOSITION_OWNER, APPOSITION_OF):
        for m in pattern.finditer(text):
            role = clean_role(m.group("role"))
            if "owner" in pattern.groupindex:
                role = f"{m['owner']} {role}"
            name = untitled(m.group("name"))  # "Councillor Janet Oduya" is Janet Oduya
            if actors.is_name(name) and ROLE_HEAD.search(role):
                actors.add(name, "person", role)
    for m in ACRONYM.finditer(text):
        words = [w for w in m.group(1).split() if w[0].isupper()]
        acronym = m.group(2)
        if len(words) >= len(acronym) and all(
            w[0] == c for w, c in zip(words[-len(acronym) :], acronym, strict=True)
        ):
            start = m.group(1).find(words[-len(acronym)])
            ident = actors.add(m.group(1)[start:].strip(), "institution")
            if ident:
                actors.alias(ident, acronym)


def scan(actors: Actors, texts: Iterable[tuple[str, str]]) -> None:
    """Register the people and institutions texts introduce (a pass before quotes).

    Args:
        actors: The draft's actors.
        texts: (article id, paragraph) pairs; a surname is tied to the article naming it.
    """
    texts = list(texts)
    for _, text in texts:
        actors.lower.update(w for w in re.findall(r"\b[a-z][\w-]*", text))
    subjects: Counter[str] = Counter()
    runs: Counter[str] = Counter()
    candidates: list[tuple[str, str]] = []
    initials: Counter[str] = Counter()
    not_bodies: set[str] = set()
    titled: list[tuple[str, str, str]] = []
    places: set[str] = set()
    groups: set[str] = set()
    with_article: set[str] = set()
    camels: set[str] = set()
    known: list[tuple[str, str]] = []
    for article, text in texts:
        actors.article = article
        _roles_and_acronyms(actors, text)
        organisation_runs(text, runs, subjects)
        if not _CONTRIBUTED.search(text):  # "Heba Habib contributed to this report."
            unquoted = mask(text, quotes(text))
            candidates.extend((article, name) for name in person_candidates(unquoted))
        initials.update(acronyms(text))
        with_article.update(m["a"] or m["b"] for m in _THE_ACRONYM.finditer(text))
        places.update(m["place"] for m in _PLACE.finditer(text))
        actors.excluded.update(listed_places(text))
        groups.update(m["group"] or m["group2"] for m in _GROUP_NAME.finditer(text))
        not_bodies.update(terms(text))
        titled.extend((article, m.group(1), m.group(2)) for m in _TITLED.finditer(text))
        for m in BODY_AFTER.finditer(text):
            runs[m.group(0).removeprefix("the ").removeprefix("The ")] += 1
        camels.update(CAMEL.findall(mask(text, quotes(text))))
        known.extend(KNOWN_AS.findall(text))
    add_institutions(actors, runs)
    add_other_names(actors, known, camels - not_bodies)
    spelled = {acronym_of(e["name"]): ident for ident, e in actors.entries.items() if e["kind"] != "person"}
    for word, count in initials.items():
        if actors.find(word) is not None or word in not_bodies:
            continue
        if word in spelled or actors.leading(word):
            # "EU" is the European Union named before; "ESB" leads "ESB Networks"
            actors.alias(spelled.get(word) or str(actors.leading(word)), word)
        elif count >= 2 or word in with_article:
            actors.add(word, "institution")  # "NPR", "MSCI" named more than once, "the FBI"
    add_people(actors, candidates, places, groups)
    for article, title, alone in titled:
        actors.article = article
        ident = actors.find(alone)
        if ident is not None and actors.kind(ident) == "person":
            actors.gender.setdefault(ident, _TITLE_GENDER[title])  # "Mr. Dawson" is a he
    add_subjects(actors, subjects)
