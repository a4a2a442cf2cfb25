"""Checks for template placeholder text left in a report: `[Task Name]`, `[X]%`,
`[Date/Time]`, `BE-XXX`, `path/to/file.ts`, `XX%`, `X hours`, `TBD`, and dash-only cells in
columns the template requires.

The placeholders are the templates' own (`x-reportlint.placeholders` in each template,
copied from the agent definitions), shapes such as `[Item 3]` or `[QA-XXX]`, and any
`extra-placeholder-patterns` in the configuration. Checkboxes (`[x]`), links, footnotes,
tags such as `[P1]` and real task ids are not placeholders. Text inside code blocks is
left alone.

## Why is this bad?
A placeholder is a field the agent never filled in: the report looks complete and says
nothing. The reader has to notice `[Date/Time]` among real values to know the date is
unknown.

## Example
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: [X]% complete
```

## Use instead
```markdown
## Progress Update: BE-014 - Refresh token rotation

**Status**: IN PROGRESS
**Progress**: 60% complete
```
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from reportlint import lazyre
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.shape import Shape

CODE = define("RL201", "unfilled-placeholder", Severity.ERROR, __name__)


# Shapes of placeholders beyond the templates' own list (`[FE-XXX]`, `[Item 3]`, `X hours`).
# A shape whose pattern the regex engine cannot search fast (it starts with `\b` or a class)
# has a literal trigger every match contains, searched first: most reports have none.
_SHAPES: tuple[tuple[re.Pattern[str] | None, str], ...] = tuple(
    (lazyre.compile(trigger) if trigger else None, pattern) for trigger, pattern in (
        ("XX", r"\b[A-Z]{2,5}-X{2,4}\b|(?<![\w.])XX%"),
        ("", r"\[X+\](?:%|[ \t]+(?:hours?|days?|tests?|scenarios?))?"),
        ("", r"\[[A-Z][a-z]+(?:/[A-Z][a-z]+)? \d+\]|\[[^\[\]\n]{1,60}\.\.\.\]"),
        ("X ", r"\bX (?:hours?|days?|tests?|scenarios?|passed|failed|total)\b"),
        ("TBD", r"\bTBD\b"),
        ("YYYY", r"\bYYYY-MM-DD\b"),
    ))


# What the spans of inline code were first found with (`_code_spans` finds the same spans in
# linear time; a line of backtick runs of different lengths took quadratic time with this).
_CODE_SPAN = lazyre.compile(r"(`+)(?!`)(.+?)(?<!`)\1")
_TICKS = lazyre.compile(r"`+")


_CHECKBOX = lazyre.compile(r"^([ \t]*(?:>[ \t]*)*(?:[-*+]|\d+[.)])[ \t]+)\[[ xX]\]", re.MULTILINE)


_NEWLINE = lazyre.compile("\n")


_DASHES = "-\u2013\u2014"


_DASH_ONLY = lazyre.compile(f"^[{_DASHES}]{{1,3}}$")


# Columns whose value is the point of the row; `Notes` or `Description` may well be empty.
_ESSENTIAL = frozenset({"status", "evidence", "coverage", "reversible", "implementation",
                        "rationale", "resolution-needed", "impact", "severity", "required"})


_NONE = lazyre.compile(r"^(?:none|n/?a|no\b|nothing|-|\u2014|\u2013)", re.IGNORECASE)


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Where inline code and task checkboxes are: `arr[X]` in code is code and `- [X] done`
    is a ticked box, not placeholders."""
    spans = _code_spans(text)
    spans += [(m.end(1), m.end()) for m in _CHECKBOX.finditer(text)]
    return spans


