"""Checks checkbox items against their section: *Completed Items* are ticked, *In Progress*
items are not.

## Why is this bad?
An unticked box under *Completed Items* (or a ticked one under *In Progress*) means the
report disagrees with itself; the reader cannot tell which half is true.

## Example
```markdown
### Completed Items
- [ ] Database schema
```

## Use instead
```markdown
### Completed Items
- [x] Database schema
```
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL107", "wrong-checkbox-state", Severity.ERROR, __name__)


def applies(f: Failing) -> bool:
    return f.place.last == "checked"


def explain(f: Failing) -> Explained:
    item = f.place.parent()
    state = "ticked" if f.failure.instance else "not ticked"
    return Explained(f"item `{quote(item.get('text', ''))}` in {f.place.where()} is {state}",
                     {"expected": f.failure.expected})
