"""Checks that a report's title carries both a task id and a task name, in the template's
form. A heading written the way agents title their reports (`BE-009 Completion Evidence:
Dashboard`, `Task B10: Auth tests - Completion Summary`) is read as the report its words
name, and checked in full; this finding gives the title to write.

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

from reportlint.diagnostics import Finding, Severity
from reportlint.failures import Explained, Failing
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL108", "invalid-title", Severity.ERROR, __name__)


def applies(f: Failing) -> bool:
    return f.place.tail(2)[:1] == ["title"]


def explain(f: Failing) -> Explained:
    return Explained(f"the title has no {str(f.place.last).replace('_', ' ')}")


def agent_shaped(line: int, title: str, canonical: str) -> Finding:
    """A title in an agent's words (``title``) for the template's (``canonical``)."""
    return Finding(CODE.code, line, f"`{quote(title)}` is not in the template's form; write "
                   f"the title as `{canonical}`")