def _code_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``_CODE_SPAN.finditer(text)`` finds, in one pass over the backtick runs.

    That pattern opens with the rest of a run of backticks (its first backticks are
    skipped until a later run on the line is at least as long) and closes at the first later
    run on the same line that is at least as long as the opening (a longer run closes it too,
    its remaining backticks then open the next try)."""
    runs = [m.span() for m in _TICKS.finditer(text)]
    lines, line, last = [], 0, 0
    for start, _ in runs:
        line += text.count("\n", last, start)
        last = start
        lines.append(line)
    # The longest run after each one on its line (0: none).
    longest_after = [0] * len(runs)
    for i in range(len(runs) - 2, -1, -1):
        if lines[i + 1] == lines[i]:
            length = runs[i + 1][1] - runs[i + 1][0]
            longest_after[i] = max(length, longest_after[i + 1])
    spans: list[tuple[int, int]] = []
    position, i = 0, 0
    while i < len(runs):
        start, end = runs[i]
        start = max(start, position)
        if start >= end or longest_after[i] == 0:
            i += 1
            continue
        width = min(end - start, longest_after[i])
        j = i + 1
        while runs[j][1] - runs[j][0] < width:
            j += 1
        position = runs[j][0] + width
        spans.append((end - width, position))
        i = j
    return spans


class _Vocabulary(NamedTuple):
    plain: tuple[str, ...]  # unbracketed (`path/to/file.ts`), longest first
    literal: re.Pattern[str] | None  # any of them
    # The bracketed ones (`[Task Name]`, `[X]%`) by their text up to the first `]`.
    bracketed: dict[str, tuple[str, ...]]
    longest_key: int  # the length of the longest of those texts


@lru_cache(maxsize=16)
def _vocabulary(texts: tuple[str, ...]) -> _Vocabulary:
    """The placeholders, prepared once per run."""
    plain = tuple(sorted({t for t in texts if not t.startswith("[")}, key=lambda t: (-len(t), t)))
    literal = re.compile("|".join(map(re.escape, plain))) if plain else None
    bracketed: dict[str, list[str]] = {}
    for text in sorted({t for t in texts if t.startswith("[") and "]" in t}):
        bracketed.setdefault(text[:text.index("]") + 1], []).append(text)
    return _Vocabulary(plain, literal, {k: tuple(v) for k, v in bracketed.items()},
                       max(map(len, bracketed), default=0))


def _plain_texts(vocabulary: _Vocabulary, text: str) -> Iterator[tuple[int, int]]:
    """Where the templates' unbracketed placeholders (`path/to/file.ts`) stand as words."""
    if vocabulary.literal is None:
        return
    # One scan for all of them finds where any starts; only there is each one tried.
    position = 0
    while (found := vocabulary.literal.search(text, position)) is not None:
        start = found.start()
        for placeholder in vocabulary.plain:
            if text.startswith(placeholder, start):
                end = start + len(placeholder)
                before = text[start - 1:start]
                word_before = before.isalnum() or before in ("_", "/")
                if not (placeholder[0].isalnum() and word_before) and not _word_goes_on(
                        placeholder, text[end:end + 1]):
                    yield start, end
        position = start + 1


def _bracketed_texts(vocabulary: _Vocabulary, text: str) -> Iterator[tuple[int, int]]:
    """Where the templates' bracketed placeholders (`[Task Name]`) are: looked up by the
    text from each `[` to the next `]` (a dictionary, not a regex of a hundred branches to
    compile at every start)."""
    if not vocabulary.bracketed:
        return
    start = text.find("[")
    while start >= 0:
        # No further than the longest key: `[a[a[a...]` would search to its end at each `[`.
        close = text.find("]", start, start + vocabulary.longest_key)
        if close < 0:
            start = text.find("[", start + 1)
            continue
        for placeholder in vocabulary.bracketed.get(text[start:close + 1], ()):
            end = start + len(placeholder)
            if text.startswith(placeholder, start) and not _word_goes_on(placeholder,
                                                                           text[end:end + 1]):
                yield start, end
        start = text.find("[", start + 1)


def _word_goes_on(placeholder: str, after: str) -> bool:
    """Whether the placeholder's last word runs on into ``after`` (`XXms` in `XXmsg`)."""
    return placeholder[-1].isalnum() and (after.isalnum() or after in ("_", "/"))


def _hits(ctx: Context, text: str, first: int, found: list[tuple[int, int]]) -> Iterator[Hit]:
    """One finding for each placeholder span of the report's ``text`` (which starts on line
    ``first``), outside code and comments, longest first where they overlap."""
    starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    skip = ctx.code_lines() | _comment_lines(ctx)
    spans: list[tuple[int, int]] = []
    taken = _Marks(len(text))  # the spans kept so far
    # Longest first, so `[BE-XXX]` is reported once and not again as `BE-XXX`.
    for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
        line = first + bisect_right(starts, start) - 1
        if line in skip or text[end:end + 1] in ("(", "[") or taken.overlaps(start, end):
            continue
        spans.append((start, end))
        taken.mark(start, end)
    for start, end in sorted(spans):
        index = bisect_right(starts, start) - 1
        yield Hit(first + index, f"unfilled placeholder `{quote(text[start:end])}`: replace it "
                  "with the real value", start - starts[index] + 1)


