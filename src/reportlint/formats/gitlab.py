"""GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.formats import ITEMS, PLAIN, Style, dumps_around, findings, fingerprint


def render(outcomes: Iterable[Outcome], style: Style = PLAIN) -> Iterator[str]:
    yield from dumps_around(ITEMS, (_issue(d) for d in findings(outcomes)))
    yield "\n"


def _issue(d: Diagnostic) -> dict[str, Any]:
    return {
            "type": "issue",
            "check_name": d.code,
            "description": f"{d.code} {d.message}",
            "categories": ["Style"],
            "severity": "major" if d.severity is Severity.ERROR else "minor",
            # The same finding keeps it when lines above it move: GitLab tells new from old.
            "fingerprint": fingerprint(d),
            "location": {"path": d.path, "lines": {"begin": d.line}},
        }
