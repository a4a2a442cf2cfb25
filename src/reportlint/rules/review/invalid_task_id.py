"""Checks that task ids have the configured form (an uppercase prefix, a dash and digits,
as in `BE-001` or `RTP-ORG-001`, unless `task-id-pattern` under `[tool.reportlint.options]`
says otherwise):
the id in the report's title, in the *Task ID* column of *Dependencies on Other Tasks* and
in **Handoff to**.

A template placeholder such as `[BE-XXX]` is reported by `unfilled-placeholder` (RL201),
not again here.

## Why is this bad?
Reports are filed and linked by task id. `B8`, `be001` or `Task 3` do not match the
product manager's task list, so the report is orphaned.

## Example
```markdown
## Task Completion Report: be_14 - Refresh token rotation
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint import lazyre
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.rules.review._common import field_value

CODE = define("RL207", "invalid-task-id", Severity.ERROR, __name__)


_PLACEHOLDER = lazyre.compile(r"X{2,}|^\[.*\]$|^TBD$")


_NONE = lazyre.compile(r"^(?:none|n/?a|-|\u2014|\u2013|no\b)", re.IGNORECASE)


_CITED = lazyre.compile(r"\b[A-Z][A-Z0-9]*-[A-Z0-9]+(?:-[A-Z0-9]+)*\b")


def check(ctx: Context) -> Iterator[Hit]:
    pattern = ctx.options.task_id_pattern
    title = ctx.report.get("title", {})
    task_id = title.get("task_id")
    if task_id and not _PLACEHOLDER.search(task_id) and not pattern.search(task_id):
        yield Hit(title["line"], f"task id `{quote(task_id)}` in the title does not have the "
                  f"form `{pattern.pattern}` (such as `BE-001`)")
    for key, section in ctx.keyed():
        if "depend" not in key:
            continue
        for table in section.get("tables", ()):
            if "task-id" not in table["columns"]:
                continue
            for row in table["rows"]:
                cell = row["cells"].get("task-id", "").strip()
                if cell and not _NONE.match(cell) and not _PLACEHOLDER.search(cell) \
                        and not pattern.search(cell):
                    yield Hit(row["line"], f"task id `{quote(cell)}` in "
                              f"`{quote(section['title'])}` does not have the form "
                              f"`{pattern.pattern}`")
    handoff = field_value(ctx.report, "handoff-to")
    if handoff is not None:
        for cited in _CITED.findall(handoff["value"]):
            if not _PLACEHOLDER.search(cited) and not pattern.search(cited):
                yield Hit(handoff["line"], f"task id `{quote(cited)}` in "
                          f"**{quote(handoff['name'])}** does not have the form "
                          f"`{pattern.pattern}`", handoff["column"])
