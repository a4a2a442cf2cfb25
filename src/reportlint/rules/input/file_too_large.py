"""Checks that a file is under the size limit (`max-file-size`, 5 MiB by default) before it is
read at all.

## Why is this bad?
A report of many megabytes is a log, a dump or a generated file committed by mistake; no
reviewer reads it, and checking it would only cost time and memory.

## Example
A 40 MB `completion-report.md` with the whole test log pasted in.

## Use instead
Keep the report short and link to the log; or raise `max-file-size` under
`[tool.reportlint]` if large reports are expected.
"""

from __future__ import annotations

from reportlint.diagnostics import Finding, Severity
from reportlint.rules.base import define

CODE = define("RL007", "file-too-large", Severity.ERROR, __name__)


def finding(size: int, limit: int) -> Finding:
    return Finding(CODE.code, 1, f"file is {size:,} bytes, over the {limit:,}-byte limit "
                   "(`max-file-size`); it was not checked")
