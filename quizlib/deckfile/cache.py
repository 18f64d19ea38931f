"""The parse cache: a validated deck kept as JSON lines, its facts built when first read.

A study session on a large deck asks a few dozen of its facts, so a cached deck is not
turned into :class:`Fact` objects when it is read. The file is a header line (the deck's
other fields, its sections' sizes and a CRC-32 of the rest), then, per section, one line
with the facts' ids and one line per fact. Reading it splits the lines; a section's facts
are built one at a time as they are looked up (:class:`LazyFacts`), or all at once when the
section is read through ``deck.sections`` (:class:`LazySections`, a mapping of tuples like
any deck's). The checksum is verified when the file is read, so a damaged or truncated
file is rebuilt from the YAML then, never found half-way through a session.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import os
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

from quizlib.deckfile.dicts import citation, deck_from_dict, deck_to_dict
from quizlib.errors import Problem
from quizlib.model import Citation, Conflict, Deck, Fact

CACHE_FORMAT = 5

#: Fact's fields, in the order :func:`_fact_builder` sets them (a test keeps it complete).
FACT_FIELDS = ("section", "id", "data", "sources", "tags", "conflicts", "note", "review", "line")

Builder = Callable[[str, list[Any]], Fact]


class LazyFacts(Sequence[Fact]):
    """One section's facts, each built from its cached line when first read.

    Attributes:
        section: The section's name.
    """

    def __init__(self, section: str, ids: list[str], rows: list[str], build: Builder) -> None:
        self.section = section
        self._ids = ids
        self._rows: list[str] | None = rows
        self._built: list[Fact | None] = [None] * len(ids)
        self._build = build
        self._index: dict[str, int] | None = None
        self._all: tuple[Fact, ...] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, i: int) -> Fact: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Fact]: ...

    def __getitem__(self, i: int | slice) -> Fact | Sequence[Fact]:
        if isinstance(i, slice):
            return self.all()[i]
        if self._all is not None:
            return self._all[i]
        fact = self._built[i]
        if fact is None:
            assert self._rows is not None  # dropped only once every fact is built
            fact = self._built[i] = self._build(self.section, json.loads(self._rows[i]))
        return fact

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.all())

    @property
    def built(self) -> int:
        """How many of the section's facts have been built so far."""
        return len(self) if self._all is not None else sum(f is not None for f in self._built)

    def has(self, fact_id: str) -> bool:
        """Whether the section has a fact with this id (nothing is built)."""
        return fact_id in self._positions()

    def get(self, fact_id: str) -> Fact | None:
        """The fact with this id, built if it was not yet; None when there is none."""
        at = self._positions().get(fact_id)
        return None if at is None else self[at]

    def _positions(self) -> dict[str, int]:
        if self._index is None:
            self._index = dict(zip(self._ids, range(len(self._ids)), strict=True))
        return self._index

    def all(self) -> tuple[Fact, ...]:
        """Every fact of the section, in deck order (the rows are dropped once built)."""
        if self._all is None:
            rows, built = self._rows or [], self._built
            if not any(built):  # one parse of the whole section beats a parse per fact
                parsed = json.loads(f"[{','.join(rows)}]")
                self._all = tuple([self._build(self.section, row) for row in parsed])
            else:
                self._all = tuple(self[i] for i in range(len(self)))
            self._rows, self._built = None, []
        return self._all


class LazySections(Mapping[str, tuple[Fact, ...]]):
    """A cached deck's sections: a section's tuple of facts is built when it is first read;
    :meth:`view` looks facts up without building the rest."""

    def __init__(self, views: Mapping[str, LazyFacts]) -> None:
        self._views = dict(views)

    def __getitem__(self, name: str) -> tuple[Fact, ...]:
        return self._views[name].all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)

    def __repr__(self) -> str:
        return repr(dict(self))

    def view(self, name: str) -> LazyFacts | None:
        """One section's facts, built as they are read; None when the deck has no such section."""
        return self._views.get(name)


def section_facts(deck: Deck, section: str) -> Sequence[Fact]:
    """A section's facts: built as they are read when the deck came from the cache."""
    if isinstance(deck.sections, LazySections):
        view = deck.sections.view(section)
        return () if view is None else view
    return deck.facts(section)


