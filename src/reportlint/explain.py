"""A report's failures against its template, worded as findings.

The dispatch table (:func:`dispatch`) is the whole of it: a failure of a ``required``
keyword goes to the code of the thing that is missing, any other failure to the first code
whose ``applies`` says the failure's place is its own, else to ``schema-violation``. Each
code module words its findings; the template's ``x-message``, ``x-missing-message`` and
``x-severity`` keywords override words and severity. The failures come from
:mod:`reportlint.fastfailures`; only a template using a keyword it does not know is
explained by :mod:`reportlint.schema` (and so jsonschema).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

from reportlint import fastfailures
from reportlint.diagnostics import Finding, Severity
from reportlint.failures import Failing, Failure, Place, declared
from reportlint.quote import quote
from reportlint.shape import Shape

if TYPE_CHECKING:
    from reportlint.nodes import Report

# The code modules by what they word, in dispatch order (under reportlint.rules.template):
# something the template requires is absent, by where it goes; anything else, by the place
# of the failing value; and the fallback. Each is imported when a failure first reaches it.
MISSING = ("missing_section", "missing_field", "missing_column")
INVALID = ("invalid_field_value", "invalid_title", "missing_table", "invalid_cell_value",
           "wrong_checkbox_state", "missing_items", "invalid_list_item", "missing_code_block")
FALLBACK = "schema_violation"


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"reportlint.rules.template.{name}")


def _first(names: tuple[str, ...], failing: Failing) -> ModuleType:
    for name in names:
        module = _module(name)
        if module.applies(failing):
            return module
    return _module(FALLBACK)


def dispatch() -> tuple[tuple[ModuleType, ...], tuple[ModuleType, ...], ModuleType]:
    """Every code module of the table, imported: missing, invalid, fallback."""
    return (tuple(map(_module, MISSING)), tuple(map(_module, INVALID)), _module(FALLBACK))


def findings(report: Report, template: Shape, trusted: bool = False) -> list[Finding]:
    """Every finding of ``report`` against ``template``, in place order (``trusted``: the
    template's patterns are reportlint's own, see ``saferegex.trusted``)."""
    failures = fastfailures.failures(report, template.schema, trusted)
    if failures is None:
        from reportlint import schema

        failures = list(schema.failures(report, template.schema))
    found: dict[tuple[int, str, str], Finding] = {}
    for failure in failures:
        for finding in _explain(failure, report, template):
            found.setdefault((finding.line, finding.code, finding.message), finding)
    return sorted(found.values(), key=lambda f: (f.line, f.column, f.code))


def _explain(failure: Failure, report: Report, template: Shape) -> list[Finding]:
    place = Place(report, failure.path)
    severity = _severity(failure.schema)
    if failure.keyword == "required":
        instance = failure.instance if isinstance(failure.instance, dict) else {}
        out = []
        for name in failure.expected:
            if name in instance:
                continue
            failing = Failing(failure, place, report, template, name)
            module = _first(MISSING, failing)
            words = module.explain(failing)
            prop = declared(failure.schema, name, template)
            custom = prop.keyword("x-missing-message") or failure.schema.keyword("x-message")
            message = _custom(custom, failing) if isinstance(custom, str) else words.message
            out.append(Finding(module.CODE.code, words.line or place.line, message, 1,
                               severity, words.fix))
        return out
    failing = Failing(failure, place, report, template)
    module = _first(INVALID, failing)
    words = module.explain(failing)
    custom = failure.schema.keyword("x-message")
    message = _custom(custom, failing) if isinstance(custom, str) else words.message
    return [Finding(module.CODE.code, place.line, message, place.column, severity, words.fix)]


def _severity(schema: Shape) -> Severity | None:
    value = schema.keyword("x-severity")
    return Severity(value) if value in ("error", "warning") else None


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _custom(template: str, f: Failing) -> str:
    """A template's own message, its ``{value}``, ``{text}``, ``{section}`` and ``{task_id}``
    filled in."""
    place, failure = f.place, f.failure
    container = place.container
    item: Any = place.nodes[-1] if place.nodes else None
    values = _Values(
        value=quote(failure.instance),
        text=quote(item.get("text", "")) if isinstance(item, dict) else quote(failure.instance),
        section="the report" if place.in_report else quote(container.get("title", "")),
        task_id=str(f.report.get("title", {}).get("task_id") or "BE-001"),
        task_name=quote(f.report.get("title", {}).get("task_name") or "Task name"),
    )
    parent = place.parent()
    if isinstance(parent, dict) and "text" in parent:
        values["text"] = quote(parent["text"])
    return template.format_map(values)
