"""Report skeletons generated from a template's schema (``reportlint new``), so the scaffold
can never drift from what the template checks.

Every required field, section and table header comes out in the template's order; wherever
the author must write, the skeleton holds a placeholder (``TBD``, ``[Date/Time]``, a field's
``x-placeholder``) that ``unfilled-placeholder`` (RL201) reports until it is replaced.
"""

from __future__ import annotations

from reportlint.shape import Shape

TBD = "TBD"


def field_value(field: Shape) -> str:
    placeholder = field.keyword("x-placeholder")
    if isinstance(placeholder, str):
        return placeholder
    value = field.value()
    if isinstance(value.keyword("const"), str):
        return str(value.keyword("const"))
    if value.keyword("enum"):
        return str(value.keyword("enum")[0])
    return TBD


def scaffold(template: Shape, task_id: str | None = None, name: str | None = None) -> str:
    label = template.title("Report")
    meta = Shape(template.keyword("x-reportlint"))
    prefixes = meta.keyword("task-prefixes") or ["BE"]
    out = [f"## {label}: {task_id or f'[{prefixes[0]}-XXX]'} - {name or '[Task Name]'}", ""]
    fields = template.fields()
    head = [(k, f) for k, f in fields.items() if not f.keyword("x-footer")]
    foot = [(k, f) for k, f in fields.items() if f.keyword("x-footer")]
    out += [f"**{f.title(k)}**: {field_value(f)}" for k, f in head]
    out.append("")
    _sections(template.sections(), 3, out)
    if foot:
        out += ["---", ""]
        out += [f"**{f.title(k)}**: {field_value(f)}" for k, f in foot]
    return "\n".join(out).rstrip("\n") + "\n"


def section(key: str, shape: Shape, level: int) -> str:
    """The Markdown of one section (with its sub-sections), as a scaffold writes it."""
    out: list[str] = []
    _sections({key: shape}, level, out)
    return "\n".join(out).rstrip("\n") + "\n"


def table(tables: Shape) -> str:
    return "\n".join(_table(tables)) + "\n"


def _sections(sections: dict[str, Shape], level: int, out: list[str]) -> None:
    for key, shape in sections.items():
        out += ["#" * min(level, 6) + " " + shape.title(key), ""]
        # Blocks apart, each followed by a blank line: a table right under a list item
        # would be read as part of the item's text.
        blocks: list[list[str]] = []
        fields = shape.fields()
        if fields:
            blocks.append([f"- {f.title(k)}: {TBD}" for k, f in fields.items()])
        if shape.declares("items"):
            blocks.append([_item(shape.part("items"))])
        if shape.declares("tables"):
            blocks.append(_table(shape.part("tables")))
        if shape.declares("code_blocks"):
            blocks.append(["```", TBD, "```"])
        for block in blocks:
            out += [*block, ""]
        wrote = bool(blocks)
        subsections = shape.sections()
        if subsections:
            _sections(subsections, level + 1, out)
        elif not wrote:
            out += [TBD, ""]


def _item(items: Shape) -> str:
    placeholder = items.keyword("x-placeholder")
    text = TBD if placeholder is None else str(placeholder)
    checked = items.checked()
    if checked is True:
        return f"- [x] {text}"
    if checked is False or items.keyword("contains") is not None:
        return f"- [ ] {text}"
    return f"- {text}"


def _table(tables: Shape) -> list[str]:
    columns = tables.columns()
    cells = tables.cells()
    titles = [c.title(k) for k, c in columns.items()]
    row = [str(cells[k].keyword("enum")[0]) if k in cells and cells[k].keyword("enum")
           else TBD for k in columns]
    return ["| " + " | ".join(titles) + " |", "|" + "---|" * len(titles),
            "| " + " | ".join(row) + " |"]
