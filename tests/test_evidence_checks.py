"""The CI jobs a code block lists (:mod:`reportlint.evidence.checks`): the formats agents
paste, and what is no list of jobs."""

from __future__ import annotations

import pytest

from reportlint.evidence import checks

GH_TABLE = """$ gh pr checks 733
Some checks were not successful
0 cancelled, 1 failing, 2 successful, 0 skipped, and 0 pending checks

   NAME                  DESCRIPTION  ELAPSED  URL
X  test / e2e-invoices                6m12s    https://github.com/acme/billing/actions/runs/1/job/3
✓  lint                               38s      https://github.com/acme/billing/actions/runs/1/job/4
✓  test / unit                        2m47s    https://github.com/acme/billing/actions/runs/1/job/5"""
GH_TABS = "build\tpass\t2m11s\thttps://x.test/1\ne2e\tfail\t9m47s\thttps://x.test/2\n"
WORKFLOW = """Jobs
  ✅ lint (ruff + black)          success   0m41s
  ❌ pytest (py3.12, postgres16)  failure   4m18s
  ✅ build-image                  success   2m12s"""


@pytest.mark.parametrize(("text", "passed", "failed", "line", "shown"), [
    (GH_TABLE, 2, 1, 6, "X test / e2e-invoices 6m12s"),
    (GH_TABS, 1, 1, 2, "e2e fail 9m47s"),
    (WORKFLOW, 2, 1, 3, "❌ pytest (py3.12, postgres16) failure 4m18s"),
])
def test_a_failing_job_is_read_where_it_is(text: str, passed: int, failed: int, line: int,
                                           shown: str) -> None:
    result = checks.read(text)
    assert result is not None
    assert (result.kind, result.passed, result.failed, result.line, result.text) == \
        ("ci", passed, failed, line, shown)
    assert text[result.offset:].startswith(text.split("\n")[line - 1])


@pytest.mark.parametrize("text", [
    GH_TABLE.replace("X  test", "✓  test"),  # every job passed
    "X  test / e2e   6m12s   https://x.test/1",  # one line is no list of jobs
    "  ✓ renders the item (12 ms)\n  ✕ updates the quantity (8 ms)",  # a test runner's cases
    "Failed to fetch 3 times\nRetried: fail after 2 attempts",  # words, no CI run
    "ok  \tgithub.com/acme/pkg\t0.12s\nFAIL\tgithub.com/acme/other\t0.20s",  # go test
])
def test_what_is_no_failing_list_of_jobs(text: str) -> None:
    assert checks.read(text) is None


def test_a_long_line_is_read_in_linear_time() -> None:
    line = "X " + "fail 1s " * 20_000
    assert checks.read(line + "\n" + line) is not None
