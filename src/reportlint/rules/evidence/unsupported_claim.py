"""Checks that a claim about the tests ("all tests pass", "100% coverage") comes with some
evidence, where the report's template asks for test evidence (a *Test Coverage Report*, a
*Test Summary*): a test count, a pass/fail figure, a coverage percentage, a results table or
the summary line of the run.

Only a report with no test evidence anywhere is reported, at the claim; a report missing
the template's test section altogether is missing-section's (RL101).

## Why is this bad?
"All tests pass" with nothing behind it is the one sentence a reviewer cannot check. A count
or the runner's summary line costs the agent nothing and shows what was run.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

### 4. Test Coverage Report

All tests pass, with 100% coverage of the rotation module.
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

### 4. Test Coverage Report

All tests pass: `38 passed in 4.12s`; line coverage 91% (`TOTAL 412 37 91%`).
```
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint import claims
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define

CODE = define("RL304", "unsupported-claim", Severity.WARNING, __name__)
# What the template asks for is a recognised report's: a file read by its words has none.
REPORTS_ONLY = True

_ABOUT_TESTS = ("tests-pass", "full-coverage")
_TEST_KEYS = ("test", "coverage")


def _asks(ctx: Context) -> bool:
    """Whether the template declares a section for test evidence."""
    return any(w in key for key in ctx.template.sections() for w in _TEST_KEYS)


def _evidence(ctx: Context, found: claims.Claims) -> bool:
    if found.outputs or found.passed or found.counts or found.ratios or found.coverage \
            or found.coverage_rates:
        return True
    # A results table or a code block in a test section, whatever it says.
    return any(any(w in key for w in _TEST_KEYS)
               and bool(section["tables"] or section["code_blocks"])
               for key, section in ctx.keyed())


def check(ctx: Context) -> Iterator[Hit]:
    found = claims.of(ctx)
    said = [c for c in found.claims if c.kind in _ABOUT_TESTS]
    if not said or not _asks(ctx) or _evidence(ctx, found):
        return
    by_line: dict[int, list[str]] = {}
    for claim in said:
        by_line.setdefault(claim.line, []).append(f"`{quote(claim.text)}`")
    for line, words in by_line.items():
        yield Hit(line, f"{' and '.join(words)} {'is' if len(words) == 1 else 'are'} claimed "
                  f"with no test evidence in the report: no count, pass/fail figure, coverage "
                  f"figure, results table or runner output; give the run's summary")
