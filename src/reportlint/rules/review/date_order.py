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
from typing import TYPE_CHECKING

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Earlier, Hit, define
from reportlint.rules.review._common import field_value
from reportlint.rules.review._dates import parse

if TYPE_CHECKING:
    from reportlint.nodes import Field, Report

CODE = define("RL206", "date-order", Severity.ERROR, __name__)


def _when(report: Report, key: str) -> tuple[datetime, Field] | None:
    found = field_value(report, key)
    if found is None:
        return None
    parsed = parse(found["value"])
    return (parsed, found) if isinstance(parsed, datetime) else None


def _task(report: Report) -> str | None:
    return report.get("title", {}).get("task_id")


def _started_before(ctx: Context, task: str) -> tuple[datetime, Field] | None:
    """**Started** of the latest earlier report of ``task`` that has one. The engine's
    reports share a memo: each earlier report is read once for the whole file, not once for
    every report after it (1,000 reports with no **Started** took 500,000 reads)."""
    earlier = ctx.earlier
    if not isinstance(earlier, Earlier):
        for report in reversed(earlier):
            start = _when(report, "started") if _task(report) == task else None
            if start is not None:
                return start
        return None
    latest: dict[str, tuple[datetime, Field]]
    read, latest = earlier.memo.setdefault(CODE.code, (0, {}))
    if read > len(earlier):  # asked out of order: start again
        read, latest = 0, {}
    for index in range(read, len(earlier)):
        report = earlier[index]
        found = _task(report)
        start = _when(report, "started") if found else None
        if found and start is not None:
            latest[found] = start
    earlier.memo[CODE.code] = (len(earlier), latest)
    return latest.get(task)


def check(ctx: Context) -> Iterator[Hit]:
    start = _when(ctx.report, "started")
    task = _task(ctx.report)
    if start is None and task:
        start = _started_before(ctx, task)
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
