"""Checks that every row of a migrations table (a table with a *Reversible* column) says
the migration is reversible.

## Why is this bad?
"Database migrations are reversible" is one of the quality gates a worker must pass
before reporting. A migration that cannot be rolled back turns a bad deploy into an
outage.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

#### Migrations
| Migration | Description | Reversible |
|-----------|-------------|------------|
| `20250310_drop_sessions` | Drop old sessions | ❌ No |
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

#### Migrations
| Migration | Description | Reversible |
|-----------|-------------|------------|
| `20250310_drop_sessions` | Drop old sessions (down: restore from archive) | ✅ Yes |
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint import lazyre
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define

CODE = define("RL209", "irreversible-migration", Severity.ERROR, __name__)


_AFFIRMED = lazyre.compile(r"^(?:✅|✔|☑|(?:yes|y|true)\b)", re.IGNORECASE)


_NONE = lazyre.compile(r"^(?:none|n/?a|[-\u2013\u2014]+)\.?$", re.IGNORECASE)
_DENIED = lazyre.compile(r"❌|✗|✘|\bno\b|\bnot\b|\bfalse\b", re.IGNORECASE)


def check(ctx: Context) -> Iterator[Hit]:
    for section in ctx.sections():
        for table in section.get("tables", ()):
            if "reversible" not in table["columns"]:
                continue
            for row in table["rows"]:
                value = row["cells"].get("reversible", "").strip()
                if value == "TBD" or value.startswith("["):
                    continue  # a placeholder: unfilled-placeholder (RL201) reports it
                if _NONE.match(next(iter(row["cells"].values()), "").strip()):
                    continue  # `| None | - | - |`: a row that says there is no migration
                if not _AFFIRMED.match(value) or _DENIED.search(value):
                    name = next(iter(row["cells"].values()), "")
                    yield Hit(row["line"], f"migration `{quote(name)}` is not reversible "
                              f"(`{quote(value) or 'empty'}`); add a down migration or "
                              "explain why under Known Issues")
