"""GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlint.diagnostics import Outcome, Severity
from reportlint.formats import PLAIN, Style, dumps, findings, fingerprint


def render(outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    issues = []
    for d in findings(outcomes):
        issues.append({
            "type": "issue",
            "check_name": d.code,
            "description": f"{d.code} {d.message}",
            "categories": ["Style"],
            "severity": "major" if d.severity is Severity.ERROR else "minor",
            # The same finding keeps it when lines above it move: GitLab tells new from old.
            "fingerprint": fingerprint(d),
            "location": {"path": d.path, "lines": {"begin": d.line}},
        })
    return dumps(issues) + "\n"
