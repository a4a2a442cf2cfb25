"""Checks that the sections a template lists come in the template's order.

## Why is this bad?
Reviewers and the product manager read many reports; the template's order is where they
look for each thing. A *Quality Gates Status* before the *Implementation Summary* is
found late or not at all.

## Example
```markdown
## Progress Update: BE-014 - Refresh token rotation

### In Progress
- [ ] Tests

### Completed Items
- [x] Migration
```

## Use instead
```markdown
## Progress Update: BE-014 - Refresh token rotation

### Completed Items
- [x] Migration

### In Progress
- [ ] Tests
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.shape import Shape

if TYPE_CHECKING:
    from reportlint.nodes import Container, Section

CODE = define("RL212", "section-order", Severity.WARNING, __name__)
REPORTS_ONLY = True  # a report-like file's sections are not the template's


def _order(node: Container, shape: Shape) -> Iterator[Hit]:
    sections = shape.sections()
    if not sections:
        return
    order = {key: rank for rank, key in enumerate(sections)}  # not list.index, per section
    present = [(k, s) for k, s in node.get("sections", {}).items() if k in sections]
    latest: tuple[int, Section] | None = None
    for key, section in present:
        rank = order[key]
        if latest is not None and rank < latest[0]:
            yield Hit(section["line"], f"section `{quote(section['title'])}` comes after "
                      f"`{quote(latest[1]['title'])}` (line {latest[1]['line']}); the template "
                      "puts it before")
        elif latest is None or rank > latest[0]:
            latest = (rank, section)
        yield from _order(section, sections[key])


def check(ctx: Context) -> Iterator[Hit]:
    yield from _order(ctx.report, ctx.template)