class _Marks:
    """Which characters some span covers, so that whether a span overlaps any of them is
    one search of its own characters, not a comparison with each (2,000 lines of
    placeholders took 2,000 comparisons each). Spans are half open, and overlap as the
    comparison ``start < e and s < end`` says: an empty span (a configured pattern may match
    nothing) overlaps a span it lies strictly inside."""

    def __init__(self, size: int) -> None:
        self.covered = bytearray(size + 1)
        self.inner = bytearray(size + 1)  # covered, and not where a span starts
        self.empty = bytearray(size + 1)  # where an empty span is

    def mark(self, start: int, end: int) -> None:
        if end > start:
            self.covered[start:end] = b"\x01" * (end - start)
            self.inner[start + 1:end] = b"\x01" * (end - start - 1)
        else:
            self.empty[start] = 1

    def overlaps(self, start: int, end: int) -> bool:
        if end == start:
            return self.inner[start] == 1
        return (self.covered.find(1, start, end) >= 0
                or self.empty.find(1, start + 1, end) >= 0)


def _comment_lines(ctx: Context) -> set[int]:
    found: set[int] = set()
    for comment in ctx.document.get("comments", ()):
        if comment.get("inline"):
            continue  # a line with a comment at its end is still text to check
        found.update(range(comment["line"], comment["line"] + comment["text"].count("\n") + 1))
    return found


def _dash_cells(ctx: Context) -> Iterator[Hit]:
    required = _required_columns(ctx.template)
    for key, section in ctx.keyed():
        columns = required.get(key)
        if not columns or not section["tables"]:
            continue
        wanted = {c for i, c in enumerate(columns) if i == 0 or c in _ESSENTIAL}
        for table in section["tables"]:
            keys = [key for key in table["columns"] if key in wanted]
            for row in table["rows"] if keys else ():
                cells = row["cells"]
                dashed = [(key, cells[key]) for key in keys if key in cells
                          and cells[key][:1] in _DASHES and _DASH_ONLY.match(cells[key])]
                if not dashed or _NONE.match(next(iter(cells.values()), None) or "-"):
                    continue  # a "None" row: dashes say "nothing here", correctly
                for key, value in dashed:
                    name = table["columns"][key]["name"]
                    yield Hit(row["line"], f"`{quote(name)}` is only `{quote(value)}` in a row of "
                              f"`{quote(section['title'])}`; the template needs a value there")


_REQUIRED: dict[int, dict[str, tuple[str, ...]]] = {}


def _required_columns(template: Shape) -> dict[str, tuple[str, ...]]:
    """Section key -> the columns its template table requires, anywhere in a template
    (worked out once per template)."""
    known = _REQUIRED.get(id(template.schema))
    if known is None:
        known = _REQUIRED[id(template.schema)] = {
            key: tables.required_columns() for key, tables in template.tables_by_section()
            if tables.required_columns()}
    return known


def check(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    first, last = report["line"], min(report["end_line"], len(ctx.lines))
    # One pass of each pattern over the report's text, not one per line.
    text = "\n".join(ctx.lines[first - 1:last])
    vocabulary = _vocabulary(ctx.options.placeholder_texts)
    # The templates' plain texts may sit in code (`path/to/file.ts`); bracketed ones and
    # shapes may not (`arr[X]`). Shape patterns are compiled on first use (`re` keeps them).
    patterns = [re.compile(p) for t, p in _SHAPES if t is None or t.search(text)]
    shaped = [m.span() for p in (*patterns, *ctx.options.extra_placeholders)
              for m in p.finditer(text)]
    shaped += _bracketed_texts(vocabulary, text)
    if shaped:  # rare: only then is it worth finding the code spans to leave out
        masked = _Marks(len(text))
        for start, end in _masked_spans(text):
            masked.mark(start, end)
        shaped = [(a, b) for a, b in shaped if not masked.overlaps(a, b)]
    found = [*_plain_texts(vocabulary, text), *shaped]
    if found:
        yield from _hits(ctx, text, first, found)
    yield from _dash_cells(ctx)
