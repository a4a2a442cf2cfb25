"""Checks that no section appears twice at the same place in a report (by its normalised
name: `### Blockers` and `### 4. Blockers (if any)` are the same section).

## Why is this bad?
Two *Completed Items* or two *Known Issues* sections usually mean two agents, or two
drafts, wrote into one report; only the first is checked against the template and a
reader cannot tell which one is current.

## Example
```markdown
## Progress Update: BE-014 - Refresh token rotation

### Completed Items
- [x] Migration

### Completed Items
- [x] Service
```

## Use instead
```markdown
## Progress Update: BE-014 - Refresh token rotation

### Completed Items
- [x] Migration
- [x] Service
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define

CODE = define("RL211", "duplicate-section", Severity.WARNING, __name__)


def check(ctx: Context) -> Iterator[Hit]:
    for section in ctx.sections():
        children = section.get("sections", {})
        for key, child in children.items():
            if "~" in key:
                first = children[key.split("~", 1)[0]]
                yield Hit(child["line"], f"section `{quote(child['title'])}` appears again (first "
                          f"on line {first['line']}); merge the two")
