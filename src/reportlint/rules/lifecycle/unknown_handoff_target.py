'''Checks that a completion report hands off to tasks that exist: a **Handoff to** task id
that no report in the run names, where the run holds the product manager's task assignments
for that team (other `QA-` tasks, say).

## Why is this bad?
A handoff to a task nobody was assigned goes nowhere: the next team never hears of it, and
the board shows a finished task whose next step does not exist.

## Example
```markdown
## Task: QA-001 - Test token rotation

**Task ID**: QA-001
**Task Name**: Test token rotation
**PRD Reference**: Section 4, FR-007
**Description**: End-to-end tests of refresh token rotation.
**Acceptance Criteria**: Reuse is detected
**Dependencies**: BE-014
**Estimate**: 1 day
**Priority**: P1

## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12

**Handoff to**: QA (QA-007)
```

## Use instead
```markdown
## Task: QA-001 - Test token rotation

**Task ID**: QA-001
**Task Name**: Test token rotation
**PRD Reference**: Section 4, FR-007
**Description**: End-to-end tests of refresh token rotation.
**Acceptance Criteria**: Reuse is detected
**Dependencies**: BE-014
**Estimate**: 1 day
**Priority**: P1

## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12

**Handoff to**: QA (QA-001)
```
'''

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.rules.base import define
from reportlint.rules.lifecycle._history import Mark, Run, Task, reports, team

CODE = define("RL409", "unknown-handoff-target", Severity.WARNING, __name__)
SCOPE = "run"


def check(task: Task, run: Run) -> Iterator[Mark]:
    for entry in reports(task, "completion"):
        handoff = entry.fact.get("handoff-to")
        if handoff is None:
            continue
        for target in entry.fact.get("handoff", ()):
            if target != task.id and target not in run.tasks and team(target) in run.assigned:
                yield Mark(entry, handoff[1],
                           f"handoff to {target}, a task no report in this run names (the "
                           f"run has {team(target)}- task assignments, not this one)")
