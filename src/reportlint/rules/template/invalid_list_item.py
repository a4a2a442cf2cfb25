"""Checks that list items have the form the template asks for (for example an estimate on
every *Execution Plan* step).

## Why is this bad?
Steps without estimates cannot be planned against; the template asks for `Est: X hours`
on each.

## Example
```markdown
1. Design the schema
```

## Use instead
```markdown
1. Design the schema - Est: 2 hours
```
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL110", "invalid-list-item", Severity.WARNING, __name__)


def applies(f: Failing) -> bool:
    return f.place.tail(3)[:1] == ["items"]


def explain(f: Failing) -> Explained:
    return Explained(f"list item `{quote(f.failure.instance)}` in {f.place.where()} does not "
                     "have the expected form")
