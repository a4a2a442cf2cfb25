"""What a report claims and what it shows as evidence, read once per report.

:func:`of` gives a report's :class:`Claims`, extracted in one pass over its sections (each
paragraph, item, row and code block is read once, by patterns anchored on its own text) and
kept on the rule context, so that the rules of ``reportlint.rules.evidence`` share one
extraction instead of each walking the document again:

- **claims** of success with their lines: the completion status in every spelling, **Ready
  for Review**: Yes, and the prose claims a reviewer relies on ("all tests pass", "no lint
  errors", "production-ready", "ready to merge", "100% coverage", "no breaking changes");
- **marks**: table rows and list items marked ✅ (or *Pass*, *Met*, ticked boxes), with the
  rest of their text, where a contradiction hides ("✅ | 36/38 passing");
- **quantities**: stated test counts (``184 test cases``, ``40+ tests``, ``Total tests: 42``),
  ``N/M`` results, and the parts a report lists (``19 test cases`` per file, ``(6 tests)`` per
  group, the rows of a table's *Tests* or *Passed* column with its *Total* row);
- **stated** results: failure counts written in prose (``25 passed, 2 failed``), read by
  :func:`reportlint.stated.read`;
- **outputs**: the summaries of the tool output pasted in code blocks, read by
  :func:`reportlint.evidence.outputs.parse`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from reportlint import covered, enumerated, lazyre, recognition, stated, tallied

if TYPE_CHECKING:
    from reportlint.evidence import outputs
    from reportlint.nodes import CodeBlock, Container, Report, Row, Table
    from reportlint.rules.base import Context

_I = re.IGNORECASE


class Claim(NamedTuple):
    """A claim of success: ``kind`` is ``status``, ``ready`` or a prose claim's name
    (``tests-pass``, ``no-lint-errors``, ``production-ready``, ``ready-to-merge``,
    ``full-coverage``, ``no-breaking-changes``); ``text`` is the words that make it."""

    kind: str
    line: int
    text: str


class Mark(NamedTuple):
    """A row or item marked as done or passing, and the rest of its text (``rest``)."""

    line: int
    text: str  # the whole row or item, for messages
    rest: str  # the text besides the mark
    section: str  # the title of the section holding it
    key: str  # that section's key


class Count(NamedTuple):
    """A stated number of tests: ``value`` (``at_least`` for ``40+``), where, and whether it
    is stated as the whole (``total``) or listed as one part of a list (``part``)."""

    value: int
    line: int
    text: str
    key: str  # the key of the section stating it
    at_least: bool = False
    total: bool = False
    passing: bool = False  # stated as passing (`42 tests passing`, `42 passing tests`)
    alone: bool = False  # the line states nothing else (`**42 tests passing**`), or ends in `:`
    hedged: bool = False  # an estimate or a goal (`Expected: 141 passing after the fix`)


class Ratio(NamedTuple):
    """``N/M <things> <passed|met|...>``: the figures and the section they are stated in."""

    done: int
    whole: int
    line: int
    text: str
    key: str


class Output(NamedTuple):
    """One tool summary from a code block, with the file line of its summary line."""

    result: outputs.Result
    line: int
    key: str  # the key of the section holding the block
    block: CodeBlock


class Tabled(NamedTuple):
    """Where a :class:`Parts` read from a table's column comes from, and what the table says
    around it."""

    line: int  # the table's
    column: str  # the column's header as written (`Tests`, `Passed`)
    kind: str  # `all` (every test of the row) or `passed` (the row's passed tests)
    stated: Count | None  # the table's Total row's figure in this column
    groups: tuple[Count, ...]  # rows that group others (bold label and figure, `Subtotal`)
    failures: bool  # the table shows failed, skipped or blocked tests (a column, a ❌ row)
    some: bool  # its section or column says it lists some tests (`New Tests`, `Passing`)
    before: tuple[int, int]  # the lines of the paragraph or item right before the table
    after: tuple[int, int]  # ... and of the one right after it, in the same section
    # A column of `passed/run` cells: the rows' other figures (the run for the passed).
    other: tuple[Count, ...] = ()


class Parts(NamedTuple):
    """Test counts listed one per item or per sub-heading of a section (``table`` None), or
    one per row of a table's test count column."""

    key: str
    title: str
    counts: list[Count]
    table: Tabled | None = None


