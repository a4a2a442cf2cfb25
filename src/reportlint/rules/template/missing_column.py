"""Checks that a table has every column the template requires.

## Why is this bad?
A *Files Changed* table without *Change Type*, or a migrations table without *Reversible*,
drops exactly the fact a reviewer needs.

## Example
```markdown
| File | Description |
|------|-------------|
| `src/auth/service.ts` | Token rotation |
```

## Use instead
```markdown
| File | Change Type | Description |
|------|-------------|-------------|
| `src/auth/service.ts` | Modified | Token rotation |
```
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.rules.base import define

CODE = define("RL105", "missing-column", Severity.ERROR, __doc__)
