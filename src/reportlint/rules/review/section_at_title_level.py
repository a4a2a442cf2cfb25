"""Checks that a report's sections are one level below its title, as the template writes
them (`## Task Completion Report: ...` then `### 1. Implementation Summary`).

Sections at the title's own level still belong to the report (it runs to the next report
title or a higher heading) and are checked as its sections; this finding, once per report,
says which levels to use. `--fix` puts those sections one level down, each with its
sub-sections (not setext headings, nor a report with a `######` heading to demote).

## Why is this bad?
Renderers, outlines and tables of contents show the sections as siblings of the title, not
as its parts; a reader of a file with several reports cannot tell where one ends.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED

## 1. Implementation Summary
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED

### 1. Implementation Summary
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint import edits
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define

CODE = define("RL216", "section-at-title-level", Severity.WARNING, __name__)
REPORTS_ONLY = True  # a file with no report title has no title level


def check(ctx: Context) -> Iterator[Hit]:
    level = ctx.report["level"]
    if not level:
        return  # a whole file checked with --template
    flat = [s for s in ctx.report["sections"].values() if s["level"] == level]
    if flat:
        first, others = flat[0], len(flat) - 1
        more = f" and {others} other section{'s' if others != 1 else ''}" if others else ""
        from reportlint import fixes  # only for a report that has the finding

        lower = fixes.demotions(ctx.report, ctx.lines)
        yield Hit(first["line"], f"`{quote(first['title'])}`{more} are at the title's level "
                  f"(`{'#' * level}`); the template puts sections one level below: "
                  f"`{'#' * min(level + 1, 6)}`", fix={edits.LINES: lower} if lower else None)
