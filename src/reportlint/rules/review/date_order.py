"""Checks that **Completed** and **Updated** are not before **Started**: in the same report,
or in an earlier report of the same task in the file (an acknowledgement's **Started**
against a later progress update's **Updated**).

## Why is this bad?
A task that finished before it started has at least one wrong date, and effort or
lead-time figures built from them are wrong too.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Started**: 2025-03-12 09:00
**Completed**: 2025-03-10 17:00
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Started**: 2025-03-10 09:00
**Completed**: 2025-03-12 17:00
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from reportlint.diagnostics import Severity
from reportlint.nodes import Field, Report
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.rules.review._common import field_value
from reportlint.rules.review._dates import parse

CODE = define("RL206", "date-order", Severity.ERROR, __doc__)


def _when(report: Report, key: str) -> tuple[datetime, Field] | None:
    found = field_value(report, key)
    if found is None:
        return None
    parsed = parse(found["value"])
    return (parsed, found) if isinstance(parsed, datetime) else None


def check(ctx: Context) -> Iterator[Hit]:
    start = _when(ctx.report, "started")
    if start is None:
        task = ctx.report.get("title", {}).get("task_id")
        for earlier in reversed(ctx.earlier):
            if task and earlier.get("title", {}).get("task_id") == task:
                start = _when(earlier, "started")
                if start is not None:
                    break
    if start is None:
        return
    started, started_field = start
    for key in ("completed", "updated"):
        end = _when(ctx.report, key)
        if end is not None and end[0] < started:
            field = end[1]
            yield Hit(field["line"], f"**{quote(field['name'])}** `{quote(field['value'])}` is "
                      f"before **Started** `{quote(started_field['value'])}` (line "
                      f"{started_field['line']})", field["column"])
