'''Checks that a completion report's Dependencies on Other Tasks (or *Dependencies*: a
table with a task and a status column) agree with those tasks' own reports in the run: a
dependency marked done (`✅ Done`, `Completed`, `Merged`) whose latest report, as of the
completion's date, says it is not (IN PROGRESS, BLOCKED).

## Why is this bad?
The product manager hands the task on believing what it depends on is finished; the other
task's own report says otherwise, so one of the two reports is wrong.

## Example
```markdown
## Progress Update: BE-013 - Token families table

**Status**: IN PROGRESS
**Progress**: 50% complete
**Updated**: 2025-03-11

## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12

### 9. Dependencies on Other Tasks

| Task ID | Description | Status |
|---------|-------------|--------|
| BE-013 | Token families table | ✅ Done |
```

## Use instead
```markdown
## Progress Update: BE-013 - Token families table

**Status**: IN PROGRESS
**Progress**: 50% complete
**Updated**: 2025-03-11

## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12

### 9. Dependencies on Other Tasks

| Task ID | Description | Status |
|---------|-------------|--------|
| BE-013 | Token families table | In progress (stubbed here) |
```
'''

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint import lazyre
from reportlint.diagnostics import Severity
from reportlint.rules.base import define
from reportlint.rules.lifecycle._history import Mark, Run, Task, reports, where

CODE = define("RL408", "disagreeing-dependency", Severity.WARNING, __name__)
SCOPE = "run"

_DONE = lazyre.compile(r"^\W*(?:✅\s*)?(?:done|complete[d]?|finished|merged|delivered|closed)\b",
                   re.IGNORECASE)


def check(task: Task, run: Run) -> Iterator[Mark]:
    for entry in reports(task, "completion"):
        for other, status, line in entry.fact.get("dependencies", ()):
            if other == task.id or _DONE.match(status) is None:
                continue
            state = run.state_at(other, entry)
            if state is None or state.fact["kind"] == "task" or state.fact["done"]:
                continue
            said = state.fact.get("status")
            if said is None:
                continue
            yield Mark(entry, line,
                       f"dependency {other} is marked `{status}`, but its latest report "
                       f"({where(state, said[1])}) says `{said[0]}`")
