"""Coverage figures a report states in its tables, for :mod:`reportlint.claims`.

Two shapes are read. The template's *Test Coverage Report* gives coverage in a column
(`| Unit Tests | 93% | ✅ Pass |` under `| Test Type | Coverage | Status |`): a figure is the
report's coverage when it is the only one of its column, or when its row is the *Total* or
*Overall* one. A table of metrics gives it in a row (`| Line coverage | 80% | 93.1% ✅ |`):
the figure is the last one of the row outside a *Target* column, and the label says which
metric it is (lines, branches, statements, functions) and, in parentheses or after `for`, of
what (`Line coverage (src/orders)`): such a part's figure is compared only with a run over
that part. A row of a module or a folder without a coverage label (`| tax/ module | 96.7% |`)
is a part, and is not read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from reportlint import lazyre

if TYPE_CHECKING:
    from reportlint.nodes import Table

# "Coverage" in the languages of the real corpus and of the agents' templates.
WORDS = ("coverage", "커버리지", "cobertura", "couverture", "abdeckung", "copertura", "dekking",
         "kapsam", "cakupan", "カバレッジ", "覆盖率", "覆蓋率")
# Columns that hold the figure a project wants, not the one it has.
_TARGET = ("target", "goal", "threshold", "expected", "required", "minimum", "bar", "목표",
           "objetivo", "meta", "cible", "objectif", "ziel", "soll", "obiettivo", "doel",
           "hedef", "目標", "目标")
_WORD = lazyre.compile("|".join(WORDS), re.IGNORECASE)
_FIGURE = lazyre.compile(r"^\W{0,6}(?P<pct>\d{1,3}(?:\.\d+)?)\s*%")
_WHOLE = lazyre.compile(r"^\W*(?:total|overall|all(?:\s+files)?|sum|전체|합계|gesamt|totale?|"
                        r"全体|合计)\W*$", re.IGNORECASE)
_UNIT = lazyre.compile(r"^\W*unit(?:\s+tests?)?\W*$", re.IGNORECASE)
_METRICS = (("lines", ("line", "라인", "línea", "ligne", "zeile", "linha", "riga")),
            ("branches", ("branch", "브랜치", "분기", "rama", "branche", "zweig")),
            ("statements", ("statement", "stmts", "구문", "instrucci", "anweisung")),
            ("functions", ("function", "funcs", "함수", "funci", "fonction", "funktion")))
# A part that is the whole: `Line coverage (overall)`, `Coverage (all files)`.
_WHOLE_SCOPE = lazyre.compile(r"^(?:overall|total|all(?:\s+files)?|whole(?:\s+\w+)?|global|"
                              r"(?:the\s+)?(?:repo|repository|project|codebase))$", re.IGNORECASE)
_SCOPE = lazyre.compile(r"\((?P<paren>[^()]{1,80})\)|\b(?:for|of|in)\s+(?P<after>\S.{0,80})$",
                        re.IGNORECASE)


def mentioned(lowered: str) -> bool:
    """Whether a lowered text names coverage, in any of :data:`WORDS`: substring tests in C
    (a search of the alternation costs five times as much: no literal to scan for)."""
    return any(map(lowered.__contains__, WORDS))


class Covered(NamedTuple):
    """A coverage figure from a table: where, the figure, the row's text, which metric
    (``overall``, ``unit`` for the unit tests' row, or ``lines``...), and the part it is of
    (``None``: the whole run's)."""

    line: int
    pct: float
    text: str
    metric: str
    scope: str | None


def read(table: Table) -> list[Covered]:
    """The coverage figures ``table`` states (none for most tables)."""
    columns = list(table["columns"])
    if not columns or not table["rows"]:
        return []
    found: list[Covered] = []
    first = columns[0]
    in_column = [k for k in columns[1:] if _WORD.search(k)]
    for column in in_column:
        figures = [(row, match) for row in table["rows"]
                   if (match := _FIGURE.match(row["cells"].get(column, ""))) is not None]
        for row, match in figures:
            label = row["cells"].get(first, "")
            metric = "overall" if _WHOLE.match(label) else \
                "unit" if _UNIT.match(label) and len(figures) == 1 else None
            if metric is not None:
                found.append(Covered(row["line"], float(match["pct"]),
                                     f"{label.strip()} | {row['cells'][column].strip()}",
                                     metric, None))
    if in_column:
        return found
    # One search in C a row: most tables (a Files Changed table of 40,000 rows) have none.
    rows = [row for row in table["rows"] if _WORD.search(row["cells"].get(first, ""))]
    targets = {k for k in columns if any(word in k for word in _TARGET)} if rows else set()
    for row in rows:
        label = row["cells"].get(first, "")
        cells = [(k, v) for k, v in row["cells"].items() if k != first and k not in targets]
        figure = next(((k, m) for k, v in reversed(cells) if (m := _FIGURE.match(v))), None)
        if figure is None:
            continue
        scope = _SCOPE.search(label)
        part = None if scope is None else \
            (scope["paren"] or scope["after"]).strip(" `*_").casefold()
        found.append(Covered(row["line"], float(figure[1]["pct"]),
                             f"{label.strip()} | {row['cells'][figure[0]].strip()}",
                             _metric(label.casefold()),
                             None if part is None or _WHOLE_SCOPE.match(part) else part))
    return found


def _metric(label: str) -> str:
    for metric, words in _METRICS:
        if any(word in label for word in words):
            return metric
    return "overall"
