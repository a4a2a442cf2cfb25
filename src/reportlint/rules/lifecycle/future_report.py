'''Checks that no report is dated after the run's today: a **Started**, **Updated** or
**Completed** day after today (`--now` sets the day a run takes for today; by default the
day it runs, in UTC).

## Why is this bad?
A report from the future is a typing mistake or a made-up date; sorted by date, it also puts
the task's history out of order.

## Example
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: 40% complete
**Updated**: 2999-03-12
```

## Use instead
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: 40% complete
**Updated**: 2025-03-12
```
'''

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.rules.base import define
from reportlint.rules.lifecycle._history import Mark, Run, Task, parsed

CODE = define("RL405", "future-report", Severity.WARNING, __name__)
SCOPE = "run"

_NAMES = {"started": "Started", "updated": "Updated", "completed": "Completed"}


def check(task: Task, run: Run) -> Iterator[Mark]:
    for entry in task.reports:
        for key, name in _NAMES.items():
            said = entry.fact.get(key)
            found = parsed(said)
            if said is not None and found is not None and found[0].date() > run.today:
                yield Mark(entry, said[1],
                           f"**{name}** `{said[0]}` is after today "
                           f"({run.today.isoformat()}): a report from the future")
                break
