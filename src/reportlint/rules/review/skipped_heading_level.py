"""Checks that headings inside a report go down one level at a time (`##` then `###`,
not `##` then `####`).

## Why is this bad?
A skipped level breaks the outline that renderers, screen readers and reportlint itself
use to nest sections, so a sub-section may be read as belonging somewhere else.

## Example
```markdown
## Progress Update: BE-014 - Refresh token rotation

#### Completed Items
```

## Use instead
```markdown
## Progress Update: BE-014 - Refresh token rotation

### Completed Items
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define

CODE = define("RL213", "skipped-heading-level", Severity.WARNING, __name__)


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.report.get("level"):
        return  # a whole file checked with --template has no title level to count from
    for parent in ctx.sections():
        for child in parent.get("sections", {}).values():
            if child["level"] > parent["level"] + 1:
                yield Hit(child["line"], f"heading level jumps from {parent['level']} to "
                          f"{child['level']} at `{quote(child['title'])}`; use "
                          f"`{'#' * (parent['level'] + 1)}`")
