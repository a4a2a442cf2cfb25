"""A small on-disk cache of compiled templates and per-file results, that uses nothing it
cannot check it wrote itself.

It lives in ``$REPORTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/reportlint``, else
``~/.cache/reportlint``. ``--no-cache`` turns every cache off for a run;
``REPORTLINT_NO_CACHE=1`` turns them off for every run. A cache that cannot be read or
written is simply not used. What makes an entry usable:

- its name (:func:`key`) is the SHA-256 of everything its value depends on: what the caller
  gives (a file's bytes, the configuration, the templates' contents), every module of
  reportlint (as the system last wrote it: :func:`_code_stamp`), and the name and version of
  every package installed beside its dependencies. An edit, an upgrade or a downgrade never
  reads an entry written before it;
- it carries a MAC (keyed BLAKE2b, :mod:`reportlint.digest`) of its kind, its name and its
  content, keyed by a secret of 32 random bytes made the first time the cache is used
  (``key``, readable by its owner only).
  An entry reportlint did not write (planted, copied from another name or another cache,
  altered) fails the check and is not used; so is one whose content is not what its kind
  holds (:func:`get` callers check that too);
- it is a regular file of at most 16 MiB, opened without following a link and without
  blocking (a FIFO, a device or ``/dev/zero`` in its place is never read);
- the cache folder is a folder of the user running reportlint that others cannot write to;
  otherwise the cache is not used at all.

Anyone who can write files as that user can also read the secret: a gate that must not trust
earlier steps of its job runs with ``--no-cache`` or a fresh ``REPORTLINT_CACHE_DIR``.

The cache is bounded: when its entries take more than ``REPORTLINT_CACHE_MAX_MB`` megabytes
(default 256), the oldest written are removed until they take at most three quarters of it.
Each process looks at the first entry it writes and every :data:`_PRUNE_EVERY` after.
``reportlint clean`` (:func:`clean`) removes every entry and the key.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from reportlint import __version__
from reportlint import digest as digests

_disabled: set[str] = set()
MAX_ENTRY = 16 * 1024 * 1024  # bytes: an entry larger than this is neither written nor read
KINDS = ("results", "templates", "registries")  # the folders entries are written in
DEFAULT_MAX_MB = 256
_PRUNE_EVERY = 500  # entries a process writes between two looks at the cache's size
_written = 0
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


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
    """Which code writes and reads entries: reportlint's version, every one of its modules,
    and the packages installed where its dependencies are, by name and version (their
    ``.dist-info`` folders).

    A module counts by its size, modification time, change time and inode: the system sets
    the change time on every write, and nothing sets it back (``utime`` sets it too), so an
    edit under the same size and modification time is seen without reading the file (reading
    and hashing the ~130 modules was 8 ms of every run that uses the cache). Where the change
    time is the creation time (Windows), a module counts by its content."""
    global _STAMP
    if _STAMP is None:
        package = os.path.dirname(os.path.abspath(__file__))
        digest = digests.sha256(__version__.encode())
        by_content = os.name == "nt"
        for root, folders, files in os.walk(package):
            folders[:] = sorted(f for f in folders if f != "__pycache__")
            inside = os.path.relpath(root, package).replace(os.sep, "/")
            for name in sorted(f for f in files if f.endswith(".py")):
                path = os.path.join(root, name)
                digest.update(f"{name if inside == '.' else inside + '/' + name}\0".encode())
                if by_content:
                    with open(path, "rb") as handle:
                        digest.update(handle.read() + b"\0")
                else:
                    info = os.stat(path)
                    digest.update(f"{info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} "
                                  f"{info.st_ino}\0".encode())
        digest.update("\n".join(_installed()).encode("utf-8", "surrogateescape"))
        _STAMP = digest.hexdigest().encode()
    return _STAMP


_STAMP: bytes | None = None
_DEPENDENCIES = ("markdown_it", "mdit_py_plugins", "yaml", "re2", "jsonschema",
                 "referencing", "jsonschema_specifications", "rpds")


def _installed() -> list[str]:
    """The ``.dist-info`` and ``.egg-info`` names in the folders the dependencies are
    installed in (``markdown_it_py-4.3.0.dist-info``, ...), found without importing them."""
    import importlib.util

    folders: set[str] = set()
    for name in _DEPENDENCIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = getattr(spec, "origin", None)
        if origin:
            folders.add(os.path.dirname(os.path.dirname(origin)))
    found: list[str] = []
    for folder in sorted(folders):
        with contextlib.suppress(OSError):
            found += [f"{folder}/{entry}" for entry in sorted(os.listdir(folder))
                      if entry.endswith((".dist-info", ".egg-info"))]
    return found


def key(*parts: bytes | str) -> str:
    digest = digests.sha256(_code_stamp())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return str(digest.hexdigest())


# The secret of each cache folder used so far, None for a folder that cannot be used.
_secrets: dict[Path, bytes | None] = {}


def _secret(folder: Path) -> bytes | None:
    if folder not in _secrets:
        _secrets[folder] = _load_secret(folder)
    return _secrets[folder]


def _own_folder(folder: Path, make: bool) -> bool:
    """Whether ``folder`` is a folder of this user that others cannot write to (made, only
    its owner allowed in, when ``make`` and it is missing)."""
    try:
        if make:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: no owner or mode bits to judge by
        return True
    return info.st_uid == getuid() and not info.st_mode & stat.S_IWOTH


def _load_secret(folder: Path) -> bytes | None:
    if not _own_folder(folder, make=True):
        return None
    path = folder / "key"
    data = _read(path, 64)
    if data is None:
        with contextlib.suppress(OSError):
            _make_secret(folder, path)
        data = _read(path, 64)
    if data is None or len(data) != 64:
        return None
    try:
        secret = bytes.fromhex(data.decode("ascii"))
    except ValueError:
        return None
    with contextlib.suppress(OSError):
        info = os.stat(path, follow_symlinks=False)
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            return None  # not ours alone: anyone could have read it
    return secret


def _new_file(folder: Path, prefix: str, suffix: str = "") -> tuple[int, Path]:
    """A new file in ``folder`` that only this process has open, mode 0600, as
    ``tempfile.mkstemp`` makes one (a random name, created exclusively, no link followed),
    without importing tempfile: 3 ms of a run of one report that writes its result."""
    flags = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_BINARY", 0))
    for _ in range(100):
        path = folder / f"{prefix}{os.urandom(8).hex()}{suffix}"
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _make_secret(folder: Path, path: Path) -> None:
    """Writes a new secret, all at once: two processes making one at the same time keep
    whichever comes first (the link fails for the second)."""
    handle, temporary = _new_file(folder, ".tmp-key-")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(os.urandom(32).hex())  # what secrets.token_hex does, without hmac
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def _read(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes, never following a link nor
    blocking; None for anything else."""
    try:
        handle = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    try:
        with open(handle, "rb", buffering=0, closefd=True) as source:
            info = os.fstat(source.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            data = source.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def _seal(secret: bytes, kind: str, name: str, payload: bytes) -> bytes:
    message = kind.encode() + b"\0" + name.encode() + b"\0" + payload
    return digests.mac(secret, message).encode()


def get(kind: str, name: str) -> Any:
    """The value stored under ``kind``/``name`` if reportlint stored it there, else None.
    Callers still check that it is what they stored (a value of the shape they expect)."""
    if not enabled(kind):
        return None
    folder = directory()
    secret = _secret(folder)
    if secret is None or not _own_folder(folder / kind, make=False):
        return None
    data = _read(folder / kind / f"{name}.json", MAX_ENTRY)
    if data is None:
        return None
    seal, newline, payload = data.partition(b"\n")
    if not newline or not digests.same(seal, _seal(secret, kind, name, payload)):
        return None
    try:
        return json.loads(payload.decode("utf-8"))
    except (ValueError, RecursionError):
        return None


def put(kind: str, name: str, value: Any) -> None:
    if not enabled(kind):
        return
    folder = directory()
    secret = _secret(folder)
    if secret is None:
        return
    try:
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return
    if len(payload) + 65 > MAX_ENTRY:
        return
    folder = folder / kind
    if not _own_folder(folder, make=True):
        return
    try:
        handle, temporary = _new_file(folder, ".tmp-", ".json")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_seal(secret, kind, name, payload) + b"\n" + payload)
        os.replace(temporary, folder / f"{name}.json")
        global _written
        if _written % _PRUNE_EVERY == 0:
            prune(folder.parent, limit())
        _written += 1
    except BaseException as exc:
        # A full disk, an interrupt: no half-written entry stays.
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not isinstance(exc, OSError):
            raise