class Claims:
    """What one report claims and states, filled in by :func:`extract` (a plain class with
    slots, not a dataclass: creating a dataclass costs 0.7 ms of every run's start-up)."""

    __slots__ = ("_outputs", "blocks", "claims", "counts", "coverage", "coverage_cells",
                 "coverage_metric", "coverage_rates", "listed", "marks", "parts", "passed",
                 "ratios", "rows", "sections", "seen", "stated", "tables", "tallied")

    def __init__(self) -> None:
        # (line, what) already read: a `**Result**: 8/8 met` line is a field and a paragraph.
        self.seen: set[tuple[int, str]] = set()
        self.claims: list[Claim] = []
        self.marks: list[Mark] = []
        self.counts: list[Count] = []
        self.ratios: list[Ratio] = []
        self.parts: list[Parts] = []
        # A table's test count columns, one Parts each (kept apart: `parts` are items).
        self.tables: list[Parts] = []
        # The code blocks that may hold tool output (with a digit), by section key: read by
        # `outputs` when a rule first asks (most reports claim nothing it would be read for).
        self.blocks: list[tuple[CodeBlock, str]] = []
        self._outputs: list[Output] | None = None
        # Every section's key -> its title, the ✅/ticked items and rows directly in it, its
        # line.
        self.sections: dict[str, tuple[str, list[Mark], int]] = {}
        # Tests stated as passing (`38 passed`, `38 tests passing`, `38/40 tests pass`).
        self.passed: list[Count] = []
        # Coverage stated as the whole's (`**Coverage**: 87%`, `Line coverage: 87%`).
        self.coverage: list[tuple[int, float, str]] = []
        # ... and which figure: `lines`, `statements` or `overall` (no metric named).
        self.coverage_metric: dict[int, str] = {}
        # Counts of things stated for the list or table after them (`8 components:`).
        self.listed: list[enumerated.Listed] = []
        # A test total a line states beside outcomes that do not add up to it, at its line.
        self.tallied: list[tuple[int, tallied.Tallied]] = []
        # Coverage stated in a table's cells (see :mod:`reportlint.covered`).
        self.coverage_cells: list[covered.Covered] = []
        # Lines holding a coverage figure worded as a pass rate (see mislabelled-coverage).
        self.coverage_rates: list[tuple[int, str, float, int, int]] = []
        # Test failures stated in prose (`25 passed, 2 failed`), failing or not.
        self.stated: list[stated.Tally] = []
        # The lines of the table rows read for counts (a row's `40 passed` is one suite's).
        self.rows: set[int] = set()

    @property
    def outputs(self) -> list[Output]:
        """Every tool summary of the report's code blocks, in the file's order."""
        if self._outputs is None:
            self._outputs = [Output(result, _block_line(block, result.offset), key, block)
                             for block, key in self.blocks for result in _results(block)]
        return self._outputs


_RUNS = frozenset({"tests", "test-files", "suite"})


def _results(block: CodeBlock) -> list[outputs.Result]:
    """The tool summaries of a block; in a block with no test run's, the CI jobs it lists
    (a test runner's own list of cases is no list of jobs)."""
    from reportlint.evidence import checks, outputs  # only for a report with code blocks

    found = outputs.parse(block["text"], block["language"])
    if not any(r.kind in _RUNS for r in found):
        jobs = checks.read(block["text"])
        if jobs is not None:
            found.append(jobs)
    return found


# --- patterns -------------------------------------------------------------------------

# Each prose claim: its name, substrings one of which its text must hold (lowered), pattern.
_PROSE: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("tests-pass", ("pass", "failures"), lazyre.compile(
        r"\ball\s+(?:\d+\s+)?(?:unit\s+|integration\s+|e2e\s+)?tests?\s+(?:are\s+|now\s+|still\s+)?"
        r"pass(?:ing|ed|es)?\b|\bzero\s+test\s+failures\b|\b100%\s+(?:tests?\s+)?pass(?:ing)?\b",
        _I)),
    ("no-lint-errors", ("lint", "type", "mypy", "ruff", "tsc", "pyright", "clippy", "compil",
                        "kompil"), lazyre.compile(
        r"\b(?:no|zero|0)\s+(?:lint(?:ing|er)?|eslint|ruff|type(?:script)?|mypy|tsc)\s+"
        r"(?:errors?|warnings?|issues?|problems?)\b"
        # `Type-check is clean`, `type-checks cleanly`, `lint is green`, `mypy comes back clean`
        r"|\b(?:type[- ]?check(?:s|ing)?|typecheck(?:s|ing)?|mypy|tsc|pyright|lint(?:s|ing)?|"
        r"eslint|ruff|clippy)\s+(?:(?:is|are|now|still|runs?|comes\s+back|came\s+back)\s+)"
        r"{0,2}(?:clean(?:ly)?|green)\b"
        r"|\blints?\s+(?:with\s+)?(?:zero|no|0)\s+(?:errors?|warnings?|issues?|problems?)"
        r"(?:\s+(?:and|or)\s+(?:zero|no|0)\s+(?:errors?|warnings?))?\b"
        # `compiles without errors`, and as agents write it in es, it, pt, fr, de
        r"|\bcompiles\s+(?:cleanly|without\s+(?:any\s+)?(?:type\s+)?errors)\b"
        r"|\bcompila\s+(?:sin|senza|sem)\s+(?:errores|errori|erros)\b"
        r"|\bcompile\s+sans\s+erreurs?\b|\bkompiliert\s+(?:ohne\s+fehler|fehlerfrei)\b", _I)),
    ("production-ready", ("production",), lazyre.compile(r"\bproduction[- ]ready\b", _I)),
    ("ready-to-merge", ("merg",), lazyre.compile(r"\bready\s+(?:to|for)\s+merg(?:e|ing)\b", _I)),
    ("full-coverage", ("coverage",), lazyre.compile(
        r"\b100\s*%\s+(?:code\s+|test\s+|line\s+)?coverage\b"
        r"|\bcoverage\s*:?\s*100(?:\.0+)?\s*%", _I)),
    ("no-breaking-changes", ("breaking",), lazyre.compile(r"\bno\s+breaking\s+changes\b", _I)),
)
_DIGIT = lazyre.compile(r"\d")
_SENTENCE = lazyre.compile(r"[.;:!?]\s")
_NEGATED = lazyre.compile(r"\b(?:not|never|no longer|once|until|before|after|when|if|will|"
                      r"should|would|to be|must|need(?:s|ed)? to)\b|n't\b", _I)

