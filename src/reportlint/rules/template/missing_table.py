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
from reportlint.rules.base import define

CODE = define("RL104", "missing-table", Severity.ERROR, __doc__)
