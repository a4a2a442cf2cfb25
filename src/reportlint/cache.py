"""A small on-disk cache, keyed by content hash: compiled templates and per-file results.

Lives in ``$REPORTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/reportlint``, else
``~/.cache/reportlint``. Entries are JSON written atomically; a cache that cannot be read or
written is simply not used. ``--no-cache`` turns off the per-file results (compiled templates,
like ``.pyc`` files, are still kept); ``REPORTLINT_NO_CACHE=1`` turns off both.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from reportlint import __version__

_disabled: set[str] = set()


def disable(kind: str) -> None:
    _disabled.add(kind)


def enable(kind: str) -> None:
    _disabled.discard(kind)


def enabled(kind: str) -> bool:
    return kind not in _disabled and os.environ.get("REPORTLINT_NO_CACHE", "") in ("", "0")


def directory() -> Path:
    explicit = os.environ.get("REPORTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportlint"


def _code_stamp() -> bytes:
    """Which reportlint wrote an entry: its version, and the size and time of each of its own
    files, so a development checkout never reads results of code it no longer runs."""
    global _STAMP
    if _STAMP is None:
        package = Path(__file__).parent
        stamps = [__version__]
        for folder in (package, package / "rules", package / "formats"):
            with os.scandir(folder) as entries:
                stamps += sorted(f"{e.name}:{e.stat().st_size}:{e.stat().st_mtime_ns}"
                                 for e in entries if e.name.endswith(".py"))
        _STAMP = "\n".join(stamps).encode()
    return _STAMP


_STAMP: bytes | None = None


def key(*parts: bytes | str) -> str:
    import hashlib  # loads OpenSSL: only for runs that use the cache

    digest = hashlib.sha256(_code_stamp())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def get(kind: str, name: str) -> Any:
    if not enabled(kind):
        return None
    try:
        return json.loads((directory() / kind / f"{name}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def put(kind: str, name: str, value: Any) -> None:
    if not enabled(kind):
        return
    import tempfile  # only when writing: it is slow to import

    folder = directory() / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(value, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, folder / f"{name}.json")
    except BaseException as exc:
        # A full disk, a value JSON cannot hold, an interrupt: no half-written entry stays.
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not isinstance(exc, (OSError, TypeError, ValueError)):
            raise
