"""GitLab Code Quality report (a JSON array of issues)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from reportlint.diagnostics import Outcome, Severity
from reportlint.formats import PLAIN, Style, dumps, findings


def render(outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    issues = []
    for d in findings(outcomes):
        # Stable across runs for the same finding, so GitLab can tell new ones from old.
        identity = "\0".join((d.path, d.code, str(d.line), d.message)).encode("utf-8")
        issues.append({
            "type": "issue",
            "check_name": d.code,
            "description": f"{d.code} {d.message}",
            "categories": ["Style"],
            "severity": "major" if d.severity is Severity.ERROR else "minor",
            "fingerprint": hashlib.sha256(identity).hexdigest(),
            "location": {"path": d.path, "lines": {"begin": d.line}},
        })
    return dumps(issues) + "\n"
