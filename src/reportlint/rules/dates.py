"""Dates a report gives: real ones, in an order that can have happened."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules import Context, Hit, Node, field_value, rule

_DATE_FIELDS = ("started", "completed", "updated", "date", "completion-date", "date-completed")
_SHAPE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?")


def parse(value: str) -> datetime | str | None:
    """A datetime, an error message for an impossible date, or None when the value does not
    look like a date at all (the template's own pattern reports that)."""
    match = _SHAPE.match(value.strip())
    if match is None:
        return None
    parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
    try:
        return datetime(parts["y"], parts["m"], parts["d"], parts.get("H", 0),
                        parts.get("M", 0), parts.get("S", 0))
    except ValueError as exc:
        return str(exc)


@rule("RL205", "invalid-date", Severity.ERROR)
def invalid_date(ctx: Context) -> Iterator[Hit]:
    """Checks that date fields (**Started**, **Completed**, **Updated**, ...) written as
    `YYYY-MM-DD[ HH:MM]` are real dates and times.

    ## Why is this bad?
    `2025-02-30` or `2025-03-10 25:00` is a typo or an invented date; either way the timeline
    of the task cannot be trusted.

    ## Example
    ```markdown
    ## Task Acknowledged: BE-014 - Refresh token rotation

    **Started**: 2025-02-30 09:00
    ```

    ## Use instead
    ```markdown
    ## Task Acknowledged: BE-014 - Refresh token rotation

    **Started**: 2025-02-28 09:00
    ```
    """
    for key in _DATE_FIELDS:
        found = field_value(ctx.report, key)
        if found is None:
            continue
        parsed = parse(found["value"])
        if isinstance(parsed, str):
            yield Hit(found["line"], f"**{found['name']}** `{quote(found['value'])}` is not a "
                      f"real date ({parsed})", found["column"])


@rule("RL206", "date-order", Severity.ERROR)
def date_order(ctx: Context) -> Iterator[Hit]:
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
            yield Hit(field["line"], f"**{field['name']}** `{quote(field['value'])}` is before "
                      f"**Started** `{quote(started_field['value'])}` (line "
                      f"{started_field['line']})", field["column"])


def _when(report: Node, key: str) -> tuple[datetime, Node] | None:
    found = field_value(report, key)
    if found is None:
        return None
    parsed = parse(found["value"])
    return (parsed, found) if isinstance(parsed, datetime) else None
