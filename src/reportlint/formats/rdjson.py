"""reviewdog's Diagnostic Format, ``rdjson``: one DiagnosticResult holding every finding.

reviewdog counts columns in UTF-8 bytes, reportlint in characters; they agree on column 1.
So a finding's column is given only where it is 1 (else the finding is on its line, as
reviewdog reads a position without a column), and a repair becomes a suggestion only where
its range starts and ends at column 1 (the line-wise repairs of ``--fix`` and the insertion of
a missing section or field before a line).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reportlint import HOMEPAGE, codes
from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.formats import ITEMS, PLAIN, Style, dumps_around, findings


def _position(line: int, column: int) -> dict[str, int]:
    return {"line": line, "column": 1} if column == 1 else {"line": line}


def _suggestions(d: Diagnostic) -> list[dict[str, Any]]:
    found = []
    for edit in (d.fix or {}).get("edits", ()):
        start, end = edit["start"], edit["end"]
        if start["column"] == 1 and end["column"] == 1:
            found.append({"range": {"start": dict(start), "end": dict(end)},
                          "text": edit["text"]})
    return found


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "message": d.message,
        "location": {"path": d.path, "range": {"start": _position(d.line, d.column)}},
        "severity": "ERROR" if d.severity is Severity.ERROR else "WARNING",
        "code": {"value": d.code, "url": codes.url(codes.CODES[d.code])},
    }
    suggestions = _suggestions(d)
    if suggestions:
        out["suggestions"] = suggestions
    return out


def render(outcomes: Iterable[Outcome], style: Style = PLAIN) -> Iterator[str]:
    yield from dumps_around({"source": {"name": "reportlint", "url": HOMEPAGE},
                             "diagnostics": ITEMS}, (_diagnostic(d) for d in findings(outcomes)))
    yield "\n"
