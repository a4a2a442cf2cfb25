"""Checks that a figure given as coverage is not the pass rate of the tests beside it:
`Code Coverage: 100% (35/35 unit tests passing)`.

Only where it is unambiguous: the percentage is what the tests passing over the tests run
makes, stated in the same breath as the coverage.

## Why is this bad?
Coverage says how much of the code the tests run; a pass rate says how many tests pass.
35 tests passing out of 35 says nothing about coverage, and a reviewer who reads
"Coverage: 100%" will not ask for it.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

### Quality Gates
- ✅ Code Coverage: 100% (35/35 unit tests passing)
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

### Quality Gates
- ✅ Test Pass Rate: 100% (35/35 unit tests passing)
- ✅ Code Coverage: 87% of lines
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint import claims
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define

CODE = define("RL305", "mislabelled-coverage", Severity.WARNING, __name__)


def check(ctx: Context) -> Iterator[Hit]:
    for line, text, percent, passing, run in claims.of(ctx).coverage_rates:
        if run and abs(100.0 * passing / run - percent) < 0.5:
            yield Hit(line, f"`{quote(text)}` gives the tests' pass rate ({passing}/{run}) as "
                      f"coverage; report coverage as the share of code the tests run, and the "
                      f"pass rate as a pass rate")
