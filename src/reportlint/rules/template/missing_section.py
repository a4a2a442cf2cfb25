"""Checks that every section and sub-section the template requires is present.

## Why is this bad?
The product manager reads reports by their sections. A missing *Acceptance Criteria
Verification* or *Quality Gates Status* section hides whether the work was verified at all.
Sections match by name: numbering (`3.`), a trailing `(if any)`, emoji, case and spacing do
not matter, so a finding means the section is absent or renamed. When a heading of the
report looks like the renamed section (by its words, or by one of the names the template
accepts for it, `x-aliases`: `Code Quality` for *Quality Gates Status*), the finding points
at that heading; else at the title, with the template's snippet to add.

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

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from reportlint import edits, names
from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing, Node, declared, property_title
from reportlint.quote import quote
from reportlint.rules.base import define

if TYPE_CHECKING:
    from reportlint.nodes import Container, Section

CODE = define("RL101", "missing-section", Severity.ERROR, __name__)


def applies(f: Failing) -> bool:
    return f.place.last == "sections"


def explain(f: Failing) -> Explained:
    from reportlint import scaffold  # only to word a failure

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
    after = [k for k in order[order.index(name) + 1:] if k in present] if name in order else []
    # The section the new one goes beside: the one it follows, the one it precedes, or the
    # container's last. It is written at that section's level (a report whose sections are
    # at its title's level gets one more at that level), else one below the container.
    beside = present[before[-1]] if before else present[after[0]] if after else \
        max(present.values(), key=lambda s: int(s["line"]), default=None)
    level = int(beside["level"]) if beside else max(int(container.get("level") or 1), 1) + 1
    fix: dict[str, Any] = {
        "expected_order": [property_title(schema, k, f.template) for k in order],
        "insert_after": present[before[-1]]["title"] if before else None,
        "snippet": scaffold.section(name, declared(schema, name, f.template), level,
                                    fill=True)}
    if name in order:
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
    others = _elsewhere(f.report, container, order)
    found = _similar(name, spare) or _similar(name, others)
    aliases = declared(schema, name, f.template).keyword("x-aliases")
    if found is None and isinstance(aliases, list):
        # The names the template accepts for it (`Code Quality` for the quality gates).
        found = _aliased(aliases, spare) or _aliased(aliases, others, weak=False)
    if found is not None:
        return Explained(message + f"; is `{quote(found['title'])}` on line {found['line']} "
                         "meant to be it?", fix, int(found["line"]))
    # Only here is inserting the snippet the repair: above, a heading to move or rename is.
    if before:
        line = _end(present[before[-1]], f.report) + 1
    elif after:
        line = int(present[after[0]]["line"])
    else:
        line = _end(container, f.report) + 1
    return Explained(message + "; no heading in the report looks like it: add it",
                     {**fix, edits.INSERT: {"line": line, "block": True}})


def _similar(name: str, candidates: dict[str, Section]) -> Section | None:
    close = names.similar(name, list(candidates))
    return candidates[close[0]] if close else None


def _aliased(aliases: list[str], candidates: dict[str, Section], weak: bool = True
             ) -> Section | None:
    sections = list(candidates.values())
    index = names.aliased(aliases, [s["title"] for s in sections], weak)
    return sections[index] if index is not None else None


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


def _end(node: Node, report: Mapping[str, Any]) -> int:
    """The last line of ``node`` (a section, or the report) that is its own: a report's
    closing fields (after a ``---``) are read into its last section's lines, but a new
    section goes before them."""
    sections = [int(s["line"]) for s in node.get("sections", {}).values()]
    start = min(sections, default=int(node["end_line"])) if node is report else int(node["line"])
    end = int(node["end_line"])
    footer = [int(f["line"]) for f in report.get("fields", {}).values()
              if start < int(f["line"]) <= end]
    return min(footer) - 1 if footer else end


def _find_section(node: Container, key: str, skip: Node) -> Section | None:
    for child_key, child in node.get("sections", {}).items():
        if child_key == key and node is not skip:
            return child
        found = _find_section(child, key, skip)
        if found is not None:
            return found
    return None
