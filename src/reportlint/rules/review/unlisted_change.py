"""With `--diff-base REF`, checks that every file the branch changes is listed in the
report's *Files Changed* table (the report file itself excepted).

## Why is this bad?
A change the report does not mention is a change nobody was asked to review: often a
stray edit, a generated file, or a secret.

## Example
A branch that changes `src/auth/service.ts` and `src/db/pool.ts`, and a report that lists
only the first.

## Use instead
List every changed file, or split unrelated changes into their own task.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.rules.review._files import changed_paths, listed_files

CODE = define("RL215", "unlisted-change", Severity.WARNING, __name__)


def check(ctx: Context) -> Iterator[Hit]:
    if ctx.changes is None:
        return
    listed = list(listed_files(ctx))
    if not listed:
        return
    covered: set[str] = set()
    for path, _, _ in listed:
        covered.update(changed_paths(path, ctx.changes.statuses))
    table_line = listed[0][2]
    for path in sorted(ctx.changes.statuses):
        if path not in covered and path != ctx.source:
            yield Hit(table_line, f"`{quote(path)}` is changed on this branch "
                      f"({ctx.changes.statuses[path]}) but not listed in *Files Changed*")
