"""The inputs of a run, in order, each with the settings it is checked with and the folder it
was found in, kept compactly: a run resolves all of them before its first check (a broken
configuration further down stops it before any output), so what each costs is held for the
whole run.

A file is kept as its path's bytes in one buffer (the length of its path and 8 bytes; a
``Path`` with its parts is about 500), its settings and folder as numbers into the few distinct
ones; a ``Path`` is made again when an input is asked for. What is not a plain file (standard
input, a file's repaired text) is kept as it is.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from reportlint.engine import Input, Settings

    Work = tuple[Input | Path, Settings]


class Inputs(Sequence["Work"]):
    def __init__(self) -> None:
        self._names = bytearray()
        self._ends = array("q", [0])
        self._other: dict[int, Input] = {}
        self._settings: list[Settings] = []
        self._settings_at: dict[int, int] = {}  # id() of a settings object: its number
        self._which = array("I")
        self._folders: list[Path | None] = []
        self._folder_at: dict[Path | None, int] = {}
        self._folder = array("I")

    def append(self, item: Work, folder: Path | None = None) -> None:
        """Add ``item`` (a path or an input, and its settings), found in ``folder`` (None for
        standard input)."""
        target, settings = item
        if isinstance(target, Path):
            self._names += os.fsencode(target)
        else:
            self._other[len(self)] = target
        self._ends.append(len(self._names))
        number = self._settings_at.get(id(settings))
        if number is None:
            number = self._settings_at[id(settings)] = len(self._settings)
            self._settings.append(settings)
        self._which.append(number)
        place = self._folder_at.get(folder)
        if place is None:
            place = self._folder_at[folder] = len(self._folders)
            self._folders.append(folder)
        self._folder.append(place)

    def replace(self, index: int, target: Input) -> None:
        """Check ``target`` (a file's repaired text) in place of input ``index``."""
        self._other[index] = target

    def __len__(self) -> int:
        return len(self._which)

    @overload
    def __getitem__(self, index: int) -> Work: ...

    @overload
    def __getitem__(self, index: slice) -> list[Work]: ...

    def __getitem__(self, index: int | slice) -> Work | list[Work]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.target(index), self.settings(index)

    def __iter__(self) -> Iterator[Work]:
        return (self[index] for index in range(len(self)))

    def target(self, index: int) -> Input | Path:
        other = self._other.get(index)
        if other is not None:
            return other
        return Path(os.fsdecode(bytes(self._names[self._ends[index]:self._ends[index + 1]])))

    def settings(self, index: int) -> Settings:
        return self._settings[self._which[index]]

    def folder(self, index: int) -> Path | None:
        return self._folders[self._folder[index]]

    def all_settings(self) -> Iterator[Settings]:
        """Each input's settings, in order (no path is made)."""
        return (self._settings[number] for number in self._which)
