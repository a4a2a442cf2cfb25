"""SHA-256 digests and a keyed MAC, without loading OpenSSL when CPython's own C code is there.

Why not hashlib and hmac: importing either loads OpenSSL's bindings (``_hashlib``), 2.6 to
3 ms measured here, about a thirtieth of a whole check of one report; a run that uses the
result cache needs a digest for every file and a MAC for every entry it reads or writes.
CPython builds its own SHA-256 and BLAKE2 (``_sha2``, before 3.12 ``_sha256``, and
``_blake2``, 0.2 ms to import); the digests are the same bytes whichever code computes them
(``tests/test_digest.py``), and where a build lacks those modules hashlib is used.

The MAC seals the result cache's entries (:mod:`reportlint.cache`): keyed BLAKE2b, a MAC by
design (RFC 7693), rather than HMAC-SHA-256, which would need :mod:`hmac` and so OpenSSL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_Hash = Callable[..., Any]


def _sha256() -> _Hash:
    found: _Hash
    try:
        from _sha2 import sha256 as found  # type: ignore[import-not-found, no-redef]  # 3.12+
    except ImportError:
        try:
            from _sha256 import sha256 as found  # type: ignore[import-not-found, no-redef]
        except ImportError:  # a build without CPython's own SHA-256
            from hashlib import sha256 as found
    return found


def _blake2b() -> _Hash:
    try:
        from _blake2 import blake2b

        return blake2b
    except ImportError:
        from hashlib import blake2b

        return blake2b


sha256 = _sha256()
_mac = _blake2b()


def mac(key: bytes, message: bytes) -> str:
    """The hex MAC of ``message`` under ``key`` (at most 64 bytes): keyed BLAKE2b-256."""
    return str(_mac(message, key=key, digest_size=32).hexdigest())


def _compare() -> Callable[[bytes, bytes], bool]:
    try:
        from _operator import _compare_digest  # what hmac.compare_digest falls back to

        return _compare_digest
    except ImportError:
        from hmac import compare_digest

        return compare_digest


same: Callable[[bytes, bytes], bool] = _compare()
"""``a == b`` in time that does not depend on where they differ."""
