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

from typing import Any

from reportlint import names
from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing, property_title
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL105", "missing-column", Severity.ERROR, __name__)


def applies(f: Failing) -> bool:
    return f.place.last == "columns"


def explain(f: Failing) -> Explained:
    assert f.missing is not None
    name, schema = f.missing, f.failure.schema
    title = property_title(schema, name, f.template)
    table = f.place.parent()
    instance = f.failure.instance
    columns: dict[str, Any] = instance if isinstance(instance, dict) else {}
    present = ", ".join(f"`{quote(c.get('name', k), 30)}`" for k, c in columns.items())
    message = f"table in {f.place.where()} has no column `{title}` (it has {present or 'none'})"
    close = names.similar(name, [k for k in columns if not schema.declares(k)])
    if close:
        message += f"; is `{quote(columns[close[0]].get('name', close[0]))}` meant to be it?"
    expected = [property_title(schema, k, f.template) for k in schema.properties()]
    fix = {"expected_columns": expected, "snippet": "| " + " | ".join(expected) + " |"}
    line = table.get("line") if isinstance(table, dict) else None
    return Explained(message, fix, line if isinstance(line, int) else None)
