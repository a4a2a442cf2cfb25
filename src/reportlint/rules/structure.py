"""The shape of a report's headings: repeated, out of order, skipped levels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlint.diagnostics import Severity
from reportlint.rules import Context, Hit, Node, rule


@rule("RL211", "duplicate-section", Severity.WARNING)
def duplicate_section(ctx: Context) -> Iterator[Hit]:
    """Checks that no section appears twice at the same place in a report (by its normalised
    name: `### Blockers` and `### 4. Blockers (if any)` are the same section).

    ## Why is this bad?
    Two *Completed Items* or two *Known Issues* sections usually mean two agents, or two
    drafts, wrote into one report; only the first is checked against the template and a
    reader cannot tell which one is current.

    ## Example
    ```markdown
    ## Progress Update: BE-014 - Refresh token rotation

    ### Completed Items
    - [x] Migration

    ### Completed Items
    - [x] Service
    ```

    ## Use instead
    ```markdown
    ## Progress Update: BE-014 - Refresh token rotation

    ### Completed Items
    - [x] Migration
    - [x] Service
    ```
    """
    for section in ctx.sections():
        children = section.get("sections", {})
        for key, child in children.items():
            if "~" in key:
                first = children[key.split("~", 1)[0]]
                yield Hit(child["line"], f"section `{child['title']}` appears again (first "
                          f"on line {first['line']}); merge the two")


@rule("RL212", "section-order", Severity.WARNING)
def section_order(ctx: Context) -> Iterator[Hit]:
    """Checks that the sections a template lists come in the template's order.

    ## Why is this bad?
    Reviewers and the product manager read many reports; the template's order is where they
    look for each thing. A *Quality Gates Status* before the *Implementation Summary* is
    found late or not at all.

    ## Example
    ```markdown
    ## Progress Update: BE-014 - Refresh token rotation

    ### In Progress
    - [ ] Tests

    ### Completed Items
    - [x] Migration
    ```

    ## Use instead
    ```markdown
    ## Progress Update: BE-014 - Refresh token rotation

    ### Completed Items
    - [x] Migration

    ### In Progress
    - [ ] Tests
    ```
    """
    yield from _order(ctx.report, ctx.template_schema)


def _order(node: Node, schema: Any) -> Iterator[Hit]:
    props = _section_schemas(schema)
    if not props:
        return
    order = list(props)
    present = [(k, s) for k, s in node.get("sections", {}).items() if k in props]
    latest: tuple[int, Node] | None = None
    for key, section in present:
        rank = order.index(key)
        if latest is not None and rank < latest[0]:
            yield Hit(section["line"], f"section `{section['title']}` comes after "
                      f"`{latest[1]['title']}` (line {latest[1]['line']}); the template puts "
                      "it before")
        elif latest is None or rank > latest[0]:
            latest = (rank, section)
        yield from _order(section, props[key])


def _section_schemas(schema: Any) -> dict[str, Any]:
    if not isinstance(schema, dict):
        return {}
    sections = schema.get("properties", {}).get("sections", {})
    props = sections.get("properties", {}) if isinstance(sections, dict) else {}
    return props if isinstance(props, dict) else {}


@rule("RL213", "skipped-heading-level", Severity.WARNING)
def skipped_heading_level(ctx: Context) -> Iterator[Hit]:
    """Checks that headings inside a report go down one level at a time (`##` then `###`,
    not `##` then `####`).

    ## Why is this bad?
    A skipped level breaks the outline that renderers, screen readers and reportlint itself
    use to nest sections, so a sub-section may be read as belonging somewhere else.

    ## Example
    ```markdown
    ## Progress Update: BE-014 - Refresh token rotation

    #### Completed Items
    ```

    ## Use instead
    ```markdown
    ## Progress Update: BE-014 - Refresh token rotation

    ### Completed Items
    ```
    """
    if not ctx.report.get("level"):
        return  # a whole file checked with --template has no title level to count from
    for parent in ctx.sections():
        for child in parent.get("sections", {}).values():
            if child["level"] > parent["level"] + 1:
                yield Hit(child["line"], f"heading level jumps from {parent['level']} to "
                          f"{child['level']} at `{child['title']}`; use "
                          f"`{'#' * (parent['level'] + 1)}`")
