"""Values set aside on disk for the rest of a run: what the run-wide step holds between the
first file's check and the last one's, so that a run's memory does not grow with its files.

A spool is a temporary file from ``tempfile.TemporaryFile``: on Linux it has no name in any
folder, and the system removes it when it is closed or the process ends, however it ends (on
Windows it is a named file in the temporary folder, removed when closed). Values go in as
pickles, written and read back by this process alone, and come back by the place
:meth:`Spool.put` gave. What is written is what the run would otherwise hold in memory:
outcomes and lifecycle facts, whose text is already masked as output shows it.
"""

from __future__ import annotations

import contextlib
from array import array
from types import TracebackType
from typing import IO, Any

from reportlint.errors import UsageError, no_room


class Spool:
    """The first ``held`` values stay in memory as they are (a run of a few files makes no
    file at all); the rest go to the file. The last ``recent`` values read from the file are
    kept, for values read again and again (a task's state, which each of its dependants'
    reports looks up)."""

    def __init__(self, held: int = 256, recent: int = 0) -> None:
        self._held: list[Any] = []
        self._limit = held
        self._recent: dict[int, Any] = {}
        self._keep = recent
        self._file: IO[bytes] | None = None
        self._ends = array("q", [0])  # where each value on file ends: 8 bytes a value

    def __len__(self) -> int:
        return len(self._held) + len(self._ends) - 1

    def put(self, value: Any) -> int:
        """The number by which ``value`` comes back."""
        if self._file is None and len(self._held) < self._limit:
            self._held.append(value)
            return len(self._held) - 1
        import pickle  # only for a run that holds more than a few values

        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        try:
            if self._file is None:
                import tempfile

                # Unbuffered: a write that fails fails here, not at a later flush.
                self._file = tempfile.TemporaryFile(  # noqa: SIM115 - closed by close()
                    buffering=0, prefix="reportlint-")
            self._file.seek(self._ends[-1])
            self._file.write(data)
        except OSError as exc:  # a full or unwritable temporary folder, a file size limit
            raise no_room("the run's results", exc, " or check fewer files at once") from None
        self._ends.append(self._ends[-1] + len(data))
        return len(self) - 1

    def get(self, number: int) -> Any:
        if number < len(self._held):
            return self._held[number]
        if number in self._recent:
            return self._recent[number]
        assert self._file is not None
        at = number - len(self._held)
        start, end = self._ends[at], self._ends[at + 1]
        try:
            self._file.seek(start)
            data = self._file.read(end - start)
        except OSError as exc:
            raise UsageError(f"cannot read back the run's results from its temporary file "
                             f"({exc.strerror or exc})") from None
        if len(data) != end - start:  # the file was cut short under the run
            raise UsageError(f"the run's temporary file lost {end - start - len(data)} bytes "
                             "while the run went on (removed or cut short by another "
                             "process); nothing was reported from it")
        import pickle

        value = pickle.loads(data)  # this process's own pickle, in its own unnamed file
        if self._keep:
            if len(self._recent) >= self._keep:
                del self._recent[next(iter(self._recent))]  # the oldest
            self._recent[number] = value
        return value

    def close(self) -> None:
        self._held.clear()
        self._recent.clear()
        if self._file is not None:
            # Nothing of a temporary file being thrown away is lost.
            with contextlib.suppress(OSError):
                self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
