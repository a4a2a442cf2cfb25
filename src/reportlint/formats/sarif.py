"""SARIF 2.1.0, as GitHub code scanning reads it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from reportlint import __version__, codes
from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.formats import ITEMS, PLAIN, Style, dumps_around, findings, fingerprint

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# The key of reportlint's own fingerprint in `partialFingerprints` (versioned, as SARIF
# asks: a new way to compute it gets a new key).
FINGERPRINT = "reportlint/v1"


def uri(path: str) -> str:
    """A SARIF artifact URI: relative paths stay relative (to the checkout), with `/`."""
    posix = PurePath(path).as_posix()
    if posix.startswith("/"):
        return "file://" + quote(posix)
    return quote(posix.removeprefix("./"))


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _rule(entry: codes.Code) -> dict[str, Any]:
    return {
        "id": entry.code,
        "name": entry.name,
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": entry.doc.split("\n\n")[0].replace("\n", " ")},
        "help": {"text": entry.doc, "markdown": entry.doc},
        "helpUri": codes.url(entry),
        "defaultConfiguration": {"level": _level(entry.severity)},
        "properties": {"tags": [entry.name]},
    }


def render(outcomes: Iterable[Outcome], style: Style = PLAIN) -> Iterator[str]:
    catalogue = codes.CATALOGUE
    index = {entry.code: i for i, entry in enumerate(catalogue)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "reportlint", "version": __version__,
                                "semanticVersion": __version__,
                                "rules": [_rule(e) for e in catalogue]}},
            "columnKind": "unicodeCodePoints",
            "results": ITEMS,
        }],
    }
    yield from dumps_around(log, (_result(d, index[d.code]) for d in findings(outcomes)))
    yield "\n"


def _result(d: Diagnostic, rule: int) -> dict[str, Any]:
    return {
        "ruleId": d.code,
        "ruleIndex": rule,
        "level": _level(d.severity),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri(d.path)} if d.path != "-" else {"uri": "stdin"},
            "region": {"startLine": d.line, "startColumn": d.column},
        }}],
        "partialFingerprints": {FINGERPRINT: fingerprint(d)},
    }
