'''Checks that a completion report's **Started** is the **Started** of the task's
acknowledgement, when both are in the run.

Dates are compared by the day when either gives no time.

## Why is this bad?
The acknowledgement recorded when the work began; a completion report that says otherwise
makes its **Actual Effort** and the project's timeline disagree with the record.

## Example
```markdown
## Task Acknowledged: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Started**: 2025-03-10 09:00

## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-11 09:00
**Completed**: 2025-03-12 17:30
```

## Use instead
```markdown
## Task Acknowledged: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Started**: 2025-03-10 09:00

## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10 09:00
**Completed**: 2025-03-12 17:30
```
'''

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.rules.base import define
from reportlint.rules.lifecycle._history import Mark, Run, Task, compare, parsed, reports, where

CODE = define("RL403", "mismatched-start-date", Severity.WARNING, __name__)
SCOPE = "run"


def check(task: Task, run: Run) -> Iterator[Mark]:
    acknowledged = next((e for e in reports(task, "acknowledgement")
                         if parsed(e.fact.get("started")) is not None), None)
    if acknowledged is None:
        return
    begun = acknowledged.fact["started"]
    start = parsed(begun)
    assert start is not None
    for entry in reports(task, "completion"):
        said = entry.fact.get("started")
        found = parsed(said)
        if said is None or found is None or compare(found, start) == 0:
            continue
        yield Mark(entry, said[1],
                   f"**Started** `{said[0]}` of {task.id}'s completion report is not the "
                   f"acknowledgement's `{begun[0]}` ({where(acknowledged, begun[1])})")
