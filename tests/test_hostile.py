"""Hostile input within the size limit: every class of pattern that once cost quadratic time
(or more) is built at 1x, 2x and 4x its size and checked; the time of a check may grow by at
most 2.5x per doubling (it is linear when it grows by 2x). Processor time, the least of three
runs, so a busy machine does not fail it. Then what the budget does with what no budget of
size can stop: RL008 for too many tokens, and for too much processor time.

A longer run, to 16x and with every timing shown (docs/security.md):

    python tests/test_hostile.py 4
"""

from __future__ import annotations

import itertools
import random
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from reportlint import engine, model, parser, pool, templates
from reportlint.config import Config
from reportlint.diagnostics import Outcome
from reportlint.rules.base import Context, Earlier
from reportlint.rules.evidence import failing_evidence, inconsistent_count
from reportlint.rules.review import date_order, unfilled_placeholder

REGISTRY, _ = templates.builtin()
SETTINGS = engine.Settings(REGISTRY, Config(root=Path.cwd()), cache_results=False)
HEAD = ("## Progress Update: BE-001 - Token rotation\n\n**Status**: IN PROGRESS\n"
        "**Progress**: 50% complete\n**Updated**: 2025-01-02\n\n")
SECTIONS = ["Completed Items", "In Progress", "Blockers (if any)", "Next Steps",
            "Environment Status"]


def _tasks(n: int) -> str:
    # mdit-py-plugins' tasklists scanned back to the list's start for every item.
    return HEAD + "### In Progress\n" + "".join(f"- [ ] step {i}\n" for i in range(n))


def _placeholders(n: int) -> str:
    # Each placeholder span was compared with every one kept before it.
    return HEAD + "### Notes\n\n" + "".join(f"[Task Name] took X hours, TBD, BE-XXX {i}\n\n"
                                          for i in range(n))


def _headings(n: int) -> str:
    # The model looked for a free `key~N` by trying N = 2, 3, ... for each repeated heading.
    return HEAD + "### Completed Itemz\n\ntext\n\n" * n


def _columns(n: int) -> str:
    # The same for repeated column names.
    return (HEAD + "### Completed Items\n\n| " + "Status | " * n + "\n|" + "---|" * n
            + "\n| " + "x | " * n + "\n")


def _suppressions(n: int) -> str:
    # Every directive was tried on every finding.
    return HEAD + "### Notes\n\n" + "".join(
        f"<!-- reportlint-disable RL201 -->\nTBD {i}\n<!-- reportlint-enable RL201 -->\n\n"
        for i in range(n))


def _open_ranges(n: int) -> str:
    # Ranges never closed, findings under all of them, and an `enable` that closes none
    # of them, looked at every open range.
    return HEAD + "### Notes\n\n" + "".join(
        f"<!-- reportlint-disable RL201 -->\nTBD {i}\n<!-- reportlint-enable RL1 -->\n\n"
        for i in range(n))


def _directives(n: int) -> str:
    # One HTML block of many directives: each one's line was counted from the block's start.
    return HEAD + "".join(f"<!-- reportlint-disable-next-line RL20{i % 9 + 1} -->"
                          for i in range(n)) + "\n"


def _reports(n: int) -> str:
    # RL206 looked through every earlier report for a **Started**, and each report got a
    # copy of the list of those before it.
    return "".join(f"## Progress Update: BE-{i:05d} - Step\n\n**Status**: IN PROGRESS\n"
                   f"**Updated**: 2025-01-02\n\n" for i in range(n))


def _same_task(n: int) -> str:
    return "".join("## Progress Update: BE-001 - Step\n\n**Status**: IN PROGRESS\n"
                   "**Updated**: 2025-01-02\n\n" for _ in range(n))


def _section_order(n: int) -> str:
    # RL212 ranked each section with list.index.
    shuffle = random.Random(n)
    return HEAD + "".join(f"### {shuffle.choice(SECTIONS)}\n\ntext\n\n" for _ in range(n))


