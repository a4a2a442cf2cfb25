"""Checks that a report is text, not binary data.

## Why is this bad?
A file with NUL bytes is an image, an archive or a corrupted write, not a Markdown report.
It renders as garbage and nothing in it can be checked.

## Example
A `report.md` that is really a PNG screenshot.

## Use instead
Commit the report as Markdown text and link the screenshot from it.
"""

from __future__ import annotations

from reportlint.diagnostics import Finding, Severity
from reportlint.rules.base import define

CODE = define("RL002", "binary-file", Severity.ERROR, __name__)


def finding() -> Finding:
    return Finding(CODE.code, 1,
                   "binary file (contains NUL bytes); a report must be Markdown text")
