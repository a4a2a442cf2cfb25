"""One file's way through reportlint: bytes -> text -> tokens -> model -> findings."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlint import codes, model, parser, schema, source
from reportlint.diagnostics import Diagnostic, Finding
from reportlint.templates import Registry

_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                        ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache"})


@dataclass(frozen=True)
class Input:
    """A file to check: its display path and either its bytes or why they could not be read."""

    path: str
    data: bytes | None
    error: str | None = None


def diagnostic(path: str, finding: Finding) -> Diagnostic:
    entry = codes.CODES[finding.code]
    return Diagnostic(path, max(finding.line, 1), max(finding.column, 1), entry.code,
                      entry.name, finding.severity or entry.severity, finding.message)


def read(path: Path, shown: str | None = None) -> Input:
    name = shown if shown is not None else str(path)
    try:
        return Input(name, path.read_bytes())
    except OSError as exc:
        return Input(name, None, exc.strerror or str(exc))


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and the ``*.md`` files below named directories, sorted."""
    for path in paths:
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
                found.extend(Path(root, f) for f in files if f.lower().endswith(".md"))
            yield from sorted(found)
        else:
            yield path


def document(text: str, registry: Registry, template: str | None) -> dict[str, Any]:
    return model.build(text, parser.parse(text), registry.classify, template)


def check(item: Input, registry: Registry, template: str | None = None) -> list[Diagnostic]:
    """Every finding for one input; never raises for anything in the input."""
    try:
        return _check(item, registry, template)
    except RecursionError:
        return [diagnostic(item.path, Finding(codes.INTERNAL_ERROR.code, 1,
                                              "the document is nested too deeply to check"))]
    except Exception as exc:
        return [diagnostic(item.path, Finding(
            codes.INTERNAL_ERROR.code, 1,
            f"reportlint failed on this file ({type(exc).__name__}: {exc}); please report it"))]


def _text(item: Input) -> str | Diagnostic:
    """The input's text, or the diagnostic that says why it has none."""
    if item.data is None:
        reason = item.error or "cannot be read"
        return diagnostic(item.path, Finding(codes.UNREADABLE_FILE.code, 1,
                                             f"cannot read file: {reason}"))
    decoded = source.decode(item.data)
    return diagnostic(item.path, decoded) if isinstance(decoded, Finding) else decoded.text


def _check(item: Input, registry: Registry, template: str | None) -> list[Diagnostic]:
    text = _text(item)
    if isinstance(text, Diagnostic):
        return [text]
    doc = document(text, registry, template)
    findings: list[Finding] = []
    front = doc["front_matter"]
    if front is not None and front.get("error"):
        findings.append(Finding(codes.INVALID_FRONT_MATTER.code, front["error_line"],
                                front["error"]))
    if not doc["reports"]:
        findings.append(Finding(codes.NO_REPORT.code, doc["first_heading"] or 1,
                                _no_report(registry)))
    for report in doc["reports"]:
        findings.extend(schema.validate(report, registry[report["template"]].schema))
    return sorted(diagnostic(item.path, f) for f in findings)


def _no_report(registry: Registry) -> str:
    known = ", ".join(f"`{registry[name].title}`" for name in registry.names())
    return (f"no report title found (known: {known}); start the report with a heading such "
            f"as `## {registry[registry.names()[0]].example_title}`, or pass --template NAME")


def extract(item: Input, registry: Registry, template: str | None = None
            ) -> dict[str, Any] | Diagnostic:
    """The model of one input, or the diagnostic that says why there is none."""
    text = _text(item)
    if isinstance(text, Diagnostic):
        return text
    return {"path": item.path, **document(text, registry, template)}