def _brackets(n: int) -> str:
    # `[a[a[a...]`: RL201 searched from every `[` to the one `]` at the end.
    return HEAD + "[a" * n + "]\n"


def _backticks(n: int) -> str:
    # Runs of backticks on one line, each shorter than the one before (about n characters
    # in all): the code-span pattern searched the rest of the line for a closing run from
    # each backtick.
    runs = [f"{'`' * k}a" for k in range(int((2 * n) ** 0.5), 0, -1)]
    return HEAD + "TBD " + "".join(runs) + "\n"


def _emphasis(n: int) -> str:
    # One long line of `**a**:` (the field shape): 3.5 million tokens at 5 MB.
    return HEAD + "**a**:" * n + "\n"


def _stated_failures(n: int) -> str:
    # Each stated failure looked through every figure after it for a passing run, and each
    # sentence of a line through the failures before it.
    return ("## Task Completion Report: BE-001 - Token rotation\n\n**Status**: COMPLETED\n\n"
            "### Test Results\n\n" + "".join(f"- Suite {i}: {i} passed, 2 failed\n"
                                              for i in range(n))
            + "2 tests failed. 3 passed. " * n + "\n")


def _introduced_lists(n: int) -> str:
    # Each `N things:` paragraph looked for the list after it through every item of its
    # section.
    return ("## Task Completion Report: BE-001 - Token rotation\n\n### Summary\n\n"
            + "".join(f"Added 3 endpoints:\n\n- `/a{i}`\n- `/b{i}`\n\n" for i in range(n)))


def _spaced_title(n: int) -> str:
    # A lazy label before a dash tried every split of a run of spaces in a title.
    return "## Progress Update" + " " * n + "x - y\n\n**Status**: IN PROGRESS\n"


# name -> (the input of size n, n at 1x, the rule timed alone or None for the whole check).
# A rule is timed alone where its quadratic cost, though real, is small beside the parse at
# sizes a test can afford.
PATTERNS: dict[str, tuple[Callable[[int], str], int, ModuleType | None]] = {
    "task list items": (_tasks, 1_000, None),
    "placeholders": (_placeholders, 800, None),
    "repeated headings": (_headings, 600, None),
    "repeated column names": (_columns, 3_000, None),
    "closed suppression ranges": (_suppressions, 800, None),
    "open suppression ranges": (_open_ranges, 800, None),
    "directives in one comment": (_directives, 3_000, None),
    "sections out of order": (_section_order, 800, None),
    "emphasis on one line": (_emphasis, 5_000, None),
    "reports of distinct tasks": (_reports, 2_000, date_order),
    "reports of one task": (_same_task, 2_000, date_order),
    "nested brackets": (_brackets, 50_000, unfilled_placeholder),
    "backtick runs": (_backticks, 50_000, unfilled_placeholder),
    "stated test failures": (_stated_failures, 600, failing_evidence),
    "spaces in a title": (_spaced_title, 200_000, None),
    "counts introducing lists": (_introduced_lists, 1_000, inconsistent_count),
}


def seconds(text: str, runs: int = 3) -> float:
    """The least processor time of ``runs`` checks of ``text``."""
    item = engine.Input("hostile.md", text.encode("utf-8"))
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        outcome = engine.check(item, SETTINGS)
        best = min(best, time.process_time() - start)
    assert not [d for d in outcome.diagnostics if d.code in ("RL901", "RL008")]
    return best


