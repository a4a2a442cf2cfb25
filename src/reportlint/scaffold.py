"""Report skeletons generated from a template's schema (``reportlint new``), so the scaffold
can never drift from what the template checks.

Every required field, section and table header comes out in the template's order; wherever
the author must write, the skeleton holds a placeholder (``TBD``, ``[Date/Time]``, a field's
``x-placeholder``) that ``unfilled-placeholder`` (RL201) reports until it is replaced.

The snippets a finding offers as its repair (a missing section, field or table) are written
with ``fill=True``: a field gets the template's valid example (``x-example``), its constant
or its first allowed value, and free text says there is nothing to report (``None``). A
repair must not bring findings of its own: inserted, a filled snippet passes every check
the template and the reviewer rules make (``tests/test_scaffold.py`` inserts each one).
"""

from __future__ import annotations

from reportlint.shape import Shape

TBD = "TBD"
# What a filled snippet says where the author has to write: that there is nothing to report.
# No placeholder, and no claim the report did not make (a pass, a coverage figure).
NONE = "None"


def field_value(field: Shape, fill: bool = False) -> str:
    value = field.value()
    example = field.keyword("x-example")
    if fill and isinstance(example, (str, int, float)) and not isinstance(example, bool):
        return str(example)
    placeholder = field.keyword("x-placeholder")
    if isinstance(placeholder, str) and not fill:
        return placeholder
    if isinstance(value.keyword("const"), str):
        return str(value.keyword("const"))
    if value.keyword("enum"):
        return str(value.keyword("enum")[0])
    return NONE if fill else TBD


def scaffold(template: Shape, task_id: str | None = None, name: str | None = None,
             fill: bool = False) -> str:
    label = template.title("Report")
    meta = Shape(template.keyword("x-reportlint"))
    prefixes = meta.keyword("task-prefixes") or ["BE"]
    out = [f"## {label}: {task_id or f'[{prefixes[0]}-XXX]'} - {name or '[Task Name]'}", ""]
    fields = template.fields()
    head = [(k, f) for k, f in fields.items() if not f.keyword("x-footer")]
    foot = [(k, f) for k, f in fields.items() if f.keyword("x-footer")]
    out += [f"**{f.title(k)}**: {field_value(f, fill)}" for k, f in head]
    out.append("")
    _sections(template.sections(), 3, out, fill)
    if foot:
        out += ["---", ""]
        out += [f"**{f.title(k)}**: {field_value(f, fill)}" for k, f in foot]
    return "\n".join(out).rstrip("\n") + "\n"


def section(key: str, shape: Shape, level: int, fill: bool = False) -> str:
    """The Markdown of one section (with its sub-sections), as a scaffold writes it."""
    out: list[str] = []
    _sections({key: shape}, level, out, fill)
    return "\n".join(out).rstrip("\n") + "\n"


def table(tables: Shape, fill: bool = False) -> str:
    return "\n".join(_table(tables, fill)) + "\n"


def _sections(sections: dict[str, Shape], level: int, out: list[str], fill: bool) -> None:
    text = NONE if fill else TBD
    for key, shape in sections.items():
        out += ["#" * min(level, 6) + " " + shape.title(key), ""]
        # Blocks apart, each followed by a blank line: a table right under a list item
        # would be read as part of the item's text.
        blocks: list[list[str]] = []
        fields = shape.fields()
        if fields:
            blocks.append([f"- {f.title(k)}: {field_value(f, True) if fill else TBD}"
                           for k, f in fields.items()])
        if shape.declares("items"):
            blocks.append([_item(shape.part("items"), fill)])
        if shape.declares("tables"):
            blocks.append(_table(shape.part("tables"), fill))
        if shape.declares("code_blocks"):
            blocks.append(["```", text, "```"])
        for block in blocks:
            out += [*block, ""]
        wrote = bool(blocks)
        subsections = shape.sections()
        if subsections:
            _sections(subsections, level + 1, out, fill)
        elif not wrote:
            out += [text, ""]


def _item(items: Shape, fill: bool = False) -> str:
    placeholder = items.keyword("x-example" if fill else "x-placeholder")
    text = (NONE if fill else TBD) if placeholder is None else str(placeholder)
    checked = items.checked()
    if checked is True:
        return f"- [x] {text}"
    if checked is False or items.keyword("contains") is not None:
        return f"- [ ] {text}"
    return f"- {text}"


def _table(tables: Shape, fill: bool = False) -> list[str]:
    columns = tables.columns()
    cells = tables.cells()
    titles = [c.title(k) for k, c in columns.items()]
    row = [str(cells[k].keyword("enum")[0]) if k in cells and cells[k].keyword("enum")
           else NONE if fill else TBD for k in columns]
    return ["| " + " | ".join(titles) + " |", "|" + "---|" * len(titles),
            "| " + " | ".join(row) + " |"]
