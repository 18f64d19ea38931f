"""The contract plugins must keep: what they register and what their question types make.

Checked when a plugin registers something and each time a question type generates
questions, so that what reaches a learner can always be shown and answered.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from quizlib.deckfile.fields import COMMON_FACT_FIELDS, CORE_SECTIONS, CORE_SETTINGS
from quizlib.errors import PluginError
from quizlib.model import Answer, Fact, Field, FieldKind, Grade, Prompt, PromptKind, Question, Section


def check_section(section: object) -> None:
    """Refuse a registered section that is not a Section or claims a core name.

    Raises:
        PluginError: Saying what is wrong.
    """
    if not isinstance(section, Section):
        raise PluginError(f"registered {section!r}, not a Section")
    shape = _section_shape(section)
    if shape:
        raise PluginError(f"section {section.name!r} {shape}")
    if section.name in CORE_SECTIONS:
        raise PluginError(f"registered a section named {section.name!r}, which is a core part of every deck")
    redefined = sorted(set(section.fields) & set(COMMON_FACT_FIELDS))
    if redefined:
        raise PluginError(
            f"section {section.name!r} redefines the common field(s) {', '.join(redefined)}, "
            "which every section has already"
        )
    core = sorted(set(section.settings) & set(CORE_SETTINGS))
    if core:
        raise PluginError(f"section {section.name!r} redefines the core setting(s) {', '.join(core)}")


def _section_shape(section: Section) -> str:
    """What in a section's declaration is not of the documented type ("" when nothing)."""
    if not isinstance(section.name, str) or not _NAME.fullmatch(section.name):
        return "has a name that is not a word of letters, digits, '_' or '-'"
    for what, table in (("field", section.fields), ("setting", section.settings)):
        if not isinstance(table, Mapping):
            return f"declares its {what}s as {type(table).__name__}, not a mapping of names to Field"
        for name, spec in table.items():
            wrong = _field_shape(spec)
            if not isinstance(name, str) or wrong:
                return f"declares the {what} {name!r} {wrong or 'under a name that is not text'}"
    if section.check is not None and not callable(section.check):
        return "has a check that is not a function"
    if not all(isinstance(v, str) for v in (section.description, section.example, section.identity)):
        return "has a description, example or identity that is not text"
    if section.identity and section.identity not in section.fields:
        return f"names {section.identity!r} as its identity, which is not one of its fields"
    return ""


def _field_shape(spec: object) -> str:
    """What makes a field declaration unusable ("" when nothing)."""
    if not isinstance(spec, Field) or not isinstance(spec.kind, FieldKind):
        return f"as {spec!r}, not a Field with a FieldKind"
    if not _texts(spec.values) or not isinstance(spec.refers, str):
        return "with values or refers that are not text"
    if not isinstance(spec.fields, tuple | list):
        return "with record fields that are not (name, Field) pairs"
    for pair in spec.fields:
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
            return "with record fields that are not (name, Field) pairs"
        wrong = _field_shape(pair[1])
        if wrong:
            return f"with the record field {pair[0]!r} {wrong}"
    return ""


#: What a section or question type may be named: it is a YAML key, part of question ids
#: (``section/fact-id/type``) and a word on the command line (``--type``, ``skip``).
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


def check_question_type(qt: object) -> None:
    """Refuse a registered question type without the attributes and methods of the contract.

    Raises:
        PluginError: Saying what is missing.
    """
    for attr in ("name", "section", "description"):
        if not isinstance(getattr(qt, attr, None), str):
            raise PluginError(f"registered {qt!r}, which has no string attribute {attr!r}")
    name = getattr(qt, "name", "")
    if not _NAME.fullmatch(name):
        raise PluginError(
            f"registered a question type named {name!r}: a name is a word of letters, digits, "
            "'_' or '-' (it is part of question ids and of --type)"
        )
    for method in ("generate", "grade"):
        if not callable(getattr(qt, method, None)):
            raise PluginError(f"registered {qt!r}, which has no method {method}()")


