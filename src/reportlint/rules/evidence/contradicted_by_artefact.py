"""Checks a report's claims against the files its CI run produced, given with
`reportlint check --evidence FILE` (or `evidence = [...]` in the configuration, or the
Action's `evidence` input): JUnit XML (tests, failures, errors), Cobertura XML, coverage.py
JSON and LCOV (line coverage), SARIF (linters' errors).

Each finding is at the report's claim and quotes the file: a claim of success or "all tests
pass" against failing tests, a stated number of passing tests that is not the file's, a
coverage figure more than a point away from the file's (`~80%`: five points), "no lint errors"
against a SARIF file with errors.

## Why is this bad?
The artefacts are what CI measured; the report is what the agent says it measured. A report
that disagrees with its own CI run is wrong in the one place a reviewer trusts it.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED

All tests pass: 38 passed.
```

with `--evidence junit.xml` holding 40 tests, 2 of them failed.

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: IN PROGRESS

38 passed, 2 failed (token expiry); fixing next.
```
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reportlint import claims
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define

if TYPE_CHECKING:
    from reportlint.evidence.artefacts import Artefact

CODE = define("RL306", "contradicted-by-artefact", Severity.ERROR, __name__)

_TEST_CLAIMS = ("status", "ready", "tests-pass", "production-ready", "ready-to-merge")
_LINT_CLAIMS = ("status", "ready", "no-lint-errors", "production-ready", "ready-to-merge")


def _name(artefact: Artefact) -> str:
    return quote(os.path.basename(artefact.path) or artefact.path, 80)


def check(ctx: Context) -> Iterator[Hit]:
    artefacts = ctx.options.artefacts
    if not artefacts:
        return
    found = claims.of(ctx)
    # One finding a line: what the line says, against the first file that contradicts it.
    said: dict[int, list[str]] = {}
    against: dict[int, str] = {}
    for artefact in artefacts:
        for line, words, shown in _against(found, artefact):
            if against.setdefault(line, shown) == shown and words not in said.get(line, []):
                said.setdefault(line, []).append(words)
    for line in sorted(said):
        named = " and ".join(f"`{quote(words, 80)}`" for words in said[line][:3])
        yield Hit(line, f"the report says {named}, but {against[line]}")


def _against(found: claims.Claims, artefact: Artefact) -> Iterator[tuple[int, str, str]]:
    """``(line, what the line says, what the file says)`` for each contradicted claim."""
    name = _name(artefact)
    tests = artefact.tests
    if tests is not None:
        bad = tests.failures + tests.errors
        shown = (f"{name} has {tests.tests} tests: {tests.passed} passed, {tests.failures} "
                 f"failed, {tests.errors} errors, {tests.skipped} skipped")
        failed = [c.name for c in tests.cases if c.outcome in ("failed", "error")][:3]
        if failed:
            shown += f" (failed: {', '.join(quote(n, 60) for n in failed)})"
        if bad:
            for claim in found.claims:
                if claim.kind in _TEST_CLAIMS:
                    yield claim.line, claim.text, shown
        for count in found.passed:
            if count.value != tests.passed:
                yield count.line, count.text, shown
        for output in found.outputs:
            result = output.result
            if result.kind == "tests" and result.passed is not None and (
                    result.passed != tests.passed or (result.failed or 0) != tests.failures):
                yield output.line, result.text.strip("= "), shown
    coverage = artefact.coverage
    if coverage is not None:
        shown = f"{name} measures {coverage.percent:.1f}% ({coverage.covers})"
        for line, percent, text in found.coverage:
            approximate = "~" in text or "≈" in text or "about" in text.lower()
            if abs(percent - coverage.percent) > (5.0 if approximate else 1.0):
                yield line, text, shown
        if coverage.percent < 99.5:
            for claim in found.claims:
                if claim.kind == "full-coverage":
                    yield claim.line, claim.text, shown
    errors = sum(f.errors for f in artefact.findings)
    if errors:
        tools = ", ".join(sorted({quote(f.tool, 40) for f in artefact.findings if f.errors}))
        shown = f"{name} has {errors} error{'s' if errors != 1 else ''} from {tools}"
        for claim in found.claims:
            if claim.kind in _LINT_CLAIMS:
                yield claim.line, claim.text, shown
