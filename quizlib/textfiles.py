"""Reading a person's text files (decks, articles, card exports, review logs) as UTF-8.

quizlib reads text as UTF-8, with or without a byte order mark. A file saved in another
Unicode encoding (Windows Notepad's "Unicode" is UTF-16) is refused with a message that
names that encoding and says what to do, not a decoder's "invalid start byte"; a file with
bytes that are not UTF-8 is refused at the line and column of the first one.
"""

from __future__ import annotations

from pathlib import Path

from quizlib.errors import UsageError

# UTF-32 before UTF-16: FF FE 00 00 starts both.
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def foreign_encoding(head: bytes) -> str | None:
    """The Unicode encoding other than UTF-8 that a file starting with ``head`` is in, by its
    byte order mark or, for UTF-16 without one, by its zero bytes; None when there is no sign
    of one.

    UTF-16 text without a mark has a zero byte beside nearly every Latin character, always
    on the same side; UTF-8 text has none at all.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    sample = head[:512]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other in ((odd, even), (even, odd)):
        if other.count(0) == 0 and zeros.count(0) >= len(zeros) // 2:
            return "UTF-16"
    return None


def encoding_advice(name: str) -> str:
    """What to tell a person whose file is in encoding ``name``."""
    return f"the file is {name} text; save it as UTF-8 (in most editors: Save As, Encoding UTF-8)"


def bad_byte(data: bytes, exc: UnicodeDecodeError) -> tuple[int, int, str]:
    """The line and column (from 1) of the byte that is not UTF-8, and a message."""
    line = data.count(b"\n", 0, exc.start) + 1
    col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return line, col, f"not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"


def decode_text(data: bytes, where: str) -> str:
    """``data`` decoded as UTF-8, without a byte order mark.

    Raises:
        UsageError: Another Unicode encoding, or a byte that is not UTF-8 (``where:LINE:COL``).
    """
    name = foreign_encoding(data[:512])
    if name is not None:
        raise UsageError(f"cannot read {where}: {encoding_advice(name)}")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line, col, message = bad_byte(data, exc)
        raise UsageError(f"cannot read {where}:{line}:{col}: {message}") from None


def read_text_file(path: Path) -> str:
    """A text file's contents (see :func:`decode_text`).

    Raises:
        UsageError: The file cannot be read, or it is not UTF-8 text.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode_text(data, str(path))


def check_head(path: Path) -> None:
    """Refuse a file in another Unicode encoding by its first bytes, before it is streamed.

    Raises:
        UsageError: The file is UTF-16 or UTF-32 text (unreadable files pass: the caller's
            open reports them).
    """
    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError:
        return
    name = foreign_encoding(head)
    if name is not None:
        raise UsageError(f"cannot read {path}: {encoding_advice(name)}")
