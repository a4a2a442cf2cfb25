"""The one value every stage produces: a finding at a place in a file."""

from __future__ import annotations

from enum import Enum
from typing import Any, NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Diagnostic(NamedTuple):
    """A finding. Lines and columns are 1-based; ordering is by place, then code."""

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str
    # What a program needs to repair it, where known: expected values, the expected order,
    # the Markdown to insert. Shown only by `--format json`, under "fix".
    fix: dict[str, Any] | None = None
    # Whether `--fix` repairs it: its line is one the safe repairs change, and a check of the
    # repaired text no longer finds it there.
    fixable: bool = False
    # What identifies the finding wherever its line moves (see :func:`reportlint.baseline.
    # fingerprints`: code, message, the text of its line), without the path; "" where unknown.
    # Formats add the path (SARIF partialFingerprints, GitLab fingerprint).
    fingerprint: str = ""

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
        }
        if self.fix:
            out["fix"] = self.fix
        return out


class Finding(NamedTuple):
    """What a stage reports before the engine knows the file: a code at a line.

    ``severity`` is set only where a template or configuration overrides the code's default.
    """

    code: str
    line: int
    message: str
    column: int = 1
    severity: Severity | None = None
    fix: dict[str, Any] | None = None


class Span(NamedTuple):
    """Where one report is in a file: what output formats that group by report need."""

    title: str
    line: int
    end_line: int


class Outcome(NamedTuple):
    """Everything reportlint says about one file."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    reports: tuple[Span, ...] = ()
    skipped: bool = False  # not a report (a README, a changelog): nothing was checked
    # What the file's reports say about their tasks, for the run-wide lifecycle rules and the
    # board (see reportlint.rules.lifecycle._history): ``{"facts": [...], "comments": [...],
    # "lines": N}``, or None when no report names a task.
    history: dict[str, Any] | None = None