def rule_seconds(text: str, rule: ModuleType, runs: int = 3, repeat: int = 10) -> float:
    """The least processor time of ``runs`` runs of one rule over every report of ``text``
    (with the contexts the engine makes for it), ``repeat`` times over for a measurable
    time."""
    lines = model.split_lines(text)
    doc = engine.document(text, REGISTRY, None, None, lines)
    reports = doc["reports"]
    walked = [tuple(model.walk(report)) for report in reports]
    shapes = [REGISTRY[report["template"]].shape for report in reports]
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        for _ in range(repeat):
            memo: dict[str, Any] = {}
            for index, report in enumerate(reports):
                context = Context(doc, lines, SETTINGS.options, report,
                                  Earlier(reports, index, memo), shapes[index],
                                  walked=walked[index])
                list(rule.check(context))
        best = min(best, (time.process_time() - start) / repeat)
    return best


def growth(name: str, doublings: int = 2) -> list[float]:
    """The time at 1x, 2x, 4x... of a pattern, with the garbage collector set as for a run
    (the collector's full passes over everything loaded before would add their own growth)."""
    build, n, rule = PATTERNS[name]
    with pool._collector_for_a_run():
        return [seconds(build(n * 2 ** k)) if rule is None else
                rule_seconds(build(n * 2 ** k), rule) for k in range(doublings + 1)]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PATTERNS))
def test_time_grows_linearly(name: str) -> None:
    # Measured twice at most: another process starting on a 2-core machine can slow one
    # size's run (0.07, 0.22, 0.44 s: 3.2x then 2.0x), while a super-linear pattern grows
    # 4x a doubling in every measure.
    for _ in range(2):
        times = growth(name)
        per_doubling = (times[-1] / times[0]) ** (1 / (len(times) - 1))
        if per_doubling < 2.5:
            return
    assert per_doubling < 2.5, f"{name}: {times}"


def test_hostile_patterns_keep_their_findings() -> None:
    """The patterns are what they say: the findings they are built to make."""
    def codes(text: str) -> list[str]:
        return [d.code for d in engine.check(engine.Input("h.md", text.encode()),
                                             SETTINGS).diagnostics]

    assert codes(_tasks(3)).count("RL107") == 0  # unticked, and In Progress: no finding
    assert codes(_placeholders(2)).count("RL201") == 8
    assert codes(_headings(3)).count("RL211") == 2
    assert codes(_suppressions(3)).count("RL201") == 0
    assert codes(_open_ranges(3)).count("RL201") == 0
    assert codes(_reports(3)).count("RL206") == 0
    assert codes(_backticks(3)).count("RL201") == 1


def _only(outcome: Outcome) -> list[tuple[int, str, str]]:
    return [(d.line, d.code, d.message) for d in outcome.diagnostics]


TOO_MANY = ("the file has over 1,000,000 Markdown elements (tables, emphasis, links) by this "
            "line; it was not checked")


def test_a_five_megabyte_line_of_emphasis_is_refused_in_bounded_memory() -> None:
    """3.5 million tokens (2.2 GB) would be made; the line is measured first. Bound: 64 MB of
    Python allocations for a 5 MB file (its bytes, its text and the lines are 20 MB)."""
    text = _emphasis(850_000)
    assert 5_000_000 < len(text) < 5 * 1024 * 1024
    tracemalloc.start()  # slows the check down: markdown-it-py 3.0 reads 5 MB for 10 s
    try:
        outcome = engine.check(engine.Input("h.md", text.encode()), _quick(300))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert _only(outcome) == [(7, "RL008", TOO_MANY)]
    assert peak < 64 * 1024 * 1024


def test_a_flood_of_table_cells_is_refused_before_it_is_parsed() -> None:
    text = HEAD + "|a" * 400_000 + "|\n|" + "-|" * 10 + "\n"
    assert _only(engine.check(engine.Input("h.md", text.encode()), SETTINGS)) == [
        (1, "RL008", TOO_MANY)]


