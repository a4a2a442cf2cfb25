"""Numbers and statuses a report gives about itself: progress, coverage, migrations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules import Context, Hit, content_line, field_value, rule

_OVERALL = ("status", "progress", "summary", "overview")


@lru_cache(maxsize=4096)  # section keys repeat from report to report
def _overall(key: str) -> bool:
    """A section about the task's status as a whole."""
    return any(w in key for w in _OVERALL)
_DONE_WORDS = re.compile(r"\b(?:complete[d]?|completion|done|progress)\b", re.IGNORECASE)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")
_AFFIRMED = re.compile(r"^(?:✅|✔|☑|(?:yes|y|true)\b)", re.IGNORECASE)
_DENIED = re.compile(r"❌|✗|✘|\bno\b|\bnot\b|\bfalse\b", re.IGNORECASE)


@rule("RL203", "unexplained-status", Severity.ERROR)
def unexplained_status(ctx: Context) -> Iterator[Hit]:
    """Checks that a **Status** of BLOCKED has a *Blockers* table with at least one row, and
    that NEEDS CLARIFICATION has at least one question under *Questions for PM*.

    A report without those sections at all is `missing-section` (RL101); this rule catches the
    section that is there but empty.

    ## Why is this bad?
    The product manager can only unblock what is written down. An empty Blockers table on a
    BLOCKED task stalls it until someone asks.

    ## Example
    ```markdown
    ## Progress Update: BE-014 - Refresh token rotation

    **Status**: BLOCKED

    ### Blockers (if any)
    | Blocker | Impact | Resolution Needed |
    |---------|--------|-------------------|
    ```

    ## Use instead
    ```markdown
    ## Progress Update: BE-014 - Refresh token rotation

    **Status**: BLOCKED

    ### Blockers (if any)
    | Blocker | Impact | Resolution Needed |
    |---------|--------|-------------------|
    | Staging is read-only | Cannot migrate | DevOps restores write access |
    ```
    """
    status = field_value(ctx.report, "status")
    if status is None:
        return
    value = status["value"].upper()
    sections = ctx.report.get("sections", {})
    if "BLOCKED" in value and "blockers" in sections:
        blockers = sections["blockers"]
        if not any(t["rows"] for t in blockers.get("tables", ())):
            yield Hit(blockers["line"], f"**Status** is `{quote(status['value'])}` (line "
                      f"{status['line']}) but `{blockers['title']}` lists no blocker; add a "
                      "row: what blocks, its impact, what is needed")
    if "CLARIFICATION" in value and "questions-for-pm" in sections:
        questions = sections["questions-for-pm"]
        if not questions.get("items") and not questions.get("paragraphs"):
            yield Hit(questions["line"], f"**Status** is `{quote(status['value'])}` (line "
                      f"{status['line']}) but `{questions['title']}` asks nothing; write the "
                      "questions the product manager must answer")


@rule("RL204", "inconsistent-progress", Severity.WARNING)
def inconsistent_progress(ctx: Context) -> Iterator[Hit]:
    """Checks that the figures a report gives for its own completion agree: the **Progress**
    field, a percentage in **Status** (`NOT STARTED (0% complete)`), in the title, and in the
    headings of its top-level sections or of a *Status*/*Progress*/*Summary* section
    (`### ✅ COMPLETED (20%)`).

    Percentages of parts (a phase, a sub-task, a table row) are about other things and are
    not compared.

    ## Why is this bad?
    "**Progress**: 60% complete" in the header and "(20% complete)" in a heading cannot both
    be true; the reader does not know which part of the report is stale.

    ## Example
    ```markdown
    ## Progress Update: BE-014 - Refresh token rotation

    **Progress**: 60% complete

    ### Completed Items (20% complete)
    ```

    ## Use instead
    ```markdown
    ## Progress Update: BE-014 - Refresh token rotation

    **Progress**: 60% complete

    ### Completed Items
    ```
    """
    report = ctx.report
    mentions: list[tuple[float, int, str]] = []
    for key in ("progress", "status", "completion"):
        found = field_value(report, key)
        match = _PERCENT.search(found["value"]) if found else None
        if found and match:
            mentions.append((float(match.group(1)), found["line"], f"**{found['name']}**"))
    headings = [(report["title"]["text"], report["title"]["line"], "the title")]
    for parent in ctx.sections():
        # Headings directly in the report, or in a section about the task's status as a whole.
        if parent is report or _overall(parent.get("key", "")):
            headings += [(s["title"], s["line"], f"`{s['title']}`")
                         for s in parent.get("sections", {}).values()]
    for text, line, where in headings:
        match = _PERCENT.search(text)
        if match and _DONE_WORDS.search(text):
            mentions.append((float(match.group(1)), line, where))
    if not mentions:
        return
    reference, line, where = min(mentions, key=lambda m: m[1])
    for value, other, said in sorted(mentions, key=lambda m: m[1]):
        if value != reference:
            yield Hit(other, f"{said} says {value:g}% but {where} (line {line}) says "
                      f"{reference:g}%; state one figure for the task")


