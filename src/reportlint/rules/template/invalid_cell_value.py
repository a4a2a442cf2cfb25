"""Checks that table cells with a fixed vocabulary use it (for example *Change Type*).

## Why is this bad?
`Created`, `New` and `Added` in one column make the table hard to filter and compare with
the diff.

## Example
```markdown
| `src/auth/service.ts` | Created | Token rotation |
```

## Use instead
```markdown
| `src/auth/service.ts` | Added | Token rotation |
```
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing, allowed, expected
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL106", "invalid-cell-value", Severity.WARNING, __name__)


def applies(f: Failing) -> bool:
    return f.place.tail(2)[:1] == ["cells"]


def explain(f: Failing) -> Explained:
    last = f.place.last
    table = f.place.holder("rows")
    column = table["columns"].get(last, {}).get("name", last) if table else last
    return Explained(f"`{quote(column)}` is `{quote(f.failure.instance)}` in a row of "
                     f"{f.place.where()}; expected {expected(f.failure)}", allowed(f.failure))
