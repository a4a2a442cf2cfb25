'''Checks that a task's **Progress** never goes down from one progress update to the next.

Each update is compared with the one before it, by their **Updated** dates over the whole
run (or, where the dates do not tell, further down the same file); a task reopened
(**Status**: REOPENED) starts counting again.

## Why is this bad?
Progress that goes from 60% to 40% means one of the updates is wrong, or work was thrown
away without a word about it; the product manager's plan rests on the figure.

## Example
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: 60% complete
**Updated**: 2025-03-11

## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: 40% complete
**Updated**: 2025-03-12
```

## Use instead
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: 40% complete
**Updated**: 2025-03-11

## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: 60% complete
**Updated**: 2025-03-12
```
'''

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.rules.base import define
from reportlint.rules.lifecycle._history import Entry, Mark, Run, Task, after, where

CODE = define("RL402", "decreasing-progress", Severity.WARNING, __name__)
SCOPE = "run"


def _figure(value: float) -> str:
    return f"{value:g}%"


def check(task: Task, run: Run) -> Iterator[Mark]:
    before: Entry | None = None
    for entry in task.reports:
        fact = entry.fact
        if fact["reopened"]:
            before = None
        if fact["kind"] == "completion" and fact["done"]:
            return  # what comes after the completion is status-after-completion's
        progress = fact.get("progress")
        if fact["kind"] != "progress" or progress is None:
            continue
        if (before is not None and progress[0] < before.fact["progress"][0]
                and after(before, entry)):
            yield Mark(entry, progress[1],
                       f"progress {_figure(progress[0])} of {task.id} is less than the "
                       f"{_figure(before.fact['progress'][0])} of the update before it "
                       f"({where(before, before.fact['progress'][1])})")
        before = entry