_OK_MARK = lazyre.compile(r"^\s*(?:✅|✔️?|☑️?|🟢|\[[xX]\])")
_OK_CELL = lazyre.compile(
    r"^\s*(?:✅|✔️?|☑️?|🟢)|^\s*(?:pass(?:ed|ing)?|met|done|complete[d]?|ok|yes)\s*$", _I)
_STATUS_COLUMNS = ("status", "result", "passed", "met", "state", "outcome")

_COUNT = lazyre.compile(
    r"(?<![\w./-])(?P<n>\d{1,5})(?P<plus>\+)?\s+(?:new\s+|unit\s+|integration\s+|"
    r"comprehensive\s+|passing\s+|e2e\s+)*(?:test\s+cases?|tests?)\b", _I)
_PART_ITEM = lazyre.compile(r"^\s*(?P<n>\d{1,4})\s+(?:test\s+cases?|tests?)\b", _I)
_PART_HEADING = lazyre.compile(r"\((?P<n>\d{1,4})\s+(?:test\s+cases?|tests?)\)\s*$", _I)
_TOTAL_WORDS = lazyre.compile(r"\btotal\b|\ball\s+tests?\b", _I)
_RATIO = lazyre.compile(
    r"(?<![\w./-])(?P<n>\d{1,4})\s*/\s*(?P<m>\d{1,4})\s+(?P<what>[a-z][a-z ]{0,30}?)\s+"
    r"(?:met|passed|passing|complete[d]?|done|satisfied)\b", _I)
_PASSED = lazyre.compile(
    r"(?<![\w./-])(?P<n>\d{1,5})(?:\s*/\s*(?P<m>\d{1,5}))?\s+(?:(?:unit|integration|e2e)\s+)?"
    r"(?:tests?\s+|test\s+cases\s+|specs?\s+)?(?:passed|passing|pass)\b", _I)
_COVERAGE = lazyre.compile(
    r"^\W{0,6}(?:(?:(?P<metric>overall|total|code|line|statement|test)\s+)?coverage\b"
    # in the languages agents write in (`Cobertura de pruebas: 87 %`, `カバレッジ：85%`)
    r"|(?:cobertura|couverture|abdeckung|copertura|dekking|kapsam|cakupan)\b"
    r"|커버리지|カバレッジ|覆盖率|覆蓋率)"
    r"[^0-9%\n<>≥≤]{0,24}?"
    r"(?P<approx>~|≈|about\s+)?(?P<pct>\d{1,3}(?:\.\d+)?)\s*%", _I)
_TARGET = lazyre.compile(r"\b(?:target|goal|minimum|threshold|required|bar)\b", _I)
# After a coverage figure: what makes it a part's (`100% of the new module`) or a rate.
_OF_A_PART = lazyre.compile(r"\s*(?:of|for|in|on|across|\()\s*(?!\s*(?:statements|lines)\b)", _I)
_RATE_AS_COVERAGE = lazyre.compile(
    r"\bcoverage\b\W{0,4}(?P<pct>\d{1,3}(?:\.\d+)?)\s*%\s*\(\s*(?P<n>\d{1,5})\s*/\s*"
    r"(?P<m>\d{1,5})\s+(?:[a-z]+\s+){0,2}tests?\s+(?:pass(?:ing|ed)?)\b\s*\)?", _I)

# `Total tests: 42`, `Total test cases | 42`: a total named before its figure.
_TOTAL_FIRST = lazyre.compile(
    r"\b(?:total|overall)\s+(?:number\s+of\s+)?(?:test\s+cases|tests)"
    r"(?:\s+(?P<pass>passing|passed|run|executed|written|added))?\s*(?::|=|\||-|–)?\s*"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d{1,5})(?![\d,]|\.\d)(?P<plus>\+)?(?!\s*(?:/|%|of\b))", _I)
_PASSING_AFTER = lazyre.compile(r"\s*[,(]?\s*(?:are\s+|all\s+|now\s+)?pass(?:ing|ed|es)?\b", _I)
# A line that states one count and nothing else, or introduces what follows.
_ALONE = lazyre.compile(
    r"^\W*(?:(?:total|overall)\W*)?(?:all\s+)?\d{1,5}\+?\s+(?:new\s+|unit\s+|passing\s+)*"
    r"(?:test\s+cases?|tests?)(?:\s+(?:pass(?:ing|ed)?|run|executed|in\s+total|total))?\W*$"
    r"|:\W*$", _I)

# The columns of a table that count a row's tests; those that do when the table is about
# tests (a `Count` of resources, a `Total` of minutes are not); those of its passed tests.
_TEST_COLUMNS = frozenset({
    "tests", "test-cases", "cases", "test-count", "tests-count", "number-of-tests",
    "no-of-tests", "num-tests", "specs", "total-tests", "tests-total", "new-tests",
    "tests-added", "tests-written"})
