"""Checks that a section the template defines as a table has a table.

## Why is this bad?
Tables such as *Files Changed* or *Quality Gates Status* are compared row by row by reviewers
and tools; the same facts in prose cannot be checked.

## Example
```markdown
#### Files Changed
I changed the auth service and its tests.
```

## Use instead
```markdown
#### Files Changed
| File | Change Type | Description |
|------|-------------|-------------|
| `src/auth/service.ts` | Modified | Token rotation |
```
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing
from reportlint.rules.base import define

CODE = define("RL104", "missing-table", Severity.ERROR, __name__)


def applies(f: Failing) -> bool:
    return f.place.last == "tables"


def explain(f: Failing) -> Explained:
    from reportlint import scaffold  # only to word a failure

    titles = [c.title(k) for k, c in f.failure.schema.columns().items()]
    columns = "`| " + " | ".join(titles) + " |`" if titles else "(any)"
    return Explained(f"section {f.place.where()} has no table; expected columns {columns}",
                     {"snippet": scaffold.table(f.failure.schema, fill=True)})
