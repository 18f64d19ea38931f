"""Short digests for cache keys and fingerprints, without importing :mod:`hashlib`.

Importing ``hashlib`` loads OpenSSL's ``libcrypto`` (about 2 ms, on every start of every
command), although the BLAKE2 it hands out is the interpreter's own built-in module, which
is imported here directly. These digests name cache entries only; nothing stored for good
depends on them.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter without CPython's built-in module: hashlib's, however slow
    from hashlib import blake2b

__all__ = ["blake2b", "short_digest"]


def short_digest(data: bytes, size: int = 8) -> str:
    """A hex digest of ``data``, ``2 * size`` characters long (BLAKE2b of ``size`` bytes)."""
    return blake2b(data, digest_size=size).hexdigest()