def limit() -> int:
    """The cache's size bound in bytes: ``REPORTLINT_CACHE_MAX_MB`` (a number of megabytes,
    0 for no bound), else the default."""
    given = os.environ.get("REPORTLINT_CACHE_MAX_MB", "")
    try:
        megabytes = float(given) if given else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return max(int(megabytes * 1024 * 1024), 0)


def _entries(folder: Path) -> list[tuple[float, int, Path]]:
    """Every entry of the cache (and every temporary file left by a killed writer) as
    (time written, size, path); never following a link."""
    found = []
    for kind in KINDS:
        place = folder / kind
        if not _own_folder(place, make=False) or os.path.islink(place):
            continue
        try:
            listing = list(os.scandir(place))
        except OSError:
            continue
        for entry in listing:
            if not entry.name.endswith(".json"):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                found.append((info.st_mtime, info.st_size, Path(entry.path)))
    return found


def prune(folder: Path, bound: int) -> int:
    """Removes the oldest entries while the cache takes more than ``bound`` bytes, down to
    three quarters of it (so that the next writes do not prune again at once); returns how
    many it removed. A bound of 0 is none."""
    if bound <= 0:
        return 0
    entries = _entries(folder)
    total = sum(size for _, size, _ in entries)
    if total <= bound:
        return 0
    removed = 0
    for _, size, path in sorted(entries):
        if total <= bound * 3 // 4:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed += 1
        total -= size
    return removed


def clean(folder: Path | None = None) -> tuple[int, int]:
    """Removes every entry of the cache, the folders they are in and the key; returns how
    many entries went and their size in bytes. Only what reportlint writes there is touched
    (``*.json`` files in its folders, the key), in a folder of this user's; a link is removed,
    never followed."""
    folder = directory() if folder is None else folder
    if not _own_folder(folder, make=False) or os.path.islink(folder):
        return 0, 0
    entries = _entries(folder)
    count = size = 0
    for _, length, path in entries:
        with contextlib.suppress(OSError):
            os.unlink(path)
            count += 1
            size += length
    for kind in KINDS:
        with contextlib.suppress(OSError):
            os.rmdir(folder / kind)  # only once empty: anything else in it stays
    key = folder / "key"
    with contextlib.suppress(OSError):
        if not os.path.islink(key) and stat.S_ISREG(os.lstat(key).st_mode):
            os.unlink(key)
    _secrets.pop(folder, None)
    with contextlib.suppress(OSError):
        os.rmdir(folder)
    return count, size
