"""A baseline: the findings a repository already had when it adopted reportlint, recorded so
that ``check --baseline FILE`` fails only on new ones.

Each finding is recorded by its file (relative to the baseline file's folder), its code and
a fingerprint that does not change when lines move: a hash of the code, the message with its
line numbers taken out, the text of the line it points at (white space collapsed, secrets
masked; a line over 1,000 characters by its own hash) and how many equal findings come
before it in the file. A finding moves with its line; it is new when the line, the message or
the code changes.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from reportlint import digest as digests
from reportlint import model, source
from reportlint.diagnostics import Diagnostic, Finding, Outcome
from reportlint.secrets import redact

__all__ = ["FILENAME", "Baseline", "BaselineError", "Entry", "fingerprints", "record"]

FILENAME = ".reportlint-baseline.json"
_VERSION = 1
_LONG_LINE = 1000  # characters: a longer line enters a fingerprint as its own hash
_LINE_NUMBERS = re.compile(r"\b(lines?) \d+(?:\s*(?:-|–|to|and)\s*\d+)?")


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message says why, for the user."""


class Entry(NamedTuple):
    """One recorded finding. ``line`` and ``message`` are for the people reading the file;
    only the path, the code and the fingerprint decide whether it still occurs."""

    path: str  # relative to the baseline's folder, with `/`
    code: str
    fingerprint: str
    line: int = 1
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()


def fingerprints(diagnostics: Sequence[Diagnostic], lines: Sequence[str]) -> list[str]:
    """Each diagnostic's fingerprint, in order; ``lines`` are its file's lines (none when
    the text cannot be had: the fingerprint then rests on the code and the message)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    # Each line masked (and a long one hashed) once: thousands of findings can share one
    # long line, and hashing it whole for each would take time growing with their square.
    shown: dict[int, str] = {}
    for d in diagnostics:
        if d.line not in shown:
            text = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
            text = " ".join(redact(text).split())
            shown[d.line] = text if len(text) <= _LONG_LINE else digests.sha256(
                text.encode("utf-8", "surrogatepass")).hexdigest()
        key = (d.code, _LINE_NUMBERS.sub(r"\1 #", d.message), shown[d.line])
        digest = digests.sha256("\0".join((*key, str(seen[key]))).encode("utf-8"))
        seen[key] += 1
        out.append(digest.hexdigest()[:20])
    return out


def lines_of(data: bytes | None) -> list[str]:
    """A file's lines as the checks number them, or none when it is not text."""
    if data is None:
        return []
    decoded = source.decode(data)
    return [] if isinstance(decoded, Finding) else model.split_lines(decoded.text)


def key(path: Path, folder: Path) -> str:
    """How a baseline names a file: relative to the baseline's own folder (``..`` where it
    must), so the baseline holds wherever the repository is checked out."""
    try:
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(folder))).as_posix()
    except ValueError:  # another drive, on Windows
        return Path(os.path.abspath(path)).as_posix()


class Baseline:
    """A baseline file's entries, by file."""

    def __init__(self, path: Path, entries: Iterable[Entry]) -> None:
        self.path = path
        self.folder = path.parent
        self.by_file: dict[str, list[Entry]] = {}
        for entry in entries:
            self.by_file.setdefault(entry.path, []).append(entry)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Raises BaselineError when the file cannot be read or is not a baseline."""
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except OSError as exc:
            raise BaselineError(f"cannot read the baseline {path}: "
                                f"{exc.strerror or exc}") from None
        except (UnicodeDecodeError, ValueError) as exc:
            raise BaselineError(f"the baseline {path} is not JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != _VERSION or \
                not isinstance(data.get("findings"), list):
            raise BaselineError(f"the baseline {path} is not a reportlint baseline (version "
                                f"{_VERSION}, with a list of findings); make a new one with "
                                "`reportlint baseline`")
        entries = []
        for index, item in enumerate(data["findings"]):
            try:
                entries.append(Entry(str(item["path"]), str(item["code"]),
                                     str(item["fingerprint"]), int(item.get("line", 1)),
                                     str(item.get("message", ""))))
            except (KeyError, TypeError, ValueError, AttributeError):
                raise BaselineError(f"the baseline {path}: finding {index + 1} needs a path, "
                                    "a code and a fingerprint") from None
        return cls(path, entries)

    def split(self, path: Path, diagnostics: Sequence[Diagnostic],
              lines: Sequence[str]) -> tuple[list[Diagnostic], list[Entry]]:
        """The diagnostics of one file that the baseline does not hold, and its entries
        that no diagnostic matched any more (stale)."""
        recorded = self.by_file.get(key(path, self.folder), [])
        if not recorded:
            return list(diagnostics), []
        left = Counter((e.code, e.fingerprint) for e in recorded)
        new = []
        for d, fingerprint in zip(diagnostics, fingerprints(diagnostics, lines), strict=True):
            if left[(d.code, fingerprint)] > 0:
                left[(d.code, fingerprint)] -= 1
            else:
                new.append(d)
        stale = []
        for entry in recorded:
            if left[(entry.code, entry.fingerprint)] > 0:
                left[(entry.code, entry.fingerprint)] -= 1
                stale.append(entry)
        return new, stale

    def gone(self) -> list[str]:
        """The files the baseline names that no longer exist."""
        return [name for name in self.by_file if not (self.folder / name).exists()]


def record(found: Iterable[tuple[Path, Outcome, Sequence[str]]], output: Path) -> tuple[str, int]:
    """The baseline of the outcomes (each with its file and its lines) as the JSON text to
    write to ``output``, and how many findings it holds."""
    entries = []
    for path, outcome, lines in found:
        name = key(path, output.parent)
        printed = fingerprints(outcome.diagnostics, lines)
        for d, fingerprint in zip(outcome.diagnostics, printed, strict=True):
            entries.append(Entry(name, d.code, fingerprint, d.line, d.message))
    entries.sort(key=lambda e: (e.path, e.line, e.code, e.fingerprint))
    text = json.dumps({"version": _VERSION, "tool": "reportlint",
                       "findings": [e.as_dict() for e in entries]},
                      indent=2, ensure_ascii=False)
    return text + "\n", len(entries)
