"""Checks that a row or item marked as done or passing (✅, *Pass*, *Met*, a ticked box) does
not say otherwise in its own text: `36/38 passing`, `2 failed`, `TODO`, `not run`, ⚠️ or ❌,
"to be run after deploy".

## Why is this bad?
A reviewer scanning a column of ✅ takes each for done. A mark that its own row contradicts
hides exactly the item that needs a second look.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

### Quality Gates

| Gate | Status | Notes |
|------|--------|-------|
| Unit tests | ✅ Pass | 25/27 passing |
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

### Quality Gates

| Gate | Status | Notes |
|------|--------|-------|
| Unit tests | ❌ Fail | 25/27 passing; 2 failures in token expiry |
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint import claims, lazyre
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define

CODE = define("RL303", "contradicted-mark", Severity.WARNING, __name__)

_I = re.IGNORECASE
_SAYS_OTHERWISE = lazyre.compile(
    r"(?P<mark>❌|⚠️?|⛔|🔴|✗|✘)"
    r"|(?<![\w.])(?P<bad>[1-9]\d{0,4})\s+(?:of\s+\d{1,5}\s+)?"
    r"(?:(?:tests?|cases?|specs?|scenarios?|checks?|suites?|jobs?|assertions?)\s+)?"
    r"(?:(?:are|were|still)\s+){0,2}(?:failed|failing|failures?)\b"
    r"|\b(?P<todo>TODO|TBD|WIP)\b"
    r"|\b(?P<words>not\s+(?:yet\s+)?(?:run|done|started|implemented|tested|verified|executed)"
    r"|pending|skipped|deferred|to\s+be\s+(?:run|done|added|tested|verified|implemented)"
    r"|will\s+be\s+(?:run|done|added|tested|verified|implemented|updated))\b")
_RATIO = lazyre.compile(r"(?<![\w./])(?P<n>\d{1,5})\s*/\s*(?P<m>\d{1,5})\s+(?:tests?\s+|specs?\s+)?"
                    r"(?:passing|passed|pass)\b", _I)
_WORDS = lazyre.compile(_SAYS_OTHERWISE.pattern, _I)
_STATE_BEFORE = lazyre.compile(r"(?:^|[:(\[,;|\u2013\u2014]|\s-)\s*(?:still\s+|currently\s+)?$")
_STATE_AFTER = lazyre.compile(r"\s*[)\].]?\s*(?:$|[,;|])")
_TRANSITION = lazyre.compile(r"\s*(?:→|->|/|=>)")


def contradiction(rest: str) -> str | None:
    """What in the text of a marked row or item says otherwise, or None (`2 failed`, `❌`)."""
    ratio = _RATIO.search(rest)
    if ratio and int(ratio.group("n")) < int(ratio.group("m")):
        return ratio.group(0)
    match = next((m for m in _WORDS.finditer(rest)
                  if not (m.group("bad") and _a_limit(rest, m.start()))), None)
    if match is None:
        return None
    todo = match.group("todo")
    if todo and (not todo.isupper() or rest.strip(" .:-*`") == todo):
        return None  # a box holding only TBD is an unfilled placeholder (RL201)
    if match.group("words"):
        # A state in its own words ("2 tests: pending", "| pending"), not a word of a name
        # ("pending → sent", "a pending badge").
        words = match.group("words").lower()
        after = rest[match.end():]
        if words in ("pending", "skipped", "deferred") and (
                _TRANSITION.match(after) or not (_STATE_BEFORE.search(rest[:match.start()])
                                                 or _STATE_AFTER.match(after))):
            return None
    return match.group(0)


# Before a count of failures that is a limit the work enforces, not a result: `after 5
# failures`, `more than 5 failed attempts`, `> 5 failed logins`.
_LIMIT = lazyre.compile(r"(?:\b(?:after|than|over|exceed\w*|least|up\s+to|max(?:imum)?|limit|"
                        r"threshold|allow\w*|within|every)|[>≥<≤])\s*$", _I)


def _a_limit(rest: str, start: int) -> bool:
    """Whether the count of failures at ``start`` is a limit, or the name of a test (inside
    quotes: `"locks account after 5 failures"`)."""
    before = rest[:start]
    return _LIMIT.search(before[-24:]) is not None or before.count('"') % 2 == 1


def check(ctx: Context) -> Iterator[Hit]:
    for mark in claims.of(ctx).marks:
        said = contradiction(mark.rest)
        if said:
            yield Hit(mark.line, f"`{quote(mark.text, 100)}` is marked as done, but its own "
                      f"text says `{quote(said)}`")
