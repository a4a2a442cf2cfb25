"""Checks that a report's title carries both a task id and a task name.

## Why is this bad?
The title `Task Completion Report: BE-001 - Login endpoint` is how a report is matched to
its task; without the id the product manager cannot file it, without the name nobody can
read the list of reports.

## Example
```markdown
## Task Completion Report: Login endpoint
```

## Use instead
```markdown
## Task Completion Report: BE-001 - Login endpoint
```
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing
from reportlint.rules.base import define

CODE = define("RL108", "invalid-title", Severity.ERROR, __doc__)


def applies(f: Failing) -> bool:
    return f.place.tail(2)[:1] == ["title"]


def explain(f: Failing) -> Explained:
    return Explained(f"the title has no {str(f.place.last).replace('_', ' ')}")
