"""Claims against evidence: the one extraction pass (reportlint.claims), the RL3xx rules'
messages, and `--evidence` from the command line, the configuration and the API (the Action
and the MCP server are in test_integrations.py and test_servers_mcp.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint import api, claims, codes, engine, model
from reportlint.nodes import Report
from reportlint.resolver import registry
from reportlint.rules.base import Context, Options

from conftest import FIXTURES, ROOT

ARTEFACTS = FIXTURES / "evidence/artefacts"
CLAIMS = FIXTURES / "evidence/claims"
EXPECTED = [row.split("\t") for row in
            (CLAIMS / "report.md.expected.tsv").read_text("utf-8").splitlines() if row]
FORMATS = sorted({row[0] for row in EXPECTED})


def _report(text: str) -> tuple[Context, dict[str, object]]:
    lines = model.split_lines(text)
    doc = engine.document(text, registry(), None, None, lines)
    memo: dict[str, object] = {}
    report = doc["reports"][0]
    return Context(doc, lines, Options(), report, memo=memo), memo


SAMPLE = """\
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: ✅ COMPLETE

All tests pass and the branch is ready to merge; no breaking changes.

### Tests

**40+ test cases covering:**

#### Rotation (6 tests)

#### Expiry (3 tests)

### Quality Gates

| Gate | Status | Notes |
|------|--------|-------|
| Unit tests | ✅ Pass | 25/27 passing |

- [x] Code Coverage: 100% (35/35 unit tests passing)

```text
==================== 2 failed, 36 passed in 4.12s ====================
```
"""


def test_one_pass_extracts_claims_marks_counts_and_outputs_with_lines() -> None:
    ctx, _ = _report(SAMPLE)
    found = claims.of(ctx)
    assert [(c.kind, c.line) for c in found.claims] == [
        ("status", 3), ("tests-pass", 5), ("ready-to-merge", 5), ("no-breaking-changes", 5),
        ("full-coverage", 21)]
    assert [(m.line, m.rest) for m in found.marks] == [
        (19, "Pass | 25/27 passing"), (21, "Code Coverage: 100% (35/35 unit tests passing)")]
    assert [(c.value, c.line, c.at_least) for c in found.counts if c.line == 9] == [
        (40, 9, True)]
    # Each section's group holds the parts listed under it, at any depth.
    assert [(p.key, [c.value for c in p.counts]) for p in found.parts] == [
        ("tests", [6, 3]), ("", [6, 3])]
    assert [(o.line, o.result.tool, o.result.failed) for o in found.outputs] == [
        (24, "pytest", 2)]
    assert found.coverage_rates == [
        (21, "Coverage: 100% (35/35 unit tests passing)", 100.0, 35, 35)]


TABLES = """\
## Task Completion Report: QA-301 - Checkout regression

**Total Tests**: 42 (all passing)

### Test Execution Status

| Test Type | # Tests | Passed | Failed |
|-----------|---------|--------|--------|
| **Unit** | **20** | **20** | **0** |
| auth | 12 | 12 | 0 |
| token | 8 | 8 | 0 |
| Integration | 10 | 9 | 1 |
| Subtotal | 30 | 29 | 1 |
| **Total** | **30** | **29** | 1 |

**29 tests passing**

### Test Summary

