"""Tool outputs pasted in reports: every fixture under fixtures/evidence/outputs/ (real
captures, and a few written from the tools' documentation: see README.txt there) reads as the
.json beside it, and no pattern can be made to take more than linear time."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from evidence_expectations import OUTPUTS, output_expectation_path, outputs, read_output
from reportlint.evidence import Result, parse_output
from reportlint.evidence.outputs import SPECS, Spec, _values

FIXTURES = outputs()


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_reads_as_expected(path: Path) -> None:
    expected = json.loads(output_expectation_path(path).read_text(encoding="utf-8"))
    assert read_output(path) == expected


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    assert {p.stem for p in OUTPUTS.glob("*.json")} == {p.stem for p in FIXTURES}


def test_every_tool_is_read_from_a_fixture() -> None:
    tools = {r["tool"] for p in FIXTURES for r in json.loads(
        output_expectation_path(p).read_text(encoding="utf-8"))}
    assert tools == {s.tool for s in SPECS}


@pytest.mark.parametrize("spec", SPECS, ids=[f"{s.tool}:{s.example[:30]}" for s in SPECS])
def test_each_pattern_reads_its_example(spec: Spec) -> None:
    line = spec.example.rstrip()
    assert spec.needle in line
    match = spec.pattern.match(line)
    assert match is not None
    assert _values(spec, match) is not None
    # The first spec that reads a line wins: no earlier one may take this one's example.
    earlier = SPECS[:SPECS.index(spec)]
    assert [s.tool for s in earlier if s.needle in line and s.pattern.match(line)
            and _values(s, s.pattern.match(line))] == []  # type: ignore[arg-type]


def test_the_summary_line_is_placed_in_the_block() -> None:
    block = "$ pytest -q\n....F\r\nFAILED t.py::x\n\x1b[31m1 failed, 4 passed in 0.10s\x1b[0m\n"
    (result,) = parse_output(block)
    assert (result.line, result.offset) == (4, block.index("\x1b[31m1 failed"))
    assert result.text == "1 failed, 4 passed in 0.10s"
    assert (result.tool, result.passed, result.failed) == ("pytest", 4, 1)


def test_several_tools_in_one_block_are_each_read() -> None:
    block = ("1 failed, 4 passed in 0.10s\nFound 2 errors.\n"
             "Success: no issues found in 3 source files\n")
    assert [(r.tool, r.kind, r.line) for r in parse_output(block)] == [
        ("pytest", "tests", 1), ("ruff", "lint", 2), ("mypy", "types", 3)]


def test_the_fence_language_does_not_matter() -> None:
    block = "Tests:       1 failed, 2 passed, 3 total\n"
    readings = {lang: parse_output(block, lang) for lang in (None, "text", "python", "diff")}
    assert len({tuple(r) for r in readings.values()}) == 1
    assert readings[None][0].failed == 1


@pytest.mark.parametrize("line", [
    "3 apples, 2 pears in 0.5s",  # pytest's shape, not pytest's words
    "  2 failing",  # mocha's, without mocha's `passing` line
    "     Passed: 2",  # dotnet's, without `Total tests:`
    "OK",  # unittest's, without `Ran N tests`
    "coverage: 80.0% of statements",  # go's, without a package line
    "  total: 4",  # the testing platform's, without its `Test run summary:`
    "Tests: all green",
    "TOTAL: 95%",
    "All 42 tests passed, coverage is 95%.",
])
def test_a_line_only_shaped_like_a_summary_is_not_one(line: str) -> None:
    assert parse_output(line + "\n") == []


def test_a_count_the_tool_states_beats_the_tally_of_its_lines() -> None:
    block = ("a.ts(1,7): error TS2322: x\nb.ts(2,1): error TS2322: y\n"
             "Found 5 errors in 2 files.\n")
    (result,) = parse_output(block)
    assert (result.tool, result.problems, result.line) == ("tsc", 5, 3)
    (tallied,) = parse_output(block.rsplit("Found", 1)[0])
    assert (tallied.problems, tallied.line) == (2, 1)


def test_two_runs_of_one_tool_in_a_block_are_two_results() -> None:
    block = "  1 passing (2ms)\n  1 failing\n\n$ npm test\n  2 passing (3ms)\n"
    assert [(r.passed, r.failed, r.line) for r in parse_output(block)] == [
        (1, 1, 1), (2, None, 5)]


def test_result_is_frozen_and_plain() -> None:
    (result,) = parse_output("Found 1 error.\n")
    assert isinstance(result, Result)
    with pytest.raises(AttributeError):
        result.problems = 0  # type: ignore[misc]
    assert result.as_dict() == {"tool": "ruff", "kind": "lint", "line": 1, "offset": 0,
                                "text": "Found 1 error.", "problems": 1}


# --- linear time --------------------------------------------------------------------------

def best_time(call: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


GENERIC_UNITS = ["1", " ", "a", "=", "|", ".", "%", "(", "\t", "1 ", ", ", "1 a, ", "1 a | ",
                 "1.", " in ", ": ", "a(1,1): ", "= 1 passed ", "[ 1 tests found ]"]


def hostile_pieces(spec: Spec) -> list[tuple[str, str, str]]:
    """(prefix, unit, suffix): lines that get as far into the pattern as its own example does,
    then repeat one piece: where a backtracking pattern would try every way to split it."""
    example = spec.example.rstrip()
    cuts = sorted({0, len(example), *range(0, len(example), max(1, len(example) // 6))})
    pieces = []
    for cut in cuts:
        own = example[cut:cut + 1] or example[-1:]
        for unit in sorted({own, example[cut:cut + 3] or own, *GENERIC_UNITS}):
            pieces.append((example[:cut], unit, example[cut:]))
    return pieces


def hostile(piece: tuple[str, str, str], size: int) -> str:
    prefix, unit, suffix = piece
    return prefix + unit * (size // len(unit)) + suffix


def test_every_pattern_takes_linear_time_on_hostile_lines() -> None:
    # Every pattern on every hostile 20,000-character line: a quadratic pattern takes a
    # second or more on one of them, a linear one a fraction of a millisecond.
    timings = []
    for spec in SPECS:
        for piece in hostile_pieces(spec):
            line = hostile(piece, 20_000)
            start = time.perf_counter()
            spec.pattern.match(line)
            timings.append((time.perf_counter() - start, spec, piece))
    timings.sort(key=lambda t: t[0], reverse=True)
    assert timings[0][0] < 0.1, (timings[0][1].tool, timings[0][1].example, timings[0][2])
    # The slowest ones again at 50,000 and 100,000 characters: twice the text, about twice
    # the time, or too little to measure a ratio on a loaded machine (under 50 ms, where a
    # quadratic pattern takes seconds: 0.1 s at 20,000 characters is 2.5 s at 100,000).
    for _, spec, piece in timings[:8]:
        small, large = hostile(piece, 50_000), hostile(piece, 100_000)
        one = best_time(lambda: spec.pattern.match(small), repeat=5)  # noqa: B023
        two = best_time(lambda: spec.pattern.match(large), repeat=5)  # noqa: B023
        assert two < 3 * one or two < 0.05, (spec.tool, piece[1], one, two)


@pytest.mark.parametrize("unit", ["1 passed, ", "| 1 |", "\x1b[1", "a(1,1): error TS1: ", "ℹ "])
def test_parse_takes_linear_time_on_a_long_line(unit: str) -> None:
    small = unit * (50_000 // len(unit)) + " in 1s"
    large = unit * (100_000 // len(unit)) + " in 1s"
    one = best_time(lambda: parse_output(small), repeat=5)
    two = best_time(lambda: parse_output(large), repeat=5)
    assert two < 3 * one or two < 0.05, (one, two)


def test_patterns_are_anchored_and_have_no_unbounded_nested_repeat() -> None:
    # `match` anchors every pattern at the line's start; and a group that is repeated without
    # bound must not hold a repeat itself (`(?:\d+ \w+, )*` is the shape that backtracks).
    nested = re.compile(r"\((?:[^()]|\([^()]*\))*[+*](?:[^()]|\([^()]*\))*\)[+*]")
    assert [s.example for s in SPECS if nested.search(s.pattern.pattern)] == []
