"""Checks that every field the template requires (`**Status**:`, `**Started**:`, ...) is present.

## Why is this bad?
Fields are what the orchestrator parses: a report without **Status** cannot be routed, and
one without **Started**/**Completed** cannot be tracked. A field written under another name
the template accepts for it (`x-aliases`: **Completion Date** for **Completed**, **Last
Updated** for **Updated**) is pointed at, to be renamed.

## Example
```markdown
## Task Acknowledged: BE-001 - Login endpoint
**Started**: 2025-01-15 09:00
```

## Use instead
```markdown
## Task Acknowledged: BE-001 - Login endpoint
**Status**: IN PROGRESS
**Started**: 2025-01-15 09:00
```
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlint import edits, names
from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing, Node, declared, property_title, title_of
from reportlint.quote import quote
from reportlint.rules.base import define

if TYPE_CHECKING:
    from reportlint.nodes import Field, Report, Section

CODE = define("RL102", "missing-field", Severity.ERROR, __name__)


def applies(f: Failing) -> bool:
    return f.place.last == "fields"


def explain(f: Failing) -> Explained:
    from reportlint import scaffold  # only to word a failure

    assert f.missing is not None
    name, container = f.missing, f.place.container
    title = property_title(f.failure.schema, name, f.template)
    prop = declared(f.failure.schema, name, f.template)
    value = scaffold.field_value(prop, fill=True)
    top = f.place.in_report
    fix: dict[str, Any] = {"snippet": f"**{title}**: {value}" if top else f"- {title}: {value}"}
    example = prop.keyword("x-example")
    const = prop.value().keyword("const")
    if example is None and const is not None:
        example = const
    if top:
        message = f"missing field **{title}**"
        if example is not None:
            message += f" (expected `**{title}**: {example}`)"
    else:
        message = f"missing `{title}` in {f.place.where()}"
        message += f" (expected `- {title}: {example if example is not None else '...'}`)"
    elsewhere = _find_field(f.report, name, container)
    if elsewhere is not None:
        field, holder = elsewhere
        message += (f"; found **{quote(field['name'])}** on line {field['line']} inside "
                    f"{title_of(holder, False)}")
        if top:
            message += ", but report fields belong under the title or after a closing `---`"
        return Explained(message, fix, int(field["line"]))
    aliases = prop.keyword("x-aliases")
    renamed = _renamed(f.report, title, aliases) if top and isinstance(aliases, list) \
        else None
    if renamed is not None:
        label, at, heading = renamed
        shown = f"`{quote(label)}`" if heading else f"**{quote(label)}**"
        return Explained(message + f"; is {shown} on line {at} meant to be it? write it as "
                         f"`**{title}**: ...`" + (" under the title" if heading else ""),
                         fix, at)
    line = _insert_line(container, top, bool(prop.keyword("x-footer")))
    if line is not None:
        fix[edits.INSERT] = {"line": line, "block": False}
    return Explained(message, fix)


def _insert_line(container: Node, top: bool, footer: bool) -> int | None:
    """Where a missing field's line goes: after the last field of its kind (the report's
    header fields under the title, its closing fields, a section's list of fields); a header
    field of a report that has none goes right under the title. None where no place is
    certain (a field whose value is the list after it, a section without fields)."""
    sections = [int(s["line"]) for s in container.get("sections", {}).values()]
    first = min(sections, default=None)
    fields = [f for f in container.get("fields", {}).values() if f.get("style") != "front-matter"]
    if top:
        fields = [f for f in fields
                  if (first is not None and int(f["line"]) > first) is footer]
    if fields:
        last = max(fields, key=lambda f: int(f["line"]))
        return None if last.get("items") else int(last["line"]) + 1
    if top and not footer and container.get("level"):
        return int(container["line"]) + 1
    return None


def _renamed(report: Report, title: str, aliases: list[str]) -> tuple[str, int, bool] | None:
    """The field, or else the heading, that one of the names the template accepts for a
    report field names (`**Completion Date**` for **Completed**, `## Final Status` for
    **Status**; a heading may have the field's own name too, `### Actual Effort`): the
    report's own fields and those of its top-level sections, then its headings at any
    depth. (label, line, whether it is a heading), or None."""
    fields = [*report.get("fields", {}).values(),
              *(f for s in report.get("sections", {}).values()
                for f in s.get("fields", {}).values())]
    index = names.aliased(aliases, [f["name"] for f in fields])
    if index is not None:
        return fields[index]["name"], int(fields[index]["line"]), False
    headings: list[Section] = []
    stack = list(report.get("sections", {}).values())
    while stack:
        section = stack.pop(0)
        headings.append(section)
        stack[:0] = section.get("sections", {}).values()
    # A heading is weaker evidence than a label: it must be a name of two words or more,
    # word for word (`## Completion` or `### ✅ COMPLETED` is no **Completed** date).
    index = names.aliased([title, *aliases], [s["title"] for s in headings], least=0.99,
                          words_at_least=2)
    if index is not None:
        return headings[index]["title"], int(headings[index]["line"]), True
    return None


def _find_field(report: Report, key: str, skip: Node) -> tuple[Field, Section] | None:
    """A field of that key in a top-level section (deeper ones are about something else:
    the **Status** of one acceptance criterion is not the report's)."""
    for section in report.get("sections", {}).values():
        if section is not skip and key in section.get("fields", {}):
            return section["fields"][key], section
    return None
