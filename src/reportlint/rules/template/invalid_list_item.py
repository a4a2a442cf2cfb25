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
from reportlint.rules.base import define

CODE = define("RL110", "invalid-list-item", Severity.WARNING, __doc__)
