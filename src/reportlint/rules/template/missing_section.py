"""Checks that every section and sub-section the template requires is present.

## Why is this bad?
The product manager reads reports by their sections. A missing *Acceptance Criteria
Verification* or *Quality Gates Status* section hides whether the work was verified at all.
Sections match by name: numbering (`3.`), a trailing `(if any)`, emoji, case and spacing do
not matter, so a finding means the section is absent or renamed.

## Example
```markdown
## Task Completion Report: BE-001 - Login endpoint
### 1. Implementation Summary
### 3. Acceptance Criteria Verification
```

## Use instead
```markdown
## Task Completion Report: BE-001 - Login endpoint
### 1. Implementation Summary
### 2. PRD Alignment Check
### 3. Acceptance Criteria Verification
```
"""

from __future__ import annotations

from typing import Any

from reportlint import names, scaffold
from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing, Node, declared, property_title
from reportlint.nodes import Container, Section
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL101", "missing-section", Severity.ERROR, __doc__)


def applies(f: Failing) -> bool:
    return f.place.last == "sections"


def explain(f: Failing) -> Explained:
    assert f.missing is not None
    name, schema, container = f.missing, f.failure.schema, f.place.container
    title = property_title(schema, name, f.template)
    inside = not f.place.in_report
    message = f"missing {'sub-section' if inside else 'section'} `{title}`"
    if inside:
        message += f" in {f.place.where()}"
    present: dict[str, Node] = container.get("sections", {})
    order = list(schema.properties())
    before = [k for k in order[: order.index(name)] if k in present] if name in order else []
    level = max(int(container.get("level") or 1), 1) + 1
    fix: dict[str, Any] = {
        "expected_order": [property_title(schema, k, f.template) for k in order],
        "insert_after": present[before[-1]]["title"] if before else None,
        "snippet": scaffold.section(name, declared(schema, name, f.template), level)}
    if name in order:
        after = [k for k in order[order.index(name) + 1:] if k in present]
        if before:
            message += f" (expected after `{quote(present[before[-1]]['title'])}`)"
        elif after:
            message += f" (expected before `{quote(present[after[0]]['title'])}`)"
    elsewhere = _find_section(f.report, name, container)
    if elsewhere is not None:
        where = "the report" if not inside else f"`{quote(container['title'])}`"
        heading = "#" * min(int(container.get("level") or 0) + 1, 6)
        return Explained(message + f"; `{quote(elsewhere['title'])}` on line "
                         f"{elsewhere['line']} is at the wrong level: make it a `{heading}` "
                         f"heading inside {where}", fix, int(elsewhere["line"]))
    # Renamed where it should be, or elsewhere in the report: by its words, not its number
    # (`2. Project Structure` is not `2. PRD Alignment Check`).
    spare = {k: s for k, s in container["sections"].items() if k not in order}
    found = _similar(name, spare) or _similar(name, _elsewhere(f.report, container, order))
    if found is not None:
        return Explained(message + f"; is `{quote(found['title'])}` on line {found['line']} "
                         "meant to be it?", fix, int(found["line"]))
    return Explained(message + "; no heading in the report looks like it: add it", fix)


def _similar(name: str, candidates: dict[str, Section]) -> Section | None:
    close = names.similar(name, list(candidates))
    return candidates[close[0]] if close else None


def _elsewhere(report: Container, container: Node, order: list[str]) -> dict[str, Section]:
    """The report's sections outside ``container``, by key (the first of a key wins), that
    the template does not expect where ``container``'s are."""
    found: dict[str, Section] = {}
    stack = list(report["sections"].values())
    while stack:
        section = stack.pop(0)
        if section is not container:
            if section["key"] not in order:
                found.setdefault(section["key"], section)
            stack.extend(section["sections"].values())
    return found


def _find_section(node: Container, key: str, skip: Node) -> Section | None:
    for child_key, child in node.get("sections", {}).items():
        if child_key == key and node is not skip:
            return child
        found = _find_section(child, key, skip)
        if found is not None:
            return found
    return None
