"""Reports a suppression that would hide a whole file where the run refuses them
(`reportlint check --no-file-suppressions`, the GitHub Action's default).

A refused directive silences nothing: the findings it would have hidden are reported too.
Refused are `reportlint-disable-file` (with or without codes), and a `reportlint-disable`
with no code (or `ALL`) or that no `reportlint-enable` closes, so that it runs to the end of
the file.

## Why is this bad?
In a pull request, the report and its comments are written by the author the check is meant
to hold to the template: one comment at the top of the file would turn the check green.
Line suppressions and closed ranges that name their codes stay allowed, and are visible
where they apply.

## Example
```markdown
<!-- reportlint-disable-file -->
## Progress Update: BE-014 - Refresh token rotation
```

## Use instead
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Progress**: 60% complete <!-- reportlint-disable-line inconsistent-progress -->
```
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlint.diagnostics import Finding, Severity
from reportlint.rules.base import define

CODE = define("RL903", "refused-suppression", Severity.ERROR, __name__)

_REFUSED = ("is refused in this run (--no-file-suppressions): the findings it would hide are "
            "reported")


def file_wide(line: int, kind: str) -> Finding:
    """``disable-file``, or ``disable`` with no code (or one every code matches)."""
    if kind == "disable-file":
        return Finding(CODE.code, line, f"`reportlint-disable-file` {_REFUSED}; silence a "
                       "line with `reportlint-disable-line CODE` instead")
    return Finding(CODE.code, line, f"`reportlint-disable` without codes {_REFUSED}; name "
                   "the codes")


def never_closed(line: int, selectors: Sequence[str]) -> Finding:
    """A ``disable`` range no ``enable`` closes: it covers the rest of the file."""
    directive = " ".join(["reportlint-disable", *selectors])
    return Finding(CODE.code, line, f"`{directive}` is never closed (so it covers the rest of "
                   f"the file) and {_REFUSED}; end the range with `reportlint-enable`")
