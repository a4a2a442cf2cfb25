'''Checks that a task's reports follow the order the templates allow: acknowledged, then in
progress, blocked or needing clarification (a blocked task resumes), then completed. A
progress update or an acknowledgement dated after the task's completion report, or a status
that goes back from COMPLETED, is a finding unless the later report says the task is
reopened (**Status**: REOPENED, or a **Reopened** field).

Reports are grouped by task id over the whole run (every file, several reports in one file,
the pull request description) and ordered by their dates; a report is after another when it
is dated later, or, where the dates do not tell (none, or the same day), further down the
same file.

## Why is this bad?
Once the completion report is in, the product manager hands the task on. An update after it
either reopens the task without saying so, or is dated wrongly; either way the board shows a
finished task that is not.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12

## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: 90% complete
**Updated**: 2025-03-13
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12

## Progress Update: BE-014 - Refresh token rotation

**Status**: REOPENED (IN PROGRESS)
**Progress**: 90% complete
**Updated**: 2025-03-13
```
'''

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.rules.base import define
from reportlint.rules.lifecycle._history import Entry, Mark, Run, Task, after, where

CODE = define("RL401", "status-after-completion", Severity.WARNING, __name__)
SCOPE = "run"

_KIND = {"progress": "a progress update", "acknowledgement": "an acknowledgement",
         "completion": "a completion report"}


def _line(entry: Entry) -> int:
    status = entry.fact.get("status")
    return int(status[1]) if status else int(entry.fact["line"])


def check(task: Task, run: Run) -> Iterator[Mark]:
    finished: Entry | None = None  # the report that said the task is done
    for entry in task.reports:
        fact = entry.fact
        if fact["kind"] == "task":
            continue
        if fact["reopened"]:
            finished = None
            continue
        if finished is not None and after(finished, entry):
            said = finished.fact.get("status")
            if finished.fact["kind"] == "completion" and fact["kind"] != "completion":
                yield Mark(entry, _line(entry),
                           f"{_KIND[fact['kind']]} of {task.id} after its completion report "
                           f"({where(finished, finished.fact['line'])}); a reopened task "
                           "says so (**Status**: REOPENED)")
                continue
            if not fact["done"] and fact.get("status") and said:
                yield Mark(entry, _line(entry),
                           f"status `{fact['status'][0]}` of {task.id} after "
                           f"`{said[0]}` ({where(finished, said[1])}); a reopened task says "
                           "so (**Status**: REOPENED)")
                continue
        if fact["done"] and fact["kind"] in ("completion", "progress"):
            finished = entry
