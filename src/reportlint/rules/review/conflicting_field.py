"""Checks that a report gives each of its own fields once: a **Status** in the header and
another in the footer (or twice in the header) that say different things cannot both be
true.

## Why is this bad?
A reader, the product manager or a tool that reads the first **Status** sees a different
report from one that reads the last; one of them is stale.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: IN PROGRESS

---

**Status**: COMPLETED
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define

CODE = define("RL217", "conflicting-field", Severity.ERROR, __name__)


def _same(a: str, b: str) -> bool:
    return " ".join("".join(c for c in a.casefold() if c.isalnum() or c.isspace()).split()) \
        == " ".join("".join(c for c in b.casefold() if c.isalnum() or c.isspace()).split())


def check(ctx: Context) -> Iterator[Hit]:
    fields = ctx.report["fields"]
    for repeat in ctx.report.get("repeated_fields", ()):
        first, again = fields.get(repeat["key"]), repeat["field"]
        if first is None or _same(first["value"], again["value"]):
            continue
        yield Hit(again["line"], f"**{quote(again['name'])}** is `{quote(again['value'])}` "
                  f"here but `{quote(first['value'])}` on line {first['line']}; give it once",
                  again["column"])