| Metric | Count |
|--------|-------|
| Test suites | 5 |
| Tests | 42 |
"""


def test_a_table_of_test_counts_gives_parts_per_column_with_its_total_row() -> None:
    ctx, _ = _report(TABLES)
    found = claims.of(ctx)
    columns = [(p.key, p.table.column, p.table.kind, [(c.value, c.line) for c in p.counts],
                p.table.stated and (p.table.stated.value, p.table.stated.line),
                [g.value for g in p.table.groups], p.table.failures, p.table.after)
               for p in found.tables if p.table]
    # The bold row groups the two below it; `Subtotal` is not a part either; the table of
    # different quantities (suites, tests) has no sum.
    assert columns == [
        ("test-execution-status", "# Tests", "all", [(12, 10), (8, 11), (10, 12)], (30, 14),
         [20, 30], True, (16, 16)),
        ("test-execution-status", "Passed", "passed", [(12, 10), (8, 11), (9, 12)], (29, 14),
         [20, 29], True, (16, 16))]
    assert found.parts == []
    assert [(c.value, c.line, c.total, c.passing, c.alone) for c in found.counts] == [
        (42, 3, True, True, False), (29, 16, False, True, True)]


@pytest.mark.parametrize(("text", "read"), [
    ("Total tests: 42", [(42, True, False, False)]),
    ("**Total Tests**: 42 (all passing)", [(42, True, True, False)]),
    ("Total tests passing: 40", [(40, True, True, False)]),
    ("Total test cases = 1,150", [(1150, True, False, False)]),
    ("Total tests: 4.5k", []),
    ("Total tests: 42/44", []),
    ("Total tests: 87%", []),
    ("Total: 42 tests passing", [(42, True, True, False)]),
    ("Expected: 141 passing tests after the fix", [(141, False, True, True)]),
    ("Total tests: 161 (target)", [(161, True, False, True)]),
])
def test_stated_totals_and_how_they_are_stated(text: str,
                                               read: list[tuple[int, bool, bool, bool]]) -> None:
    ctx, _ = _report(f"## Task Completion Report: QA-302 - Totals\n\n### Summary\n\n- {text}\n")
    found = claims.of(ctx)
    assert [(c.value, c.total, c.passing, c.hedged) for c in found.counts] == read


def test_a_column_of_passed_and_run_figures_gives_both() -> None:
    ctx, _ = _report("## Task Completion Report: QA-303 - Ratios\n\n### Test Results\n\n"
                     "| Suite | Tests |\n|---|---|\n| a | 10/12 |\n| b | 8/8 |\n"
                     "| **Total** | **18/20** |\n")
    assert [(p.table.kind, [c.value for c in p.counts], [c.value for c in p.table.other],
             p.table.stated and p.table.stated.value, p.table.failures)
            for p in claims.of(ctx).tables if p.table] == [
        ("all", [12, 8], [10, 8], 20, True), ("passed", [10, 8], [12, 8], 18, True)]


def test_a_table_of_some_tests_says_so() -> None:
    text = TABLES.replace("### Test Execution Status", "### New Tests")
    ctx, _ = _report(text)
    assert [p.table.some for p in claims.of(ctx).tables if p.table] == [True, True]
    ctx, _ = _report(TABLES)
    assert [p.table.some for p in claims.of(ctx).tables if p.table] == [False, False]


def test_the_extraction_is_kept_on_the_context_and_done_once_per_report(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ctx, memo = _report(SAMPLE)
    assert claims.of(ctx) is claims.of(ctx) is memo["claims"]
    calls: list[int] = []
    real = claims.extract

    def counted(report: Report, lines: Sequence[str] = ()) -> claims.Claims:
        calls.append(1)
        return real(report, lines)

    monkeypatch.setattr(claims, "extract", counted)
    text = SAMPLE + "\n" + SAMPLE.replace("BE-014", "BE-015")
    settings = engine.Settings(registry(), cache_results=False)
    outcome = engine.check(engine.Input("two.md", text.encode()), settings)
    evidence_rules = [r for r in codes.RULES if r.code.code.startswith("RL3")]
    assert len(evidence_rules) >= 5
    # Every RL3 rule of the check reads the same extraction of each of the two reports.
    assert len(calls) == 2
    assert {d.code for d in outcome.diagnostics} >= {"RL301", "RL302", "RL303", "RL305"}


@pytest.mark.parametrize("artefact", FORMATS)
def test_every_format_from_the_command_line(run: Callable[..., Result], artefact: str) -> None:
    done = run("check", "--isolated", "--format", "json", "--evidence",
               str(ARTEFACTS / artefact), str(CLAIMS / "report.md"))
    assert done.exit_code == 1, done.output
    found = [[artefact, str(d["line"]), d["message"]] for d in json.loads(done.stdout)
             if d["code"] == "RL306"]
    assert found == [row for row in EXPECTED if row[0] == artefact]
    assert all(d["severity"] == "error" for d in json.loads(done.stdout)
               if d["code"] == "RL306")


def test_a_report_that_agrees_with_its_evidence_has_no_finding(
        run: Callable[..., Result]) -> None:
    done = run("check", "--isolated", "--evidence", str(ARTEFACTS / "pytest-junit.xml"),
               "--evidence", str(ARTEFACTS / "coverage-py.json"), str(CLAIMS / "near-miss.md"))
    assert (done.exit_code, done.stdout) == (0, "All checks passed! (1 file checked)\n")


def test_without_evidence_no_artefact_finding(run: Callable[..., Result]) -> None:
    done = run("check", "--isolated", "--format", "json", str(CLAIMS / "report.md"))
    assert "RL306" not in [d["code"] for d in json.loads(done.stdout)]


@pytest.mark.parametrize("artefact", ["pytest-junit.xml", "coverage-py.json", "ruff.sarif",
                                      "jest-lcov.info", "jest-cobertura.xml"])
def test_every_format_from_the_configuration(run: Callable[..., Result], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             artefact: str) -> None:
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / artefact).write_bytes((ARTEFACTS / artefact).read_bytes())
    (tmp_path / "report.md").write_bytes((CLAIMS / "report.md").read_bytes())
    (tmp_path / ".reportlint.toml").write_text('evidence = ["build/*"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    done = run("check", "--format", "json", "report.md")
    found = [[artefact, str(d["line"]), d["message"]] for d in json.loads(done.stdout)
             if d["code"] == "RL306"]
    assert found == [row for row in EXPECTED if row[0] == artefact]
    settings = run("config", "--show-settings", "report.md")
    assert 'evidence = ["build/*"]' in settings.stdout.splitlines()


def test_evidence_from_the_configuration_and_the_command_line_add_up(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "report.md").write_bytes((CLAIMS / "report.md").read_bytes())
    (tmp_path / ".reportlint.toml").write_text(
        f'evidence = ["{ARTEFACTS / "coverage-py.json"}"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    done = run("check", "--format", "json", "--evidence", str(ARTEFACTS / "ruff.sarif"),
               "report.md")
    lines = [d["line"] for d in json.loads(done.stdout) if d["code"] == "RL306"]
    assert lines == [3, 7, 9]


@pytest.mark.parametrize(("content", "reason"), [
    (b"3 passed in 0.1s\n", "it is text, not JUnit XML, Cobertura XML, coverage.py JSON, "
                            "LCOV or SARIF"),
    (b'{"results": []}', None),
    (b"", "it is empty; an evidence file is JUnit XML, Cobertura XML, coverage.py JSON, LCOV "
          "or SARIF"),
])
def test_a_file_of_no_known_format_is_a_usage_error_naming_it(
        run: Callable[..., Result], tmp_path: Path, content: bytes, reason: str | None) -> None:
    evidence = tmp_path / "results.out"
    evidence.write_bytes(content)
    done = run("check", "--isolated", "--evidence", str(evidence), str(CLAIMS / "report.md"))
    assert done.exit_code == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"error: evidence file {evidence}: "), done.stderr
    if reason is not None:
        assert done.stderr == f"error: evidence file {evidence}: {reason}\n"
    assert "Traceback" not in done.stderr


def test_a_missing_evidence_file_and_a_bad_configuration_value(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    done = run("check", "--isolated", "--evidence", str(tmp_path / "nope.xml"),
               str(CLAIMS / "report.md"))
    assert (done.exit_code, done.stderr) == (
        2, f"error: evidence file {tmp_path / 'nope.xml'}: cannot read it: No such file or "
           "directory\n")
    (tmp_path / ".reportlint.toml").write_text("evidence = 3\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    bad = run("check", str(CLAIMS / "report.md"))
    assert bad.exit_code == 2
    assert "`evidence`: expected a list of files or glob patterns" in bad.stderr


def test_refused_xml_is_never_expanded(run: Callable[..., Result]) -> None:
    done = run("check", "--isolated", "--evidence",
               str(ARTEFACTS / "refused/billion-laughs.xml"), str(CLAIMS / "report.md"))
    assert done.exit_code == 2
    assert "declares XML entities" in done.stderr


def test_evidence_flows_through_the_api() -> None:
    result = api.run(api.CheckOptions(paths=(CLAIMS / "report.md",), isolated=True,
                                      cache=False,
                                      evidence=[str(ARTEFACTS / "pytest-junit.xml")]))
    (outcome,) = list(result)
    assert [d.line for d in outcome.diagnostics if d.code == "RL306"] == [3, 5, 14]
    assert result.exit_code == 1


def test_the_result_cache_knows_the_evidence(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_bytes((CLAIMS / "report.md").read_bytes())

    def check(*evidence: str) -> list[int]:
        result = api.run(api.CheckOptions(paths=(report,), isolated=True, cache=True,
                                          evidence=evidence))
        return [d.line for o in result for d in o.diagnostics if d.code == "RL306"]

    assert check() == []
    assert check(str(ARTEFACTS / "ruff.sarif")) == [3, 9]
    assert check() == []


def test_the_artefact_readers_load_only_with_evidence() -> None:
    script = (
        "import sys\n"
        "from reportlint import api\n"
        f"list(api.run(api.CheckOptions(paths=[{str(CLAIMS / 'report.md')!r}], isolated=True,"
        " cache=False, jobs=1)))\n"
        "assert 'defusedxml' not in sys.modules, 'defusedxml imported'\n"
        "assert 'reportlint.evidence.artefacts' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr


MESSAGES = [
    ('failing-evidence', 8, 'RL301',
     'the test run shows failures (`Tests: 2 failed, 36 passed, 38 total`), but the '
     'report claims `All tests pass` (line 3) and `ready to merge` (line 3)'),
    ('failing-evidence', 20, 'RL301',
     'the eslint run shows failures (`✖ 3 problems (3 errors, 0 warnings)`), but the '
     'report claims `no lint errors` (line 14) and `production-ready` (line 14)'),
    ('failing-evidence', 30, 'RL301',
     'the test run shows failures (`--- FAIL: TestLimiterBurst (0.00s)`), but the report '
     'claims `**Status**: COMPLETED` (line 25)'),
    ('failing-evidence', 42, 'RL301',
     'the mypy run shows failures (`Found 2 errors in 1 file (checked 14 source files)`), '
     'but the report claims `**Status**: COMPLETED` (line 37)'),
    ('failing-evidence', 50, 'RL301',
     "the test run skipped test files or suites (`Test Suites: 2 skipped, 5 passed, 5 of 7 "
     "total`), but the report claims `All tests pass` (line 47)"),
    ('inconsistent-count', 5, 'RL302',
     '`40+ test cases` but the 3 counts listed under `Tests` (lines 7–15) add up to 13'),
    ('inconsistent-count', 30, 'RL302',
     '`64 test cases` but the 2 counts listed under `Test Files Created` (lines 24–26) '
     'add up to 42'),
    ('inconsistent-count', 41, 'RL302',
     '`4/4 acceptance criteria met` but `Acceptance Criteria` marks 3 items as done '
     '(lines 36–39)'),
    ('inconsistent-count', 45, 'RL302',
     "`Coverage: 73%` but the coverage run (line 50) shows 95% (`ok example.com/webhooks "
     "0.012s coverage: 95.0% of statements`)"),
    ('inconsistent-count', 59, 'RL302', "`Coverage: ~80%` but line 55 says `Coverage: 92%`"),
    ('inconsistent-count', 69, 'RL302',
     '`Total | 25` but the 2 counts in the `Tests` column of the table under `Test Results` '
     '(lines 67–68) add up to 20'),
    ('inconsistent-count', 81, 'RL302',
     '`42 tests` but the 3 counts in the `Tests` column of the table under `Test Results` '
     '(lines 77–79) add up to 40'),
    ('inconsistent-count', 85, 'RL302',
     '`Total Tests: 42` but the 2 counts in the `Test Cases` column of the table under '
     '`Test Results` (lines 91–92) add up to 29'),
    ('inconsistent-count', 102, 'RL302',
     '`Total | 20` but the 2 counts in the `Passed` column of the table under `Test Results` '
     '(lines 100–101) add up to 18'),
    ('inconsistent-count', 113, 'RL302',
     '`Total | 45` but the 3 counts in the `Count` column of the table under `Test Summary` '
     '(lines 110–112) add up to 43'),
    ('inconsistent-count', 119, 'RL302',
     '`40+ tests` but the 3 counts in the `# Tests` column of the table under `Test '
     'Execution Status` (lines 123–125) add up to 30'),
    ('inconsistent-count', 126, 'RL302',
     '`All | 31` but the 3 counts in the `# Tests` column of the table under `Test '
     'Execution Status` (lines 123–125) add up to 30'),
    # Wrong in its Tests and its Pass column: one finding, the first column's.
    ('inconsistent-count', 137, 'RL302',
     '`TOTAL | 135` but the 3 counts in the `Tests` column of the table under `Test Results` '
     '(lines 134–136) add up to 123'),
    ('inconsistent-count', 147, 'RL302',
     '`TOTAL | 435/435` but the 2 passed/run counts in the `Tests` column of the table under '
     '`Test Results` (lines 145–146) add up to 433/433'),
    ('contradicted-mark', 7, 'RL303',
     '`Unit tests | ✅ Pass | 25/27 passing` is marked as done, but its own text says '
     '`25/27 passing`'),
    ('contradicted-mark', 8, 'RL303',
     '`Integration tests | ✅ | 2 failed, rerun pending` is marked as done, but its own '
     'text says `2 failed`'),
    ('contradicted-mark', 9, 'RL303',
     '`E2E tests | ✅ Done | not run: no staging` is marked as done, but its own text says '
     '`not run`'),
    ('contradicted-mark', 10, 'RL303',
     '`Security scan | ✅ ⚠️ | two medium findings` is marked as done, but its own text '
     'says `⚠️`'),
    ('contradicted-mark', 14, 'RL303',
     '`✅ Rotation service (TODO: revoke the family on reuse)` is marked as done, but its '
     'own text says `TODO`'),
    ('contradicted-mark', 15, 'RL303',
     '`✅ Migration guide, will be updated after the release` is marked as done, but its '
     'own text says `will be updated`'),
    ('contradicted-mark', 16, 'RL303',
     '`Load test, to be run after deploy` is marked as done, but its own text says `to be '
     'run`'),
    ('mislabelled-coverage', 5, 'RL305',
     "`Coverage: 100% (35/35 unit tests passing)` gives the tests' pass rate (35/35) as "
     'coverage; report coverage as the share of code the tests run, and the pass rate as '
     'a pass rate'),
    ('mislabelled-coverage', 9, 'RL305',
     "`Coverage 90% (18/20 tests passed)` gives the tests' pass rate (18/20) as coverage; "
     'report coverage as the share of code the tests run, and the pass rate as a pass rate'),
    ('unsupported-claim', 5, 'RL304',
     '`All tests pass` and `100% coverage` are claimed with no test evidence in the '
     'report: no count, pass/fail figure, coverage figure, results table or runner '
     "output; give the run's summary"),
    ('unsupported-claim', 11, 'RL304',
     '`all unit tests are passing` is claimed with no test evidence in the report: no '
     'count, pass/fail figure, coverage figure, results table or runner output; give the '
     "run's summary"),
]


@pytest.mark.parametrize(("rule", "line", "code", "message"), MESSAGES,
                         ids=[f"{m[0]}:{m[1]}" for m in MESSAGES])
def test_messages_name_the_claim_and_the_evidence(run: Callable[..., Result], rule: str,
                                                  line: int, code: str, message: str) -> None:
    done = run("check", "--isolated", "--format", "json",
               str(FIXTURES / "rules" / rule / "bad.md"))
    found = {(d["line"], d["code"]): d["message"] for d in json.loads(done.stdout)}
    assert found[(line, code)] == message


def test_configured_evidence_not_yet_written_is_passed_over(
        run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "report.md").write_bytes((CLAIMS / "report.md").read_bytes())
    (tmp_path / ".reportlint.toml").write_text('evidence = ["build/junit.xml", "out/*.sarif"]\n',
                                               "utf-8")
    monkeypatch.chdir(tmp_path)
    done = run("check", "--format", "json", "report.md")
    assert done.exit_code == 1, done.stderr
    assert "RL306" not in [d["code"] for d in json.loads(done.stdout)]
    (tmp_path / "build").mkdir()
    (tmp_path / "build/junit.xml").write_bytes((ARTEFACTS / "pytest-junit.xml").read_bytes())
    again = run("check", "--format", "json", "report.md")
    assert [d["line"] for d in json.loads(again.stdout) if d["code"] == "RL306"] == [3, 5, 14]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" 1/23+test pased\n", max_size=40),
       st.sampled_from([("test", 48, 16, "_COUNT"), ("pass", 60, 8, "_PASSED"),
                        ("/", 6, 60, "_RATIO")]))
def test_patterns_tried_around_their_word_find_what_a_whole_scan_finds(
        text: str, where: tuple[str, int, int, str]) -> None:
    needle, before, after, name = where
    pattern = getattr(claims, name)
    lowered = text if needle == "/" else text.lower()
    near = [m.span() for m in claims._near(pattern, text, lowered, needle, before, after)]
    assert near == [m.span() for m in pattern.finditer(text)]


def test_the_extraction_stays_linear_on_hostile_text() -> None:
    import time

    hostile = ("1test" * 40_000 + "\n\n" + "1 pass/" * 30_000 + "\n\n"
               + "- ✅ " + "pending→" * 20_000 + "\n\n" + "coverage 1% (" * 20_000 + "\n")
    ctx, _ = _report("## Task Completion Report: BE-1 - X\n\n**Status**: COMPLETED\n\n"
                     + hostile)
    started = time.process_time()
    claims.of(ctx)
    for rule in codes.RULES:
        if rule.code.code.startswith("RL3"):
            list(rule.check(ctx))
    assert time.process_time() - started < 5
