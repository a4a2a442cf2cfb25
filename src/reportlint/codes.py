'''The catalogue: every finding code, in order, one module each.

Codes are ``RL`` and three digits, grouped by area; a code is never reused:

- ``RL0xx``: the input itself (``reportlint.rules.input``);
- ``RL1xx``: the report against its template (``reportlint.rules.template``);
- ``RL2xx``: reviewer rules, what a schema cannot say (``reportlint.rules.review``);
- ``RL3xx``: claims against evidence, the report's own and CI's (``reportlint.rules.evidence``);
- ``RL4xx``: lifecycle rules, a task's reports over the whole run
  (``reportlint.rules.lifecycle``);
- ``RL9xx``: reportlint itself (``reportlint.rules.meta``).

A new code is a new module under the folder of its area and one line here.
``tests/test_codes.py`` fails when a code module is missing from this list or the reverse.
'''

from __future__ import annotations

from types import ModuleType

from reportlint.rules.base import Code, Rule
from reportlint.rules.evidence import (
    contradicted_by_artefact,
    contradicted_mark,
    failing_evidence,
    inconsistent_count,
    mislabelled_coverage,
    unsupported_claim,
)
from reportlint.rules.input import (
    binary_file,
    empty_file,
    file_too_complex,
    file_too_large,
    invalid_encoding,
    invalid_front_matter,
    no_report,
    unreadable_file,
)
from reportlint.rules.lifecycle import (
    contradicting_duplicate,
    date_outside_task,
    decreasing_progress,
    disagreeing_dependency,
    future_report,
    mismatched_prd_reference,
    mismatched_start_date,
    status_after_completion,
    unknown_handoff_target,
    unverified_criterion,
)
from reportlint.rules.meta import (
    internal_error,
    refused_suppression,
    stale_baseline_entry,
    unused_suppression,
)
from reportlint.rules.review import (
    conflicting_field,
    contradicted_claim,
    date_order,
    duplicate_section,
    inconsistent_progress,
    invalid_date,
    invalid_task_id,
    irreversible_migration,
    leaked_secret,
    low_coverage,
    section_at_title_level,
    section_order,
    skipped_heading_level,
    unchanged_listed_file,
    unexplained_status,
    unfilled_placeholder,
    unlisted_change,
)
from reportlint.rules.template import (
    invalid_cell_value,
    invalid_field_value,
    invalid_list_item,
    invalid_title,
    missing_code_block,
    missing_column,
    missing_field,
    missing_items,
    missing_section,
    missing_table,
    schema_violation,
    wrong_checkbox_state,
)

__all__ = ["CATALOGUE", "CODES", "RULES", "Code", "by_name", "markdown", "url"]


MODULES: tuple[ModuleType, ...] = (
    unreadable_file,  # RL001
    binary_file,  # RL002
    invalid_encoding,  # RL003
    empty_file,  # RL004
    no_report,  # RL005
    invalid_front_matter,  # RL006
    file_too_large,  # RL007
    file_too_complex,  # RL008
    missing_section,  # RL101
    missing_field,  # RL102
    invalid_field_value,  # RL103
    missing_table,  # RL104
    missing_column,  # RL105
    invalid_cell_value,  # RL106
    wrong_checkbox_state,  # RL107
    invalid_title,  # RL108
    missing_items,  # RL109
    invalid_list_item,  # RL110
    missing_code_block,  # RL111
    schema_violation,  # RL199
    unfilled_placeholder,  # RL201
    contradicted_claim,  # RL202
    unexplained_status,  # RL203
    inconsistent_progress,  # RL204
    invalid_date,  # RL205
    date_order,  # RL206
    invalid_task_id,  # RL207
    low_coverage,  # RL208
    irreversible_migration,  # RL209
    leaked_secret,  # RL210
    duplicate_section,  # RL211
    section_order,  # RL212
    skipped_heading_level,  # RL213
    unchanged_listed_file,  # RL214
    unlisted_change,  # RL215
    section_at_title_level,  # RL216
    conflicting_field,  # RL217
    failing_evidence,  # RL301
    inconsistent_count,  # RL302
    contradicted_mark,  # RL303
    unsupported_claim,  # RL304
    mislabelled_coverage,  # RL305
    contradicted_by_artefact,  # RL306
    status_after_completion,  # RL401
    decreasing_progress,  # RL402
    mismatched_start_date,  # RL403
    date_outside_task,  # RL404
    future_report,  # RL405
    unverified_criterion,  # RL406
    mismatched_prd_reference,  # RL407
    disagreeing_dependency,  # RL408
    unknown_handoff_target,  # RL409
    contradicting_duplicate,  # RL410
    internal_error,  # RL901
    unused_suppression,  # RL902
    refused_suppression,  # RL903
    stale_baseline_entry,  # RL904
)

CATALOGUE: tuple[Code, ...] = tuple(module.CODE for module in MODULES)
CODES: dict[str, Code] = {entry.code: entry for entry in CATALOGUE}
_BY_NAME: dict[str, Code] = {entry.name: entry for entry in CATALOGUE}

# The reviewer and lifecycle rules, in code order: the modules whose ``check`` the engine
# runs (``SCOPE`` "report" or "document", for each file) or the run-wide step
# (:mod:`reportlint.runwide`, ``SCOPE`` "run": ``check(task, run)`` over a task's reports).
RULES: tuple[Rule, ...] = tuple(
    Rule(module.CODE, module.check, getattr(module, "SCOPE", "report"),
         getattr(module, "REPORTS_ONLY", False))
    for module in MODULES if hasattr(module, "check"))


def by_name(name: str) -> Code | None:
    return _BY_NAME.get(name)


def url(entry: Code) -> str:
    """The documentation of a code: its section of docs/rules.md at the tag of this version
    (the anchor is the one GitHub makes of :func:`markdown`'s heading for it)."""
    from reportlint import HOMEPAGE, __version__

    return f"{HOMEPAGE}/blob/v{__version__}/docs/rules.md#{entry.code.lower()}-{entry.name}"


def markdown(entries: tuple[Code, ...] | list[Code] = CATALOGUE) -> str:
    """The catalogue as one Markdown page: a table, then each code's documentation."""
    out = ["# Rules", "",
           "Generated by `reportlint rules --markdown`; edit the docstrings, not this file.",
           "", "| code | name | severity | summary |", "| --- | --- | --- | --- |"]
    pipe = "\\|"
    out += [f"| [{e.code}](#{e.code.lower()}-{e.name}) | `{e.name}` | {e.severity.value} | "
            f"{e.summary.replace('|', pipe)} |" for e in entries]
    for entry in entries:
        body = entry.doc
        for heading in ("Why is this bad?", "Example", "Use instead"):
            body = body.replace(f"\n## {heading}\n", f"\n### {heading}\n")
        out += ["", f"## {entry.code} {entry.name}", "",
                f"Default severity: {entry.severity.value}.", "", body]
    return "\n".join(out) + "\n"
