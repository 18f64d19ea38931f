"""The files of a sync folder: one JSON object a line, each device appending to its own.

A file starts with a header line, ``{"quizlib_sync": 1, "device": "<id>"}``, followed by
events:

- ``{"t": "review", "id", "deck", "q", "type", "at", "rating", "answer", "score",
  "suggested", "ms", "cram"}``: a review of the log;
- ``{"t": "undo", "id"}``: that review was taken back;
- ``{"t": "set", "key", "value", "at", "stamp"}``: a card flag (``["flag", deck, question,
  "suspended"|"buried_until"|"leech"]``) or a scope's applied FSRS parameters
  (``["parameters", scope]``, value null for the defaults) changed; the highest
  ``(at, stamp)`` wins.

Reading starts where the last read stopped and takes complete lines only; a damaged line is
reported with its number and skipped, the others are read. A line dated in the future (a
clock far ahead) stops the reading of its file there until this machine's clock reaches it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from quizlib.errors import QuizError
from quizlib.exchange.logcsv import MAX_DURATION_MS
from quizlib.srs.optimize import check_parameters
from quizlib.store.records import Review
from quizlib.store.store import CLOCK_SKEW
from quizlib.store.syncstate import FLAGS, FileMark, RegisterSet, canonical, sync_origin

#: The version of the file format this quizlib writes and reads.
FORMAT_VERSION = 1
PREFIX, SUFFIX = "quizlib-", ".jsonl"
#: Bytes before a read position whose hash recognises the file next time.
TAIL_BYTES = 256


def own_name(device: str) -> str:
    """The name of the file a device appends to."""
    return f"{PREFIX}{device}{SUFFIX}"


def is_sync_file(name: str) -> bool:
    """A folder file to import: ours by name, conflict copies included, temporary files not.

    File-sync tools name conflict copies ``quizlib-ID.sync-conflict-….jsonl`` (Syncthing),
    ``quizlib-ID (1).jsonl`` or ``quizlib-ID (… conflicted copy …).jsonl`` (cloud folders):
    all start and end like the original.
    """
    return name.startswith(PREFIX) and name.endswith(SUFFIX)


def header(device: str) -> bytes:
    """The first line of a device's file."""
    return (canonical({"quizlib_sync": FORMAT_VERSION, "device": device}) + "\n").encode()


def review_line(r: Review) -> str:
    """A review as an event line."""
    event = {
        "t": "review",
        "id": r.uuid,
        "deck": r.deck_id,
        "q": r.question_id,
        "type": r.type,
        "at": r.reviewed_at.astimezone(dt.UTC).isoformat(),
        "rating": r.rating,
        "answer": r.answer,
        "score": r.score,
        "suggested": r.suggested,
        "ms": r.response_ms,
        "cram": r.cram,
    }
    return canonical(event) + "\n"


def undo_line(review_id: str) -> str:
    """An undo as an event line."""
    return canonical({"t": "undo", "id": review_id}) + "\n"


def tail_hash(data: bytes) -> str:
    """The hash that recognises a file at a read position (``data``: the bytes before it)."""
    return hashlib.sha256(data[-TAIL_BYTES:]).hexdigest()[:32]


def bytes_before(f: BinaryIO, offset: int) -> bytes:
    """The (up to :data:`TAIL_BYTES`) bytes of an open file just before ``offset``."""
    f.seek(max(0, offset - TAIL_BYTES))
    return f.read(offset - max(0, offset - TAIL_BYTES))


@dataclass
class Chunk:
    """What was read from one file since the last read."""

    name: str
    reviews: list[Review] = field(default_factory=list)
    undos: list[str] = field(default_factory=list)
    sets: list[RegisterSet] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    refused: str | None = None
    mark: FileMark | None = None
    #: The device that wrote the file (its header), whose reviews these are.
    device: str = ""


class _Bad(Exception):
    """A damaged line (the message says why)."""


class _Later(Exception):
    """A line dated after the current time (and the clock skew allowed)."""


def read_new(path: Path, folder: str, mark: FileMark | None, now: dt.datetime) -> Chunk:
    """The complete lines of ``path`` after ``mark`` (the whole file when it was replaced).

    Raises:
        OSError: The file cannot be read.
    """
    chunk = Chunk(path.name)
    with path.open("rb") as f:
        start, lines = 0, 0
        size = os.fstat(f.fileno()).st_size
        if mark is not None and mark.offset <= size and tail_hash(bytes_before(f, mark.offset)) == mark.tail:
            start, lines = mark.offset, mark.lines
        f.seek(start)
        data = f.read()
        before = bytes_before(f, start)
        if start and data:  # the header names the device whose reviews these are
            f.seek(0)
            chunk.device = _device(f.readline())
    end = data.rfind(b"\n") + 1  # a line still being written is read next time
    latest, used, number = now + CLOCK_SKEW, 0, lines
    while used < end:
        stop = data.index(b"\n", used) + 1
        number += 1
        if number == 1:
            chunk.refused = _check_header(data[used:stop])
            chunk.device = _device(data[used:stop])
            if chunk.refused is not None:
                return chunk  # not read: a newer quizlib reads it; the mark stays where it was
        else:
            try:
                _event(data[used:stop], chunk, latest, sync_origin(chunk.device))
            except _Later as exc:
                # Another machine's clock runs ahead: wait for this one's rather than lose it.
                chunk.problems.append(f"{path}:{number}: {exc}; it is read again at the next sync")
                number -= 1
                break
            except _Bad as exc:
                chunk.problems.append(f"{path}:{number}: {exc}")
        used = stop
    if used:
        chunk.mark = FileMark(folder, path.name, start + used, number, tail_hash(before + data[:used]))
    return chunk


