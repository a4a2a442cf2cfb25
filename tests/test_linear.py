"""The linear versions of what was quadratic find exactly what the old code found: the code
spans of the old pattern, the overlaps of the old pairwise comparison, the earlier
**Started** of the old backwards scan. Longer runs: REPORTLINT_FUZZ_EXAMPLES (see
docs/security.md)."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.rules.base import Context, Earlier
from reportlint.rules.review import date_order
from reportlint.rules.review.unfilled_placeholder import _CODE_SPAN, _code_spans, _Marks

EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "0")) or 300


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(st.text(alphabet="``` a\n", max_size=40))
def test_code_spans_are_the_old_patterns(text: str) -> None:
    assert _code_spans(text) == [m.span() for m in _CODE_SPAN.finditer(text)]


spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)).map(
    lambda s: (s[0], s[0] + s[1])), max_size=25)


@settings(max_examples=EXAMPLES, deadline=None)
@given(spans, spans)
def test_marks_overlap_as_the_old_comparison_did(kept: list[tuple[int, int]],
                                                 tried: list[tuple[int, int]]) -> None:
    marks = _Marks(40)
    for start, end in kept:
        marks.mark(start, end)
    for start, end in tried:
        old = any(start < e and s < end for s, e in kept)
        assert marks.overlaps(start, end) == old, (start, end)


def _report(task: str | None, started: str | None) -> dict[str, Any]:
    fields = {"started": {"name": "Started", "value": started, "line": 1, "column": 1,
                          "style": "bold"}} if started else {}
    return {"title": {"task_id": task}, "fields": fields, "sections": {}}


reports = st.lists(st.tuples(st.sampled_from(["BE-1", "BE-2", "", None]),
                             st.sampled_from([None, "2025-01-02", "2025-01-05", "soon"])),
                   max_size=12)


@settings(max_examples=EXAMPLES, deadline=None)
@given(reports)
def test_the_memo_finds_the_started_the_backwards_scan_found(
        made: list[tuple[str | None, str | None]]) -> None:
    built = [_report(task, started) for task, started in made]
    memo: dict[str, Any] = {}
    for index, report in enumerate(built):
        task = report["title"]["task_id"]
        if not task:
            continue
        fast = Context({}, [], None, report, Earlier(built, index, memo))  # type: ignore[arg-type]
        slow = Context({}, [], None, report, tuple(built[:index]))  # type: ignore[arg-type]
        assert date_order._started_before(fast, task) == date_order._started_before(slow, task)
