"""Checks that a file can be checked within reportlint's budget: at most `max-file-seconds`
of processor time (10 by default) and 1,000,000 Markdown elements (tokens: blocks, table
cells, emphasis, links) for one file.

Every step of a check takes time and memory in proportion to the file, but some Markdown
within the size limit still costs far more than its size suggests: a 5 MB line of
`**a**:` makes 3.5 million elements, a table header of 256 columns over rows of one cell
each makes 130 elements a byte. Such a file is stopped, with this finding, when the limit
is reached; nothing else is reported for it, and the other files are still checked.

## Why is this bad?
No report needs it: a file this costly is generated, pasted from a log, or written to stall
the check. Checking it anyway would hold up every other file of the run, or exhaust memory.

## Example
A 3 MB `completion-report.md` whose test log is one line of `**a**:` repeated.

## Use instead
Keep the report short and link to the log. For a large report that is what it should be,
raise `max-file-seconds` under `[tool.reportlint]`.
"""

from __future__ import annotations

from reportlint.diagnostics import Finding, Severity
from reportlint.rules.base import define

CODE = define("RL008", "file-too-complex", Severity.ERROR, __name__)


def too_slow(seconds: float) -> Finding:
    return Finding(CODE.code, 1, f"checking the file took over {seconds:g} seconds of "
                   "processor time (`max-file-seconds`); it was not checked")


def too_many_elements(line: int, limit: int) -> Finding:
    return Finding(CODE.code, line, f"the file has over {limit:,} Markdown elements (tables, "
                   "emphasis, links) by this line; it was not checked")
