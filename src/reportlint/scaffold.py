"""Report skeletons generated from a template's schema (``reportlint new``), so the scaffold
can never drift from what the template checks.

Every required field, section and table header comes out in the template's order; wherever
the author must write, the skeleton holds a placeholder (``TBD``, ``[Date/Time]``, a field's
``x-placeholder``) that ``unfilled-placeholder`` (RL201) reports until it is replaced.
"""

from __future__ import annotations

from typing import Any

TBD = "TBD"


def _props(schema: Any, *path: str) -> dict[str, Any]:
    node = schema
    for part in path:
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return node if isinstance(node, dict) else {}


def field_value(field: dict[str, Any]) -> str:
    if isinstance(field.get("x-placeholder"), str):
        return str(field["x-placeholder"])
    value = _props(field, "properties", "value")
    if isinstance(value.get("const"), str):
        return str(value["const"])
    if value.get("enum"):
        return str(value["enum"][0])
    return TBD


def scaffold(schema: dict[str, Any], task_id: str | None = None, name: str | None = None) -> str:
    label = str(schema.get("title", "Report"))
    prefixes = _props(schema, "x-reportlint").get("task-prefixes") or ["BE"]
    out = [f"## {label}: {task_id or f'[{prefixes[0]}-XXX]'} - {name or '[Task Name]'}", ""]
    fields = _props(schema, "properties", "fields", "properties")
    head = [(k, f) for k, f in fields.items() if isinstance(f, dict) and not f.get("x-footer")]
    foot = [(k, f) for k, f in fields.items() if isinstance(f, dict) and f.get("x-footer")]
    out += [f"**{f.get('title', k)}**: {field_value(f)}" for k, f in head]
    out.append("")
    _sections(_props(schema, "properties", "sections", "properties"), 3, out)
    if foot:
        out += ["---", ""]
        out += [f"**{f.get('title', k)}**: {field_value(f)}" for k, f in foot]
    return "\n".join(out).rstrip("\n") + "\n"


def section(key: str, schema: dict[str, Any], level: int) -> str:
    """The Markdown of one section (with its sub-sections), as a scaffold writes it."""
    out: list[str] = []
    _sections({key: schema}, level, out)
    return "\n".join(out).rstrip("\n") + "\n"


def table(tables_schema: dict[str, Any]) -> str:
    return "\n".join(_table(tables_schema)) + "\n"


def _sections(sections: dict[str, Any], level: int, out: list[str]) -> None:
    for key, section in sections.items():
        if not isinstance(section, dict):
            continue
        out += ["#" * min(level, 6) + " " + str(section.get("title", key)), ""]
        content = _props(section, "properties")
        # Blocks apart, each followed by a blank line: a table right under a list item
        # would be read as part of the item's text.
        blocks: list[list[str]] = []
        fields = _props(content, "fields", "properties")
        if fields:
            blocks.append([f"- {f.get('title', k)}: {TBD}" for k, f in fields.items()])
        if "items" in content:
            blocks.append([_item(content["items"])])
        if "tables" in content:
            blocks.append(_table(content["tables"]))
        if "code_blocks" in content:
            blocks.append(["```", TBD, "```"])
        for block in blocks:
            out += [*block, ""]
        wrote = bool(blocks)
        subsections = _props(content, "sections", "properties")
        if subsections:
            _sections(subsections, level + 1, out)
        elif not wrote:
            out += [TBD, ""]


def _item(items: dict[str, Any]) -> str:
    text = str(items.get("x-placeholder", TBD))
    checked = _props(items, "items", "properties", "checked").get("const")
    if checked is True:
        return f"- [x] {text}"
    if checked is False or "contains" in items:
        return f"- [ ] {text}"
    return f"- {text}"


def _table(tables: dict[str, Any]) -> list[str]:
    table = _props(tables, "items", "properties")
    columns = _props(table, "columns", "properties")
    cells = _props(table, "rows", "items", "properties", "cells", "properties")
    titles = [str(c.get("title", k)) if isinstance(c, dict) else k for k, c in columns.items()]
    row = [str(cells[k]["enum"][0]) if isinstance(cells.get(k), dict) and cells[k].get("enum")
           else TBD for k in columns]
    return ["| " + " | ".join(titles) + " |", "|" + "---|" * len(titles),
            "| " + " | ".join(row) + " |"]