_COUNT_COLUMNS = frozenset({"count", "total", "number", "no"})
# ... in the languages agents write in too (it, de, fr, es, pt, nl, tr, id, ko, zh, ja).
_PASSED_COLUMNS = frozenset({"passed", "passing", "pass", "tests-passed", "passed-tests",
                             "passing-tests", "pass-count", "passes", "superati", "bestanden",
                             "erfolgreich", "réussis", "réussi", "aprobados", "pasados",
                             "exitosos", "aprovados", "passaram", "geslaagd", "başarılı",
                             "lulus", "berhasil", "통과", "通过", "成功"})
_FAILED_COLUMNS = frozenset({"failed", "failing", "fail", "failures", "skipped", "skip",
                             "blocked", "pending", "errors", "errored", "broken", "flaky",
                             "todo", "falliti", "saltati", "fehlgeschlagen", "übersprungen",
                             "échoués", "échecs", "ignorés", "fallidos", "omitidos",
                             "falharam", "falhas", "ignorados", "mislukt", "overgeslagen",
                             "başarısız", "atlanan", "gagal", "dilewati", "실패", "건너뜀",
                             "失败", "跳过", "失敗", "スキップ"})
# A cell that is one count: `12`, `**12**` (the model drops the emphasis), `12 tests`.
_CELL_COUNT = lazyre.compile(
    r"^\s*(?P<n>\d{1,3}(?:,\d{3})+|\d{1,6})(?P<plus>\+)?"
    r"(?:\s+(?:test\s+cases?|tests?|cases?|specs?|passed|passing))?\s*$", _I)
_CELL_RATIO = lazyre.compile(
    r"^\s*(?P<n>\d{1,5})\s*/\s*(?P<m>\d{1,5})(?:\s+(?:tests?|test\s+cases|passed|passing|pass))?"
    r"\s*(?:\(\s*\d{1,3}(?:\.\d+)?\s*%\s*\))?\s*$", _I)
_TOTAL_LABEL = lazyre.compile(
    r"^\W*(?:(?:grand\s+)?total|sum|overall|totale|gesamt|totaal|toplam|jumlah)\b"
    r"|^\W*(?:합계|전체|合计|总计|合計)"
    r"|^\W*all(?:\s+(?:tests?|test\s+cases|suites|files|specs))?\W*$", _I)
_SUBTOTAL_WORD = lazyre.compile(r"\bsub-?\s?totals?\b", _I)
_SUBTOTAL_LABEL = lazyre.compile(r"\w\W+totals?\W*$", _I)
# Row labels that make a table a list of outcomes (whose sum is the total) or of different
# quantities (suites, tests, time: a table with no sum at all).
_OUTCOME_LABEL = lazyre.compile(
    r"^\W*(?:tests?\s+)?(?:pass(?:ed|ing|es)?|fail(?:ed|ing|ures?)?|skip(?:ped)?|pending|todo|"
    r"blocked|errors?|errored|flaky|broken|x?fail(?:ed)?|xpass(?:ed)?|ignored|disabled|"
    r"not\s+run)(?:\s+tests?)?\W*$", _I)
_PASS_LABEL = lazyre.compile(r"^\W*(?:tests?\s+)?pass", _I)
_METRIC_LABEL = lazyre.compile(
    r"^\W*(?:(?:test|spec)\s+)?(?:tests?|test\s+cases|cases|files|suites|specs|assertions|"
    r"expectations|snapshots|duration|time|runtime|coverage|lines|branches|functions|"
    r"statements|scenarios|steps|runs?|executed|written|added|new)\W*$", _I)
# A table whose rows are runs of the same tests (before and after, per run, per browser or
# runtime, per phase, where counts may be cumulative) has no sum: by its label column or rows.
_RUN_COLUMNS = frozenset({
    "run", "runs", "attempt", "iteration", "date", "time", "timestamp", "when", "commit",
    "build", "round", "day", "week", "sprint", "session", "version", "environment", "env",
    "platform", "browser", "os", "node", "python", "runtime", "matrix", "target", "device",
    "viewport", "phase", "stage", "milestone", "step", "before-after"})
_RUN_LABEL = lazyre.compile(
    r"^\W*(?:before|after|initial|final|baseline|previous|current|now|then|"
    r"(?:run|attempt|iteration|round|phase|stage|day|week|sprint)\s*#?\d+|"
    r"chrome|chromium|firefox|safari|edge|webkit|ubuntu|windows|macos|linux|ios|android|"
    r"node(?:\.?js)?|python|py|jdk|java|go|ruby|mobile|desktop|tablet)\W*[\dx.]*\W*$"
    r"|^\W*v?\d+(?:\.\d+)+\W*$|^\W*\d{4}-\d{2}-\d{2}", _I)
# A table of some of the tests (those a task added, those passing): a total of the whole
# suite stated elsewhere is not their sum.
_SUBSET_WORDS = frozenset({
    "new", "added", "created", "written", "wrote", "modified", "updated", "changed", "fixed",
    "passing", "passed", "failing", "failed", "failures", "remaining", "flaky", "skipped",
    "slowest", "fastest", "slow", "sample", "selected", "key", "notable", "highlights",
    "example", "examples"})
_NEW_WORDS = frozenset({"new", "added", "created", "written", "modified", "updated",
                        "changed", "fixed"})
_HEDGE = lazyre.compile(
    r"\b(?:estimat\w*|expected|projected|target(?:ed|s)?|goals?|planned|will|would|should|"
    r"after\s+(?:the\s+)?(?:fix|fixes|re-?run)\w*)\b", _I)