@rule("RL208", "low-coverage", Severity.WARNING)
def low_coverage(ctx: Context) -> Iterator[Hit]:
    """Checks that unit-test coverage reported in a *Test Coverage Report* table (the *Unit
    Tests* row) or in the test output (`Coverage: 72%`) meets the bar: 80% by default, as the
    agent definitions ask; set `coverage-minimum` under `[tool.reportlint.options]`.

    ## Why is this bad?
    The quality gates ask for 80%+ coverage on business logic; a report that states less and
    still asks for review should say why, and a reviewer should see it at a glance.

    ## Example
    ```markdown
    ## Task Completion Report: BE-014 - Refresh token rotation

    ### 4. Test Coverage Report

    | Test Type | Coverage | Status |
    |-----------|----------|--------|
    | Unit Tests | 62% | ✅ Pass |
    ```

    ## Use instead
    ```markdown
    ## Task Completion Report: BE-014 - Refresh token rotation

    ### 4. Test Coverage Report

    | Test Type | Coverage | Status |
    |-----------|----------|--------|
    | Unit Tests | 86% | ✅ Pass |
    ```
    """
    bar = ctx.options.coverage_minimum
    for section in ctx.sections():
        if "coverage" not in section.get("key", "") and "test" not in section.get("key", ""):
            continue
        for table in section.get("tables", ()):
            if "coverage" not in table["columns"]:
                continue
            for row in table["rows"]:
                kind = next(iter(row["cells"].values()), "")
                match = _PERCENT.search(row["cells"].get("coverage", ""))
                if match and "unit" in kind.lower() and float(match.group(1)) < bar:
                    yield Hit(row["line"], f"unit-test coverage is {match.group(1)}%, under "
                              f"the {bar:g}% minimum")
        for block in section.get("code_blocks", ()):
            for match in re.finditer(r"(?im)^\s*coverage\s*:?\s*(\d{1,3}(?:\.\d+)?)\s*%",
                                     block["text"]):
                if float(match.group(1)) < bar:
                    yield Hit(content_line(block, match.start(1)), f"test output shows "
                              f"coverage {match.group(1)}%, under the {bar:g}% minimum")


@rule("RL209", "irreversible-migration", Severity.ERROR)
def irreversible_migration(ctx: Context) -> Iterator[Hit]:
    """Checks that every row of a migrations table (a table with a *Reversible* column) says
    the migration is reversible.

    ## Why is this bad?
    "Database migrations are reversible" is one of the quality gates a worker must pass
    before reporting. A migration that cannot be rolled back turns a bad deploy into an
    outage.

    ## Example
    ```markdown
    ## Task Completion Report: BE-014 - Refresh token rotation

    #### Migrations
    | Migration | Description | Reversible |
    |-----------|-------------|------------|
    | `20250310_drop_sessions` | Drop old sessions | ❌ No |
    ```

    ## Use instead
    ```markdown
    ## Task Completion Report: BE-014 - Refresh token rotation

    #### Migrations
    | Migration | Description | Reversible |
    |-----------|-------------|------------|
    | `20250310_drop_sessions` | Drop old sessions (down: restore from archive) | ✅ Yes |
    ```
    """
    for section in ctx.sections():
        for table in section.get("tables", ()):
            if "reversible" not in table["columns"]:
                continue
            for row in table["rows"]:
                value = row["cells"].get("reversible", "").strip()
                if value == "TBD" or value.startswith("["):
                    continue  # a placeholder: unfilled-placeholder (RL201) reports it
                if not _AFFIRMED.match(value) or _DENIED.search(value):
                    name = next(iter(row["cells"].values()), "")
                    yield Hit(row["line"], f"migration `{quote(name)}` is not reversible "
                              f"(`{quote(value) or 'empty'}`); add a down migration or "
                              "explain why under Known Issues")
