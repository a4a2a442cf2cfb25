"""Reports a file reportlint itself failed on, so that one file cannot stop a whole run.

## Why is this bad?
It is a bug in reportlint, not in the report: the other files are still checked and the
run fails, so the problem is not silently skipped.

## Example
Any input that makes a check raise an unexpected exception.

## Use instead
Report it with the file attached; `--ignore RL901` is not a fix.
"""

from __future__ import annotations

from reportlint.diagnostics import Finding, Severity
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL901", "internal-error", Severity.ERROR, __name__)


def finding(failure: BaseException) -> Finding:
    if isinstance(failure, RecursionError):
        return Finding(CODE.code, 1, "the document is nested too deeply to check")
    return Finding(CODE.code, 1, f"reportlint failed on this file ({type(failure).__name__}: "
                   f"{quote(failure, 200)}); please report it")
