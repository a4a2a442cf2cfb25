"""Checks that every file given to reportlint can be read.

## Why is this bad?
A report nobody can open cannot be reviewed; the file is missing, a directory loop, or its
permissions keep reportlint (and your reviewers' tools) out.

## Example
A report file with mode `000`.

## Use instead
Make the file readable (`chmod 644 report.md`) or stop passing it to reportlint.
"""

from __future__ import annotations

from reportlint.diagnostics import Finding, Severity
from reportlint.rules.base import define

CODE = define("RL001", "unreadable-file", Severity.ERROR, __name__)


def finding(reason: str) -> Finding:
    return Finding(CODE.code, 1, f"cannot read file: {reason}")
