"""With `--diff-base REF`, checks that every file in a *Files Changed* table is changed by
the branch (`git diff REF...HEAD`); and that a file listed as *Added* exists.

## Why is this bad?
Agents' file lists are often reconstructed from memory, or invented. A reviewer who trusts
the table reviews files that did not change and misses the ones that did.

## Example
```markdown
| File | Change Type | Description |
|------|-------------|-------------|
| `src/auth/service.ts` | Modified | Token rotation |
```
when the branch does not touch `src/auth/service.ts`.

## Use instead
List the files the branch changes: `git diff --name-status REF...HEAD`.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.rules.review._files import changed_paths, listed_files

CODE = define("RL214", "unchanged-listed-file", Severity.ERROR, __name__)


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.changes is None:
        return
    statuses = ctx.changes.statuses
    for path, change, line in listed_files(ctx):
        touched = changed_paths(path, statuses)
        if not touched:
            yield Hit(line, f"`{quote(path)}` is listed as changed, but `git diff "
                      f"{quote(ctx.changes.base)}...HEAD` does not touch it")
        elif change.strip().lower() in ("added", "created", "new") and not any(
                (ctx.changes.root / p).exists() for p in touched):
            yield Hit(line, f"`{quote(path)}` is listed as Added, but it does not exist")
