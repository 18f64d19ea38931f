"""Loading deck files: bytes → safe YAML → validated :class:`Deck`, with a parse cache.

A parsed deck is cached (:mod:`quizlib.deckfile.cache`) keyed by the hash of the file's
bytes, the schema of the installed sections and the loaded plugins (their files' sizes and
mtimes, so editing a plugin's checks invalidates it), so opening an unchanged large deck
skips YAML entirely.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from quizlib.deckfile.cache import CACHE_FORMAT, read_cache, write_cache
from quizlib.deckfile.dicts import deck_from_dict, deck_to_dict, fact_to_dict
from quizlib.didyoumean import did_you_mean, known_list
from quizlib.digests import blake2b, short_digest
from quizlib.errors import DeckError, Problem, UsageError
from quizlib.model import Deck, Section

__all__ = [
    "BUNDLED_PACKAGE",
    "CACHE_FORMAT",
    "SectionTable",
    "bundled_decks",
    "deck_from_dict",
    "deck_to_dict",
    "default_cache_dir",
    "fact_to_dict",
    "load_deck",
    "parse_deck",
    "read_text",
    "refuse_shared_ids",
    "resolve_deck",
]

BUNDLED_PACKAGE = "quizlib_decks"


class SectionTable(dict[str, Section]):
    """The sections a deck may have, with what loading needs to know of the plugins behind them.

    A plain mapping of sections works wherever a table is expected.

    Attributes:
        plugins_key: Identifies the loaded plugins and their versions (part of the cache key).
        missing_hint: Appended to the report of a section no loaded plugin declares: how
            to get its plugin (e.g. which plugins are disabled).
    """

    def __init__(
        self, sections: Mapping[str, Section] = {}, *, plugins_key: str = "", missing_hint: str = ""
    ) -> None:
        super().__init__(sections)
        self.plugins_key = plugins_key
        self.missing_hint = missing_hint


def read_text(path: str, data: bytes) -> str:
    """Decode a deck file, refusing binary, UTF-16/32 and non-UTF-8 content with a located problem."""
    from quizlib.textfiles import bad_byte, encoding_advice, foreign_encoding  # not on a cached start

    foreign = foreign_encoding(data[:512])
    if foreign is not None:  # before the zero-byte test: UTF-16 text is full of zero bytes
        raise DeckError([Problem(path, 1, 1, encoding_advice(foreign))])
    if b"\x00" in data:
        raise DeckError([Problem(path, 1, 1, "this is a binary file, not a YAML deck")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DeckError([Problem(path, *bad_byte(data, exc))]) from None
    return text.removeprefix("\ufeff")


def _schema_fingerprint(sections: Mapping[str, Section]) -> str:
    parts = [
        (name, repr(sorted(s.fields.items())), repr(sorted(s.settings.items())), s.check is not None)
        for name, s in sorted(sections.items())
    ]
    plugins = getattr(sections, "plugins_key", "")
    return short_digest(repr((parts, plugins)).encode())


def default_cache_dir() -> Path | None:
    """Where parsed decks are cached: ``QUIZLIB_CACHE_DIR`` (``off`` disables) or the user cache."""
    configured = os.environ.get("QUIZLIB_CACHE_DIR")
    if configured is not None:
        return None if configured.lower() in ("", "off", "0", "none") else Path(configured)
    import platformdirs  # only needed when caching

    return Path(platformdirs.user_cache_dir("quizlib")) / "decks"


def parse_deck(
    text: str, path: str, sections: Mapping[str, Section], *, skipped: list[Problem] | None = None
) -> Deck:
    """Parse and validate deck text.

    Args:
        text: The deck's YAML.
        path: Its file name, for messages.
        sections: The fact sections to accept.
        skipped: When given, a section no plugin declares is left out and reported here
            instead of being an error (study and show go on without it), and so is an
            entry a plugin failed to check (kept unchecked).

    Raises:
        DeckError: With every problem found, sorted by position.
    """
    # Imported here: a deck read from the cache needs no YAML parser or validator.
    from quizlib.deckfile.validate import Validator
    from quizlib.deckfile.yamlsafe import parse_yaml

    root = parse_yaml(text, path)
    validator = Validator(path, sections, skip_unknown=skipped is not None)
    deck = validator.deck(root)
    if validator.problems or deck is None:
        raise DeckError(sorted(validator.problems, key=lambda p: (p.line, p.column)))
    if skipped is not None:
        skipped.extend(validator.skipped)
    return deck


def load_deck(
    path: str | os.PathLike[str],
    *,
    sections: Mapping[str, Section] | None = None,
    cache_dir: Path | bool | None = True,
    on_skipped: Callable[[Problem], None] | None = None,
) -> Deck:
    """Load and validate a deck file.

    Args:
        path: The YAML file.
        sections: The fact sections to accept (default: deck format 1's own sections;
            :func:`quizlib.load_deck` defaults to the installed plugins').
        cache_dir: Where to cache the parsed deck; True for the default, None/False for no cache.
        on_skipped: When given, a section no loaded plugin declares is left out and
            reported to it (a warning) instead of being an error; so is an entry a
            plugin's section check failed on (the entry is kept, unchecked).

    Returns:
        The validated deck.

    Raises:
        DeckError: Listing every problem as ``FILE:LINE:COL: message``.
    """
    name = str(path)
    if sections is None:  # no plugins at hand: the deck format's own sections
        from quizlib.deckfile.sections import format_sections

        sections = format_sections()
    folder = default_cache_dir() if cache_dir is True else (cache_dir or None)
    salt = _schema_fingerprint(sections).encode() + (b"skip" if on_skipped is not None else b"strict")
    data = _read_bytes(path, name)
    key = _cache_key(data, salt)
    cached = None
    if folder is not None:
        del data  # not held while a large cached deck is read: that is a load's peak memory
        cached = read_cache(folder / f"{key}.json", name)
        if cached is None:
            data = _read_bytes(path, name)  # what is parsed is what is keyed, even if it changed
            key = _cache_key(data, salt)
    if cached is not None:
        deck, skipped = cached
    else:
        skipped = []
        deck = parse_deck(read_text(name, data), name, sections, skipped=skipped if on_skipped else None)
        if folder is not None:
            write_cache(folder / f"{key}.json", deck, skipped)
    for problem in skipped:
        if on_skipped is not None:
            on_skipped(problem)
    return deck


def _read_bytes(path: str | os.PathLike[str], name: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise DeckError([Problem(name, 0, 0, "is a directory, not a deck file")]) from None
    except OSError as exc:
        raise DeckError([Problem(name, 0, 0, f"cannot read: {exc.strerror or exc}")]) from None


def _cache_key(data: bytes, salt: bytes) -> str:
    digest = blake2b(data, digest_size=20)
    digest.update(salt)
    return digest.hexdigest()


def refuse_shared_ids(decks: Iterable[Deck]) -> list[Deck]:
    """The decks, one per file; two different files with one ``deck.id`` are refused.

    Cards are stored by deck id, so two files sharing one would mix their review histories
    (and a question id in both would be one card). The same file named twice counts once.

    Raises:
        UsageError: Naming the id and both files.
    """
    seen: dict[str, Deck] = {}
    for deck in decks:
        other = seen.get(deck.id)
        if other is None:
            seen[deck.id] = deck
        elif _same_file(other.path, deck.path):
            continue
        else:
            raise UsageError(
                f"{other.path} and {deck.path} both have deck.id {deck.id!r}; their cards would be"
                " mixed: give one of them another deck.id, or study them one at a time"
            )
    return list(seen.values())


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b


def bundled_decks() -> Iterator[tuple[str, Path]]:
    """The decks shipped with quizlib, as (name, path)."""
    try:
        entries = sorted(_bundled_files())
    except (ModuleNotFoundError, OSError):  # not installed, or installed without decks
        return
    for name, path in entries:
        if name.endswith((".yaml", ".yml")):
            yield name.rsplit(".", 1)[0], path


def _bundled_files() -> list[tuple[str, Path]]:
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    origin = spec.origin if spec is not None and spec.has_location else None
    if origin and os.path.basename(origin) == "__init__.py" and os.path.isfile(origin):
        # A package in a directory (what pip installs): listed directly, since importing
        # importlib.resources (and zipfile) costs more than the rest of finding a deck.
        return [(e.name, Path(e.path)) for e in os.scandir(os.path.dirname(origin))]
    from importlib import resources  # anything else: a zip, a custom loader

    return [(e.name, Path(str(e))) for e in resources.files(BUNDLED_PACKAGE).iterdir()]


def resolve_deck(name_or_path: str) -> Path:
    """A deck path, or the path of the bundled deck of that name.

    Raises:
        DeckError: When it is neither an existing file nor a bundled deck.
    """
    path = Path(name_or_path)
    if path.exists():
        return path
    for name, bundled in bundled_decks():
        if name == name_or_path:
            return bundled
    names = [n for n, _ in bundled_decks()]
    hint = did_you_mean(name_or_path, names)
    message = f"no such file, and no bundled deck of that name{hint} (bundled: {known_list(names)})"
    raise DeckError([Problem(name_or_path, 0, 0, message)])
