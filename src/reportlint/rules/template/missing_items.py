"""Checks that a section the template defines as a list (or checklist) has items.

## Why is this bad?
An *Execution Plan* with no steps or a *TodoWrite Tracking* section with no checkboxes
promises structure the report does not deliver.

## Example
```markdown
### Execution Plan
I will start with the schema.
```

## Use instead
```markdown
### Execution Plan
1. Design the schema - Est: 2 hours
```
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing
from reportlint.rules.base import define

CODE = define("RL109", "missing-items", Severity.ERROR, __name__)


def applies(f: Failing) -> bool:
    return f.place.last == "items"


def explain(f: Failing) -> Explained:
    return Explained(f"section {f.place.where()} has no list items")
