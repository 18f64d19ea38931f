"""A JSON Schema of the deck format, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from quizlib.deckfile.fields import (
    ACTOR_FIELDS,
    COMMON_FACT_FIELDS,
    CORE_SETTINGS,
    DECK_FIELDS,
    SLUG_RE,
    SOURCE_FIELDS,
)
from quizlib.model import Field, FieldKind, Section

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE: dict[str, Any] = {"anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer"}]}
_NUMBER: dict[str, Any] = {"type": "number"}
_KINDS: dict[FieldKind, dict[str, Any]] = {
    FieldKind.STR: {"type": "string"},
    FieldKind.INT: {"type": "integer"},
    FieldKind.NUMBER: _NUMBER,
    FieldKind.BOOL: {"type": "boolean"},
    FieldKind.DATE: _DATE,
    FieldKind.STR_LIST: {"type": "array", "items": {"type": "string"}},
    FieldKind.INT_LIST: {"type": "array", "items": {"type": "integer"}},
    FieldKind.ACTOR: {"type": "string", "description": "an actor id"},
    FieldKind.REF: {"type": "string", "description": "the id of an entry of another section"},
    FieldKind.ACTOR_LIST: {"type": "array", "items": {"type": "string"}, "description": "actor ids"},
    FieldKind.TOLERANCE: {
        "anyOf": [
            _NUMBER,
            {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"},
            {"type": "array", "items": _NUMBER, "minItems": 2, "maxItems": 2},
        ]
    },
}


def field_schema(spec: Field) -> dict[str, Any]:
    """The JSON Schema of one field."""
    if spec.kind is FieldKind.ENUM:
        out: dict[str, Any] = {"enum": list(spec.values)}
    elif spec.kind is FieldKind.RECORDS:
        out = {
            "type": "array",
            "items": object_schema({"id": Field(FieldKind.STR, True), **dict(spec.fields)}),
        }
    else:
        out = dict(_KINDS[spec.kind])
    if spec.description:
        out["description"] = spec.description
    return out


def object_schema(fields: Mapping[str, Field], extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A closed object schema (unknown keys are errors, as in ``quizlib check``)."""
    properties = {name: field_schema(spec) for name, spec in fields.items()}
    properties.update(extra or {})
    if "id" in properties:
        properties["id"] = {"type": "string", "pattern": SLUG_RE.pattern}
    required = [name for name, spec in fields.items() if spec.required]
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def deck_schema(sections: Mapping[str, Section]) -> dict[str, Any]:
    """The JSON Schema (draft-07) of a deck with the given plugin sections."""
    settings = dict(CORE_SETTINGS)
    for section in sections.values():
        settings.update(section.settings)
    conflict = {
        "type": "object",
        "properties": {
            "field": {"type": "string"},
            "value": {},
            "sources": _KINDS[FieldKind.STR_LIST],
            "note": {"type": "string"},
        },
        "required": ["field", "value", "sources"],
        "additionalProperties": False,
    }
    common = {k: v for k, v in COMMON_FACT_FIELDS.items() if k != "conflicts"}
    properties: dict[str, Any] = {
        "quizlib": {"const": 1, "description": "deck format version"},
        "deck": object_schema(
            {k: v for k, v in DECK_FIELDS.items() if k != "settings"}, {"settings": object_schema(settings)}
        ),
        "sources": {"type": "array", "items": object_schema(SOURCE_FIELDS)},
        "actors": {"type": "array", "items": object_schema(ACTOR_FIELDS)},
    }
    for name, section in sorted(sections.items()):
        item = object_schema(
            {**common, **section.fields}, {"conflicts": {"type": "array", "items": conflict}}
        )
        properties[name] = {"type": "array", "items": item, "description": section.description}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://quizlib.invalid/deck.schema.json",
        "title": "quizlib deck (format 1)",
        "type": "object",
        "properties": properties,
        "required": ["quizlib", "deck"],
        "additionalProperties": False,
    }
