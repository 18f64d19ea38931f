"""Editing a draft deck's YAML text entry by entry, keeping its comments and order.

``quizlib review`` decides candidates one at a time and must save after each decision
without re-dumping the file (a dump would drop the author's comments and reflow values).
Each edit replaces or removes only the lines of one entry or one field, found through the
positions :mod:`quizlib.deckfile.yamlsafe` records, and the whole file is validated again before it
is accepted. Saving writes a temporary file beside the deck, syncs it and renames it over
the deck, so a crash leaves either the old or the new file, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from quizlib.deckfile.fields import ACTOR_FIELDS, COMMON_FACT_FIELDS
from quizlib.deckfile.load import parse_deck, read_text
from quizlib.deckfile.yamlsafe import YMap, YSeq, parse_yaml
from quizlib.errors import DeckError, Problem
from quizlib.model import Deck, Fact, FieldKind, Section

FLOW_ENTRY = "review edits block entries ('- id: …' on lines of their own); edit this one by hand"


class EditError(DeckError):
    """An edit was refused because the deck would no longer be valid (or the entry is gone)."""


@dataclass(frozen=True)
class Span:
    """Lines ``start`` to ``end`` (0-based, end exclusive) and the column where keys start."""

    start: int
    end: int
    key_column: int  # 0-based column of the entry's keys (after "- ")


def atomic_write(path: Path, text: str) -> None:
    """Replace ``path`` by ``text``: temp file in the same folder, fsync, rename, fsync the folder.

    The rename is atomic within one file system, which is why the temp file is not put in
    the system's temp folder.
    """
    folder = path.parent
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some systems cannot open folders; the rename is done anyway
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def scalar_text(text: str) -> Any:
    """The YAML value a person typed: numbers and flow lists as such, anything else as text.

    YAML's own typing would turn "yes" into a boolean and "2024-01-12" into a date; the deck
    schema reads strings, so those stay strings (quoted in the file when needed).
    """
    try:
        value = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):  # ValueError: a timestamp with no such day
        return text
    if isinstance(value, bool) or value is None:
        return text
    if isinstance(value, int | float) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return value
    return text


def dump_field(key: str, value: Any, column: int) -> list[str]:
    """``key: value`` as YAML lines, continuation lines indented to ``column``."""
    body = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, width=1000)
    lines = body.rstrip("\n").split("\n")
    return [lines[0], *(" " * column + line for line in lines[1:])]


@dataclass
class DraftFile:
    """A deck file under review: its text, its parsed tree and its validated deck.

    Attributes:
        path: The file.
        sections: The installed fact sections (to validate).
        text: The current text, as saved.
        history: Earlier texts, newest last, for undo.
    """

    path: Path
    sections: Mapping[str, Section]
    text: str = ""
    history: list[str] = field(default_factory=list)
    tree: YMap = field(default_factory=lambda: YMap((0, 0)))
    deck: Deck | None = None

    @classmethod
    def open(cls, path: Path, sections: Mapping[str, Section]) -> DraftFile:
        """Read and validate a deck file.

        Raises:
            DeckError: The file cannot be read or is not a valid deck (located problems).
        """
        name = str(path)
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            raise DeckError([Problem(name, 0, 0, "is a directory, not a deck file")]) from None
        except OSError as exc:
            raise DeckError([Problem(name, 0, 0, f"cannot read: {exc.strerror or exc}")]) from None
        draft = cls(path, sections)
        draft._load(read_text(name, data))
        return draft

    def _load(self, text: str) -> None:
        self.tree, self.deck = self._parse(text)
        self.text = text

    def _parse(self, text: str) -> tuple[YMap, Deck]:
        try:
            tree = parse_yaml(text, str(self.path))
            deck = parse_deck(text, str(self.path), self.sections)
        except DeckError as exc:
            raise EditError(exc.problems) from None
        return tree, deck

    @property
    def current(self) -> Deck:
        """The validated deck as it is now."""
        assert self.deck is not None
        return self.deck

    # --- what is there -------------------------------------------------------------------

    def pending(self) -> list[Fact]:
        """Every fact still marked ``review: true``, in file order."""
        return sorted((f for f in self.current.all_facts() if f.review), key=lambda f: f.line)

    def fact(self, section: str, entry_id: str) -> Fact | None:
        """A fact by section and id, or None when it is gone."""
        return next((f for f in self.current.facts(section) if f.id == entry_id), None)

    def entry(self, section: str, entry_id: str) -> YMap:
        """The parsed mapping of an entry (``actors`` or a fact section)."""
        items = self.tree.get(section)
        if isinstance(items, YSeq):
            for item in items:
                if isinstance(item, YMap) and item.get("id") == entry_id:
                    return item
        raise EditError([Problem(str(self.path), 0, 0, f"{section}/{entry_id} is not in the deck any more")])

    def entry_text(self, section: str, entry_id: str) -> str:
        """The entry's own lines, as they are in the file."""
        span = self.span(section, entry_id)
        return "".join(self.text.splitlines(keepends=True)[span.start : span.end])

    def span(self, section: str, entry_id: str) -> Span:
        """The lines of an entry: from its ``- `` line to the last line indented deeper than the
        dash. Comments and blank lines after it belong to what follows, so they stay."""
        item = self.entry(section, entry_id)
        lines = self.text.splitlines(keepends=True)
        start, column = item.mark[0] - 1, item.mark[1] - 1
        dash = lines[start].rfind("-", 0, column)
        if dash < 0 or lines[start][column : column + 1] == "{":
            raise EditError([Problem(str(self.path), start + 1, column + 1, FLOW_ENTRY)])
        end = start + 1
        last = start + 1
        while end < len(lines):
            stripped = lines[end].strip()
            indent = len(lines[end]) - len(lines[end].lstrip(" "))
            if stripped and indent <= dash:
                break
            end += 1
            if stripped and not stripped.startswith("#"):
                last = end
        return Span(start, last, column)

    def _field_span(self, item: YMap, span: Span, key: str) -> tuple[int, int, int]:
        """(first line, end line, key column) of one field of an entry, end exclusive."""
        line, col = item.key_marks[key]
        first, column = line - 1, col - 1
        lines = self.text.splitlines(keepends=True)
        end = first + 1
        last = end
        while end < span.end:
            stripped = lines[end].strip()
            indent = len(lines[end]) - len(lines[end].lstrip(" "))
            # a list under the key may sit at the key's own column ("key:\n- a")
            if stripped and (indent < column or (indent == column and not stripped.startswith("- "))):
                break
            end += 1
            if stripped and not stripped.startswith("#"):
                last = end
        return first, last, column

    # --- edits -----------------------------------------------------------------------------

    def _commit(self, lines: list[str]) -> None:
        """Validate the new text, then save it and remember the old one for undo."""
        text = "".join(lines)
        tree, deck = self._parse(text)
        self._unchanged_on_disk()
        atomic_write(self.path, text)
        self.history.append(self.text)
        self.text, self.tree, self.deck = text, tree, deck

    def _unchanged_on_disk(self) -> None:
        """Refuse to overwrite changes another program (an editor) saved since the last read."""
        try:
            on_disk = self.path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
        except OSError as exc:
            raise EditError([Problem(str(self.path), 0, 0, f"cannot read: {exc.strerror or exc}")]) from None
        if on_disk != self.text:
            message = "the file changed since review read it; nothing saved (run review again)"
            raise EditError([Problem(str(self.path), 0, 0, message)])

    def replace_lines(self, edits: list[tuple[int, int, list[str]]]) -> None:
        """Apply several (start, end, new lines) replacements at once and save."""
        lines = self.text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        for start, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
            lines[start:end] = [line if line.endswith("\n") else line + "\n" for line in new]
        self._commit(lines)

    def field_edit(self, section: str, entry_id: str, key: str, value: Any) -> tuple[int, int, list[str]]:
        """The replacement that sets (or, with value None, removes) one field of an entry."""
        item = self.entry(section, entry_id)
        span = self.span(section, entry_id)
        lines = self.text.splitlines(keepends=True)
        if key in item:
            first, end, column = self._field_span(item, span, key)
            if value is None:
                if first == span.start:  # the key shares the "- " line: the next key moves up
                    if end >= span.end:
                        message = f"cannot remove '{key}', the entry's only field"
                        raise EditError([Problem(str(self.path), first + 1, column + 1, message)])
                    return first, end + 1, [lines[first][:column] + lines[end][column:]]
                return first, end, []
            prefix = lines[first][:column]
            new = dump_field(key, value, column)
            return first, end, [prefix + new[0], *new[1:]]
        if value is None:
            return span.end, span.end, []
        new = dump_field(key, value, span.key_column)
        return span.end, span.end, [" " * span.key_column + new[0], *new[1:]]

    def set_field(self, section: str, entry_id: str, key: str, value: Any) -> None:
        """Set (or with None remove) one field, validate and save."""
        self.replace_lines([self.field_edit(section, entry_id, key, value)])

    def accept(self, section: str, entry_id: str) -> None:
        """Remove the entry's ``review: true``."""
        self.set_field(section, entry_id, "review", None)

    def reject(self, section: str, entry_id: str) -> None:
        """Remove the whole entry."""
        span = self.span(section, entry_id)
        self.replace_lines([(span.start, span.end, [])])

    def replace_entry(self, section: str, entry_id: str, new_text: str) -> None:
        """Put ``new_text`` (an entry as edited by a person) in place of the entry's lines."""
        span = self.span(section, entry_id)
        self.replace_lines([(span.start, span.end, new_text.splitlines())])

    def undo(self) -> bool:
        """Go back to the text before the last edit; False when there is nothing to undo."""
        if not self.history:
            return False
        tree, deck = self._parse(self.history[-1])
        self._unchanged_on_disk()
        previous = self.history.pop()
        atomic_write(self.path, previous)
        self.text, self.tree, self.deck = previous, tree, deck
        return True

    # --- actors ----------------------------------------------------------------------------

    def actor_id(self, text: str) -> str | None:
        """The id of the actor ``text`` names: its id, its name or an alias (any case)."""
        wanted = text.strip().casefold()
        for actor in self.current.actors.values():
            if wanted in {actor.id.casefold(), actor.name.casefold(), *(a.casefold() for a in actor.aliases)}:
                return actor.id
        return None

    def actor_fields(self) -> dict[str, set[str]]:
        """For ``actors`` and each fact section: the fields holding actor ids."""
        refs = {
            "actors": {
                k for k, f in ACTOR_FIELDS.items() if f.kind in (FieldKind.ACTOR, FieldKind.ACTOR_LIST)
            }
        }
        for name, section in self.sections.items():
            refs[name] = {
                k for k, f in section.fields.items() if f.kind in (FieldKind.ACTOR, FieldKind.ACTOR_LIST)
            }
        return refs

    def merge_actors(self, old: str, new: str) -> int:
        """Rewrite every reference to actor ``old`` as ``new``, add ``old``'s name and aliases
        to ``new``'s aliases, and remove ``old``; one saved edit. Returns the references changed.
        """
        if old == new:
            raise EditError([Problem(str(self.path), 0, 0, "an actor cannot be merged into itself")])
        edits: list[tuple[int, int, list[str]]] = []
        changed = 0
        for section, keys in self.actor_fields().items():
            items = self.tree.get(section)
            if not isinstance(items, YSeq):
                continue
            for item in items:
                if not isinstance(item, YMap) or item.get("id") == old:
                    continue
                for key in keys & item.keys():
                    value = item[key]
                    if value == old:
                        # an actor cannot belong to itself: drop the reference instead
                        own = section == "actors" and item.get("id") == new
                        edits.append(self.field_edit(section, str(item["id"]), key, None if own else new))
                        changed += 1
                    elif isinstance(value, list) and old in value:
                        merged = list(dict.fromkeys(new if v == old else v for v in value))
                        if section == "actors":
                            merged = [v for v in merged if v != item.get("id")]
                        edits.append(self.field_edit(section, str(item["id"]), key, merged or None))
                        changed += 1
        gone, kept = self.current.actors[old], self.current.actors[new]
        taken = {
            n.casefold() for a in self.current.actors.values() if a.id != old for n in (a.name, *a.aliases)
        }
        extra = [n for n in (gone.name, *gone.aliases) if n.casefold() not in taken]
        if extra:
            edits.append(self.field_edit("actors", new, "aliases", [*kept.aliases, *dict.fromkeys(extra)]))
        span = self.span("actors", old)
        edits.append((span.start, span.end, []))
        self.replace_lines(edits)
        return changed


def fact_fields(section: Section) -> list[str]:
    """The fields a person may edit on a fact of ``section``, the section's own first."""
    common = [k for k in COMMON_FACT_FIELDS if k not in ("id", "review", "conflicts")]
    return [*section.fields, *common]
