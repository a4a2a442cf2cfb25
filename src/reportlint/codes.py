'''The catalogue: every finding code, in order, one module each.

Codes are ``RL`` and three digits, grouped by area; a code is never reused:

- ``RL0xx``: the input itself (``reportlint.rules.input``);
- ``RL1xx``: the report against its template (``reportlint.rules.template``);
- ``RL2xx``: reviewer rules, what a schema cannot say (``reportlint.rules.review``);
- ``RL3xx``: claims against evidence, the report's own and CI's (``reportlint.rules.evidence``);
- ``RL4xx``: lifecycle rules, a task's reports over the whole run
  (``reportlint.rules.lifecycle``);
- ``RL9xx``: reportlint itself (``reportlint.rules.meta``).

A new code is a new module under the folder of its area and one line here: the module
itself for a rule with a ``check``, ``_later(code, name, severity)`` for the others.
``tests/test_codes.py`` fails when a code module is missing from this list or the reverse.
'''

from __future__ import annotations

from types import ModuleType

from reportlint.diagnostics import Severity
from reportlint.rules.base import Code, Rule
from reportlint.rules.evidence import (
    contradicted_by_artefact,
    contradicted_mark,
    failing_evidence,
    inconsistent_count,
    mislabelled_coverage,
    unsupported_claim,
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

__all__ = ["CATALOGUE", "CODES", "RULES", "Code", "by_name", "markdown", "url"]


ERROR, WARNING = Severity.ERROR, Severity.WARNING
_AREAS = {"0": "input", "1": "template", "9": "meta"}


def _later(code: str, name: str, severity: Severity) -> Code:
    """The entry of a code whose module is imported when it makes a finding."""
    module = f"reportlint.rules.{_AREAS[code[2]]}.{name.replace('-', '_')}"
    return Code(code, name, severity, module)


# In code order. The modules with a check (reviewer, evidence and lifecycle rules) are
# imported here: every run runs them. The others (input, template and meta codes) make
# findings only when there is one to make, so their lines name their code, name and
# severity (their module is the one named after the code in its area's folder), and that
# module is imported by what makes the finding: a check that passes never loads them
# (7 ms of every run's start-up). tests/test_codes.py holds each line to its module's CODE.
MODULES: tuple[ModuleType | Code, ...] = (
    _later("RL001", "unreadable-file", ERROR),
    _later("RL002", "binary-file", ERROR),
    _later("RL003", "invalid-encoding", ERROR),
    _later("RL004", "empty-file", ERROR),
    _later("RL005", "no-report", ERROR),
    _later("RL006", "invalid-front-matter", ERROR),
    _later("RL007", "file-too-large", ERROR),
    _later("RL008", "file-too-complex", ERROR),
    _later("RL101", "missing-section", ERROR),
    _later("RL102", "missing-field", ERROR),
    _later("RL103", "invalid-field-value", ERROR),
    _later("RL104", "missing-table", ERROR),
    _later("RL105", "missing-column", ERROR),
    _later("RL106", "invalid-cell-value", WARNING),
    _later("RL107", "wrong-checkbox-state", ERROR),
    _later("RL108", "invalid-title", ERROR),
    _later("RL109", "missing-items", ERROR),
    _later("RL110", "invalid-list-item", WARNING),
    _later("RL111", "missing-code-block", WARNING),
    _later("RL199", "schema-violation", ERROR),
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
    _later("RL901", "internal-error", ERROR),
    _later("RL902", "unused-suppression", WARNING),
    _later("RL903", "refused-suppression", ERROR),
    _later("RL904", "stale-baseline-entry", WARNING),
)

CATALOGUE: tuple[Code, ...] = tuple(m if isinstance(m, Code) else m.CODE for m in MODULES)
CODES: dict[str, Code] = {entry.code: entry for entry in CATALOGUE}
_BY_NAME: dict[str, Code] = {entry.name: entry for entry in CATALOGUE}

# The reviewer and lifecycle rules, in code order: the modules whose ``check`` the engine
# runs (``SCOPE`` "report" or "document", for each file) or the run-wide step
# (:mod:`reportlint.runwide`, ``SCOPE`` "run": ``check(task, run)`` over a task's reports).
RULES: tuple[Rule, ...] = tuple(
    Rule(module.CODE, module.check, getattr(module, "SCOPE", "report"),
         getattr(module, "REPORTS_ONLY", False))
    for module in MODULES if isinstance(module, ModuleType))


def by_name(name: str) -> Code | None:
    return _BY_NAME.get(name)


def code_of(name: str) -> str:
    """The code of a catalogue name (``empty-file`` -> ``RL004``), for the modules that name
    a code whose module they do not import."""
    return _BY_NAME[name].code


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