def _check_header(raw: bytes) -> str | None:
    try:
        head = json.loads(raw)
    except ValueError:
        head = None
    if not isinstance(head, dict) or "quizlib_sync" not in head:
        return "not a quizlib sync file (no quizlib_sync header on line 1); skipped"
    version = head["quizlib_sync"]
    if not isinstance(version, int) or version > FORMAT_VERSION:
        return (
            f"written by a newer quizlib (sync format {version}; this one reads {FORMAT_VERSION});"
            " upgrade quizlib to import it"
        )
    return None


def _device(raw: bytes) -> str:
    try:
        device = json.loads(raw).get("device")
    except (ValueError, AttributeError):
        return ""
    return device if isinstance(device, str) else ""


def _event(raw: bytes, chunk: Chunk, latest: dt.datetime, origin: str) -> None:
    try:
        event = json.loads(raw)
    except ValueError:
        raise _Bad("not a JSON object (damaged line)") from None
    if not isinstance(event, dict):
        raise _Bad("not a JSON object (damaged line)")
    kind = event.get("t")
    if kind == "review":
        chunk.reviews.append(_review(event, latest, origin))
    elif kind == "undo":
        chunk.undos.append(_text(event, "id"))
    elif kind == "set":
        chunk.sets.append(_register(event, latest))
    else:
        raise _Bad(f"unknown event {kind!r}")


def _get(event: dict[str, Any], key: str, check: Callable[[Any], bool], what: str) -> Any:
    value = event.get(key)
    if not check(value):
        raise _Bad(f"{key} {value!r} is not {what}")
    return value


def _text(event: dict[str, Any], key: str, *, empty: bool = False) -> str:
    what = "text" if empty else "non-empty text"
    return str(_get(event, key, lambda v: isinstance(v, str) and (empty or bool(v)), what))


def _time(event: dict[str, Any], key: str, latest: dt.datetime) -> dt.datetime:
    text = _text(event, key)
    try:
        value = dt.datetime.fromisoformat(text)
        if value.tzinfo is None:
            raise ValueError
        value = value.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise _Bad(f"{key} {text!r} is not an ISO 8601 time with a zone") from None
    if value > latest:
        raise _Later(f"{key} {text!r} is in the future (after {latest.isoformat()})")
    return value


def _number(value: Any, low: float, high: float) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and low <= value <= high
    )


def _review(event: dict[str, Any], latest: dt.datetime, origin: str) -> Review:
    rating = _get(event, "rating", lambda v: v in (1, 2, 3, 4) and not isinstance(v, bool), "1-4")
    suggested = _get(
        event, "suggested", lambda v: v is None or (v in (1, 2, 3, 4) and not isinstance(v, bool)), "1-4"
    )
    return Review(
        uuid=_text(event, "id"),
        deck_id=_text(event, "deck"),
        question_id=_text(event, "q"),
        type=_text(event, "type"),
        reviewed_at=_time(event, "at", latest),
        rating=int(rating),
        answer=_text(event, "answer", empty=True),
        score=_get(event, "score", lambda v: v is None or _number(v, 0, 1), "a score from 0 to 1"),
        suggested=suggested,
        response_ms=int(
            _get(event, "ms", lambda v: isinstance(v, int) and _number(v, 0, MAX_DURATION_MS), "a duration")
        ),
        cram=bool(_get(event, "cram", lambda v: isinstance(v, bool), "true or false")),
        origin=origin,
    )


def _register(event: dict[str, Any], latest: dt.datetime) -> RegisterSet:
    key = event.get("key")
    value = event.get("value")
    if isinstance(key, list) and len(key) == 4 and key[0] == "flag" and key[3] in FLAGS:
        if not all(isinstance(k, str) and k for k in key):
            raise _Bad(f"key {key!r} is not a card flag")
        if key[3] == "buried_until":
            if value is not None:
                _time({"value": value}, "value", dt.datetime.max.replace(tzinfo=dt.UTC))
        elif not isinstance(value, bool):
            raise _Bad(f"value {value!r} of {key[3]} is not true or false")
    elif isinstance(key, list) and len(key) == 2 and key[0] == "parameters" and isinstance(key[1], str):
        if value is not None:
            try:
                check_parameters(value)
            except (QuizError, TypeError, ValueError):
                raise _Bad(f"value {str(value)[:60]!r} is not a list of FSRS parameters") from None
    else:
        raise _Bad(f"key {key!r} is not a card flag or a parameter scope")
    return RegisterSet(key, value, _time(event, "at", latest).isoformat(), _text(event, "stamp"))
