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
from reportlint.rules.base import define

CODE = define("RL107", "wrong-checkbox-state", Severity.ERROR, __doc__)
