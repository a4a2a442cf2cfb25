"""Diagnostics to text: each output format is a function from findings to a string."""

from __future__ import annotations

import json
from collections.abc import Sequence

from reportlint.diagnostics import Diagnostic, Severity


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    checked = _plural(files, "file")
    if not diagnostics:
        return f"All checks passed! ({checked} checked)"
    with_findings = len({d.path for d in diagnostics})
    return (f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')} "
            f"in {with_findings} of {checked}.")


def text(diagnostics: Sequence[Diagnostic], files: int) -> str:
    lines = [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in diagnostics]
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def as_json(diagnostics: Sequence[Diagnostic], files: int) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": text, "json": as_json}
