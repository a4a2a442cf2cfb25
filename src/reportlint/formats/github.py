"""GitHub Actions workflow commands, and the Markdown summary for the job's page."""

from __future__ import annotations

from collections.abc import Sequence

from reportlint.diagnostics import Outcome, Severity
from reportlint.formats import PLAIN, Style, findings, summary


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF escaped, so report text cannot end the command
    and start another."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: as data, plus `:` and `,` which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(outcomes: Sequence[Outcome], style: Style = PLAIN) -> str:
    lines = []
    for d in findings(outcomes):
        kind = "error" if d.severity is Severity.ERROR else "warning"
        props = ",".join([f"file={escape_property(d.path)}", f"line={d.line}",
                          f"col={d.column}", f"title={escape_property(f'{d.code} {d.name}')}"])
        lines.append(f"::{kind} {props}::{escape_data(d.message)}")
    lines.append(summary(outcomes))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;")


def step_summary(outcomes: Sequence[Outcome]) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: every finding (annotations stop at ten of each
    kind per step), a table per file."""
    out = ["## reportlint", "", summary(outcomes), ""]
    with_findings = [o for o in outcomes if o.diagnostics]
    if with_findings:
        out += ["| file | errors | warnings |", "| --- | ---: | ---: |"]
        for outcome in with_findings:
            errors = sum(d.severity is Severity.ERROR for d in outcome.diagnostics)
            out.append(f"| {_cell(outcome.path)} | {errors} | "
                       f"{len(outcome.diagnostics) - errors} |")
        out.append("")
        for outcome in with_findings:
            out += [f"### {_cell(outcome.path)}", "", "| line | code | severity | message |",
                    "| ---: | --- | --- | --- |"]
            out += [f"| {d.line} | {d.code} | {d.severity.value} | {_cell(d.message)} |"
                    for d in outcome.diagnostics]
            out.append("")
    return "\n".join(out) + "\n"
