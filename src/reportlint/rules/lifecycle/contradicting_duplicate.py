'''Checks that two reports of the same kind for one task do not contradict each other: two
task assignments with another PRD reference, priority or estimate; two acknowledgements
with another **Started** or PRD reference; two completion reports with another **Status**,
**Started**, **Completed** or **Actual Effort**; two progress updates of the same
**Updated** time with another **Status** or **Progress**. A task reopened in between may
change them; with `--history`, a file's committed versions are edits of one report, not
duplicates.

## Why is this bad?
Two completion reports for one task that disagree leave the reader to guess which is true;
the later one was most likely meant to replace the other, which should then go.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12
**Actual Effort**: 14 hours

## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12
**Actual Effort**: 20 hours
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12
**Actual Effort**: 14 hours
```
'''

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportlint.diagnostics import Severity
from reportlint.rules.base import define
from reportlint.rules.lifecycle._history import (
    Entry,
    Mark,
    Run,
    Task,
    compare,
    parsed,
    where,
)
from reportlint.rules.lifecycle.mismatched_prd_reference import references

CODE = define("RL410", "contradicting-duplicate", Severity.WARNING, __name__)
SCOPE = "run"

_COMPARED = {
    "task": (("prd-reference", "PRD Reference"), ("priority", "Priority"),
             ("estimate", "Estimate")),
    "acknowledgement": (("started", "Started"), ("prd-reference", "PRD Reference")),
    "completion": (("status", "Status"), ("started", "Started"), ("completed", "Completed"),
                   ("actual-effort", "Actual Effort")),
    "progress": (("status", "Status"), ("progress", "Progress")),
}
_KIND = {"task": "task assignment", "acknowledgement": "acknowledgement",
         "completion": "completion report", "progress": "progress update"}


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _differ(field: str, a: list[Any], b: list[Any]) -> bool:
    """Whether two values of a field say different things: dates by the day when either has
    no time, PRD references by what they name, text by its words."""
    if isinstance(a[0], float) or isinstance(b[0], float):
        return bool(a[0] != b[0])
    if field == "prd-reference":
        mine, theirs = references(a[0]), references(b[0])
        return any(x and y and x != y for x, y in zip(mine, theirs, strict=True))
    x, y = parsed(a), parsed(b)
    if x is not None and y is not None:
        return compare(x, y) != 0
    return _words(str(a[0])) != _words(str(b[0]))


def _shown(value: object) -> str:
    return f"{value:g}%" if isinstance(value, float) else f"`{value}`"


def _versions(a: Entry, b: Entry) -> bool:
    """Whether two reports are versions of one file (``--history``): an edit, not a second
    report."""
    return (a.fact.get("version_of") or a.path) == (b.fact.get("version_of") or b.path) and \
        a.order != b.order


def check(task: Task, run: Run) -> Iterator[Mark]:
    before: dict[tuple[str, str], Entry] = {}
    for entry in task.reports:
        fact = entry.fact
        if fact["reopened"]:
            before.clear()
            continue
        kind = fact["kind"]
        if kind == "progress":
            updated = fact.get("updated")
            if updated is None:
                continue
            key = (kind, " ".join(updated[0].split()))
        else:
            key = (kind, "")
        earlier = before.get(key)
        before[key] = entry
        if earlier is None or _versions(earlier, entry):
            continue
        for field, name in _COMPARED[kind]:
            mine, theirs = fact.get(field), earlier.fact.get(field)
            if mine is not None and theirs is not None and _differ(field, mine, theirs):
                yield Mark(entry, mine[1],
                           f"a second {_KIND[kind]} of {task.id} gives **{name}** "
                           f"{_shown(mine[0])}; the one at {where(earlier, earlier.fact['line'])}"
                           f" gives {_shown(theirs[0])}")
                break
