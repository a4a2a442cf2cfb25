"""Counts a report states for a list or a table it gives right after them, for
:mod:`reportlint.claims`: `This task added 8 new React components:` followed by six items,
`All 12 endpoints are in the table below:` followed by nine rows.

Only a sentence that introduces what follows is read: its last sentence ends with a colon
and holds one figure, a count of things in the plural (`8 new React components`); the list
(its top-level items, two or more: one item lists them in its own words) or table (its
rows, a *Total* row aside) must start on the next line or after one blank line. Counts that
promise no full list are left alone (`including`, `such as`, `e.g.`, `at least`, `40+`,
`about 12`), and so are counts of tests (a list of files with their tests is no list of
tests; RL302's test counts read those) and lists whose items count things themselves
(`- Users (5)`: groups, not things).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, NamedTuple

from reportlint import lazyre

if TYPE_CHECKING:
    from reportlint.nodes import Container, Item, Table

_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_I = re.IGNORECASE
# Every figure of a sentence: one only may be there.
_FIGURE = lazyre.compile(r"(?<![\w.])(?:\d+(?:[.,:/]\d+)*|" + "|".join(_WORDS) + r")(?![\w.])",
                         _I)
# A count of things: the figure, up to three words, a noun in the plural.
_COUNT = lazyre.compile(
    r"(?<![\w.#§$€£-])(?P<n>[2-9]|[1-9]\d|" + "|".join(_WORDS) + r")\s+"
    r"(?:[\w`@/.-]+\s+){0,3}?(?P<noun>[a-z][a-z-]*(?<![siu])s)\b", _I)
_HEDGE = lazyre.compile(
    r"\b(?:including|includes|such\s+as|e\.g|for\s+example|among|like|some|key|main|"
    r"highlights?|notable|top|first|last|few|several|about|around|over|more\s+than|at\s+least|"
    r"up\s+to|nearly|almost|approximately|roughly|e\.?g|other|another|remaining|the\s+rest|"
    r"rest\s+of)\b|[~≈+]",
    _I)
_TESTS = frozenset({"tests", "cases", "specs", "scenarios", "assertions", "suites", "checks",
                    "expectations", "examples", "runs", "passes", "failures"})
_COUNTS_ITSELF = lazyre.compile(r"\(\s*\d+\s*\)|\b\d+\s+[a-z]+s\b", _I)
_TOTAL_ROW = lazyre.compile(r"^\W*(?:total|sum|all)\b", _I)
_SENTENCES = lazyre.compile(r"(?<=[.!?])\s+(?=\S)")
# A heading's count of what its section lists: a figure alone in brackets at its end.
_HEADED = lazyre.compile(r"\((?P<n>[2-9]|[1-9]\d{1,3})\)\W*")
_TESTS_HEADING = lazyre.compile(r"\b(?:tests?|specs?|cases|scenarios|checks|suites)\b", _I)


class Listed(NamedTuple):
    """A count stated for what follows, and what follows."""

    line: int  # the sentence's line
    text: str  # the count as written (`8 new React components`)
    said: int
    shown: int
    what: str  # "items" or "rows"
    first: int  # the lines of the list or table
    last: int


def read(section: Container) -> list[Listed]:
    """The counts ``section``'s own paragraphs state for the list or table after them, and
    the count its heading gives for its one list or table (`## Files changed (7)`), that
    disagree with it. Linear in the section: each paragraph's list ends where the next
    block starts, so no item is read twice."""
    if not (section["items"] or section["tables"]):
        return []
    found = _headed(section)
    if not section["paragraphs"]:
        return found
    starts = sorted([p["line"] for p in section["paragraphs"]]
                    + [t["line"] for t in section["tables"]]
                    + [b["line"] for b in section["code_blocks"]]
                    + [s["line"] for s in section["sections"].values()])
    tables = {t["line"]: t for t in section["tables"]}
    items = sorted(section["items"], key=lambda i: i["line"])
    lines = [i["line"] for i in items]
    for paragraph in section["paragraphs"]:
        text = paragraph["text"]
        if not text.rstrip(" *_").endswith(":"):
            continue
        count = _count(_SENTENCES.split(text)[-1])
        if count is None:
            continue
        end = paragraph["line"] + text.count("\n")
        table = tables.get(end + 1) or tables.get(end + 2)
        shown = _rows(table) if table is not None else _items(items, lines, end, starts)
        if shown is not None and shown[0] != count[0]:
            found.append(Listed(end, count[1], count[0], *shown))
    return found


def _headed(section: Container) -> list[Listed]:
    """The count a section's heading gives in brackets at its end (`Files changed (7)`,
    `Endpoints (12)`) against the section's one list or one table: none when the section
    holds both, several tables, or sections of its own (the count may be theirs)."""
    title = section.get("title")
    if not isinstance(title, str) or ")" not in title:
        return []  # a report's own title: its count is the report's
    what, _, last = title.rpartition("(")  # the last bracket, read once: linear
    heading = _HEADED.fullmatch("(" + last)
    if heading is None or not any(c.isalpha() for c in what) or section["sections"] \
            or _TESTS_HEADING.search(what):
        return []
    said = int(heading["n"])
    if section["tables"]:
        if len(section["tables"]) > 1 or section["items"]:
            return []
        shown = _rows(section["tables"][0])
    else:
        items = sorted(section["items"], key=lambda i: i["line"])
        top = [i for i in items if i["depth"] == items[0]["depth"]]
        # One list: no paragraph between its first and last item.
        if any(top[0]["line"] < p["line"] < top[-1]["line"] for p in section["paragraphs"]) \
                or any(_COUNTS_ITSELF.search(i["text"]) for i in top):
            return []
        shown = (len(top), "items", top[0]["line"], top[-1]["line"]) if len(top) >= 2 else None
    if shown is None or shown[0] == said:
        return []
    return [Listed(int(section["line"]), " ".join(title.split()), said, *shown)]


def _count(sentence: str) -> tuple[int, str] | None:
    """The one count of things a sentence states, or None."""
    if _HEDGE.search(sentence) or len(_FIGURE.findall(sentence)) != 1:
        return None
    match = _COUNT.search(sentence)
    if match is None or match["noun"].lower() in _TESTS:
        return None
    figure = match["n"].lower()
    return _WORDS.get(figure) or int(figure), match.group(0)


def _rows(table: Table) -> tuple[int, str, int, int] | None:
    """A table's rows, its *Total* row aside."""
    rows = [r for r in table["rows"]
            if not _TOTAL_ROW.match(next(iter(r["cells"].values()), ""))]
    if len(rows) < 2:
        return None
    return len(rows), "rows", rows[0]["line"], rows[-1]["line"]


def _items(items: list[Item], lines: list[int], end: int, starts: list[int]
           ) -> tuple[int, str, int, int] | None:
    """The top-level items of the list starting on the line after ``end`` (or after one
    blank line), up to the next block of the section."""
    at = bisect_right(lines, end)
    if at == len(items) or items[at]["line"] > end + 2:
        return None
    first = items[at]
    after = bisect_right(starts, first["line"])
    stop = bisect_left(lines, starts[after]) if after < len(starts) else len(items)
    top = [i for i in items[at:stop] if i["depth"] == first["depth"]]
    # One item is a line that lists them (`- reg, agg, mom, vol`), not one of them.
    if len(top) < 2 or any(_COUNTS_ITSELF.search(i["text"]) for i in top):
        return None
    return len(top), "items", top[0]["line"], top[-1]["line"]
