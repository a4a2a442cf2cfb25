"""Checks a report's claims of success (a COMPLETED status, **Ready for Review**: Yes, "all
tests pass", "no lint errors", "production-ready", "ready to merge") against the tool output
it pastes: a test run with failed or erroring tests, a linter or type checker with errors,
a build that failed (Maven, Gradle, cargo, Vite, Metro), a CI run with a failing job (`gh
pr checks`, `gh run view`, a workflow run's job list: a build or CI failure contradicts a
status, readiness or "ready to merge", not "all tests pass"), and, against "all tests pass",
test files or suites skipped (jest's, vitest's).

The output is read by format (pytest, jest, vitest, mocha, go test, cargo, JUnit consoles,
PHPUnit, RSpec, dotnet, eslint, ruff, tsc, mypy...), wherever it is in the report. A failing
run followed by a passing run of the same kind (the failure, then the fix) is not reported,
nor a build that fails because the tests it ran did (that is one failure).
Output in a test section of a finished report is contradicted-claim's (RL202): one failing
run is one finding.

Test results the report states in its own words count too (`All tests pass: 25 passed, 2
failed`, `- Unit tests: 40 passed, 3 failed`, `Two integration tests are still failing`,
`3 of 9 integration tests failing`, `Jest: 38/40 passing`), where
the words count tests and not something else (`locks after 5 failed attempts` is not a
test). A failure told as history or an exception (`initially 2 failed`, `flaky,
pre-existing`), in a section about a problem (*Known Issues*, *Challenges*, *Root Cause*),
or followed further down its section by as many tests passing, is not reported; nor is
a row or item marked done whose own text says otherwise, which is contradicted-mark's
(RL303).

## Why is this bad?
The claim is what a reviewer reads; the output is what happened. When they disagree, the
work is handed off with failing tests or lint errors that the report itself shows.

## Example
````markdown
## Task Completion Report: BE-014 - Refresh token rotation

All tests pass and the branch is ready to merge.

### Output

```text
==================== 2 failed, 36 passed in 4.12s ====================
```
````

## Use instead
````markdown
## Task Completion Report: BE-014 - Refresh token rotation

All tests pass and the branch is ready to merge.

### Output

```text
==================== 38 passed in 4.12s ====================
```
````
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint import claims
from reportlint.diagnostics import Severity
from reportlint.evidence.outputs import Result
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.rules.evidence import contradicted_mark
from reportlint.rules.review.contradicted_claim import reported_blocks

CODE = define("RL301", "failing-evidence", Severity.ERROR, __name__)

_TESTS = ("tests", "suite", "test-files")
_CHECKS = ("lint", "types")
# Which claims a failing run of each kind contradicts.
_CONTRADICTS = {
    "tests": ("status", "ready", "tests-pass", "production-ready", "ready-to-merge"),
    "checks": ("status", "ready", "no-lint-errors", "production-ready", "ready-to-merge"),
    # A skipped suite is not a failure, but "all tests pass" says every suite ran.
    "skipped": ("tests-pass",),
    # A failed build (`BUILD FAILURE`) or CI job (`gh pr checks`): not ready, whatever failed.
    "build": ("status", "ready", "production-ready", "ready-to-merge"),
    "ci": ("status", "ready", "production-ready", "ready-to-merge"),
}
_BUILDS = ("build", "ci")  # kinds whose result is a verdict on the whole, by its own name
# Sections that show a failure on purpose: the problem found, the run before the fix.
_BEFORE = ("before", "issue", "problem", "bug", "root-cause", "error", "failure", "debug",
           "known", "challenge", "reproduc", "symptom", "investigat", "blocker")


# ... and the sections where stated failures are what is left to do, not the run's result.
_NOT_NOW = (*_BEFORE, "limitation", "caveat", "next", "follow", "recommend", "risk", "todo",
            "future", "remaining", "open")


def failing(result: Result) -> str | None:
    """``tests`` or ``checks`` for a summary that shows a failure (``skipped`` for whole
    test files or suites skipped), else None."""
    if result.kind in _TESTS:
        if (result.failed or 0) > 0 or (result.errors or 0) > 0 or (
                result.outcome == "failed" and result.kind == "tests"):
            return "tests"
        if result.kind == "test-files" and (result.skipped or 0) > 0:
            return "skipped"
    elif result.kind in _CHECKS:
        # Warnings alone (`✖ 2 problems (0 errors, 2 warnings)`) do not fail a lint run.
        bad = result.errors if result.errors is not None else result.problems
        if (bad or 0) > 0 or result.outcome == "failed":  # `--max-warnings` exceeded
            return "checks"
    elif result.kind in _BUILDS and (result.outcome == "failed" or (result.failed or 0) > 0):
        return result.kind
    return None


def _family(result: Result) -> str | None:
    if result.kind in _BUILDS:
        return result.kind
    return "tests" if result.kind in _TESTS else "checks" if result.kind in _CHECKS else None


def _fixed_since(kind: str, output: claims.Output, later: claims.Output) -> bool:
    """A later run of the same tool, in another block, that shows no such failure."""
    family = "tests" if kind == "skipped" else kind
    return (_family(later.result) == family and failing(later.result) is None
            and later.result.tool == output.result.tool
            and later.block["line"] != output.block["line"])


def check(ctx: Context) -> Iterator[Hit]:
    found = claims.of(ctx)
    if not found.claims:
        return
    if found.stated:
        yield from _stated(found)
    if not found.outputs:
        return
    left_to_rl202 = reported_blocks(ctx.report)
    runs = found.outputs
    shown: set[tuple[int, str]] = set()  # one finding a block and kind: one run, one finding
    # A build that fails because its tests or checks did (Gradle's `BUILD FAILED` after
    # `1 failed`) is the same failure.
    kinds = [failing(o.result) for o in runs]
    failed_runs = {o.block["line"] for o, k in zip(runs, kinds, strict=True)
                   if k in ("tests", "checks")}
    for index, (output, kind) in enumerate(zip(runs, kinds, strict=True)):
        if kind is None:
            yield from _warned(found, output)
        if kind is None or output.block["line"] in left_to_rl202 \
                or (output.block["line"], kind) in shown \
                or (kind == "build" and output.block["line"] in failed_runs):
            continue
        if _before(output.key):
            continue
        if any(_fixed_since(kind, output, later) for later in runs[index + 1:]):
            continue  # fixed since: the later run of the same tool passes
        said = [c for c in found.claims if c.kind in _CONTRADICTS[kind]]
        if not said:
            continue
        shown.add((output.block["line"], kind))
        named = _named(said)
        summary = quote(output.result.text, 100)
        if kind == "skipped":
            yield Hit(output.line, f"the test run skipped test files or suites (`{summary}`), "
                      f"but the report claims {named}")
            continue
        if kind == "ci":
            jobs = output.result.failed or 0
            yield Hit(output.line, f"the CI run shows {jobs} failing job{'s' * (jobs != 1)} "
                      f"(`{summary}`), but the report claims {named}")
            continue
        if kind == "build":
            yield Hit(output.line, f"the {output.result.tool} build failed (`{summary}`), but "
                      f"the report claims {named}")
            continue
        what = "test run" if kind == "tests" else f"{output.result.tool} run"
        yield Hit(output.line, f"the {what} shows failures (`{summary}`), but the report "
                  f"claims {named}")


def _warned(found: claims.Claims, output: claims.Output) -> Iterator[Hit]:
    """A lint run with warnings only, against a claim of no warnings (`lints with zero
    warnings`): warnings fail no run, but the claim says there are none."""
    result = output.result
    if result.kind not in _CHECKS or not result.warnings or _before(output.key):
        return
    said = [c for c in found.claims if c.kind == "no-lint-errors" and "warning" in c.text.lower()]
    if said:
        yield Hit(output.line, f"the {result.tool} run shows warnings "
                  f"(`{quote(result.text, 100)}`), but the report claims {_named(said)}")


def _before(key: str) -> bool:
    """A section that shows a failure on purpose (see :data:`_BEFORE`)."""
    return any(w in key for w in _BEFORE)


def _named(said: list[claims.Claim]) -> str:
    """The first two claims, but one that another on its line says (`ready to merge` in
    `**Status**: ready to merge`)."""
    kept = [c for c in said if not any(
        o.line == c.line and o is not c and c.text.lower() in o.text.lower() for o in said)]
    return " and ".join(f"{_shown(c.text)} (line {c.line})" for c in kept[:2])


def _shown(text: str) -> str:
    # A title claim is worded already (the title `✅ DONE — FE-088 ...`).
    return quote(text, 120) if text.startswith("the title `") else f"`{quote(text, 80)}`"


def _stated(found: claims.Claims) -> Iterator[Hit]:
    """Failures the report states in its own words (`25 passed, 2 failed`), once a line,
    unless told as history or an exception, in a section about a problem, fixed since (a
    later statement or run with every test passing), the summary of a failing run the
    report pastes (that run is the finding), or on a line RL303 reports."""
    said = [c for c in found.claims if c.kind in _CONTRADICTS["tests"]]
    if not said:
        return
    pasted = {o.result.failed for o in found.outputs if failing(o.result) == "tests"}
    passing = _passing_after(found)
    # A row or item marked done whose own text says otherwise is contradicted-mark's (RL303).
    lines = {m.line for m in found.marks if contradicted_mark.contradiction(m.rest)}
    for tally in found.stated:
        if tally.failed == 0 or tally.told_apart or tally.line in lines \
                or any(w in tally.key for w in _NOT_NOW) or tally.failed in pasted:
            continue
        since = passing.get((tally.key, tally.line), -1)
        if since >= (0 if tally.passed is None else tally.passed + tally.failed):
            continue  # fixed since: as many tests pass further down the section
        lines.add(tally.line)
        named = _named(said)
        what = "that not every test passes" if tally.partial else "failing tests"
        yield Hit(tally.line, f"the report states {what} (`{quote(tally.text, 100)}`), but it "
                  f"claims {named}")


def _passing_after(found: claims.Claims) -> dict[tuple[str, int], int]:
    """For each stated failure (its section's key and its line), the most tests a later line
    of the same section states or shows passing with no failure (-1: none). Elsewhere in the
    report a passing run is no proof of a fix: a summary is written after the run. One sort
    and one pass, however many figures a report states."""
    # A table row's passed tests are one suite's, not the run's: no proof of a fix.
    failing_lines = {t.line for t in found.stated if t.failed} | found.rows
    # (key, line, order, passed): order 1 for a line's failures, 0 for its evidence, so that
    # going up the section a line's failures are read before its own figures.
    marks: list[tuple[str, int, int, int]] = [(t.key, t.line, 1, 0) for t in found.stated
                                              if t.failed]
    marks += [(t.key, t.line, 0, t.passed or 0) for t in found.stated
              if t.failed == 0 and not t.told_apart]
    marks += [(c.key, c.line, 0, c.value) for c in found.passed if c.line not in failing_lines]
    marks += [(o.key, o.line, 0, o.result.passed or 0) for o in found.outputs
              if _family(o.result) == "tests" and failing(o.result) is None]
    marks.sort(key=lambda m: (m[0], -m[1], -m[2]))
    after: dict[tuple[str, int], int] = {}
    key, most = None, -1
    for section, line, order, passed in marks:
        if section != key:
            key, most = section, -1
        if order:
            after[section, line] = most
        else:
            most = max(most, passed)
    return after
