'''Checks traceability: every acceptance criterion of the task assignment (the product
manager's `Task: ID - name`, or a file of the Required Task Fields as PMs write them: a
`/droid` line, `#### Task BE-014: ...`, a **PRD Reference** and the other fields in a list or
a table, no status) has a row in the completion report's Acceptance Criteria Verification
table, when both are in the run.

A row matches a criterion that says the same thing as a reader takes it: case, punctuation,
a label (`AC1:`), a checkbox, a few words added, dropped or put in another form do not
matter, nor does a row that words the criterion in short (`>20 req / IP / min → 429` for
`More than 20 requests per IP per minute returns 429`); a negation does (`cannot` is not
`can`). The message names the missing criterion.

## Why is this bad?
The completion report is where the product manager checks the task against what was
assigned. A criterion that is not in its table has quietly been dropped: nobody verified it,
and nobody said so.

## Example
```markdown
## Task: BE-014 - Refresh token rotation

**Task ID**: BE-014
**Task Name**: Refresh token rotation
**PRD Reference**: Section 4, FR-007
**Description**: Issue a new refresh token on every use.
**Dependencies**: None
**Estimate**: 2 days
**Priority**: P1

### Acceptance Criteria
- [ ] A used refresh token cannot be used again
- [ ] Reuse revokes the token family

## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12

### 3. Acceptance Criteria Verification

| Criteria | Status | Evidence |
|----------|--------|----------|
| A used refresh token cannot be used again | ✅ Pass | `rotation.spec.ts` |
```

## Use instead
```markdown
## Task: BE-014 - Refresh token rotation

**Task ID**: BE-014
**Task Name**: Refresh token rotation
**PRD Reference**: Section 4, FR-007
**Description**: Issue a new refresh token on every use.
**Dependencies**: None
**Estimate**: 2 days
**Priority**: P1

### Acceptance Criteria
- [ ] A used refresh token cannot be used again
- [ ] Reuse revokes the token family

## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED
**Started**: 2025-03-10
**Completed**: 2025-03-12

### 3. Acceptance Criteria Verification

| Criteria | Status | Evidence |
|----------|--------|----------|
| A used refresh token cannot be used again | ✅ Pass | `rotation.spec.ts` |
| Reuse of a token revokes the whole token family | ✅ Pass | `auth.e2e-spec.ts` |
```
'''

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reportlint import lazyre
from reportlint.diagnostics import Severity
from reportlint.rules.base import define
from reportlint.rules.lifecycle._history import Mark, Run, Task, reports, where

CODE = define("RL406", "unverified-criterion", Severity.WARNING, __name__)
SCOPE = "run"

_LABEL = lazyre.compile(r"^\s*(?:\[[ xX]\]\s*)?(?:(?:AC|criterion|criteria)\s*[-#]?\s*\d+[.:)]?"
                    r"|\d+[.)])\s*", re.IGNORECASE)
_NEGATIONS = {"not", "no", "never", "cannot", "without", "none", "nobody", "nothing"}
_STOP = {"a", "an", "the", "is", "are", "be", "been", "being", "was", "were", "to", "of",
         "and", "or", "in", "on", "at", "for", "with", "by", "as", "it", "its", "that",
         "this", "these", "those", "which", "who", "all", "any", "each", "every", "whole",
         "should", "must", "shall", "will", "can", "could", "may", "then", "so", "do",
         "does", "from", "into", "their", "there", "when", "once", "also", "only"}


def _stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    text = _LABEL.sub("", text).casefold().replace("can't", "cannot").replace("n't", " not")
    # A figure and its unit are one word however they are spaced (`1 h`, `1h`; `500 ms`).
    text = _UNIT.sub(r"\1\2", text)
    return tuple(re.findall(r"[^\W_]+", text))


_UNIT = lazyre.compile(r"(\d)\s+([a-z]{1,3})\b")


def _content(words: tuple[str, ...]) -> set[str]:
    return {_stem(w) for w in words if w not in _STOP and w not in _NEGATIONS}


def same(criterion: str, row: str) -> bool:
    """Whether a verification row says what the criterion says."""
    a, b = _words(criterion), _words(row)
    if not a or not b:
        return False
    if (_NEGATIONS & set(a)) != (_NEGATIONS & set(b)):
        return False
    if a == b:
        return True
    from difflib import SequenceMatcher  # only where two criteria differ: not at start-up

    if SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= 0.85:
        return True
    wanted, given = _content(a), _content(b)
    if not wanted:
        return False
    # Most of the criterion's words are in the row, and the row is not a long text that
    # happens to hold them.
    covered = len(wanted & given) / len(wanted)
    if covered >= 0.75 and len(given - wanted) <= max(3, len(wanted)):
        return True
    # Or the row is the criterion in short (`p95 > 500 ms for 10 min` for `p95 latency
    # alert at 500 ms for 10 min`, `>20 req / IP / min` for `More than 20 requests per IP
    # per minute`): nearly every word of the row, or the start of one, is the criterion's.
    short = [w for w in given if any(_begins(w, c) for c in wanted)]
    return len(short) >= 2 and len(short) >= 0.75 * len(given)


def _begins(word: str, other: str) -> bool:
    """``word`` and ``other`` are one word, or one starts the other (`req`, `requests`)."""
    if word == other:
        return True
    shorter, longer = (word, other) if len(word) < len(other) else (other, word)
    return len(shorter) >= 3 and not shorter.isdigit() and longer.startswith(shorter)


def check(task: Task, run: Run) -> Iterator[Mark]:
    assignment = next((e for e in reversed(task.reports)
                       if e.fact["kind"] == "task" and e.fact.get("criteria")), None)
    completion = next((e for e in reversed(list(reports(task, "completion")))
                       if "verified" in e.fact), None)
    if assignment is None or completion is None:
        return
    rows = [row[0] for row in completion.fact["verified"]]
    for criterion, line in assignment.fact["criteria"]:
        if not any(same(criterion, row) for row in rows):
            yield Mark(completion, completion.fact["verified_line"],
                       f"acceptance criterion `{criterion}` of {task.id}'s assignment "
                       f"({where(assignment, line)}) is not in the Acceptance Criteria "
                       "Verification table")
