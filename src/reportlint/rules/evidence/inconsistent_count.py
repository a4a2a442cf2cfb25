"""Checks that the figures a report states agree with each other: a test total (`184 test
cases`, `40+ tests`, `Total tests: 42`) against the counts it lists part by part (`19 test
cases` per file, `(6 tests)` per group, the rows of a table's *Tests* or *Passed* column);
a table's *Total* row against the rows above it; a result such as `8/8 acceptance criteria
met` against the items or rows it counts; the coverage of the whole stated twice, or stated
against the one coverage run the report shows. Coverage is read from prose and fields
(`**Coverage**: 87%`) and from tables: the *Unit Tests* row of the template's *Test Coverage
Report*, a *Total* row, or a row labelled as coverage (`| Line coverage | 80% | 93.1% |`, the
figure outside a *Target* column), in the languages agents write (`라인 커버리지`,
`Cobertura`). A table's figure of one metric (`Branch coverage`) is compared with that metric
of the run; one of a part (`Line coverage (src/orders)`) only with a run over that part.
A test total a line states beside its outcomes (`Total: 150 tests — 140 passed, 6 skipped, 0
failed`; see :mod:`reportlint.tallied`). And a count of things a sentence gives for the list
or table right after it (`This task added 8 new React components:` then six items), or a
heading for its section's one list or table (`### Files changed (7)` over five items; see
:mod:`reportlint.enumerated` for the counts that promise no full list). Tables are read in
the languages agents write in too (`| **Totale** | **78** |` over a *Superati* column).

A reader's tolerance is kept: `40+` is any count of 40 or more, a count is only compared
with the parts listed under it or with a total it calls one, coverage figures may differ by
rounding (a point; five for an estimate such as `~80%`), and a part's coverage (`100% of the
new module`) or a target (`Coverage target: 80%`) is not the whole's.

A table is read when its header names a count of tests (`Tests`, `Test Cases`, `# Tests`;
`Count` or `Total` in a table about tests) or of passed tests (`Passed`) and every row gives
one figure (`12`, `**12**`, `12 tests`), or passed and run (`157/157`, both summed). A row
whose label is `Total`, `Sum` or `All` is the table's total, not a part; sub-total rows
(`Unit subtotal`, a bold row over the rows it groups) are not parts either. A table's sum is
compared with its Total row, with a total on the line right before or after it (one that
calls itself a total, or a line saying nothing else such as `**42 tests passing**`), or with
a total elsewhere calling itself one when the table has no Total row and does not list some
tests only (`New Tests`, `Fully Passing Suites`); the last two only when the report has no
other table of test counts. A passing total is compared with the *Passed* column, or with
the tests of a table that shows no failure. A table of outcomes (`Passed`, `Failed`,
`Skipped` rows) adds up to its total; tables of different quantities (suites, tests,
duration), of runs of the same tests (before and after, per browser or runtime), of
percentages, durations, lines, points or hours, and estimates (`Expected: 141 passing after
the fix`) are left alone.

## Why is this bad?
Two figures for one quantity cannot both be true: either some tests were not listed or the
total was written without counting. The reviewer cannot tell which part is stale.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

### Tests

**40+ test cases covering:**

#### Rotation (6 tests)

#### Expiry (3 tests)
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

### Tests

**9 test cases covering:**

#### Rotation (6 tests)

#### Expiry (3 tests)
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from reportlint import claims, covered
from reportlint.claims import Count, Parts
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define

CODE = define("RL302", "inconsistent-count", Severity.WARNING, __name__)

_I = re.IGNORECASE


def _lines(parts: Parts) -> str:
    first, last = parts.counts[0].line, parts.counts[-1].line
    return f"line {first}" if first == last else f"lines {first}–{last}"


def _differs(total: Count, summed: int) -> bool:
    return summed < total.value if total.at_least else summed != total.value


def _group(found: claims.Claims, total: Count) -> Parts | None:
    """The parts a total counts: those listed under the section stating it (after it), or,
    for a total it calls one, the largest list of parts in a test section."""
    below = [p for p in found.parts if p.key == total.key
             and all(c.line > total.line for c in p.counts)]
    if below:
        return max(below, key=lambda p: len(p.counts))
    if not total.total:
        return None
    tests = [p for p in found.parts if p.key and "test" in p.key
             and all(c.line != total.line for c in p.counts)]
    return max(tests, key=lambda p: len(p.counts)) if tests else None


def _fits(found: claims.Claims, parts: Parts, total: Count) -> bool:
    """Whether a table's column counts what the total counts: a passing total its passed
    tests (its *Passed* column, or every test where it shows no failure), another total
    every test."""
    table = parts.table
    assert table is not None
    if not total.passing:
        return table.kind == "all"
    if table.kind == "passed":
        return True
    return not table.failures and not any(
        p.table is not None and p.table.line == table.line and p.table.kind == "passed"
        for p in found.tables)


def _table(found: claims.Claims, total: Count) -> Parts | None:
    """The table column a total counts, when the report has one table of test counts: the
    table right before or after it in its section (the total says it is one, or its line
    states nothing else), or, for a total it calls one, a table without a Total row."""
    if not (total.total or total.alone) or total.hedged:
        return None
    # With two tables of test counts, a total may be the sum of both (`Unit Tests` and
    # `Integration Tests` tables, then `**Total: 42 tests**`): no one table is its parts.
    if len({p.table.line for p in found.tables if p.table}) != 1:
        return None
    fitting = [p for p in found.tables if _fits(found, p, total)]
    if not fitting:
        return None
    parts = fitting[0]
    table = parts.table
    assert table is not None
    if parts.key == total.key and (table.before[0] <= total.line <= table.before[1]
                                   or table.after[0] <= total.line <= table.after[1]):
        return parts
    # A total elsewhere may be the whole suite's, not that of the tests a task added.
    return parts if total.total and table.stated is None and not table.some else None


def _grouped(parts: Parts, total: Count) -> bool:
    """Whether the total is the sum of the rows that group the others (their subtotals)."""
    groups = parts.table.groups if parts.table else ()
    return len(groups) >= 1 and sum(g.value for g in groups) == total.value


def _where(parts: Parts) -> str:
    if parts.table is None:
        return f"listed under `{quote(parts.title)}`"
    return (f"in the `{quote(parts.table.column)}` column of the table under "
            f"`{quote(parts.title)}`")


def _compare(total: Count, parts: Parts) -> Iterator[Hit]:
    summed = sum(c.value for c in parts.counts)
    if _differs(total, summed) and not _grouped(parts, total):
        shown, what = str(summed), "counts"
        if parts.table is not None and parts.table.other:
            # Cells of `passed/run`: both sums, in the cells' order.
            other = sum(c.value for c in parts.table.other)
            passed = parts.table.kind == "passed"
            shown = f"{summed}/{other}" if passed else f"{other}/{summed}"
            what = "passed/run counts"
        yield Hit(total.line, f"`{quote(total.text)}` but the {len(parts.counts)} {what} "
                  f"{_where(parts)} ({_lines(parts)}) add up to {shown}")


def check(ctx: Context) -> Iterator[Hit]:
    found = claims.of(ctx)
    rows = {c.line for p in found.tables for c in p.counts}
    rows.update(p.table.stated.line for p in found.tables if p.table and p.table.stated)
    said: set[int] = set()
    for total in found.counts:
        parts = _group(found, total)
        if parts is None and found.tables and total.line not in rows:
            parts = _table(found, total)
        if parts is None or any(c.line == total.line for c in parts.counts):
            continue
        for hit in _compare(total, parts):
            said.add(hit.line)
            yield hit
    for parts in found.tables:
        stated = parts.table.stated if parts.table else None
        # A Total row wrong in its Tests and its Passed column is one finding, the first.
        if stated is not None and stated.line not in said:
            hits = list(_compare(stated, parts))
            if hits:
                said.add(stated.line)
                yield from hits
    yield from _counted(found)
    yield from _coverage(found)
    for line, tally in found.tallied:
        yield Hit(line, f"`{quote(tally.text, 80)}` but its outcomes add up to {tally.parts}, "
                  f"not {tally.total}")
    for listed in found.listed:
        yield Hit(listed.line, f"`{quote(listed.text)}` but the {listed.what} that follow "
                  f"(lines {listed.first}–{listed.last}) are {listed.shown}")


def _counted(found: claims.Claims) -> Iterator[Hit]:
    for key, (title, marks, _) in found.sections.items():
        ratios = [r for r in found.ratios if r.key == key]
        if not ratios or len(marks) < 2:
            continue
        items = list(marks)
        for ratio in ratios:
            if ratio.done == len(items):
                continue
            words = {w for w in re.findall(r"[a-z]+", ratio.text.lower()) if len(w) > 3}
            if not words & set(re.findall(r"[a-z]+", title.lower())):
                continue  # the result is not about the list of this section
            yield Hit(ratio.line, f"`{quote(ratio.text)}` but `{quote(title)}` marks "
                      f"{len(items)} item{'s' if len(items) != 1 else ''} as done "
                      f"(lines {items[0].line}–{items[-1].line})")


def _tolerance(text: str) -> float:
    return 5.0 if any(m in text for m in ("~", "≈", "about", "About")) else 1.0


def _coverage(found: claims.Claims) -> Iterator[Hit]:
    """The whole's coverage stated twice (or stated and shown by the run) with figures
    further apart than rounding (or, for `~80%`, an estimate) allows."""
    stated = [(line, pct, text) for line, pct, text in found.coverage
              if found.coverage_metric.get(line) == "overall"]
    cells = found.coverage_cells
    if not stated and not cells:
        return
    # A coverage reporter's total, or go's one package with its `coverage: X% of statements`.
    runs = [o for o in found.outputs if o.result.kind in ("coverage", "suite")
            and o.result.coverage is not None]
    if len(runs) == 1:
        run = runs[0]
        shown = float(run.result.coverage or 0.0)
        for line, pct, text in stated:
            if abs(pct - shown) > _tolerance(text):
                yield _against_run(line, text, run, shown)
        yield from _cells_against_run(cells, run, shown)
        return
    # A table's figure of the whole, with the report's other figures of the whole.
    stated += [(c.line, c.pct, c.text) for c in cells if c.metric == "overall" and c.scope is None]
    stated.sort()
    for (first, was, said), (line, pct, text) in pairwise(stated):
        if abs(pct - was) > max(_tolerance(said), _tolerance(text)):
            yield Hit(line, f"`{quote(text)}` but line {first} says `{quote(said)}`")


_LINES_OR_STATEMENTS = frozenset({"lines", "statements"})


def _cells_against_run(cells: list[covered.Covered], run: claims.Output, shown: float
                       ) -> Iterator[Hit]:
    """A table's coverage figures against the one run the report shows: a figure of the
    whole (or of the unit tests) may be any of the run's totals, since a report may quote
    its statements or its lines; a metric's figure is that metric's; a part's is compared
    only with a run over that part."""
    metrics = dict(run.result.metrics)
    block = run.block["text"].casefold()
    for cell in cells:
        if cell.scope is not None and cell.scope not in block:
            continue
        if cell.metric in ("overall", "unit"):
            near = [shown, *metrics.values()]
        elif cell.metric in metrics:
            near = [metrics[cell.metric]]
        elif cell.metric in _LINES_OR_STATEMENTS and not _LINES_OR_STATEMENTS.isdisjoint(metrics):
            # coverage.py's one figure (`Cover`) counts statements, which are its lines
            near = [metrics.get("statements", metrics.get("lines", shown))]
        else:
            continue
        if all(abs(cell.pct - figure) > _tolerance(cell.text) for figure in near):
            yield _against_run(cell.line, cell.text, run, near[0])


def _against_run(line: int, text: str, run: claims.Output, shown: float) -> Hit:
    return Hit(line, f"`{quote(text)}` but the coverage run (line {run.line}) shows {shown:g}% "
               f"(`{quote(run.result.text, 80)}`)")