_FAILING = lazyre.compile(r"❌|⚠|✗|✖|⏭|\bfail|\bskip|\bpending\b|\bblocked\b|\berror|"
                          r"\bflaky\b|\bbroken\b|\bnot\s+run\b", _I)
_PIPE = lazyre.compile(r"(?<!\\)\|")


def of(ctx: Context) -> Claims:
    """The report's claims and evidence, extracted once per context."""
    memo = ctx.memo
    if memo is None:
        return extract(ctx.report, ctx.lines)
    found = memo.get("claims")
    if found is None:
        found = memo["claims"] = extract(ctx.report, ctx.lines)
    return found


def extract(report: Report, lines: Sequence[str] = ()) -> Claims:
    """One pass over the report and its sections (its own recursion, not ``ctx.keyed()``:
    a section's parts count for the sections above it). ``lines``: the file's, where a
    table's emphasis is read (the model keeps a cell's text only)."""
    out = Claims()
    _status_claims(report, out)
    _section(report, "", report["title"]["text"], out, lines)
    # A section's items are read before its tables: put everything in the file's order.
    for found in (out.claims, out.marks, out.counts, out.ratios, out.passed, out.stated):
        found.sort(key=lambda x: x.line)
    out.coverage.sort()
    return out


def _section(section: Container, key: str, title: str, out: Claims,
             lines: Sequence[str]) -> list[Count]:
    """Read one section and those below it; the test counts listed as parts in it and
    below it (a group of two or more is kept in ``out.parts``)."""
    own: list[Mark] = []
    parts: list[Count] = []
    for name, fld in section["fields"].items():
        # A status is read as its value; other fields with their name (`Total Tests: 35`).
        text = fld["value"] if name == "status" else f"{fld['name']}: {fld['value']}"
        _read(text, fld["line"], key, title, out)
    for paragraph in section["paragraphs"]:
        _text(paragraph["text"], paragraph["line"], key, title, out)
    for item in section["items"]:
        text, line = item["text"], item["line"]
        _text(text, line, key, title, out)
        part = _PART_ITEM.match(text)
        if part and not _TOTAL_WORDS.search(text) and not _TOTAL_WORDS.search(title):
            parts.append(Count(int(part.group("n")), line, text, key))
        mark = _OK_MARK.match(text)
        if item.get("checked") is True or mark:
            rest = text[mark.end():] if mark else text
            own.append(Mark(line, text, rest.strip(), title, key))
    out.listed.extend(enumerated.read(section))
    for table in section["tables"]:
        out.coverage_cells.extend(covered.read(table))
        status = [k for k in table["columns"] if k in _STATUS_COLUMNS]
        # Counts are read from the tables about tests and results, not from every row of a
        # Files Changed table (40,000 rows in the benchmark's large report).
        counted = bool(status) or _about_results(key) or any(
            _about_results(column) for column in table["columns"])
        if not counted:
            continue
        columns = _count_columns(table, key)
        for row in table["rows"]:
            cells = row["cells"]
            joined = " | ".join(cells.values())
            out.rows.add(row["line"])
            _counts(joined, row["line"], key, title, out, prose=False)
            # A row is marked when its status says so; a matrix of ✅ per column is not.
            ok = [k for k in status if _OK_CELL.search(cells.get(k, ""))]
            if ok:
                mark = _OK_MARK.match(cells[ok[0]])
                said = [cells[ok[0]][mark.end():].strip() if mark else ""]
                said += [v for k, v in cells.items() if k != ok[0] and _says(k)]
                own.append(Mark(row["line"], joined, " | ".join(s for s in said if s.strip()),
                                title, key))
        if columns:
            _table_parts(section, table, columns, key, title, out, lines)
    for block in section["code_blocks"]:
        if not any(c.isdigit() for c in block["text"]):
            continue
        out.blocks.append((block, key))
    out.marks.extend(own)
    out.sections[key] = (title, own, int(section["line"]))
    for sub_key, sub in section["sections"].items():
        heading = _PART_HEADING.search(sub["title"])
        if heading:
            parts.append(Count(int(heading.group("n")), sub["line"], sub["title"], key))
        parts.extend(_section(sub, sub_key, sub["title"], out, lines))
    if len(parts) >= 2:
        out.parts.append(Parts(key, title, sorted(parts, key=lambda c: c.line)))
    return parts


_SAYING_COLUMNS = ("note", "comment", "detail", "remark", "evidence", "result", "test", "outcome",
                   "status", "state", "coverage", "passed", "verification")


def _says(column: str) -> bool:
    """A column whose cells say how the row went (not what the row is)."""
    return any(word in column for word in _SAYING_COLUMNS)


def _status_claims(report: Report, out: Claims) -> None:
    out.claims.extend(Claim(kind, line, words)
                      for kind, words, line in recognition.finished(report))


_RESULT_WORDS = ("test", "coverage", "result", "gate", "quality", "criteria", "summary",
                 "metric", "verification", "acceptance")


@lru_cache(maxsize=4096)  # section and column keys repeat from report to report
def _about_results(key: str) -> bool:
    return any(word in key for word in _RESULT_WORDS)


def _text(text: str, line: int, key: str, title: str, out: Claims) -> None:
    """A paragraph's or item's text (several lines for a paragraph): each line on its own,
    at its own line of the file."""
    if "\n" not in text:
        _read(text, line, key, title, out)
        return
    for offset, part in enumerate(text.split("\n")):
        _read(part, line + offset, key, title, out)
    _wrapped(text, line, out)


def _wrapped(text: str, line: int, out: Claims) -> None:
    """The claims a paragraph wraps over two lines (`now lints with zero` / `warnings`), at
    the line where each starts; those within one line were read with it."""
    joined = text.replace("\n", " ")
    lowered = joined.lower()
    if not _may_claim(lowered):
        return
    for kind, needles, pattern in _PROSE:
        if not any(needle in lowered for needle in needles):
            continue
        match = pattern.search(joined)
        if match is None or "\n" not in text[match.start():match.end()] \
                or _negated(joined, match.start()):
            continue
        at = line + text.count("\n", 0, match.start())
        if _new(out, at, kind):
            out.claims.append(Claim(kind, at, match.group(0)))


def _read(text: str, line: int, key: str, title: str, out: Claims) -> None:
    lowered = text.lower()
    if _may_claim(lowered):
        _prose(text, lowered, line, out)
    # `Two tests failing` has no digit; `38/40 passing` no failure.
    if ("fail" in lowered or ("/" in text and "pass" in lowered)) and _new(out, line, "stated"):
        out.stated.extend(stated.read(text, lowered, line, key, stated.about_tests(key)))
    if _DIGIT.search(text):
        _counts(text, line, key, title, out, lowered=lowered)
        if "test" in lowered and "pass" in lowered:
            found = tallied.read(text)
            if found is not None and _new(out, line, "tallied"):
                out.tallied.append((line, found))


def _may_claim(lowered: str) -> bool:
    # One chain of substring tests in C passes over most texts before any pattern runs.
    return ("pass" in lowered or "lint" in lowered or "type" in lowered or "merg" in lowered
            or "coverage" in lowered or "production" in lowered or "breaking" in lowered
            or "failures" in lowered or "mypy" in lowered or "ruff" in lowered
            or "tsc" in lowered or "compil" in lowered or "kompil" in lowered
            or "clippy" in lowered or "pyright" in lowered)


def _prose(text: str, lowered: str, line: int, out: Claims) -> None:
    for kind, needles, pattern in _PROSE:
        if not any(needle in lowered for needle in needles):
            continue
        match = pattern.search(text)
        if match and not _negated(text, match.start()) and _new(out, line, kind):
            out.claims.append(Claim(kind, line, match.group(0)))


def _negated(text: str, start: int) -> bool:
    """Whether the sentence before a claim makes it a wish or a plan ("will make sure all
    tests pass")."""
    sentence = _SENTENCE.split(text[:start])[-1][-160:]
    return bool(_NEGATED.search(sentence))


def _counts(text: str, line: int, key: str, title: str, out: Claims,
            prose: bool = True, lowered: str | None = None) -> None:
    if lowered is None:
        if not _DIGIT.search(text):
            return  # every figure below has a digit; most texts have none
        lowered = text.lower()
    if "test" in lowered:
        total: bool | None = None
        alone = hedged = False
        for match in _near(_COUNT, text, lowered, "test", 48, 16):
            if not _new(out, line, match.group(0)):
                continue
            if total is None:
                total = bool(_TOTAL_WORDS.search(text)) or _total_title(title)
                alone = prose and bool(_ALONE.search(text))
                hedged = _hedged(text, title)
            passing = "pass" in match.group(0).lower() or bool(
                _PASSING_AFTER.match(text, match.end()))
            out.counts.append(Count(int(match.group("n")), line, match.group(0), key,
                                    match.group("plus") is not None, total, passing, alone,
                                    hedged))
        if "total" in lowered or "overall" in lowered:
            _total_first(text, line, key, title, out)
        if "coverage" in lowered:
            rate = _RATE_AS_COVERAGE.search(text)
            if rate and _new(out, line, rate.group(0)):
                out.coverage_rates.append((line, rate.group(0), float(rate.group("pct")),
                                           int(rate.group("n")), int(rate.group("m"))))
    if "pass" in lowered:
        for match in _near(_PASSED, text, lowered, "pass", 60, 8):
            if _new(out, line, match.group(0)):
                out.passed.append(Count(int(match.group("n")), line, match.group(0), key))
    if prose and covered.mentioned(lowered):
        cover = _COVERAGE.search(text)
        if cover and not _OF_A_PART.match(text, cover.end()) \
                and not _TARGET.search(cover.group(0)) and _new(out, line, "coverage"):
            out.coverage.append((line, float(cover.group("pct")), cover.group(0)))
            metric = (cover.group("metric") or "").lower()
            out.coverage_metric[line] = {"line": "lines", "statement": "statements"}.get(
                metric, "overall")
    if "/" in text:
        for match in _near(_RATIO, text, text, "/", 6, 60):
            if not _new(out, line, match.group(0)):
                continue
            out.ratios.append(Ratio(int(match.group("n")), int(match.group("m")), line,
                                    match.group(0), key))


