"""Test results stated in prose (`reportlint.stated`): which figures count failed tests,
and which are told as history, plans or exceptions."""

from __future__ import annotations

import pytest

from reportlint import stated


def read(text: str, about_tests: bool = False) -> list[tuple[int, int | None, bool]]:
    return [(t.failed, t.passed, t.told_apart)
            for t in stated.read(text, text.lower(), 1, "", about_tests)]


@pytest.mark.parametrize(("text", "found"), [
    ("All tests pass: 25 passed, 2 failed", [(2, 25, False)]),
    ("- Unit tests: 40 passed, 3 failed", [(3, 40, False)]),
    ("2 tests still failing on Windows", [(2, None, False)]),
    ("2 failing specs in the checkout suite", [(2, None, False)]),
    ("39/78 tests failing", [(39, 39, False)]),
    ("3 of 9 integration tests are FAILING", [(3, 6, False)]),
    ("Failed tests: 4", [(4, None, False)]),
    ("Passed: 30, Failed: 2", [(2, 30, False)]),
    ("0 failed, 40 passed", [(0, 40, False)]),
    # Told apart: history, a fix later in the line, an excuse, a plan.
    ("Initially 25 passed, 2 failed", [(2, 25, True)]),
    ("Before the fix: 30 passed, 1 failed", [(1, 30, True)]),
    ("Tests: 25 passed, 2 failed. After fixing the mocks: 27 passed.", [(2, 25, True)]),
    ("38 passed, 2 failed (flaky on CI, pre-existing)", [(2, 38, True)]),
    ("If 2 tests fail, the job retries", [(2, None, True)]),
    ("If 2 tests failed, the job would retry", [(2, None, True)]),
    # Still failing: `being fixed` is not fixed, and a skipped count is no excuse.
    ("3 passed, 1 failed (test_div_wrong, being fixed), 2 skipped.", [(1, 3, False)]),
    # A later sentence with fewer passes than the run had is another suite.
    ("Tests: 25 passed, 2 failed. Integration: 3 passed.", [(2, 25, False)]),
    # Words for small counts, verbs between count and word, figures named first.
    ("Two integration tests are still failing on CI", [(2, None, False)]),
    ("five failing snapshot tests in Sidebar.test.tsx", [(5, None, False)]),
    ("`go test ./...`: passed 61, failed 3", [(3, 61, False)]),
    ("CI test run: 3 of 57 failed in the invoices module", [(3, 54, False)]),
    # An excuse after a semicolon still excuses what comes before it.
    ("There are 3 failing tests; they are pre-existing on main.", [(3, None, True)]),
    ("Failed 3 times before it passed", []),  # `failed 3` only beside `passed 61`
])
def test_failure_counts(text: str, found: list[tuple[int, int | None, bool]]) -> None:
    assert read(text) == found


@pytest.mark.parametrize("text", [
    "Accounts lock after 5 failed attempts",
    "Retries 3 failed payments with backoff",
    "Failed login attempts: 5",
    "2 failed jobs are moved to the dead-letter queue",
    "The 2 failed webhooks are replayed",
    "2 failed",  # no tests named, no passed count, not a test section
    # A test word elsewhere in the line does not make a bare count a count of tests.
    "Test for 500 errors: returns 2 failures in the error array.",
    "The test counts failed requests: 3 failures out of 100 requests are tolerated.",
    "Node 18/20 passing",
])
def test_other_failures_are_not_test_counts(text: str) -> None:
    assert read(text) == []


@pytest.mark.parametrize("text", [
    "CI: 1 test failed due to a network timeout and passed on retry.",
    "1 test failed on the first CI run and passed after rerun.",
    "2 tests fail on main too; this PR does not touch them.",
    "2 tests failing on main prior to this change (not caused by it).",
    "Next step: investigate why 2 tests fail on Windows.",
    "Fix the 2 failing tests on Windows",
    "Added a fixture with 2 failing tests to exercise the reporter.",
])
def test_failures_told_as_other_runs_plans_or_test_content(text: str) -> None:
    assert [t.told_apart for t in stated.read(text, text.lower(), 1, "", False)] == [True]


def test_a_fix_before_the_failure_is_not_an_excuse() -> None:
    text = "After the fix, 2 tests still fail (test_last_page)."
    assert read(text) == [(2, None, False)]


def test_a_bare_count_counts_tests_in_a_test_section() -> None:
    assert read("2 failed") == []
    assert read("2 failed", about_tests=True) == [(2, None, False)]
    assert read("2 failed attempts", about_tests=True) == []


def test_the_sentence_is_what_a_finding_quotes() -> None:
    (tally,) = stated.read("- **Tests**: 25 passed, 2 failed. Lint: clean.", "", 7, "k", False)
    assert (tally.line, tally.key, tally.text) == (7, "k", "Tests**: 25 passed, 2 failed.")


@pytest.mark.parametrize(("text", "found"), [
    ("Jest: 38/40 passing", [(2, 38, False, True)]),
    ("Jest: 38/40 passing, 2 skipped", []),  # not run is not failing
    ("Jest: 40/40 passing", []),
    ("38/40 tests passing, 2 failed", [(2, 38, False, True)]),
])
def test_fewer_passing_than_ran(text: str, found: list[tuple[int, int | None, bool, bool]]
                                ) -> None:
    assert [(t.failed, t.passed, t.told_apart, t.partial)
            for t in stated.read(text, text.lower(), 1, "", False)] == found


@pytest.mark.parametrize(("key", "about"), [
    ("4-test-coverage-report", True), ("verification", True), ("ci-results", True),
    ("testing", True), ("qa", True), ("summary", False), ("decisions", False),
    ("specifics", True),  # `spec`: a word of specs as well; kept for the test context
])
def test_a_section_about_tests(key: str, about: bool) -> None:
    assert stated.about_tests(key) is about
