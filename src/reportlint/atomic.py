"""Writing a file without ever losing it: a temporary file beside it, then one rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class Changed(Exception):
    """The file changed on disk after it was read; it was left alone."""


def replace(path: Path, original: bytes, new: bytes) -> None:
    """Replace ``path`` (read as ``original``) with ``new``, keeping its permissions.

    The new content is written and flushed to a temporary file in the same folder, then
    renamed over the file: a crash or an error at any point leaves either the old file or the
    new one, never half of either. If the file no longer holds ``original``, nothing is
    written and :class:`Changed` is raised.
    """
    mode = os.stat(path).st_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".reportlint")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(new)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode & 0o7777)
        if path.read_bytes() != original:
            raise Changed(str(path))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
