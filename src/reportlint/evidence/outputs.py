"""What the tools agents paste into reports say: the summary lines of test runners, coverage
reporters, linters and type checkers, read from the text of one code block.

:func:`parse` turns a block into :class:`Result` s, one per summary (several lines of one
summary, such as mocha's ``passing``/``pending``/``failing``, make one result). Each tool is a
row of :data:`SPECS`: a pattern matched at the start of a line, whose named groups say what
they hold (``failed``, ``pct_lines``, ``name``...), so adding a tool is adding a row. Tools
are recognised by their summary lines alone: a block fenced as ``text`` or ``python`` is read
the same way.

The patterns are Python ``re`` patterns, matched with ``match`` (anchored at the start of the
line) and written so that no input makes them backtrack more than linearly: no repeat inside a
repeat but a bounded one, and no two adjacent repeats that can take the same characters.
``tests/test_evidence_outputs.py`` times every one of them on long hostile lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from reportlint import lazyre

Outcome = Literal["passed", "failed"]

# The count fields of a result; any other count a tool states goes to `extra` in its own word.
COUNTS = ("passed", "failed", "errors", "skipped", "total", "problems", "warnings")


# NamedTuples and a slotted class, not dataclasses: creating a dataclass costs 0.7 ms of every
# run's start-up.


class Result(NamedTuple):
    """One summary a tool printed, with the counts it states (``None``: not stated).

    ``kind`` says what the counts count: ``tests`` (a run), ``suite`` (one package, class or
    module of a run, named by ``name``), ``test-files`` (jest's *Test Suites*, vitest's *Test
    Files*), ``coverage``, ``lint``, ``types``, ``format`` (files a formatter would change,
    in ``problems``) or ``build`` (a verdict only). For linters ``errors`` and ``warnings``
    are severities and ``problems`` is the count that fails the run. ``coverage`` is the
    headline percent and ``covers`` what it is of (``lines``, ``statements``,
    ``statements+branches``, ``total``); ``metrics`` holds every percent the summary states.
    ``line`` (1-based) and ``offset`` (of the line's first character) place the summary line
    in the block, ``text`` is that line without colour codes or surrounding white space.
    """

    tool: str
    kind: str
    line: int
    offset: int
    text: str
    outcome: Outcome | None = None
    passed: int | None = None
    failed: int | None = None
    errors: int | None = None
    skipped: int | None = None
    total: int | None = None
    problems: int | None = None
    warnings: int | None = None
    coverage: float | None = None
    covers: str | None = None
    metrics: tuple[tuple[str, float], ...] = ()
    extra: tuple[tuple[str, int], ...] = ()
    name: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The fields that hold something, for JSON (the fixtures' expectations)."""
        found: dict[str, Any] = {}
        value: Any
        for name, value in zip(self._fields, self, strict=True):
            if value is None or value == ():
                continue
            found[name] = dict(value) if name in ("metrics", "extra") else value
        return found


_NONE: Mapping[str, Any] = MappingProxyType({})


class Spec(NamedTuple):
    """One kind of summary line of one tool.

    The pattern's named groups say where their text goes: a name in :data:`COUNTS`, a count;
    ``pct_X``, the percent metric ``X``; ``x_X``, the extra count ``X``; ``name``; ``verdict``,
    an outcome through ``verdicts``; ``list``, counts written as ``N word`` (or ``Word: N``,
    ``word=N``) separated by ``sep``, each word mapped by ``words`` (a word not there is an
    extra count under its own name); ``key`` and ``n``, one count named by ``keys[key]``
    (without ``n``, the line counts 1: go's ``--- FAIL`` lines are tallied). ``const`` are
    values the line states by being there (``All checks passed!``: no problems).

    Lines of one ``merge`` group make one result: a line joins the group's latest result unless
    it would set a value that result already has, or it is an ``anchor`` and the result
    already has one (then it starts the next result). A result is placed at its anchor line;
    a group with ``requires`` keeps only the results that have that value (mocha's
    ``2 failing`` is mocha's only beside a ``passing`` line). A tallied count gives way to a
    count the tool states (tsc's ``Found 3 errors`` over its ``error TS`` lines).
    """

    tool: str
    kind: str
    example: str
    pattern: re.Pattern[str]
    needle: str
    words: Mapping[str, str] = _NONE
    sep: str = ", "
    keys: Mapping[str, str] = _NONE
    verdicts: Mapping[str, Outcome] = _NONE
    const: Mapping[str, Any] = _NONE
    covers: str | None = None
    merge: str | None = None
    anchor: bool = False
    requires: str | None = None


def _spec(tool: str, kind: str, example: str, pattern: str, needle: str, **options: Any) -> Spec:
    # The needle is a literal every matching line holds: `in` finds it far faster than the
    # pattern can fail, so most lines are passed over without running any pattern.
    return Spec(tool, kind, example, lazyre.compile(pattern, re.ASCII), needle, **options)


N = r"[0-9]+"
PCT = r"[0-9]+(?:\.[0-9]+)?"
SECS = r"[0-9]+(?:\.[0-9]+)?m?s"
# Each list's vocabulary is closed: a line with a word its tool does not print is not its
# summary (`3 apples in 2s` is not pytest's). Words that are not a count field are extra counts.
_PYTEST_WORDS = {"passed": "passed", "failed": "failed", "skipped": "skipped",
                 "error": "errors", "errors": "errors", "warning": "warnings",
                 "warnings": "warnings", "xfailed": "x_xfailed", "xpassed": "x_xpassed",
                 "deselected": "x_deselected", "rerun": "x_rerun"}
_JEST_WORDS = {"passed": "passed", "failed": "failed", "skipped": "skipped", "todo": "x_todo",
               "total": "total", "pending": "skipped"}
_VITEST_WORDS = {"passed": "passed", "failed": "failed", "skipped": "skipped", "todo": "x_todo",
                 "expected fail": "x_expected_fail"}
_CARGO_WORDS = {"passed": "passed", "failed": "failed", "ignored": "skipped",
                "measured": "x_measured", "filtered out": "x_filtered_out"}
_NEXTEST_WORDS = {"passed": "passed", "failed": "failed", "skipped": "skipped",
                  "tests skipped": "skipped", "test skipped": "skipped", "timed out": "x_timed_out",
                  "slow": "x_slow", "leaky": "x_leaky", "flaky": "x_flaky",
                  "exec failed": "x_exec_failed", "not run": "x_not_run"}
_GOTESTSUM_WORDS = {"tests": "total", "test": "total", "skipped": "skipped",
                    "failure": "failed", "failures": "failed", "error": "errors",
                    "errors": "errors"}
_UNITTEST_WORDS = {"failures": "failed", "errors": "errors", "skipped": "skipped",
                   "expected_failures": "x_expected_failures",
                   "unexpected_successes": "x_unexpected_successes"}
_GRADLE_WORDS = {"failed": "failed", "skipped": "skipped"}
_PHPUNIT_WORDS = {"Failures": "failed", "Errors": "errors", "Skipped": "skipped",
                  "Warnings": "warnings", "Incomplete": "x_incomplete", "Risky": "x_risky",
                  "Deprecations": "x_deprecations", "PHPUnit Deprecations":
                  "x_phpunit_deprecations", "Notices": "x_notices"}
_NODE_KEYS = {"tests": "total", "pass": "passed", "fail": "failed", "skipped": "skipped",
              "cancelled": "x_cancelled", "todo": "x_todo", "suites": "x_suites"}

SPECS: tuple[Spec, ...] = (
    # pytest: the last line, framed in `=` (plain with -q).
    _spec("pytest", "tests",
          "============== 1 failed, 3 passed, 1 skipped, 1 xfailed in 0.04s ===============",
          rf"(?:=+ )?(?P<list>[0-9a-z, ]+) in {PCT}s(?: \([0-9:]+\))?(?: =+)?$", " in ",
          words=_PYTEST_WORDS),
    _spec("pytest", "tests", "============================ no tests ran in 0.01s ==="
          "==========================", rf"(?:=+ )?no tests ran in {PCT}s(?: =+)?$",
          "no tests ran", const={"total": 0}),
    # coverage.py's report table (pytest-cov prints it): Stmts Miss [Branch BrPart] Cover.
    _spec("coverage.py", "coverage", "TOTAL                 10      4    60%",
          rf"TOTAL(?: +{N}){{2}} +(?P<pct_statements>{PCT})%$", "TOTAL",
          covers="statements"),
    _spec("coverage.py", "coverage", "TOTAL                 10      4      4      1    50%",
          rf"TOTAL(?: +{N}){{4}} +(?P<pct_statements_branches>{PCT})%$", "TOTAL",
          covers="statements+branches"),
    _spec("pytest-cov", "coverage",
          "FAIL Required test coverage of 90% not reached. Total coverage: 50.00%",
          rf"(?:FAIL )?Required test coverage of (?P<pct_required>{PCT})% "
          rf"(?P<verdict>reached|not reached)\. Total coverage: (?P<pct_total>{PCT})%$",
          "Required test coverage", verdicts={"reached": "passed", "not reached": "failed"},
          covers="total"),
    # unittest (and Django's test runner): `Ran N tests`, then `OK` or `FAILED (...)`.
    _spec("unittest", "tests", "Ran 5 tests in 0.001s", rf"Ran (?P<total>{N}) tests? in {PCT}s$",
          "Ran ", merge="unittest", anchor=True),
    _spec("unittest", "tests", "FAILED (failures=1, errors=1, skipped=1)",
          r"(?P<verdict>FAILED) \((?P<list>[a-z_=0-9, ]+)\)$", "FAILED (",
          verdicts={"FAILED": "failed"}, words=_UNITTEST_WORDS, merge="unittest",
          requires="total"),
    _spec("unittest", "tests", "OK (skipped=1)",
          r"(?P<verdict>OK)(?: \((?P<list>[a-z_=0-9, ]+)\))?$", "OK",
          verdicts={"OK": "passed"}, words=_UNITTEST_WORDS, merge="unittest",
          requires="total"),
    # jest
    _spec("jest", "tests", "Tests:       1 failed, 1 skipped, 1 todo, 3 passed, 6 total",
          r"Tests: +(?P<list>[0-9a-z, ]+)$", "Tests:", words=_JEST_WORDS),
    _spec("jest", "test-files", "Test Suites: 1 failed, 1 passed, 2 total",
          r"Test Suites: +(?P<list>[0-9a-z, ]+)$", "Test Suites:", words=_JEST_WORDS),
    # vitest
    _spec("vitest", "tests", "      Tests  1 failed | 3 passed | 1 skipped | 1 todo (6)",
          rf" *Tests  +(?P<list>[0-9a-z| ]+) \((?P<total>{N})\)$", "Tests  ",
          words=_VITEST_WORDS, sep=" | "),
    _spec("vitest", "test-files", " Test Files  1 failed | 1 passed (2)",
          rf" *Test Files  +(?P<list>[0-9a-z| ]+) \((?P<total>{N})\)$", "Test Files",
          words=_VITEST_WORDS, sep=" | "),
    # istanbul (jest, vitest, nyc, c8): the text table's first row, and text-summary.
    _spec("istanbul", "coverage",
          "All files |    62.5 |       25 |     100 |   66.66 |                   ",
          rf"All files +\| +(?P<pct_statements>{PCT}) +\| +(?P<pct_branches>{PCT}) +\| "
          rf"+(?P<pct_functions>{PCT}) +\| +(?P<pct_lines>{PCT}) +\|", "All files",
          covers="lines"),
    _spec("istanbul", "coverage", "Lines        : 83.33% ( 10/12 )",
          rf"(?P<key>Statements|Branches|Functions|Lines) +: (?P<n>{PCT})% \( ?{N}/{N} ?\)$",
          " : ", keys={"Statements": "pct_statements", "Branches": "pct_branches",
                       "Functions": "pct_functions", "Lines": "pct_lines"},
          covers="lines", merge="istanbul-summary", requires="pct_lines"),
    # mocha: `N passing (T)`, then `N pending` and `N failing` when there are any.
    _spec("mocha", "tests", "  2 passing (3ms)", rf" *(?P<passed>{N}) passing \({N}[a-z]+\)$",
          " passing (", merge="mocha", anchor=True),
    _spec("mocha", "tests", "  1 pending", rf" *(?P<skipped>{N}) pending$", " pending",
          merge="mocha", requires="passed"),
    _spec("mocha", "tests", "  1 failing", rf" *(?P<failed>{N}) failing$", " failing",
          merge="mocha", requires="passed"),
    # node --test: the spec reporter's `ℹ` lines and the TAP reporter's `#` lines.
    _spec("node", "tests", "ℹ tests 4", rf"ℹ (?P<key>tests) (?P<n>{N})$", "ℹ tests",
          keys=_NODE_KEYS, merge="node", anchor=True),
    _spec("node", "tests", "ℹ fail 1",
          rf"ℹ (?P<key>suites|pass|fail|cancelled|skipped|todo) (?P<n>{N})$", "ℹ ",
          keys=_NODE_KEYS, merge="node", requires="total"),
    _spec("node", "coverage", "ℹ all files | 100.00 |   100.00 |   75.00 |",
          rf"ℹ all files +\| +(?P<pct_lines>{PCT}) +\| +(?P<pct_branches>{PCT}) +\| "
          rf"+(?P<pct_functions>{PCT}) +\|", "ℹ all files", covers="lines"),
    _spec("tap", "tests", "# tests 4", rf"# (?P<key>tests) +(?P<n>{N})$", "# tests",
          keys=_NODE_KEYS, merge="tap", anchor=True),
    _spec("tap", "tests", "# fail 1",
          rf"# (?P<key>suites|pass|fail|cancelled|skipped|todo) +(?P<n>{N})$", "# ",
          keys=_NODE_KEYS, merge="tap", requires="total"),
    # go test: top-level `--- FAIL: TestX` lines (subtests are indented), one line per
    # package, and with -v a `coverage:` line before the package line.
    _spec("go", "tests", "--- FAIL: TestAddWrong (0.00s)", r"--- (?P<key>FAIL|PASS|SKIP): \S",
          "--- ", keys={"FAIL": "failed", "PASS": "passed", "SKIP": "skipped"}, merge="go"),
    _spec("go", "suite", "ok  \texample.com/demo/util\t0.005s\tcoverage: 50.0% of statements",
          rf"(?P<verdict>ok) +\t?(?P<name>\S+)\s+(?:{PCT}s|\(cached\))"
          rf"(?:\s+coverage: (?:(?P<pct_statements>{PCT})% of statements(?: in \S+)?"
          r"|\[no statements\]))?$",
          "ok ", verdicts={"ok": "passed"}, covers="statements", merge="go-package",
          anchor=True),
    _spec("go", "suite", "FAIL\texample.com/demo/calc\t0.004s",
          rf"(?P<verdict>FAIL)\s+(?P<name>\S+)\s+(?:{PCT}s|\[build failed\]|\[setup failed\])$",
          "FAIL", verdicts={"FAIL": "failed"}, covers="statements", merge="go-package",
          anchor=True),
    _spec("go", "suite", "coverage: 83.3% of statements",
          rf"coverage: (?P<pct_statements>{PCT})% of statements(?: in \S+)?$", "coverage: ",
          covers="statements", merge="go-package", requires="name"),
    _spec("go", "suite", "\texample.com/demo/cmd\t\tcoverage: 0.0% of statements",
          rf"\s+(?P<name>[^\s:]+)\s+coverage: (?P<pct_statements>{PCT})% of statements$",
          "coverage: ", covers="statements", merge="go-package", anchor=True),
    # `go tool cover -func`: a line per function, then the total of statements.
    _spec("go tool cover", "coverage", "total:\t\t\t\t(statements)\t81.4%",
          rf"total:[ \t]+\(statements\)[ \t]+(?P<pct_statements>{PCT})%$", "(statements)",
          covers="statements"),
    _spec("gotestsum", "tests", "DONE 5 tests, 1 skipped, 2 failures in 0.123s",
          rf"DONE (?:{N} runs?, )?(?P<list>[0-9a-z, ]+) in {PCT}s$", "DONE ",
          words=_GOTESTSUM_WORDS),
    # cargo test: one `test result:` line per test binary (unit, integration, doc tests).
    _spec("cargo", "tests",
          "test result: FAILED. 2 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; "
          "finished in 0.12s",
          rf"test result: (?P<verdict>ok|FAILED)\. (?P<list>[0-9a-z; ]+?)"
          rf"(?:; finished in {PCT}s)?$", "test result: ",
          verdicts={"ok": "passed", "FAILED": "failed"}, words=_CARGO_WORDS, sep="; "),
    _spec("cargo", "build",
          "error: could not compile `calc` (lib test) due to 1 previous error; 1 warning emitted",
          rf"error: could not compile `(?P<name>[^`]+)`(?: \([^()]*\))? due to (?P<errors>{N}) "
          rf"previous errors?(?:; (?P<warnings>{N}) warnings? emitted)?$", "could not compile",
          const={"outcome": "failed"}),
    _spec("nextest", "tests", "     Summary [   0.010s] 3 tests run: 2 passed, 1 failed, 1 skipped",
          rf" *Summary \[ *{PCT}s\] (?:(?P<x_run>{N})/)?(?P<total>{N}) tests? run: "
          r"(?P<list>[0-9a-z, ()]+)$", "Summary [", words=_NEXTEST_WORDS),
    _spec("tarpaulin", "coverage", "85.71% coverage, 6/7 lines covered",
          rf"(?P<pct_lines>{PCT})% coverage, {N}/{N} lines covered"
          rf"(?:, [+-]?{PCT}% change in coverage)?$", "% coverage, ",
          covers="lines"),
    # JUnit Platform console launcher: the box after `Test run finished after N ms`.
    _spec("junit-console", "tests", "Test run finished after 140 ms",
          rf"Test run finished after {N} ms$", "Test run finished", merge="junit-console",
          anchor=True),
    _spec("junit-console", "tests", "[         1 tests failed          ]",
          rf"\[ +(?P<n>{N}) (?P<key>tests (?:found|skipped|started|aborted|successful|failed)"
          r"|containers failed) +\]$", "[ ",
          keys={"tests found": "total", "tests skipped": "skipped", "tests successful": "passed",
                "tests failed": "failed", "tests aborted": "x_aborted",
                "tests started": "x_started", "containers failed": "errors"},
          merge="junit-console", requires="total"),
    # JUnit 4's text runner (JUnitCore).
    _spec("junit4", "tests", "OK (3 tests)", rf"OK \((?P<passed>{N}) tests?\)$", "OK (",
          const={"outcome": "passed"}),
    _spec("junit4", "tests", "Tests run: 2,  Failures: 1",
          rf"Tests run: (?P<total>{N}),  Failures: (?P<failed>{N})$", "Tests run: ",
          const={"outcome": "failed"}),
    # Maven Surefire: a line per test class, the totals under `Results:`, the build verdict.
    _spec("maven", "tests", "[ERROR] Tests run: 4, Failures: 1, Errors: 0, Skipped: 1",
          rf"(?:\[(?:INFO|WARNING|ERROR)\] )?Tests run: (?P<total>{N}), Failures: "
          rf"(?P<failed>{N}), Errors: (?P<errors>{N}), Skipped: (?P<skipped>{N})"
          rf"(?:, Flakes: (?P<x_flakes>{N}))?$", "Tests run: "),
    _spec("maven", "suite", "[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, "
          "Time elapsed: 0 s - in demo.OkTest",
          rf"(?:\[(?:INFO|WARNING|ERROR)\] )?Tests run: (?P<total>{N}), Failures: "
          rf"(?P<failed>{N}), Errors: (?P<errors>{N}), Skipped: (?P<skipped>{N}), "
          rf"Time elapsed: {PCT} s(?: <<< (?:FAILURE|ERROR)!)? --? in (?P<name>\S+)$",
          "Time elapsed: "),
    _spec("maven", "build", "[INFO] BUILD FAILURE",
          r"(?:\[(?:INFO|ERROR)\] )?BUILD (?P<verdict>SUCCESS|FAILURE)$", "BUILD ",
          verdicts={"SUCCESS": "passed", "FAILURE": "failed"}),
    # Gradle: a test summary only when tests failed, then the build verdict.
    _spec("gradle", "tests", "4 tests completed, 1 failed, 1 skipped",
          rf"(?P<total>{N}) tests? completed, (?P<list>[0-9a-z, ]+)$", " completed, ",
          words=_GRADLE_WORDS),
    _spec("gradle", "build", "BUILD FAILED in 6s",
          r"BUILD (?P<verdict>SUCCESSFUL|FAILED) in [0-9hms ]+$", "BUILD ",
          verdicts={"SUCCESSFUL": "passed", "FAILED": "failed"}),
    # Vite's production build, and Metro's bundle (Expo, React Native).
    _spec("vite", "build", "x Build failed in 7.41s",
          rf"(?:x|✗|×) Build (?P<verdict>failed) in {PCT}m?s$", "Build failed in ",
          verdicts={"failed": "failed"}),
    _spec("vite", "build", "✓ built in 3.21s", rf"✓ (?P<verdict>built) in {PCT}m?s$",
          "built in ", verdicts={"built": "passed"}),
    _spec("metro", "build", "Android Bundling failed 2318ms",
          rf"(?:Android|iOS|Web|web) (?P<verdict>Bundling failed|Bundled) {N}ms(?: .*)?$",
          "Bundl", verdicts={"Bundling failed": "failed", "Bundled": "passed"}),
    # PHPUnit: `OK (N tests, M assertions)`, or the counts after FAILURES!/ERRORS!/`OK, but`.
    _spec("phpunit", "tests", "OK (1 test, 1 assertion)",
          rf"OK \((?P<total>{N}) tests?, (?P<x_assertions>{N}) assertions?\)$", "OK (",
          const={"outcome": "passed"}),
    _spec("phpunit", "tests", "Tests: 4, Assertions: 3, Failures: 1, Skipped: 1.",
          rf"Tests: (?P<total>{N}), Assertions: (?P<x_assertions>{N})"
          r"(?:, (?P<list>[A-Za-z0-9:, ]+))?\.$", "Assertions: ", words=_PHPUNIT_WORDS),
    _spec("phpunit", "coverage", "  Lines:   16.67% (1/6)",
          rf" +(?P<key>Classes|Methods|Lines): +(?P<n>{PCT})% \({N}/{N}\)$", "% (",
          keys={"Classes": "pct_classes", "Methods": "pct_methods", "Lines": "pct_lines"},
          covers="lines", merge="phpunit-coverage", requires="pct_lines"),
    # RSpec and SimpleCov.
    _spec("rspec", "tests", "4 examples, 1 failure, 2 pending",
          rf"(?P<total>{N}) examples?, (?P<failed>{N}) failures?(?:, (?P<skipped>{N}) pending)?"
          rf"(?:, (?P<errors>{N}) errors? occurred outside of examples)?$", " example"),
    _spec("simplecov", "coverage", "Coverage report generated for RSpec to /tmp/ev/rb/coverage. "
          "4 / 7 LOC (57.14%) covered.",
          rf"Coverage report generated for .* {N} / {N} LOC \((?P<pct_lines>{PCT})%\) covered\.$",
          "Coverage report generated", covers="lines"),
    _spec("simplecov", "coverage", "Line Coverage: 57.14% (4 / 7)",
          rf"(?P<key>Line|Branch|Method) [Cc]overage: (?P<n>{PCT})% \({N} / {N}\)$", "overage: ",
          keys={"Line": "pct_lines", "Branch": "pct_branches", "Method": "pct_methods"},
          covers="lines", merge="simplecov", requires="pct_lines"),
    # dotnet test: VSTest's one line per test project, its older block, and the Microsoft
    # Testing Platform's `Test run summary:` block.
    _spec("dotnet", "tests", "Failed!  - Failed:     1, Passed:     2, Skipped:     1, "
          "Total:     4, Duration: 15 ms - Calc.Tests.dll (net8.0)",
          rf"(?P<verdict>Passed|Failed)! +- Failed: +(?P<failed>{N}), Passed: +(?P<passed>{N}), "
          rf"Skipped: +(?P<skipped>{N}), Total: +(?P<total>{N}), Duration: [^-]*"
          r"(?:- (?P<name>.+))?$", "! ", verdicts={"Passed": "passed", "Failed": "failed"}),
    _spec("dotnet", "tests", "Test Run Failed.", r"Test Run (?P<verdict>Successful|Failed)\.$",
          "Test Run ", verdicts={"Successful": "passed", "Failed": "failed"}, merge="vstest",
          requires="total"),
    _spec("dotnet", "tests", "Total tests: 4", rf"Total tests: (?P<total>{N})$", "Total tests: ",
          merge="vstest", anchor=True),
    _spec("dotnet", "tests", "     Passed: 2", rf" +(?P<key>Passed|Failed|Skipped): (?P<n>{N})$",
          "ed: ", keys={"Passed": "passed", "Failed": "failed", "Skipped": "skipped"},
          merge="vstest", requires="total"),
    _spec("dotnet", "tests", "Test run summary: Failed! - bin/Debug/net9.0/Calc.Tests.dll "
          "(net9.0|x64)", r"Test run summary: (?P<verdict>Passed|Failed|Aborted)!(?: - .*)?$",
          "Test run summary: ",
          verdicts={"Passed": "passed", "Failed": "failed", "Aborted": "failed"},
          merge="mtp", anchor=True),
    _spec("dotnet", "tests", "  succeeded: 2",
          rf" +(?P<key>total|failed|succeeded|skipped|error): (?P<n>{N})$", ": ",
          keys={"total": "total", "failed": "failed", "succeeded": "passed",
                "skipped": "skipped", "error": "errors"}, merge="mtp", requires="outcome"),
    _spec("coverlet", "coverage", "| Total   | 80%  | 50%    | 100%   |",
          rf"\| Total +\| (?P<pct_lines>{PCT})% +\| (?P<pct_branches>{PCT})% +\| "
          rf"(?P<pct_methods>{PCT})% +\|$", "| Total ", covers="lines"),
    # Linters and type checkers.
    _spec("eslint", "lint", "✖ 4 problems (2 errors, 2 warnings)",
          rf"✖ (?P<problems>{N}) problems? \((?P<errors>{N}) errors?, "
          rf"(?P<warnings>{N}) warnings?\)$", "✖ ", merge="eslint", anchor=True),
    # `--max-warnings`: warnings over the maximum fail the run.
    _spec("eslint", "lint", "ESLint found too many warnings (maximum: 0).",
          rf"ESLint found too many warnings \(maximum: {N}\)\.$", "too many warnings",
          const={"outcome": "failed"}, merge="eslint"),
    _spec("ruff", "lint", "Found 3 errors.", rf"Found (?P<problems>{N}) errors?\.$", "Found "),
    _spec("ruff", "lint", "Found 3 errors (2 fixed, 1 remaining).",
          rf"Found (?P<x_found>{N}) errors? \((?P<x_fixed>{N}) fixed, "
          rf"(?P<problems>{N}) remaining\)\.$", "Found "),
    _spec("ruff", "lint", "All checks passed!", r"All checks passed!$", "All checks passed!",
          const={"problems": 0, "outcome": "passed"}),
    _spec("ruff", "format", "1 file would be reformatted, 2 files already formatted",
          rf"(?P<problems>{N}) files? would be reformatted(?:, (?P<x_formatted>{N}) files? "
          r"already formatted)?$", "would be reformatted"),
    _spec("black", "format", "1 file would be reformatted, 2 files would be left unchanged.",
          rf"(?P<problems>{N}) files? would be reformatted(?:, (?P<x_unchanged>{N}) files? "
          r"would be left unchanged)?\.$", "would be reformatted"),
    _spec("ruff", "format", "3 files already formatted",
          rf"(?P<x_formatted>{N}) files? already formatted$", "already formatted",
          const={"problems": 0}),
    _spec("black", "format", "3 files would be left unchanged.",
          rf"(?P<x_unchanged>{N}) files? would be left unchanged\.$", "would be left unchanged",
          const={"problems": 0}),
    _spec("tsc", "types", "Found 3 errors in 2 files.",
          rf"(?:\[[^\]]*\] )?Found (?P<problems>{N}) errors?(?: in (?:{N} files\.|the same "
          r"file, starting at: \S+|\S+)|\. Watching for file changes\.)$", "Found ",
          merge="tsc", anchor=True),
    _spec("tsc", "types", "ts/a.ts(1,7): error TS2322: Type 'string' is not assignable to "
          "type 'number'.", rf"\S[^(]*\({N},{N}\): (?P<key>error) TS{N}: ", ": error TS",
          keys={"error": "problems"}, merge="tsc"),
    _spec("tsc", "types", "ts/b.ts:1:5 - error TS2322: Type 'number' is not assignable to "
          "type 'string'.", rf"\S[^:]*:{N}:{N} - (?P<key>error) TS{N}: ", " - error TS",
          keys={"error": "problems"}, merge="tsc"),
    _spec("mypy", "types", "Found 1 error in 1 file (checked 2 source files)",
          rf"Found (?P<problems>{N}) errors? in (?P<x_files>{N}) files? \((?:checked "
          rf"(?P<x_checked>{N}) source files?|errors prevented further checking)\)$", "Found ",
          const={"outcome": "failed"}),
    _spec("mypy", "types", "Success: no issues found in 2 source files",
          rf"Success: no issues found in (?P<x_checked>{N}) source files?$", "Success: ",
          const={"problems": 0, "outcome": "passed"}),
    _spec("pyright", "types", "2 errors, 1 warning, 0 informations",
          rf"(?P<problems>{N}) errors?, (?P<warnings>{N}) warnings?, "
          rf"(?P<x_informations>{N}) informations?$", " informations"),
)

_ANSI = lazyre.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_PIECE_NUMBER_FIRST = lazyre.compile(rf"(?P<n>{N})(?: of (?P<of>{N}))? (?P<w>[a-z][a-z ]*)",
                                 re.ASCII)
_PIECE_WORD_FIRST = lazyre.compile(rf"(?P<w>[A-Za-z][A-Za-z_ ]*)(?::|=) ?(?P<n>{N})", re.ASCII)


class _Draft:
    """A result being assembled from one or more lines."""

    __slots__ = ("anchored", "line", "offset", "spec", "tallies", "text", "values")

    def __init__(self, spec: Spec, line: int, offset: int, text: str, anchored: bool) -> None:
        self.spec, self.line, self.offset, self.text = spec, line, offset, text
        self.anchored = anchored
        self.values: dict[str, Any] = {}
        self.tallies: dict[str, int] = {}

    def result(self) -> Result:
        values = {**self.tallies, **self.values}
        counts = {k: values.pop(k) for k in COUNTS if k in values}
        metrics = {k[4:]: values.pop(k) for k in list(values) if k.startswith("pct_")}
        extra = {k[2:]: values.pop(k) for k in list(values) if k.startswith("x_")}
        covers = self.spec.covers
        if covers is not None and covers.replace("+", "_") not in metrics:
            covers = None
        headline = metrics.get(covers.replace("+", "_")) if covers else None
        return Result(
            tool=self.spec.tool, kind=self.spec.kind, line=self.line, offset=self.offset,
            text=self.text, outcome=values.get("outcome"), name=values.get("name"),
            coverage=headline, covers=covers,
            metrics=tuple((k.replace("_", "+"), v) for k, v in metrics.items()),
            extra=tuple(extra.items()), **counts)


def _counts(spec: Spec, text: str) -> dict[str, int] | None:
    """``N word`` pieces (or ``Word: N``, ``word=N``), or None when a piece is none of them
    or a word is not one the tool prints."""
    found: dict[str, int] = {}
    # nextest's `3 passed (1 slow, 1 leaky)`: what the parentheses hold is counts too.
    for piece in text.replace(" (", spec.sep).replace(")", "").split(spec.sep.strip() or " "):
        piece = piece.strip()
        if not piece:
            continue
        match = _PIECE_NUMBER_FIRST.fullmatch(piece) or _PIECE_WORD_FIRST.fullmatch(piece)
        if match is None:
            return None
        target = spec.words.get(match["w"].strip())
        if target is None:
            return None
        # jest's `3 of 4 total`: 3 ran of the 4 there are.
        count = int(match.groupdict().get("of") or match["n"])
        found[target] = found.get(target, 0) + count
    return found or None


def _values(spec: Spec, match: re.Match[str]) -> dict[str, Any] | None:
    """What one matched line states, by target; None when the line turns out not to fit."""
    values: dict[str, Any] = dict(spec.const)
    for group, text in match.groupdict().items():
        if text is None:
            continue
        if group == "list":
            listed = _counts(spec, text)
            if listed is None:
                return None
            values.update(listed)
        elif group == "verdict":
            values["outcome"] = spec.verdicts[text]
        elif group == "key":
            target = spec.keys[text]
            number = match.groupdict().get("n")
            values[target] = 1 if number is None else _number(target, number)
        elif group == "n":
            continue
        elif group == "name":
            values["name"] = text
        else:
            values[group] = _number(group, text)
    return values


def _number(target: str, text: str) -> float | int:
    return float(text) if target.startswith("pct_") else int(text)


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    offset = 0
    for number, raw in enumerate(text.split("\n"), 1):
        yield number, offset, raw
        offset += len(raw) + 1


def parse(text: str, language: str | None = None) -> list[Result]:
    """Every tool summary in the text of one code block, in the order of their lines.

    ``language`` (the fence's info string) is accepted for callers that have it and is not
    used: agents fence tool output as ``text``, ``console``, ``bash`` or the language of the
    project, so the lines alone decide.
    """
    del language
    done: list[_Draft] = []
    current: dict[str, _Draft] = {}  # the latest result of each merge group
    for number, offset, raw in _lines(text):
        if "\x1b" in raw:
            raw = _ANSI.sub("", raw)
        line = raw.rstrip()
        if not line:
            continue
        for spec in SPECS:
            if spec.needle not in line:
                continue
            match = spec.pattern.match(line)
            if match is None:
                continue
            values = _values(spec, match)
            if values is None:
                continue
            _place(spec, values, _Draft(spec, number, offset, line.strip(), spec.anchor),
                   current, done)
            break
    kept = [d for d in done if d.spec.requires is None or d.spec.requires in d.values
            or d.spec.requires in d.tallies]
    return [d.result() for d in sorted(kept, key=lambda d: d.line)]


def _place(spec: Spec, values: dict[str, Any], draft: _Draft, current: dict[str, _Draft],
           done: list[_Draft]) -> None:
    tally = "key" in spec.pattern.groupindex and "n" not in spec.pattern.groupindex
    if spec.merge is None:
        draft.values = values
        done.append(draft)
        return
    group = current.get(spec.merge)
    if group is None or (spec.anchor and group.anchored) or (
            not tally and values.keys() & group.values.keys()):
        group = draft
        current[spec.merge] = group
        done.append(group)
    elif spec.anchor:
        # The anchor places the result and decides its requirements; earlier lines joined it.
        group.spec, group.line, group.offset = spec, draft.line, draft.offset
        group.text, group.anchored = draft.text, True
    if tally:
        for target, count in values.items():
            group.tallies[target] = group.tallies.get(target, 0) + count
    else:
        group.values.update(values)
