"""Checks that date fields (**Started**, **Completed**, **Updated**, ...) written as
`YYYY-MM-DD[ HH:MM]` (or day first with dots, `DD.MM.YYYY[, HH:MM]`) are real dates and
times.

## Why is this bad?
`2025-02-30` or `2025-03-10 25:00` is a typo or an invented date; either way the timeline
of the task cannot be trusted.

## Example
```markdown
## Task Acknowledged: BE-014 - Refresh token rotation

**Started**: 2025-02-30 09:00
```

## Use instead
```markdown
## Task Acknowledged: BE-014 - Refresh token rotation

**Started**: 2025-02-28 09:00
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.rules.review._common import field_value
from reportlint.rules.review._dates import parse

CODE = define("RL205", "invalid-date", Severity.ERROR, __name__)


_DATE_FIELDS = ("started", "completed", "updated", "date", "completion-date", "date-completed")


def check(ctx: Context) -> Iterator[Hit]:
    for key in _DATE_FIELDS:
        found = field_value(ctx.report, key)
        if found is None:
            continue
        parsed = parse(found["value"])
        if isinstance(parsed, str):
            yield Hit(found["line"], f"**{quote(found['name'])}** `{quote(found['value'])}` is "
                      f"not a real date ({parsed})", found["column"])
