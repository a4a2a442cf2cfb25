"""Checks that a report file is not empty (or only white space).

## Why is this bad?
An empty report is usually a failed write by the agent: the work it describes is unreported.

## Example
A zero-byte `BE-001-completion.md`.

## Use instead
Write the report, starting from `reportlint new completion` or the template.
"""

from __future__ import annotations

from reportlint.diagnostics import Finding, Severity
from reportlint.rules.base import define

CODE = define("RL004", "empty-file", Severity.ERROR, __name__)


def finding() -> Finding:
    return Finding(CODE.code, 1, "empty file: there is no report to check")