def read_cache(file: Path, path: str) -> tuple[Deck, list[Problem]] | None:
    """The deck and skipped-section problems a cache file holds; None when it is missing,
    damaged, of another format or fails its checksum (the caller then parses the YAML)."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many small objects, none garbage: collection passes would only slow this down
    try:
        data = file.read_bytes()
        end = data.find(b"\n")
        header = json.loads(data[:end])
        if header.get("cache_format") != CACHE_FORMAT or header.get("crc") != zlib.crc32(
            memoryview(data)[end + 1 :]
        ):
            return None
        body = data[end + 1 :].decode("utf-8")
        del data  # the text's lines, not its bytes too, are what is held
        lines = body.split("\n") if body else []  # a deck without sections has no lines
        skipped = [Problem(path, line, col, message) for line, col, message in header["skipped"]]
        return _deck(header["deck"], header["sections"], lines, path), skipped
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a missing or damaged cache entry is simply rebuilt
    finally:
        if gc_was_enabled:
            gc.enable()


def _deck(shell: Mapping[str, Any], sizes: list[list[Any]], lines: list[str], path: str) -> Deck:
    build = _fact_builder()
    views: dict[str, LazyFacts] = {}
    at = 0
    for name, count in sizes:
        ids = json.loads(lines[at])
        rows = lines[at + 1 : at + 1 + count]
        if not isinstance(name, str) or not isinstance(ids, list) or not len(ids) == len(rows) == count:
            raise ValueError("section sizes do not match")
        views[name] = LazyFacts(name, ids, rows, build)
        at += 1 + count
    if at != len(lines):
        raise ValueError("trailing lines")
    deck = deck_from_dict({**shell, "sections": {}}, path=path)
    return dataclasses.replace(deck, sections=LazySections(views))


def write_cache(file: Path, deck: Deck, skipped: list[Problem]) -> None:
    """Keep a parsed deck (atomically: a concurrent reader sees the old file or the new one);
    a cache directory that cannot be written is skipped silently."""
    body = "\n".join(_body(deck)).encode("utf-8")
    shell = deck_to_dict(dataclasses.replace(deck, sections={}))
    header = {
        "cache_format": CACHE_FORMAT,
        "crc": zlib.crc32(body),
        "deck": {k: v for k, v in shell.items() if k != "sections"},
        "sections": [[name, len(facts)] for name, facts in deck.sections.items()],
        "skipped": [[p.line, p.column, p.message] for p in skipped],
    }
    tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        # Private like the database: a deck may be someone's own notes.
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n" + body)
        os.replace(tmp, file)
    except OSError:  # caching is an optimisation; a read-only cache dir must not stop anyone
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _body(deck: Deck) -> Iterator[str]:
    # Facts as rows rather than mappings: rebuilding one is then a straight unpacking.
    dump = json.JSONEncoder(separators=(",", ":")).encode
    for facts in deck.sections.values():
        yield dump([f.id for f in facts])
        for f in facts:
            conflicts = [[c.field, c.value, [str(s) for s in c.sources], c.note] for c in f.conflicts]
            yield dump(
                [f.id, f.data, [str(c) for c in f.sources], f.tags, f.note, f.review, conflicts, f.line]
            )


def _fact_builder() -> Builder:
    """Builds a Fact from a cached row. Fact has slots (a large deck's memory) and its frozen
    ``__init__`` sets each field through ``object.__setattr__``; filling the slots through
    their descriptors directly is what keeps building many facts fast."""
    citations: dict[str, Citation] = {}

    def cite(text: str) -> Citation:
        # Decks cite the same few paragraphs again and again: build each Citation once.
        found = citations.get(text)
        if found is None:
            found = citations[text] = citation(text)
        return found

    new = object.__new__
    s_section, s_id, s_data, s_sources, s_tags, s_conflicts, s_note, s_review, s_line = (
        vars(Fact)[name].__set__ for name in FACT_FIELDS
    )

    def build(section: str, row: list[Any]) -> Fact:
        fid, fdata, fsources, ftags, note, review, conflicts, line = row
        fact = new(Fact)
        s_section(fact, section)
        s_id(fact, fid)
        s_data(fact, fdata)
        s_sources(fact, tuple([cite(c) for c in fsources]))
        s_tags(fact, tuple(ftags))
        s_conflicts(fact, tuple([Conflict(c[0], c[1], tuple(map(cite, c[2])), c[3]) for c in conflicts]))
        s_note(fact, note)
        s_review(fact, review)
        s_line(fact, line)
        return fact

    return build
