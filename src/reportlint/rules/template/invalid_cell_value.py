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
from reportlint.rules.base import define

CODE = define("RL106", "invalid-cell-value", Severity.WARNING, __doc__)
