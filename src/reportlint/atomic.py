"""Writing a file without ever losing it: a temporary file beside it, then one rename.

Why a rename and not a write in place (which ruff does): a rename is atomic, so at every
moment, a crash or a full disk included, the file holds either all of the old text or all of
the new. Writing in place keeps the file's inode (its owner, hard links, extended attributes,
and the open descriptors of other processes), but a crash in the middle of it leaves half a
report, even when the new text was first saved elsewhere. The rename's costs are handled so
none of them goes unnoticed:

- owner and group are given back to the new file (``fchown``; when that is not allowed, the
  file is left alone), and its permission bits are copied without setuid, setgid and sticky;
- a file with more than one hard link is left alone (the rename would separate the names);
- a symbolic link is followed and its target replaced, only when the target really lies in
  the folders being checked; the link itself stays;
- a process that has the file open and writes to it after the rename writes to the old,
  unlinked inode: those writes are lost. This cannot be detected portably; the file is read
  again just before the rename and left alone if it changed, which makes the window the
  rename itself. Do not run ``--fix`` on files that are being written.

Extended attributes and ACLs are not carried over to the new file.

Temporary files are named ``.reportlint-tmp-`` and 16 hexadecimal digits (ignore them with
``.reportlint-tmp-*``). They are removed on every error; one left by a run that was killed
is removed by the next ``--fix`` run over its folder once it is a minute old (:func:`sweep`).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Sequence
from pathlib import Path

PREFIX = ".reportlint-tmp-"
_TEMPORARY = re.compile(re.escape(PREFIX) + "[0-9a-f]{16}")
STALE_SECONDS = 60  # far longer than any write takes: a younger one may be in use
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class Changed(Exception):
    """The file changed on disk after it was read; it was left alone."""


class Refused(Exception):
    """The file may not be replaced; it was left alone. The message follows its name."""


def replace(path: Path, original: bytes, new: bytes, bounds: Sequence[Path] = ()) -> None:
    """Replace ``path`` (read as ``original``) with ``new``, keeping its owner, group and
    permissions. A link is followed; the file it leads to must lie in each of ``bounds``
    (real paths of folders).

    The new content is written and flushed to a temporary file in the same folder, then
    renamed over the file: a crash or an error at any point leaves either the old file or the
    new one, never half of either. Raises :class:`Refused` when the file may not be replaced
    and :class:`Changed` when it no longer holds ``original``; nothing is written then.
    """
    real = Path(os.path.realpath(path))
    for bound in bounds:
        if not real.is_relative_to(bound):
            raise Refused(f"resolves to {real}, outside the folder being checked ({bound})")
    try:
        info = os.lstat(real)
    except FileNotFoundError:
        raise Changed(str(path)) from None
    if not stat.S_ISREG(info.st_mode):
        raise Changed(str(path))  # it was a regular file when it was read
    # Root may write anything: the owner's write bit, not access(), says "do not change".
    if not info.st_mode & stat.S_IWUSR:
        raise Refused(f"is read-only (mode {stat.S_IMODE(info.st_mode):04o})")
    if info.st_nlink > 1:
        raise Refused(f"has {info.st_nlink} hard links, which replacing it would separate")
    temporary = real.parent / f"{PREFIX}{os.urandom(8).hex()}"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
                     0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(new)
            out.flush()
            _own(out.fileno(), info)
            mode = info.st_mode & 0o777  # never setuid, setgid or sticky
            if hasattr(os, "fchmod"):  # by descriptor: the name could be swapped meanwhile
                os.fchmod(out.fileno(), mode)
            else:  # Windows before Python 3.13
                os.chmod(temporary, mode)
            os.fsync(out.fileno())
        if _current(real) != original:
            raise Changed(str(path))
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(real.parent)


def _own(handle: int, info: os.stat_result) -> None:
    made = os.fstat(handle)
    if (made.st_uid, made.st_gid) == (info.st_uid, info.st_gid) or not hasattr(os, "fchown"):
        return
    try:
        os.fchown(handle, info.st_uid, info.st_gid)
    except OSError as exc:
        raise Refused(f"cannot be given back its owner and group (uid {info.st_uid}, gid "
                      f"{info.st_gid}): {exc.strerror or exc}") from None


def _current(real: Path) -> bytes | None:
    """What ``real`` holds now; None when it is no longer a regular file it can read. Never
    blocks, even if a FIFO took its place, and never follows a link that took its place."""
    try:
        with open(os.open(real, os.O_RDONLY | _NONBLOCK | _NOFOLLOW | _CLOEXEC), "rb") as f:
            return f.read() if stat.S_ISREG(os.fstat(f.fileno()).st_mode) else None
    except OSError:
        return None


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself durable; where folders cannot be opened it is skipped (the
    file is then the old one or the new one after a crash, which is still whole)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def sweep(folder: Path) -> int:
    """Removes the temporary files :func:`replace` left in ``folder`` when its run was killed:
    regular files of exactly its naming pattern, over a minute old. Returns how many."""
    removed = 0
    now = time.time()
    try:
        entries = os.scandir(folder)
    except OSError:
        return 0
    with entries:
        for entry in entries:
            if _TEMPORARY.fullmatch(entry.name) is None:
                continue
            try:
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed
