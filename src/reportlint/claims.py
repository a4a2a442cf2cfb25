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
- **quantities**: stated test counts (``184 test cases``, ``40+ tests``), ``N/M`` results,
  and the parts a report lists (``19 test cases`` per file, ``(6 tests)`` per group);
- **outputs**: the summaries of the tool output pasted in code blocks, read by
  :func:`reportlint.evidence.outputs.parse`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from reportlint import lazyre, recognition
from reportlint.nodes import CodeBlock, Container, Report

if TYPE_CHECKING:
    from reportlint.evidence import outputs
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


class Parts(NamedTuple):
    """Test counts listed one per item or per sub-heading of a section."""

    key: str
    title: str
    counts: list[Count]


class Claims:
    """What one report claims and states, filled in by :func:`extract` (a plain class with
    slots, not a dataclass: creating a dataclass costs 0.7 ms of every run's start-up)."""

    __slots__ = ("_outputs", "blocks", "claims", "counts", "coverage", "coverage_metric",
                 "coverage_rates", "marks", "parts", "passed", "ratios", "sections", "seen")

    def __init__(self) -> None:
        # (line, what) already read: a `**Result**: 8/8 met` line is a field and a paragraph.
        self.seen: set[tuple[int, str]] = set()
        self.claims: list[Claim] = []
        self.marks: list[Mark] = []
        self.counts: list[Count] = []
        self.ratios: list[Ratio] = []
        self.parts: list[Parts] = []
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
        # Lines holding a coverage figure worded as a pass rate (see mislabelled-coverage).
        self.coverage_rates: list[tuple[int, str, float, int, int]] = []

    @property
    def outputs(self) -> list[Output]:
        """Every tool summary of the report's code blocks, in the file's order."""
        if self._outputs is None:
            from reportlint.evidence import outputs  # only for a report with code blocks

            self._outputs = [Output(result, _block_line(block, result.offset), key, block)
                             for block, key in self.blocks
                             for result in outputs.parse(block["text"], block["language"])]
        return self._outputs


# --- patterns -------------------------------------------------------------------------

# Each prose claim: its name, substrings one of which its text must hold (lowered), pattern.
_PROSE: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("tests-pass", ("pass", "failures"), lazyre.compile(
        r"\ball\s+(?:\d+\s+)?(?:unit\s+|integration\s+|e2e\s+)?tests?\s+(?:are\s+|now\s+|still\s+)?"
        r"pass(?:ing|ed|es)?\b|\bzero\s+test\s+failures\b|\b100%\s+(?:tests?\s+)?pass(?:ing)?\b",
        _I)),
    ("no-lint-errors", ("lint", "type", "mypy", "ruff", "tsc"), lazyre.compile(
        r"\b(?:no|zero|0)\s+(?:lint(?:ing|er)?|eslint|ruff|type(?:script)?|mypy|tsc)\s+"
        r"(?:errors?|warnings?|issues?|problems?)\b", _I)),
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
    r"^\W{0,6}(?:(?P<metric>overall|total|code|line|statement|test)\s+)?coverage\b"
    r"[^0-9%\n<>≥≤]{0,12}?"
    r"(?P<approx>~|≈|about\s+)?(?P<pct>\d{1,3}(?:\.\d+)?)\s*%", _I)
_TARGET = lazyre.compile(r"\b(?:target|goal|minimum|threshold|required|bar)\b", _I)
# After a coverage figure: what makes it a part's (`100% of the new module`) or a rate.
_OF_A_PART = lazyre.compile(r"\s*(?:of|for|in|on|across|\()\s*(?!\s*(?:statements|lines)\b)", _I)
_RATE_AS_COVERAGE = lazyre.compile(
    r"\bcoverage\b\W{0,4}(?P<pct>\d{1,3}(?:\.\d+)?)\s*%\s*\(\s*(?P<n>\d{1,5})\s*/\s*"
    r"(?P<m>\d{1,5})\s+(?:[a-z]+\s+){0,2}tests?\s+(?:pass(?:ing|ed)?)\b\s*\)?", _I)


def of(ctx: Context) -> Claims:
    """The report's claims and evidence, extracted once per context."""
    memo = ctx.memo
    if memo is None:
        return extract(ctx.report)
    found = memo.get("claims")
    if found is None:
        found = memo["claims"] = extract(ctx.report)
    return found


def extract(report: Report) -> Claims:
    """One pass over the report and its sections (its own recursion, not ``ctx.keyed()``:
    a section's parts count for the sections above it)."""
    out = Claims()
    _status_claims(report, out)
    _section(report, "", report["title"]["text"], out)
    # A section's items are read before its tables: put everything in the file's order.
    for found in (out.claims, out.marks, out.counts, out.ratios, out.passed):
        found.sort(key=lambda x: x.line)
    out.coverage.sort()
    return out


def _section(section: Container, key: str, title: str, out: Claims) -> list[Count]:
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
    for table in section["tables"]:
        status = [k for k in table["columns"] if k in _STATUS_COLUMNS]
        # Counts are read from the tables about tests and results, not from every row of a
        # Files Changed table (40,000 rows in the benchmark's large report).
        counted = bool(status) or _about_results(key) or any(
            _about_results(column) for column in table["columns"])
        if not counted:
            continue
        for row in table["rows"]:
            cells = row["cells"]
            joined = " | ".join(cells.values())
            _counts(joined, row["line"], key, title, out, prose=False)
            # A row is marked when its status says so; a matrix of ✅ per column is not.
            ok = [k for k in status if _OK_CELL.search(cells.get(k, ""))]
            if ok:
                mark = _OK_MARK.match(cells[ok[0]])
                said = [cells[ok[0]][mark.end():].strip() if mark else ""]
                said += [v for k, v in cells.items() if k != ok[0] and _says(k)]
                own.append(Mark(row["line"], joined, " | ".join(s for s in said if s.strip()),
                                title, key))
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
        parts.extend(_section(sub, sub_key, sub["title"], out))
    if len(parts) >= 2:
        out.parts.append(Parts(key, title, sorted(parts, key=lambda c: c.line)))
    return parts


_SAYING_COLUMNS = ("note", "comment", "detail", "remark", "evidence", "result", "test", "outcome",
                   "status", "state", "coverage", "passed", "verification")


def _says(column: str) -> bool:
    """A column whose cells say how the row went (not what the row is)."""
    return any(word in column for word in _SAYING_COLUMNS)


def _status_claims(report: Report, out: Claims) -> None:
    status = next((report["fields"][k] for k in recognition.STATUS_KEYS
                   if k in report["fields"]), None)
    if status and recognition.claims_completion(status["value"], report["title"]["text"]):
        out.claims.append(Claim("status", status["line"],
                                f"**{status['name']}**: {status['value']}"))
    ready = report["fields"].get("ready-for-review")
    if ready and re.match(r"^(?:✅\s*)?yes\b", ready["value"], _I):
        out.claims.append(Claim("ready", ready["line"], f"**{ready['name']}**: {ready['value']}"))


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


def _read(text: str, line: int, key: str, title: str, out: Claims) -> None:
    lowered = text.lower()
    # One chain of substring tests in C passes over most texts before any pattern runs.
    if ("pass" in lowered or "lint" in lowered or "type" in lowered or "merg" in lowered
            or "coverage" in lowered or "production" in lowered or "breaking" in lowered
            or "failures" in lowered or "mypy" in lowered or "ruff" in lowered
            or "tsc" in lowered):
        _prose(text, lowered, line, out)
    if _DIGIT.search(text):
        _counts(text, line, key, title, out, lowered=lowered)


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
        for match in _near(_COUNT, text, lowered, "test", 48, 16):
            if not _new(out, line, match.group(0)):
                continue
            if total is None:
                total = bool(_TOTAL_WORDS.search(text)) or _total_title(title)
            out.counts.append(Count(int(match.group("n")), line, match.group(0), key,
                                    match.group("plus") is not None, total))
        if "coverage" in lowered:
            rate = _RATE_AS_COVERAGE.search(text)
            if rate and _new(out, line, rate.group(0)):
                out.coverage_rates.append((line, rate.group(0), float(rate.group("pct")),
                                           int(rate.group("n")), int(rate.group("m"))))
    if "pass" in lowered:
        for match in _near(_PASSED, text, lowered, "pass", 60, 8):
            if _new(out, line, match.group(0)):
                out.passed.append(Count(int(match.group("n")), line, match.group(0), key))
    if prose and "coverage" in lowered:
        cover = _COVERAGE.search(text)
        if cover and not _OF_A_PART.match(text, cover.end()) \
                and not _TARGET.search(cover.group(0)) and _new(out, line, cover.group(0)):
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