def _total_first(text: str, line: int, key: str, title: str, out: Claims) -> None:
    """`Total tests: 42`: a total named before its figure (`42 tests` is read above)."""
    for match in _TOTAL_FIRST.finditer(text):
        value = int(match.group("n").replace(",", ""))
        if any(c.line == line and c.value == value for c in out.counts) \
                or not _new(out, line, f"total {value}"):
            continue
        passing = match.group("pass") in ("passing", "passed") or bool(
            _PASSING_AFTER.match(text, match.end()))
        out.counts.append(Count(value, line, match.group(0), key,
                                match.group("plus") is not None, True, passing, False,
                                _hedged(text, title)))


def _hedged(text: str, title: str) -> bool:
    """Whether a count is an estimate or a goal, by its line or its section's title."""
    return bool(_HEDGE.search(text)) or _hedged_title(title)


@lru_cache(maxsize=4096)  # titles repeat from report to report
def _hedged_title(title: str) -> bool:
    return bool(_HEDGE.search(title)) or "next step" in title.lower()


def _count_columns(table: Table, key: str) -> list[tuple[str, str]]:
    """The columns of a table that count tests, each with its kind (`all` or `passed`)."""
    found: list[tuple[str, str]] = []
    about: bool | None = None
    for column in table["columns"]:
        if column in _TEST_COLUMNS:
            found.append((column, "all"))
        elif column in _PASSED_COLUMNS:
            found.append((column, "passed"))
        elif column in _COUNT_COLUMNS:
            if about is None:
                first = next(iter(table["columns"]))
                about = "test" in key or any(w in first for w in ("test", "suite", "spec"))
            if about:
                found.append((column, "all"))
    return found


def _raw_cells(lines: Sequence[str], line: int, width: int) -> list[str] | None:
    """A row's cells as written (with their emphasis), or None where they cannot be told."""
    if not 0 < line <= len(lines):
        return None
    raw = lines[line - 1].strip()
    if raw.startswith("|"):
        raw = raw[1:]
    if raw.endswith("|") and not raw.endswith("\\|"):
        raw = raw[:-1]
    cells = [c.strip() for c in _PIPE.split(raw)]
    return cells if len(cells) == width else None


def _bold(cell: str) -> bool:
    return len(cell) > 4 and cell[:2] in ("**", "__") and cell[-2:] in ("**", "__")


def _table_parts(section: Container, table: Table, columns: list[tuple[str, str]], key: str,
                 title: str, out: Claims, lines: Sequence[str]) -> None:
    """One Parts per test count column of a table: its rows' figures, its Total row's, and
    the rows that group others. A table of outcomes (passed, failed, skipped) sums to its
    total; a table of different quantities (suites, tests, duration) has no sum and gives
    none."""
    rows = table["rows"]
    if len(rows) < 2:
        return
    names = list(table["columns"])
    counting = {column for column, _ in columns}
    label_key = next((k for k in names if k not in counting), None)
    if label_key is None or label_key in _RUN_COLUMNS:
        return
    failures = any(k in _FAILED_COLUMNS for k in names)
    totals: list[tuple[Row, str]] = []
    leaves: list[tuple[Row, str]] = []
    groups: list[tuple[Row, str]] = []
    outcomes = 0
    for row in rows:
        cells = row["cells"]
        label = cells.get(label_key, "").strip() or next(
            (v.strip() for k, v in cells.items() if k not in counting and v.strip()), "")
        if not failures and _FAILING.search(" ".join(cells.values())):
            failures = True
        if _SUBTOTAL_WORD.search(label):
            groups.append((row, label))
            continue
        if _TOTAL_LABEL.search(label):
            totals.append((row, label))
            continue
        if _SUBTOTAL_LABEL.search(label):
            groups.append((row, label))
            continue
        if all(not v.strip() for k, v in cells.items() if k != label_key):
            continue  # a heading row between groups
        if _METRIC_LABEL.match(label) or _RUN_LABEL.search(label):
            return  # rows of different quantities, or runs of the same tests: no sum
        if _OUTCOME_LABEL.match(label):
            outcomes += 1
        raw = _raw_cells(lines, row["line"], len(names))
        if raw is not None and _bold(raw[names.index(label_key)]) and any(
                _bold(raw[names.index(c)]) for c in counting):
            groups.append((row, label))  # `| **Backend** | **30** |` above its rows
            continue
        leaves.append((row, label))
    if len(totals) > 1 or (outcomes and outcomes != len(leaves)):
        return  # several totals, or outcomes mixed with items: no one sum
    before, after = _around(section, table)
    some = not _SUBSET_WORDS.isdisjoint(key.split("-"))
    for column, kind in columns:
        if outcomes and kind == "passed":
            continue
        name = table["columns"][column]["name"]
        part = some or not _NEW_WORDS.isdisjoint(column.split("-"))
        counts = _column(leaves, column, key)
        if counts is None and kind == "all" and not outcomes:
            # `157/157` per row: the passed tests of the row's tests, both summed.
            _ratio_parts(table, name, column, leaves, totals, key, title, part, before,
                         after, out)
            continue
        if counts is None or len(counts) < 2:
            continue
        shown = failures
        if outcomes:  # a table of outcomes shows failures when a row other than Passed counts
            shown = any(c.value and not _PASS_LABEL.match(label)
                        for c, (_, label) in zip(counts, leaves, strict=True))
        stated = None
        if totals:
            row, label = totals[0]
            cell = row["cells"].get(column, "")
            match = _CELL_COUNT.match(cell)
            if match:
                stated = Count(int(match.group("n").replace(",", "")), row["line"],
                               f"{label} | {cell}", key, match.group("plus") is not None,
                               True, kind == "passed")
        grouped = _column(groups, column, key) or []
        out.tables.append(Parts(key, title, counts, Tabled(
            table["line"], name, kind, stated, tuple(grouped), shown, part, before, after)))


