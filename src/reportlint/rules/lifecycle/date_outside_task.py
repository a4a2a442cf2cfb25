'''Checks that a task's progress updates and completion are dated after the task was
started: an **Updated** or **Completed** date before the acknowledgement's **Started**.

An update dated after the completion report is `status-after-completion` (RL401); a date
before a **Started** earlier in the same file, or in the same report, is `date-order`'s
(RL206). Dates are compared by the day when either gives no time.

## Why is this bad?
A progress update from before the task was acknowledged, or a completion before its start,
puts the task's history out of order: one of the dates is wrong, and the timeline the product
manager reads with it.

## Example
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: 20% complete
**Updated**: 2025-03-09

## Task Acknowledged: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Started**: 2025-03-10
```

## Use instead
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: 20% complete
**Updated**: 2025-03-11

## Task Acknowledged: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Started**: 2025-03-10
```
'''

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.rules.base import define
from reportlint.rules.lifecycle._history import Mark, Run, Task, compare, parsed, reports, where

CODE = define("RL404", "date-outside-task", Severity.WARNING, __name__)
SCOPE = "run"

_FIELD = {"progress": ("updated", "Updated"), "completion": ("completed", "Completed")}


def check(task: Task, run: Run) -> Iterator[Mark]:
    acknowledged = next((e for e in reports(task, "acknowledgement")
                         if parsed(e.fact.get("started")) is not None), None)
    if acknowledged is None:
        return
    begun = acknowledged.fact["started"]
    start = parsed(begun)
    assert start is not None
    for entry in reports(task, "progress", "completion"):
        key, name = _FIELD[entry.fact["kind"]]
        said = entry.fact.get(key)
        found = parsed(said)
        if said is None or found is None or compare(found, start) >= 0:
            continue
        if acknowledged.order == entry.order and acknowledged.fact["line"] < entry.fact["line"]:
            continue  # date-order's (RL206): the same file, the Started before it
        own = parsed(entry.fact.get("started"))
        if own is not None and compare(found, own) < 0:
            continue  # date-order's too: before the report's own Started
        yield Mark(entry, said[1],
                   f"**{name}** `{said[0]}` of {task.id} is before the task was started "
                   f"(`{begun[0]}`, {where(acknowledged, begun[1])})")
