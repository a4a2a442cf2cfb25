"""Checks that each field's value has the form the template requires.

## Why is this bad?
`DONE`, `Complete ✅` and `finished` all mean something to a person and nothing to the tools
that route reports. Statuses come from a fixed set, percentages are 0-100, dates are
`YYYY-MM-DD` (optionally with a time).

## Example
```markdown
**Status**: Done
```

## Use instead
```markdown
**Status**: COMPLETED
```
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.rules.base import define

CODE = define("RL103", "invalid-field-value", Severity.ERROR, __doc__)