def _ratio_parts(table: Table, name: str, column: str, leaves: list[tuple[Row, str]],
                 totals: list[tuple[Row, str]], key: str, title: str, some: bool,
                 before: tuple[int, int], after: tuple[int, int], out: Claims) -> None:
    """A column of `passed/run` figures: one Parts of the passed tests, one of the run, each
    holding the other figures for the message."""
    done: list[Count] = []
    run: list[Count] = []
    for row, label in leaves:
        cell = row["cells"].get(column, "")
        match = _CELL_RATIO.match(cell)
        if match is None or int(match.group("n")) > int(match.group("m")):
            return
        text = f"{label} | {cell}"
        done.append(Count(int(match.group("n")), row["line"], text, key))
        run.append(Count(int(match.group("m")), row["line"], text, key))
    if len(done) < 2:
        return
    said_done = said_run = None
    if totals:
        row, label = totals[0]
        cell = row["cells"].get(column, "")
        match = _CELL_RATIO.match(cell)
        if match:
            text = f"{label} | {cell}"
            said_done = Count(int(match.group("n")), row["line"], text, key, total=True,
                              passing=True)
            said_run = Count(int(match.group("m")), row["line"], text, key, total=True)
    failing = any(d.value < r.value for d, r in zip(done, run, strict=True))
    out.tables.append(Parts(key, title, run, Tabled(
        table["line"], name, "all", said_run, (), failing, some, before, after, tuple(done))))
    out.tables.append(Parts(key, title, done, Tabled(
        table["line"], name, "passed", said_done, (), failing, some, before, after,
        tuple(run))))


def _column(rows: list[tuple[Row, str]], column: str, key: str) -> list[Count] | None:
    """The figures of the rows in one column, or None if a row's is not one count."""
    counts: list[Count] = []
    for row, label in rows:
        cell = row["cells"].get(column, "")
        match = _CELL_COUNT.match(cell)
        if match is None or match.group("plus"):
            return None  # a row without a figure, or `40+`: the column has no one sum
        counts.append(Count(int(match.group("n").replace(",", "")), row["line"],
                            f"{label} | {cell}", key))
    return counts


def _around(section: Container, table: Table) -> tuple[tuple[int, int], tuple[int, int]]:
    """The lines of the paragraph, item or field right before the table and right after it
    in its section, with no other table or code block between."""
    first = table["line"]
    last = table["rows"][-1]["line"] if table["rows"] else first + 1
    blocks = [(p["line"], p["line"] + p["text"].count("\n")) for p in section["paragraphs"]]
    blocks += [(i["line"], i["line"] + i["text"].count("\n")) for i in section["items"]]
    blocks += [(f["line"], f["line"]) for f in section["fields"].values()]
    stops = [t["line"] for t in section["tables"] if t["line"] != first]
    stops += [b["line"] for b in section["code_blocks"]]
    before = max((b for b in blocks if b[1] < first), key=lambda b: b[1], default=(0, 0))
    if any(before[1] < stop < first for stop in stops):
        before = (0, 0)
    after = min((b for b in blocks if b[0] > last), key=lambda b: b[0], default=(0, 0))
    if any(last < stop < after[0] for stop in stops):
        after = (0, 0)
    return before, after


def _near(pattern: re.Pattern[str], text: str, lowered: str, needle: str, before: int,
          after: int) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` around each ``needle`` in the text (found in ``lowered``,
    of the same length): a pattern that starts with a number is slow to try at every
    character of a long paragraph, and the word it ends on is quick to find."""
    if len(lowered) != len(text):
        yield from pattern.finditer(text)
        return
    end = -1
    at = lowered.find(needle)
    while at != -1:
        start = max(at - before, end, 0)
        if not _DIGIT.search(text, start, at):
            # Each pattern starts with a number before its word: none here, no match.
            at = lowered.find(needle, at + len(needle))
            continue
        stop = min(len(text), at + len(needle) + after)
        # Never end inside a word (`\b` would hold at the cut), within reason: a bounded
        # step keeps a line of one endless word linear.
        longest = min(len(text), stop + 32)
        while stop < longest and text[stop].isalnum():
            stop += 1
        for match in pattern.finditer(text, start, stop):
            if match.start() >= end:
                end = match.end()
                yield match
        at = lowered.find(needle, at + len(needle))


@lru_cache(maxsize=4096)  # titles repeat from report to report
def _total_title(title: str) -> bool:
    return bool(_TOTAL_WORDS.search(title))


def _new(out: Claims, line: int, what: str) -> bool:
    if (line, what) in out.seen:
        return False
    out.seen.add((line, what))
    return True


def _block_line(block: CodeBlock, offset: int) -> int:
    lines = block["text"].count("\n")
    fenced = block["end_line"] - block["line"] == lines + 1
    return int(block["line"]) + (1 if fenced else 0) + block["text"].count("\n", 0, offset)
