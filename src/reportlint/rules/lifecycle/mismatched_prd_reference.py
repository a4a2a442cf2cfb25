'''Checks that the acknowledgement confirms the PRD reference the task assignment gave: every
requirement (`FR-007`, `NFR-002`, `US-3`) and section (`Section 4.2`) of the assignment's
**PRD Reference** is in the acknowledgement's, when both are in the run and both name
requirements or sections of that sort.

## Why is this bad?
The acknowledgement is where the engineer confirms what they understood. A different PRD
reference means the task is being built against another requirement than the one assigned.

## Example
```markdown
## Task: BE-014 - Refresh token rotation

**Task ID**: BE-014
**Task Name**: Refresh token rotation
**PRD Reference**: Section 4.2, FR-007
**Description**: Issue a new refresh token on every use.
**Acceptance Criteria**: A used refresh token cannot be used again
**Dependencies**: None
**Estimate**: 2 days
**Priority**: P1

## Task Acknowledged: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Started**: 2025-03-10

### Understanding Confirmation
- PRD Reference: Section 4.3, FR-009
- Scope: Rotation on refresh
- Deliverables: The rotation service
```

## Use instead
```markdown
## Task: BE-014 - Refresh token rotation

**Task ID**: BE-014
**Task Name**: Refresh token rotation
**PRD Reference**: Section 4.2, FR-007
**Description**: Issue a new refresh token on every use.
**Acceptance Criteria**: A used refresh token cannot be used again
**Dependencies**: None
**Estimate**: 2 days
**Priority**: P1

## Task Acknowledged: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Started**: 2025-03-10

### Understanding Confirmation
- PRD Reference: Section 4.2, FR-007 (confirmed)
- Scope: Rotation on refresh
- Deliverables: The rotation service
```
'''

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint import lazyre
from reportlint.diagnostics import Severity
from reportlint.rules.base import define
from reportlint.rules.lifecycle._history import Mark, Run, Task, reports, where

CODE = define("RL407", "mismatched-prd-reference", Severity.WARNING, __name__)
SCOPE = "run"

_REQUIREMENT = lazyre.compile(r"\b(N?FR|US|BR)[-\s]?0*(\d+)\b", re.IGNORECASE)
_SECTION = lazyre.compile(r"(?:\bsection|§)\s*(\d+(?:\.\d+)*)", re.IGNORECASE)


def references(text: str) -> tuple[set[str], set[str]]:
    """The requirements and the sections a PRD reference names."""
    return ({f"{kind.upper()}-{int(number)}" for kind, number in _REQUIREMENT.findall(text)},
            {number.rstrip(".") for number in _SECTION.findall(text)})


def check(task: Task, run: Run) -> Iterator[Mark]:
    assignment = next((e for e in reversed(task.reports)
                       if e.fact["kind"] == "task" and "prd-reference" in e.fact), None)
    if assignment is None:
        return
    given = assignment.fact["prd-reference"]
    wanted = references(given[0])
    for entry in reports(task, "acknowledgement"):
        said = entry.fact.get("prd-reference")
        if said is None:
            continue
        confirmed = references(said[0])
        if any(w and c and not w <= c for w, c in zip(wanted, confirmed, strict=True)):
            yield Mark(entry, said[1],
                       f"the acknowledgement of {task.id} confirms PRD reference `{said[0]}`, "
                       f"not the assignment's `{given[0]}` ({where(assignment, given[1])})")