def test_cells_markdown_it_fills_in_stop_at_the_token_limit() -> None:
    """A header of many columns over rows of one cell: markdown-it adds the missing cells
    (at most 65,536 a table); the tokens stop at the limit, one table past it at most."""
    table = "|" + "a|" * 256 + "\n|" + "-|" * 256 + "\n" + "x\n" * 256 + "\n"
    tokens: list[int] = []
    original = parser._block_budget

    def spy(state: object, start: int, end: int, silent: bool) -> bool:
        tokens.append(len(state.tokens))  # type: ignore[attr-defined]
        return original(state, start, end, silent)  # type: ignore[arg-type]

    md = parser._configured()
    md.block.ruler.at("reportlint-budget", spy)
    with pytest.raises(parser.TooComplex):
        md.parse(table * 8)
    assert parser.MAX_TOKENS < max(tokens) < parser.MAX_TOKENS + 200_000


SLOW = HEAD + "[a" * 150_000 + "]\n"  # 1.2 s or more of markdown-it's link parsing


def _quick(seconds: float) -> engine.Settings:
    return engine.Settings(REGISTRY, Config(root=Path.cwd(), max_file_seconds=seconds),
                           cache_results=False)


def test_the_time_budget_ends_a_check_with_a_finding() -> None:
    start = time.process_time()
    outcome = engine.check(engine.Input("h.md", SLOW.encode()), _quick(0.2))
    assert time.process_time() - start < 0.8
    assert _only(outcome) == [(1, "RL008", "checking the file took over 0.2 seconds of "
                               "processor time (`max-file-seconds`); it was not checked")]
    # The timer is gone: a check after it runs to its end.
    after = engine.check(engine.Input("h.md", HEAD.encode()), _quick(0.2))
    assert [d.code for d in after.diagnostics] == ["RL101", "RL101"]


def test_the_time_budget_holds_in_a_thread_without_a_timer() -> None:
    """Off the main thread no signal can interrupt the check: the engine looks at the clock
    between steps (here, the many blocks the parser reads)."""
    found: list[Outcome] = []
    text = HEAD + "text\n\n" * 200_000
    worker = threading.Thread(target=lambda: found.append(
        engine.check(engine.Input("h.md", text.encode()), _quick(0.2))))
    start = time.perf_counter()
    worker.start()
    worker.join(30)
    assert time.perf_counter() - start < 10
    assert [d.code for d in found[0].diagnostics] == ["RL008"]


def test_an_out_of_time_outcome_is_not_cached(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    cached = engine.Settings(REGISTRY, Config(root=Path.cwd(), max_file_seconds=0.2))
    assert [d.code for d in engine.check(engine.Input("h.md", SLOW.encode()),
                                         cached).diagnostics] == ["RL008"]
    assert not list(tmp_path.glob("results/*.json"))


def test_max_file_seconds_is_read_and_checked(tmp_path: Path) -> None:
    from reportlint import config

    path = tmp_path / "c.toml"
    path.write_text("max-file-seconds = 2.5\n", "utf-8")
    loaded = config.load(path)
    assert isinstance(loaded, config.Config)
    assert loaded.max_file_seconds == 2.5
    for wrong in ("0", "-1", "true", '"10"', "1e9"):
        path.write_text(f"max-file-seconds = {wrong}\n", "utf-8")
        problem = config.load(path)
        assert isinstance(problem, config.ConfigProblem), wrong
        assert problem.key == "max-file-seconds"


def main(doublings: int) -> None:
    """Prints each pattern's time at every size and its growth per doubling; a size the
    token limit refuses (RL008) ends its row."""
    for name, (build, n, rule) in PATTERNS.items():
        times: list[float] = []
        refused = ""
        with pool._collector_for_a_run():
            for k in range(doublings + 1):
                text = build(n * 2 ** k)
                try:
                    times.append(seconds(text) if rule is None else rule_seconds(text, rule))
                except (AssertionError, parser.TooComplex):
                    refused = f"  RL008 from {2 ** k}x"
                    break
        steps = [b / a for a, b in itertools.pairwise(times)]
        shown = " ".join(f"{t:.3f}" for t in times)
        print(f"{name:28} {shown}  worst doubling {max(steps, default=0):.2f}x{refused}",
              flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
