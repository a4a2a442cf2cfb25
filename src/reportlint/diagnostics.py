"""The one value every stage produces: a finding at a place in a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A finding. Lines and columns are 1-based; ordering is by place, then code."""

    path: str
    line: int
    column: int
    code: str
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
        }


@dataclass(frozen=True)
class Finding:
    """What a stage reports before the engine knows the file: a code at a line.

    ``severity`` is set only where a template or configuration overrides the code's default.
    """

    code: str
    line: int
    message: str
    column: int = 1
    severity: Severity | None = None


@dataclass(frozen=True)
class Span:
    """Where one report is in a file: what output formats that group by report need."""

    title: str
    line: int
    end_line: int


@dataclass(frozen=True)
class Outcome:
    """Everything reportlint says about one file."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    reports: tuple[Span, ...] = ()
