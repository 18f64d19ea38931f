"""The core of the deck schema: the fields of ``deck``, ``sources``, ``actors`` and of every fact.

Fact sections add their own fields through plugins; these belong to quizlib itself.
"""

from __future__ import annotations

import re

from quizlib.model import Field, FieldKind

FORMAT_VERSION = 1
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
BOOLS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
PERCENT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")

F = FieldKind
CORE_SECTIONS = ("quizlib", "deck", "sources", "actors")
DECK_FIELDS: dict[str, Field] = {
    "id": Field(F.STR, True, "the deck's slug; its identity in the review database"),
    "title": Field(F.STR, True, "title shown to learners"),
    "description": Field(F.STR, description="what the deck covers"),
    "language": Field(F.STR, description="BCP 47 language tag, default en"),
    "tags": Field(F.STR_LIST, description="tags of the whole deck"),
    "settings": Field(F.STR, description="per-deck settings (a mapping)"),
}
CORE_SETTINGS: dict[str, Field] = {
    "new_per_day": Field(F.INT, description="new questions a day (default 20)"),
    "retention": Field(F.NUMBER, description="FSRS desired retention, 0.7-0.99 (default 0.9)"),
    "max_interval": Field(F.INT, description="longest interval in days (default 36500)"),
    "learning_steps": Field(F.INT_LIST, description="learning steps in minutes (default [1, 10])"),
    "relearning_steps": Field(F.INT_LIST, description="relearning steps in minutes (default [10])"),
    "learn_ahead": Field(F.INT, description="minutes a learning step may be done early (default 20)"),
}
#: Inclusive bounds of the numeric settings: outside them a session fails or misbehaves
#: (a retention of 0 or 5, a day limit below zero, an interval past the calendar's end).
SETTING_RANGES: dict[str, tuple[float, float]] = {
    "new_per_day": (0, 100_000),
    "retention": (0.7, 0.99),
    "max_interval": (1, 36_500),
    "learn_ahead": (0, 1_440),
}
#: A learning step is at least a minute and at most a year (525,600 minutes): longer steps
#: overflow the scheduler's dates; a card that should wait longer is not learning any more.
STEP_RANGE = (1, 525_600)
#: Numbers in a deck are counts, years, amounts: anything bigger is a typo or an attack
#: (1e308 overflows arithmetic on it; a 5000-digit integer takes seconds to convert).
MAX_MAGNITUDE = 1e15
SOURCE_FIELDS: dict[str, Field] = {
    "id": Field(F.STR, True),
    "title": Field(F.STR, True, "the article's headline"),
    "outlet": Field(F.STR, description="publication or website"),
    "author": Field(F.STR),
    "published": Field(F.DATE, description="publication date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "published_note": Field(F.STR, description="how the date was inferred, when it was"),
    "url": Field(F.STR),
    "reliability": Field(
        F.STR, description="a warning about the source, shown with facts that rest on it alone"
    ),
}
ACTOR_FIELDS: dict[str, Field] = {
    "id": Field(F.STR, True),
    "name": Field(F.STR, True),
    "kind": Field(F.ENUM, values=("person", "institution")),
    "role": Field(F.STR),
    "aliases": Field(F.STR_LIST, description="surname, transliterations, short names"),
    "organisation": Field(F.ACTOR, description="id of the institution the actor belongs to"),
    "part_of": Field(
        F.ACTOR_LIST,
        description="ids of actors this one is part of or speaks for (a ministry's state); "
        "never offered as a distractor next to them",
    ),
}
COMMON_FACT_FIELDS: dict[str, Field] = {
    "id": Field(F.STR, True, "slug, unique in the section; keep it stable"),
    "sources": Field(F.STR_LIST, description="citations: SOURCE_ID or SOURCE_ID:LOCATION (p7 = paragraph 7)"),
    "tags": Field(F.STR_LIST),
    "note": Field(F.STR, description="free text for authors"),
    "review": Field(F.BOOL, description="true while the fact is a draft to be checked"),
    "conflicts": Field(F.STR, description="values other sources give: field, value, sources, note"),
    "skip": Field(
        F.STR_LIST, description="question types not to generate from this fact, e.g. [date_recall]"
    ),
}
CONFLICT_FIELDS = ("field", "value", "sources", "note")
