"""Outcomes to text: each output format is a function from the files' outcomes to a string.

Formats never print; the CLI writes what they return.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Sequence
from typing import NamedTuple

from reportlint.diagnostics import Diagnostic, Outcome, Severity


class Style(NamedTuple):
    """How text output looks: ANSI colour only when the CLI says the terminal wants it."""

    color: bool = False

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text


PLAIN = Style()
Formatter = Callable[[Sequence[Outcome], Style], str]


def findings(outcomes: Sequence[Outcome]) -> list[Diagnostic]:
    return [d for outcome in outcomes for d in outcome.diagnostics]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(outcomes: Sequence[Outcome]) -> str:
    diagnostics = findings(outcomes)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    skipped = sum(o.skipped for o in outcomes)
    checked = _plural(len(outcomes) - skipped, "file")
    # Files that are not reports (a README) are passed over; say how many, never silently.
    passed_over = f", {skipped} skipped as not {'a report' if skipped == 1 else 'reports'}" \
        if skipped else ""
    if not diagnostics:
        return f"All checks passed! ({checked} checked{passed_over})"
    with_findings = sum(bool(o.diagnostics) for o in outcomes)
    return (f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')} "
            f"in {with_findings} of {checked}{f' ({passed_over[2:]})' if skipped else ''}.")


def text(outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    lines = []
    for d in findings(outcomes):
        code = style.paint(d.code, "1;31" if d.severity is Severity.ERROR else "1;33")
        lines.append(f"{style.paint(d.path, '1')}:{d.line}:{d.column}: {code} {d.message}")
    lines.append(summary(outcomes))
    return "\n".join(lines) + "\n"


def as_json(outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    return json.dumps([d.as_dict() for d in findings(outcomes)], indent=2,
                      ensure_ascii=False) + "\n"


FORMAT_NAMES = ("text", "json", "sarif", "github", "junit", "gitlab")


def render(name: str, outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    if name == "text":
        return text(outcomes, style)
    if name == "json":
        return as_json(outcomes, style)
    # The other formats are modules of their own, imported only when asked for.
    module = importlib.import_module(f"reportlint.formats.{name}")
    rendered: str = module.render(outcomes, style)
    return rendered
