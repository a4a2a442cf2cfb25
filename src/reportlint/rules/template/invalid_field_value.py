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
from reportlint.failures import Explained, Failing, allowed, expected
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL103", "invalid-field-value", Severity.ERROR, __name__)


def applies(f: Failing) -> bool:
    return f.place.tail(3)[:1] == ["fields"] and f.place.last == "value"


def explain(f: Failing) -> Explained:
    field = f.place.parent()
    key = f.place.path[-2]
    name = field.get("name", key) if isinstance(field, dict) else key
    return Explained(f"**{quote(name)}** is `{quote(f.failure.instance)}`; expected "
                     f"{expected(f.failure)}", allowed(f.failure))