def question_problem(q: object, type_name: str, fact_key: str) -> str:
    """What makes a generated question unusable ("" when nothing does)."""
    if not isinstance(q, Question):
        return f"generate() returned {type(q).__name__}, not a Question"
    if q.type != type_name:
        return f"question {q.id!r} says type {q.type!r}"
    if not isinstance(q.id, str) or not q.id.startswith(f"{fact_key}/{type_name}"):
        return f"question id {q.id!r} must start with {fact_key}/{type_name} (use quizlib.question_id)"
    if not isinstance(q.fact, Fact) or q.fact.key != fact_key:
        return f"question {q.id!r} names another fact than {fact_key}"
    if not isinstance(q.key, Mapping):
        return f"question {q.id!r} has a key of type {type(q.key).__name__}, not a mapping (dict)"
    if not _texts(q.key.get("former_ids", ())):
        return f"question {q.id!r} lists former_ids that are not a list of strings"
    if not _texts(q.tags):
        return f"question {q.id!r} has tags that are not a tuple of strings"
    return prompt_problem(q.prompt)


def prompt_problem(p: object) -> str:
    """What makes a prompt impossible to answer ("" when nothing does)."""
    if not isinstance(p, Prompt) or not isinstance(p.kind, PromptKind):
        return f"its prompt is {type(p).__name__}, not a Prompt with a PromptKind"
    if not isinstance(p.text, str) or not p.text.strip():
        return "its prompt has no text"
    if not isinstance(p.hint, str):
        return f"its prompt's hint is {type(p.hint).__name__}, not text"
    for name in ("choices", "items", "completions"):
        if not _texts(getattr(p, name)):
            return f"its prompt's {name} are {type(getattr(p, name)).__name__}, not a tuple of strings"
    rows = {PromptKind.CHOICE: p.choices, PromptKind.MULTI: p.choices, PromptKind.ORDER: p.items}.get(p.kind)
    if rows is None:
        return ""
    what = "items" if p.kind is PromptKind.ORDER else "choices"
    if len(rows) < 2:
        return f"its {p.kind.value} prompt has {len(rows)} {what} (at least 2 are needed)"
    if any(not isinstance(r, str) or not r.strip() for r in rows):
        return f"its {p.kind.value} prompt has a blank or non-text entry among its {what}"
    return ""


def _texts(value: object) -> bool:
    """Whether ``value`` is a tuple or list of strings (what a prompt's rows must be)."""
    return isinstance(value, tuple | list) and all(isinstance(v, str) for v in value)


def grade_problem(grade: object) -> str:
    """What makes a returned grade unusable ("" when nothing does).

    Each field is checked for the type the session and the UI rely on, so that a grade
    that would fail later (while it is shown or saved) is refused where it is made.
    """
    if not isinstance(grade, Grade):
        return f"returned {type(grade).__name__}, not a Grade"
    score = grade.score
    if isinstance(score, bool) or not isinstance(score, int | float):
        return f"its score is {type(score).__name__} {score!r}, not a number"
    if not (math.isfinite(score) and 0.0 <= score <= 1.0):
        return f"its score {score!r} is outside [0, 1]"
    for name in ("correct_answer", "feedback"):
        value = getattr(grade, name)
        if not isinstance(value, str):
            return f"its {name} is {type(value).__name__} {value!r}, not text"
    for name in ("self_rated", "cites"):
        if not isinstance(getattr(grade, name), bool):
            return f"its {name} is {type(getattr(grade, name)).__name__}, not True or False"
    misplaced = grade.misplaced
    if not isinstance(misplaced, tuple | list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in misplaced
    ):
        return "its misplaced is not a tuple of item indexes"
    return ""


def answer_problem(answer: object) -> str:
    """What makes an ``answer()`` result unusable ("" when nothing does): a ``str``, or an
    :class:`Answer` whose ``text`` and ``detail`` are strings and whose ``choices``,
    ``accepted`` and ``values`` are tuples (or lists) of strings."""
    if isinstance(answer, str):
        return ""
    if not isinstance(answer, Answer):
        return f"returned {type(answer).__name__}, not an Answer or str"
    for name in ("text", "detail"):
        if not isinstance(getattr(answer, name), str):
            return f"its {name} is {type(getattr(answer, name)).__name__}, not text"
    for name in ("choices", "accepted", "values"):
        if not _texts(getattr(answer, name)):
            return f"its {name} are not a tuple of strings"
    return ""
