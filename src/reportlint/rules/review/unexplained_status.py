"""Checks that a **Status** of BLOCKED has a *Blockers* table with at least one row, and
that NEEDS CLARIFICATION has at least one question under *Questions for PM*.

A report without those sections at all is `missing-section` (RL101); this rule catches the
section that is there but empty.

## Why is this bad?
The product manager can only unblock what is written down. An empty Blockers table on a
BLOCKED task stalls it until someone asks.

## Example
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Status**: BLOCKED

### Blockers (if any)
| Blocker | Impact | Resolution Needed |
|---------|--------|-------------------|
```

## Use instead
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Status**: BLOCKED

### Blockers (if any)
| Blocker | Impact | Resolution Needed |
|---------|--------|-------------------|
| Staging is read-only | Cannot migrate | DevOps restores write access |
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.rules.review._common import field_value

CODE = define("RL203", "unexplained-status", Severity.ERROR, __name__)


def check(ctx: Context) -> Iterator[Hit]:
    status = field_value(ctx.report, "status")
    if status is None:
        return
    value = status["value"].upper()
    sections = ctx.report.get("sections", {})
    if "BLOCKED" in value and "blockers" in sections:
        blockers = sections["blockers"]
        if not any(t["rows"] for t in blockers.get("tables", ())):
            yield Hit(blockers["line"], f"**Status** is `{quote(status['value'])}` (line "
                      f"{status['line']}) but `{quote(blockers['title'])}` lists no blocker; add a "
                      "row: what blocks, its impact, what is needed")
    if "CLARIFICATION" in value and "questions-for-pm" in sections:
        questions = sections["questions-for-pm"]
        if not questions.get("items") and not questions.get("paragraphs"):
            yield Hit(questions["line"], f"**Status** is `{quote(status['value'])}` (line "
                      f"{status['line']}) but `{quote(questions['title'])}` asks nothing; write "
                      "the questions the product manager must answer")
