"""Checks that a file contains at least one report reportlint recognises. The message names
the titles it knows and suggests one for the file's first heading: the kind of report its
words say (`Completion Summary` is a completion report, `Status` a progress update), with
its task id and name. A report no template is for (a project's progress report, with no
task; an issue report) is told so, rather than to become a report of another kind.

## Why is this bad?
A report is recognised by its title heading (`## Task Acknowledged: ...`,
`## Progress Update: ...`, `## Task Completion Report: ...`). Without one, the orchestrator
and reviewers cannot tell which kind of report this is, and nothing in it is checked.

## Example
```markdown
# Work summary for the login endpoint
```

## Use instead
```markdown
## Task Completion Report: BE-001 - Login endpoint
```
or pass `--template NAME` to check the whole file against one template.
"""

from __future__ import annotations

from reportlint.diagnostics import Finding, Severity
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL005", "no-report", Severity.ERROR, __name__)


def finding(line: int, titles: list[str], suggestion: str, unfit: str | None = None
            ) -> Finding:
    """``titles``: the template titles known; ``suggestion``: the title to write; ``unfit``:
    what the file reads as when no template is for it (`a project's progress report`)."""
    known = ", ".join(f"`{title}`" for title in titles)
    if unfit is not None:
        return Finding(CODE.code, line, f"no report title found (known: {known}); this reads "
                       f"as {unfit}, which no template is for: pass --template NAME if one "
                       "fits, or leave the file out with `exclude`")
    return Finding(CODE.code, line, f"no report title found (known: {known}); start the report "
                   f"with a heading such as `## {quote(suggestion, 120)}`, or pass --template NAME")
