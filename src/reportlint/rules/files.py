"""A completion report's *Files Changed* table against what git says changed
(only with ``reportlint check --diff-base REF``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules import Context, Hit, rule

_PATH = re.compile(r"^[`'\"]?(?:\./)?([^\s`'\"]+)")


def _listed(ctx: Context) -> Iterator[tuple[str, str, int]]:
    """``(path, change type, line)`` for every row of every *Files Changed* table."""
    for section in ctx.sections():
        if section.get("key") != "files-changed":
            continue
        for table in section.get("tables", ()):
            if "file" not in table["columns"]:
                continue
            for row in table["rows"]:
                match = _PATH.match(row["cells"].get("file", "").strip())
                if match:
                    yield match.group(1), row["cells"].get("change-type", ""), row["line"]


def _touched(listed: str, statuses: dict[str, str]) -> list[str]:
    """Diff paths a listed path stands for: itself, a folder's contents, or a short name."""
    if listed in statuses:
        return [listed]
    if listed.endswith("/"):
        return [p for p in statuses if p.startswith(listed)]
    return [p for p in statuses if p.endswith("/" + listed)]


@rule("RL214", "unchanged-listed-file", Severity.ERROR)
def unchanged_listed_file(ctx: Context) -> Iterator[Hit]:
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
    if ctx.changes is None:
        return
    statuses = ctx.changes.statuses
    for path, change, line in _listed(ctx):
        touched = _touched(path, statuses)
        if not touched:
            yield Hit(line, f"`{quote(path)}` is listed as changed, but `git diff "
                      f"{quote(ctx.changes.base)}...HEAD` does not touch it")
        elif change.strip().lower() in ("added", "created", "new") and not any(
                (ctx.changes.root / p).exists() for p in touched):
            yield Hit(line, f"`{quote(path)}` is listed as Added, but it does not exist")


@rule("RL215", "unlisted-change", Severity.WARNING)
def unlisted_change(ctx: Context) -> Iterator[Hit]:
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
    if ctx.changes is None:
        return
    listed = list(_listed(ctx))
    if not listed:
        return
    covered: set[str] = set()
    for path, _, _ in listed:
        covered.update(_touched(path, ctx.changes.statuses))
    table_line = listed[0][2]
    for path in sorted(ctx.changes.statuses):
        if path not in covered and path != ctx.source:
            yield Hit(table_line, f"`{quote(path)}` is changed on this branch "
                      f"({ctx.changes.statuses[path]}) but not listed in *Files Changed*")
