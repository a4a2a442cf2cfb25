"""Reviewer rules: what a template's schema cannot say.

A rule is a function from a :class:`Context` to the :class:`Hit` values it finds; its
docstring is its documentation (ruff's shape), and ``@rule`` gives it a code, a name and a
default severity. The engine attaches the code, the path and the severity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from reportlint import codes
from reportlint.diagnostics import Severity
from reportlint.model import code_lines, walk

if TYPE_CHECKING:
    from reportlint import saferegex
    from reportlint.gitdiff import Changes

Node = dict[str, Any]


class Hit(NamedTuple):
    line: int
    message: str
    column: int = 1


class Options(NamedTuple):
    """Per-rule options, set under ``[tool.reportlint.options]``."""

    coverage_minimum: float = 80.0
    # Configured patterns are RE2 (saferegex.Regex); this default is reportlint's own.
    task_id_pattern: saferegex.Pattern = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-\d+$")
    extra_placeholders: tuple[saferegex.Pattern, ...] = ()
    # The placeholder text of the templates in use (their `x-reportlint.placeholders`).
    placeholder_texts: tuple[str, ...] = ()


class Context(NamedTuple):
    """What a rule sees: one report (or, for document rules, none) and the file around it.
    Rules read it and never change it (the empty defaults are shared)."""

    document: Node
    lines: list[str]
    options: Options
    report: Node = {}  # noqa: RUF012 - read only
    earlier: tuple[Node, ...] = ()  # the reports before this one in the same file
    template_schema: Node = {}  # noqa: RUF012 - read only
    changes: Changes | None = None  # what git says changed, with --diff-base
    source: str = ""  # the checked file's path relative to the repository root, if known
    text: str = ""  # the whole file, line endings as "\n" (for document rules)
    nodes: tuple[Node, ...] = ()  # the report, then all its sections in order: walked once

    def sections(self) -> tuple[Node, ...]:
        """The report and every section below it, in document order."""
        return self.nodes or tuple(walk(self.report))

    def code_lines(self) -> set[int]:
        """Lines inside fenced or indented code blocks of this report."""
        return code_lines(self.sections())


Check = Callable[[Context], Iterable[Hit]]


class Rule(NamedTuple):
    code: codes.Code
    check: Check
    scope: str  # "report" or "document"


RULES: list[Rule] = []


def rule(code: str, name: str, severity: Severity, scope: str = "report"
         ) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        entry = codes.define(code, name, severity, check.__doc__ or "")
        RULES.append(Rule(entry, check, scope))
        return check

    return register


def content_line(block: Node, offset: int) -> int:
    """The file line of a character offset in a code block's text."""
    lines = block["text"].count("\n")
    fenced = block["end_line"] - block["line"] == lines + 1
    return int(block["line"]) + (1 if fenced else 0) + int(block["text"].count("\n", 0, offset))


def field_value(report: Node, key: str) -> Node | None:
    found = report.get("fields", {}).get(key)
    return found if isinstance(found, dict) else None


# A finished claim leads with the word: "Phase 1 COMPLETE" is a claim about a phase.
_COMPLETE = re.compile(r"^[\W_]*(?:COMPLETED?|DONE|FINISHED)\b", re.IGNORECASE)
_YES = re.compile(r"^(?:✅\s*)?yes\b", re.IGNORECASE)


def finished_claims(report: Node) -> list[tuple[str, int]]:
    """The report's claims of being finished: ``(words, line)`` for a COMPLETED status and a
    **Ready for Review**: Yes."""
    out: list[tuple[str, int]] = []
    status = field_value(report, "status")
    if status and _COMPLETE.search(status["value"]):
        out.append((f"**{status['name']}**: {status['value']}", status["line"]))
    ready = field_value(report, "ready-for-review")
    if ready and _YES.search(ready["value"]):
        out.append((f"**{ready['name']}**: {ready['value']}", ready["line"]))
    return out


def load() -> list[Rule]:
    """Every rule (their modules are imported with this package, registering their codes)."""
    return RULES


# Imported last: each module registers its rules with the names defined above.
from reportlint.rules import (  # noqa: E402
    claims,
    dates,
    figures,
    files,
    ids,
    placeholders,
    secrets,
    structure,
)

__all__ = ["RULES", "Context", "Hit", "Options", "Rule", "claims", "dates", "figures", "files",
           "ids", "placeholders", "rule", "secrets", "structure", "walk"]
