"""Checking a parsed deck against the core schema and the plugins' sections.

Every problem is collected with its position, so an author sees all of them at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from quizlib.deckfile.fields import (
    ACTOR_FIELDS,
    COMMON_FACT_FIELDS,
    CORE_SECTIONS,
    CORE_SETTINGS,
    DECK_FIELDS,
    FORMAT_VERSION,
    SLUG_RE,
    SOURCE_FIELDS,
)
from quizlib.deckfile.scalars import Scalars, suggest
from quizlib.deckfile.value_checks import check_no_repeats, check_setting_ranges, check_text
from quizlib.deckfile.yamlsafe import YMap, YSeq, item_marks_of, items_of, without_key
from quizlib.errors import PluginFault, Problem
from quizlib.model import (
    Actor,
    Citation,
    Conflict,
    Deck,
    EntryCheck,
    Fact,
    Field,
    FieldKind,
    Section,
    Source,
)

F = FieldKind


class Validator:
    """Collects the problems of one deck file while building its :class:`Deck`."""

    def __init__(self, path: str, sections: Mapping[str, Section], *, skip_unknown: bool = False) -> None:
        self.path = path
        self.sections = sections
        self.problems: list[Problem] = []
        #: Sections no plugin declares, left out (``skip_unknown``) rather than errors, and
        #: entries a plugin failed to check (:class:`PluginFault`), kept unchecked.
        self.skipped: list[Problem] = []
        self.skip_unknown = skip_unknown
        self.scalars = Scalars(self.add)  # converts scalar values; collects references
        self.lines: dict[tuple[str, str], int] = {}  # (section, id) -> line of the entry

    def add(self, where: tuple[int, int], message: str) -> None:
        """Record a problem at a (line, column)."""
        self.problems.append(Problem(self.path, where[0], where[1], message))

    # -- values ---------------------------------------------------------------------
    def value(self, spec: Field, raw: Any, where: tuple[int, int], name: str) -> Any:
        """Convert one raw value to its normalised form, or record a problem and return None."""
        kind = spec.kind
        if raw is None:
            self.add(where, f"{name} is empty")
            return None
        if kind in (F.STR_LIST, F.INT_LIST, F.ACTOR_LIST, F.RECORDS):
            if not isinstance(raw, YSeq):
                self.add(where, f"{name} must be a list")
                return None
            if kind is F.RECORDS:
                return self.records(spec, raw, name)
            if spec.required and not raw:
                self.add(where, f"{name} must not be empty")
                return None
            item_kind = {F.STR_LIST: F.STR, F.INT_LIST: F.INT, F.ACTOR_LIST: F.ACTOR}[kind]
            items = [
                self.value(Field(item_kind), item, raw.item_marks[i], f"{name}[{i + 1}]")
                for i, item in enumerate(raw)
            ]
            if kind is F.ACTOR_LIST:
                check_no_repeats(self.add, items, raw, name)
            return items if all(i is not None for i in items) else None
        if kind is F.TOLERANCE and isinstance(raw, YSeq):
            bounds = [self.value(Field(F.NUMBER), x, raw.mark, name) for x in raw]
            if len(bounds) != 2 or None in bounds or bounds[0] > bounds[1]:
                self.add(where, f"{name} as a range is [low, high], e.g. [1800, 2200]")
                return None
            return bounds
        if isinstance(raw, YMap | YSeq):
            self.add(
                where,
                f"{name} must be a single value, not a {'mapping' if isinstance(raw, YMap) else 'list'}",
            )
            return None
        text = str(raw)
        if not check_text(self.add, text, where, name):
            return None
        return self.scalars.convert(spec, text, where, name)

    def records(self, spec: Field, raw: YSeq, name: str) -> list[dict[str, Any]] | None:
        """A list of sub-entries (e.g. agreement terms), each with a unique ``id``."""
        fields = {"id": Field(F.STR, True), **dict(spec.fields)}
        out: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(raw):
            where = raw.item_marks[i]
            entry = self.entry(item, where, fields, f"{name}[{i + 1}]")
            if entry is None:
                continue
            rid = entry.get("id")
            if isinstance(rid, str) and rid in seen:
                self.add(where, f"duplicate id {rid!r} in {name} (first at line {seen[rid]})")
            elif isinstance(rid, str):
                seen[rid] = where[0]
            out.append(entry)
        return out

    def entry(
        self, raw: Any, where: tuple[int, int], fields: Mapping[str, Field], what: str
    ) -> dict[str, Any] | None:
        """Check one mapping against a field schema; unknown keys get a did-you-mean."""
        if not isinstance(raw, YMap):
            self.add(where, f"{what} must be a mapping of fields")
            return None
        out: dict[str, Any] = {}
        for key, val in raw.items():
            spec = fields.get(key)
            if spec is None:
                self.add(raw.where(key), f"unknown field {key!r} in {what}{suggest(key, fields)}")
                continue
            converted = self.value(spec, val, raw.where(key), key)
            if converted is not None:
                out[key] = converted
        for key, spec in fields.items():
            if spec.required and key not in raw:
                self.add(raw.mark, f"{what} is missing the required field {key!r}")
        ident = out.get("id")
        if "id" in fields and isinstance(ident, str) and not SLUG_RE.match(ident):
            self.add(raw.where("id"), f"id {ident!r} must be a slug: lowercase letters, digits and '-'")
        return out

    # -- deck -----------------------------------------------------------------------
    def deck(self, root: YMap) -> Deck | None:
        """Validate the whole file; returns the deck, or None when there were problems."""
        self.unknown_sections(root)
        version = root.get("quizlib")
        if "quizlib" not in root:
            self.add((1, 1), "missing 'quizlib: 1' (the deck format version) at the top of the file")
        elif str(version) != str(FORMAT_VERSION):
            self.add(
                root.where("quizlib"), f"unsupported deck format version {version!r}; this quizlib reads 1"
            )
        meta_raw = root.get("deck")
        settings_raw = meta_raw.get("settings") if isinstance(meta_raw, YMap) else None
        meta_fields = {k: v for k, v in DECK_FIELDS.items() if k != "settings"}
        if isinstance(meta_raw, YMap) and "settings" in meta_raw:
            meta_raw = without_key(meta_raw, "settings")
        meta = self.entry(meta_raw, root.where("deck"), meta_fields, "deck") if "deck" in root else None
        if "deck" not in root:
            self.add((1, 1), "missing the 'deck' mapping (id, title, ...)")
        settings = self.settings(settings_raw) if settings_raw is not None else {}
        sources = self.listing(root, "sources", SOURCE_FIELDS)
        actors = self.listing(root, "actors", ACTOR_FIELDS)
        facts: dict[str, tuple[Fact, ...]] = {}
        for name, section in self.sections.items():
            if name in root:
                facts[name] = tuple(self.facts(root, section))
        actor_ids = frozenset(a["id"] for a in actors if "id" in a)  # frozen: did-you-mean indexes it once
        source_ids = frozenset(s["id"] for s in sources if "id" in s)
        pools = {"actor": actor_ids, "source": source_ids}
        for kind, ident, where in self.scalars.refs:
            pool = pools.get(kind) or {f.id for f in facts.get(kind, ())}
            if ident not in pool:
                what = kind if kind in pools else f"{kind} entry"
                self.add(where, f"unknown {what} {ident!r}{suggest(ident, pool)}")
        if self.problems or meta is None:
            return None
        return Deck(
            id=meta["id"],
            title=meta["title"],
            description=meta.get("description", ""),
            language=meta.get("language", "en"),
            tags=tuple(meta.get("tags", ())),
            settings=settings,
            sources={s["id"]: Source(**s) for s in sources},
            actors={
                a["id"]: Actor(
                    **{
                        **a,
                        "aliases": tuple(a.get("aliases", ())),
                        "part_of": tuple(a.get("part_of", ())),
                        "line": self.lines[("actors", a["id"])],
                    }
                )
                for a in actors
            },
            sections=facts,
            path=self.path,
        )

    def unknown_sections(self, root: YMap) -> None:
        """Top-level keys no plugin declares: errors, or skipped with a warning (``skip_unknown``)."""
        known = [*CORE_SECTIONS, *self.sections]
        installed = f"sections of the installed plugins: {', '.join(sorted(self.sections)) or 'none'}"
        for key in (k for k in root if k not in known):
            close = suggest(key, known)
            # How to get the plugin back only helps when the key is not a misspelling.
            hint = "" if close else getattr(self.sections, "missing_hint", "")
            if self.skip_unknown:
                message = f"section {key!r} skipped: no loaded plugin declares it{close}{hint}"
                self.skipped.append(Problem(self.path, *root.where(key), message))
            else:
                self.add(root.where(key), f"unknown section {key!r}{close} ({installed}){hint}")

    def settings(self, raw: Any) -> dict[str, Any]:
        """``deck.settings``: core settings plus those the plugins' sections declare."""
        known: dict[str, Field] = dict(CORE_SETTINGS)
        for section in self.sections.values():
            known.update(section.settings)
        settings = self.entry(raw, getattr(raw, "mark", (0, 0)), known, "deck.settings") or {}
        if isinstance(raw, YMap):
            check_setting_ranges(self.add, raw, settings)
        return settings

    def listing(self, root: YMap, name: str, fields: Mapping[str, Field]) -> list[dict[str, Any]]:
        """A core list section (sources, actors) with unique ids."""
        raw = root.get(name)
        if name not in root or raw is None:
            return []
        if not isinstance(raw, YSeq):
            self.add(root.where(name), f"{name} must be a list of entries")
            return []
        out: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(raw):
            entry = self.entry(item, raw.item_marks[i], fields, f"{name} entry")
            if entry is None:
                continue
            ident = entry.get("id")
            if isinstance(ident, str):
                if ident in seen:
                    self.add(
                        item.where("id"), f"duplicate id {ident!r} in {name} (first at line {seen[ident]})"
                    )
                seen[ident] = item.where("id")[0]
                self.lines[(name, ident)] = raw.item_marks[i][0]
            out.append(entry)
        return out

    def facts(self, root: YMap, section: Section) -> Iterable[Fact]:
        """The facts of one plugin section, with common fields, citations and conflicts."""
        fields = {**COMMON_FACT_FIELDS, **section.fields}
        raw = root.get(section.name)
        if raw is not None and not isinstance(raw, YSeq):
            self.add(root.where(section.name), f"{section.name} must be a list of entries")
            return
        for entry, item in zip(
            self._raw_entries(root, section.name, fields), items_of(root, section.name), strict=False
        ):
            if entry is None:
                continue
            citations = tuple(self.citation(c, item.where("sources")) for c in entry.pop("sources", ()))
            conflicts = tuple(self.conflicts(item.get("conflicts"), item.where("conflicts"), fields))
            entry.pop("conflicts", None)
            if section.check is not None:
                self.check_entry(section.check, entry, item)
            yield Fact(
                section=section.name,
                id=entry.pop("id", ""),
                tags=tuple(entry.pop("tags", ())),
                note=entry.pop("note", ""),
                review=entry.pop("review", False),
                sources=citations,
                conflicts=conflicts,
                data=entry,
                line=item.mark[0],
            )

    def check_entry(self, check: EntryCheck, entry: dict[str, Any], item: YMap) -> None:
        """Run a section's own check on one entry. A problem that is the plugin's fault (its
        check raised) is only reported, the entry kept, when the deck is read to be used."""
        for fname, message in check(entry):
            if self.skip_unknown and isinstance(message, PluginFault):
                line, column = item.where(fname)
                self.skipped.append(Problem(self.path, line, column, message))
            else:
                self.add(item.where(fname), message)

    def _raw_entries(
        self, root: YMap, name: str, fields: Mapping[str, Field]
    ) -> Iterable[dict[str, Any] | None]:
        plain = {k: v for k, v in fields.items() if k != "conflicts"}
        seen: dict[str, int] = {}
        for item, where in zip(items_of(root, name), item_marks_of(root, name), strict=True):
            entry = self.entry(
                without_key(item, "conflicts") if isinstance(item, YMap) else item,
                where,
                plain,
                f"{name} entry",
            )
            ident = entry.get("id") if entry else None
            if isinstance(ident, str):
                if ident in seen:
                    self.add(
                        item.where("id"), f"duplicate id {ident!r} in {name} (first at line {seen[ident]})"
                    )
                seen[ident] = where[0]
            yield entry

    def citation(self, text: str, where: tuple[int, int]) -> Citation:
        """``SOURCE_ID`` or ``SOURCE_ID:LOCATION``; the source must exist."""
        source, _, location = text.partition(":")
        self.scalars.refs.append(("source", source.strip(), where))
        return Citation(source.strip(), location.strip())

    def conflicts(self, raw: Any, where: tuple[int, int], fields: Mapping[str, Field]) -> Iterable[Conflict]:
        """The ``conflicts`` list: each names a field of the fact and another value for it."""
        if raw is None:
            return
        if not isinstance(raw, YSeq):
            self.add(where, "conflicts must be a list of {field, value, sources, note}")
            return
        for i, item in enumerate(raw):
            at = raw.item_marks[i]
            schema = {
                "field": Field(F.STR, True),
                "value": Field(F.STR, True),
                "sources": Field(F.STR_LIST, True),
                "note": Field(F.STR),
            }
            raw_value = item.get("value") if isinstance(item, YMap) else None
            entry = self.entry(
                without_key(item, "value") if isinstance(item, YMap) else item,
                at,
                {k: v for k, v in schema.items() if k != "value"},
                "conflict",
            )
            if entry is None or "field" not in entry:
                continue
            target = fields.get(entry["field"])
            if target is None or entry["field"] in COMMON_FACT_FIELDS:
                self.add(
                    item.where("field"),
                    f"conflict names unknown field {entry['field']!r}{suggest(entry['field'], fields)}",
                )
                continue
            if raw_value is None:
                self.add(at, "conflict is missing the required field 'value'")
                continue
            value = self.value(target, raw_value, item.where("value"), "value")
            cites = tuple(self.citation(c, item.where("sources")) for c in entry.get("sources", ()))
            yield Conflict(entry["field"], value, cites, entry.get("note", ""))
