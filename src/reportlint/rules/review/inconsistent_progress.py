"""Checks that the figures a report gives for its own completion agree: the **Progress**
field, a percentage in **Status** (`NOT STARTED (0% complete)`), in the title, and in the
headings of its top-level sections or of a *Status*/*Progress*/*Summary* section
(`### ✅ COMPLETED (20%)`); and a status that says the task is finished (`**Status**:
COMPLETED`) beside a **Progress** short of 100%.

Percentages of parts (a phase, a sub-task, a table row) and a **Progress** of the project,
sprint or phase the task belongs to are about other things and are not compared.

## Why is this bad?
"**Progress**: 60% complete" in the header and "(20% complete)" in a heading cannot both
be true; the reader does not know which part of the report is stale.

## Example
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Progress**: 60% complete

### Completed Items (20% complete)
```

## Use instead
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Progress**: 60% complete

### Completed Items
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlint import lazyre
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.rules.review._common import PERCENT, field_value, finished_claims

if TYPE_CHECKING:
    from reportlint.nodes import Report

CODE = define("RL204", "inconsistent-progress", Severity.WARNING, __name__)


_OVERALL = ("status", "progress", "summary", "overview")


@lru_cache(maxsize=4096)  # section keys repeat from report to report
def _overall(key: str) -> bool:
    """A section about the task's status as a whole."""
    return any(w in key for w in _OVERALL)


_DONE_WORDS = lazyre.compile(r"\b(?:complete[d]?|completion|done|progress)\b", re.IGNORECASE)


def check(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    # (figure, line, where: a field's name, a heading's text or None for the title), worded
    # only for a finding.
    mentions: list[tuple[float, int, tuple[str, str | None]]] = []
    for key in ("progress", "status", "completion"):
        found = field_value(report, key)
        match = PERCENT.search(found["value"]) if found else None
        if found and match:
            mentions.append((float(match.group(1)), found["line"], ("field", found["name"])))
    headings: list[tuple[str, int, tuple[str, str | None]]] = [
        (report["title"]["text"], report["title"]["line"], ("title", None))]
    for key, parent in ctx.keyed():
        # Headings directly in the report, or in a section about the task's status as a whole.
        if parent is report or _overall(key):
            headings += [(s["title"], s["line"], ("heading", s["title"]))
                         for s in parent.get("sections", {}).values()]
    for text, line, where in headings:
        match = PERCENT.search(text)
        if match and _DONE_WORDS.search(text):
            mentions.append((float(match.group(1)), line, where))
    yield from _short_of_done(report, mentions)
    if not mentions:
        return
    reference, line, where = min(mentions, key=lambda m: m[1])
    for value, other, said in sorted(mentions, key=lambda m: m[1]):
        if value != reference:
            yield Hit(other, f"{_named(said)} says {value:g}% but {_named(where)} (line {line}) "
                      f"says {reference:g}%; state one figure for the task")


# A figure about something bigger than the task, which a finished task leaves short of 100%.
_OF_MORE = lazyre.compile(r"\b(?:project|sprint|phase|milestone|epic|release|overall|roadmap|"
                          r"program(?:me)?|initiative)\b", re.IGNORECASE)


def _short_of_done(report: Report,
                   mentions: list[tuple[float, int, tuple[str, str | None]]]) -> Iterator[Hit]:
    """A status claiming the task is finished beside its own **Progress** short of 100%, or a
    heading or title that gives it (`## Progress: 80%`)."""
    claims = finished_claims(report)
    if not claims or claims[0][0].startswith("**Ready"):
        return
    said, at = claims[0]
    for value, line, where in mentions:
        if value >= 100:
            continue
        if where[0] == "field":
            found = field_value(report, "progress")
            if where[1] is None or found is None or found["line"] != line \
                    or _OF_MORE.search(found["value"]):
                continue
        else:  # the mention's heading or title says its figure is the task's progress
            text = where[1] if where[0] == "heading" else report["title"]["text"]
            if text is None or _OF_MORE.search(text):
                continue
        yield Hit(line, f"{_named(where)} says {value:g}% but `{quote(said)}` (line {at}) says "
                  f"the task is finished; state one figure for the task")


def _named(where: tuple[str, str | None]) -> str:
    kind, text = where
    if kind == "field":
        return f"**{quote(text)}**"
    return "the title" if kind == "title" else f"`{quote(text)}`"
