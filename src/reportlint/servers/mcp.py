"""``reportlint mcp``: an MCP server over standard input and output, for the agents that write
reports. Built on the MCP Python SDK (``pip install 'reportlint[mcp]'``).

Tools: ``check_report``, ``fix_report``, ``new_report``, ``explain_code``,
``list_templates``; resources: each template's schema and scaffold; a prompt, ``write_report``,
that tells an agent how to write and check a report. Every tool runs what the command line
runs (:func:`reportlint.api.run`, ``engine.repair``); a problem with the input (not a report,
too large, an unknown template or code, a broken configuration) is a tool error with a
message that says what to change, never a crash of the server.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import BaseModel, Field

from reportlint import __version__, api, engine, formats, secrets
from reportlint.api import CheckOptions, UsageError
from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.rules.input import (
    binary_file,
    empty_file,
    file_too_large,
    invalid_encoding,
    unreadable_file,
)
from reportlint.rules.review import leaked_secret

# Findings that say the text could not be read as text at all: the call was wrong, not the
# report, so they are tool errors.
_NOT_TEXT = frozenset(m.CODE.code for m in (unreadable_file, binary_file, invalid_encoding,
                                            empty_file, file_too_large))

GUIDE = """\
How to write a report that passes reportlint, with its MCP tools:

1. Start from the template: call `new_report` with the template (`list_templates` names
   them: acknowledgement, progress, completion, ...), your task id and the task's name. It
   returns the skeleton; replace every placeholder (`TBD`, `[Date/Time]`, `[X]%`) with the
   real content. Keep the headings and field names as they are.
2. Check it: call `check_report` with the whole Markdown text, and `path` set to where the
   report will be saved (configuration is found from its folder). The verdict is `pass` when
   there is no error finding. When your run wrote test, coverage or lint results (JUnit XML,
   Cobertura XML, coverage.py JSON, LCOV, SARIF), pass their paths as `evidence`: the
   report's claims ("38 passed", "coverage 87%", "all tests pass") are then checked against
   what those files say, not only against the report's own output.
3. Repair: call `fix_report` for the safe repairs (status spelling, field syntax,
   checkboxes, white space); it returns the repaired text and what remains. For each finding
   left, read its message and its `fix`: `expected` (the allowed values), `expected_order`
   and `insert_after` (where a missing section goes), `snippet` (the Markdown to insert) and
   `edits` (the exact change: 1-based `start` and `end` positions, the end exclusive, and
   the `text` to put there). Apply edits from the last position to the first, then write
   the real values over what the snippets bring (the template's example values, `None`:
   they pass the checks, so nothing else will tell you they are not yours). A message that
   names an existing heading ("is `X` on line N meant to be it?", "is at the wrong level")
   wants that heading renamed or moved, not a new section. `explain_code` with the code
   gives the rule's documentation.
4. Check again, and repeat until the verdict is `pass`. Never leave a placeholder, and never
   claim a criterion, test or gate the report cannot show: reportlint checks claims against
   the report's own evidence.
"""


class Position(BaseModel):
    line: int = Field(description="1-based line")
    column: int = Field(description="1-based column, in characters")


class Span(BaseModel):
    title: str
    line: int
    end_line: int


class Found(BaseModel):
    """One finding, as ``reportlint check --format json`` gives it (without the path)."""

    line: int = Field(description="1-based line of the finding")
    column: int = Field(description="1-based column, in characters")
    code: str = Field(description="the finding's code, e.g. RL101; explain_code documents it")
    name: str = Field(description="the code's name, e.g. missing-section")
    severity: Literal["error", "warning"]
    message: str
    fix: dict[str, Any] | None = Field(
        None, description="how to repair it, where known: `expected` values, "
        "`expected_order`, `insert_after`, `expected_columns`, a Markdown `snippet`, and "
        "`edits`: [{start: {line, column}, end: {line, column}, text}], 1-based, end "
        "exclusive; apply them from the last to the first")


class CheckResult(BaseModel):
    verdict: Literal["pass", "fail"] = Field(
        description="pass: no error findings (warnings may remain)")
    errors: int
    warnings: int
    summary: str = Field(description="the summary line `reportlint check` prints")
    reports: list[Span] = Field(description="the reports found in the text, by title")
    findings: list[Found]


class FixResult(BaseModel):
    text: str | None = Field(
        description="the text with every safe repair made (the same as `reportlint check "
        "--fix`); null when it holds a credential, which is never sent back: remove it and "
        "call again")
    changed_lines: int = Field(description="how many lines the safe repairs changed")
    remaining: CheckResult = Field(description="the check of the repaired text")


class NewResult(BaseModel):
    template: str
    text: str = Field(description="the report skeleton; replace every placeholder")


class RuleDoc(BaseModel):
    code: str
    name: str
    severity: Literal["error", "warning"]
    documentation: str = Field(description="Markdown: what it checks, why, an example and "
                               "what to write instead")


class TemplateInfo(BaseModel):
    name: str = Field(description="what `template` arguments take")
    title: str = Field(description="the report title the template checks, e.g. Progress Update")
    role: str | None = Field(description="the role whose reports it checks, e.g. backend")
    example_title: str
    schema_uri: str = Field(description="resource: the template's JSON Schema")
    scaffold_uri: str = Field(description="resource: the template's report skeleton")


class TemplateList(BaseModel):
    templates: list[TemplateInfo]


_Text = Annotated[str, Field(description="the whole report, as Markdown")]
_Path = Annotated[str | None, Field(
    description="where the report is or will be saved, absolute or relative to the server's "
    "working folder: configuration is found from its folder, as for `reportlint check`")]
_Template = Annotated[str | None, Field(
    description="check the text against this template (see list_templates) instead of the "
    "one its title names")]

_Evidence = Annotated[list[str] | None, Field(
    description="files a CI run produced (JUnit XML, Cobertura XML, coverage.py JSON, LCOV, "
    "SARIF), absolute or relative to the server's working folder: the report's claims are "
    "checked against them, as with `reportlint check --evidence` (besides the "
    "configuration's `evidence`)")]

# The engine is not written for threads, and the SDK runs each tool call in a worker thread.
_LOCK = threading.Lock()


@contextmanager
def _tool() -> Iterator[None]:
    """One tool call: serialised, and a problem of use made a tool error."""
    with _LOCK:
        try:
            yield
        except UsageError as exc:
            raise ToolError("; ".join(exc.messages)) from None


def _bytes(text: str) -> bytes:
    if not text.strip():
        raise ToolError("the text is empty; send the whole report")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ToolError(f"the text is not valid Unicode: {exc.reason} at character "
                        f"{exc.start}") from None


def _limited(data: bytes, settings: engine.Settings) -> bytes:
    limit = settings.config.max_file_size
    if len(data) > limit:
        raise ToolError(f"the text is {len(data)} bytes, over the limit of {limit} "
                        "(`max-file-size` in the configuration); a report is far smaller")
    return data


def _outcome(data: bytes, path: str | None, template: str | None,
             evidence: list[str] | None = None) -> Outcome:
    result = api.run(CheckOptions(paths=(Path("-"),), stdin=data, stdin_filename=path,
                                  template=template, cache=False, jobs=1,
                                  evidence=tuple(Path(e) for e in evidence or ())))
    (outcome,) = list(result)
    return outcome


def _verdict(outcome: Outcome, titles: Callable[[], list[str]]) -> CheckResult:
    if outcome.skipped:
        raise ToolError("the text is not a report: no heading reads as a report title "
                        f"({', '.join(titles())}), such as `## Progress Update: BE-001 - Add "
                        "login endpoint`; pass `template` to check it against a template "
                        "anyway")
    unreadable = [d for d in outcome.diagnostics if d.code in _NOT_TEXT]
    if unreadable:
        raise ToolError(f"the text cannot be checked: {unreadable[0].message} "
                        f"({unreadable[0].code})")
    return _result(outcome)


def _result(outcome: Outcome) -> CheckResult:
    errors = sum(d.severity is Severity.ERROR for d in outcome.diagnostics)
    return CheckResult(
        verdict="fail" if errors else "pass", errors=errors,
        warnings=len(outcome.diagnostics) - errors, summary=formats.summary([outcome]),
        reports=[Span(title=s.title, line=s.line, end_line=s.end_line)
                 for s in outcome.reports],
        findings=[_found(d) for d in outcome.diagnostics])


def _found(d: Diagnostic) -> Found:
    return Found(line=d.line, column=d.column, code=d.code, name=d.name,
                 severity="error" if d.severity is Severity.ERROR else "warning",
                 message=d.message, fix=d.fix)


def _titles() -> list[str]:
    return list(dict.fromkeys(t.title for t in api.templates()))


def check_report(text: _Text, path: _Path = None, template: _Template = None,
                 evidence: _Evidence = None) -> CheckResult:
    """Check a report's Markdown: every finding with its line, code, message and how to
    repair it (`fix`: expected values, snippets, exact `edits`), and a verdict (`pass` when no
    finding is an error). Call it after writing a report and after each repair; give
    `evidence` (the test, coverage and lint results the run wrote) to have the report's
    claims checked against them."""
    with _tool():
        settings = api.file_settings(path, template=template)
        data = _limited(_bytes(text), settings)
        return _verdict(_outcome(data, path, template, evidence), _titles)


def fix_report(text: _Text, path: _Path = None, template: _Template = None) -> FixResult:
    """Make the safe repairs `reportlint check --fix` makes (status spelling, `**Field:**`
    syntax, checkbox variants, trailing white space, the final newline) and check the result:
    the repaired text, and the findings that remain for you to repair."""
    with _tool():
        settings = api.file_settings(path, template=template)
        data = _limited(_bytes(text), settings)
        item = engine.Input(path or "-", data, location=Path(path) if path else None)
        repaired = engine.repair(item, settings)
        new = repaired.new if repaired is not None else data
        remaining = _verdict(_outcome(new, path, template), _titles)
        fixed: str | None = new.decode("utf-8-sig")
        if fixed is not None and (any(f.code == leaked_secret.CODE.code
                                      for f in remaining.findings)
                                  or secrets.redact(fixed) != fixed):
            fixed = None  # a credential is never sent back, whole or in part
        return FixResult(text=fixed, changed_lines=repaired.lines if repaired else 0,
                         remaining=remaining)


def new_report(template: Annotated[str, Field(description="the template's name, as "
                                               "list_templates gives it")],
               task_id: Annotated[str | None, Field(description="the task id, e.g. BE-014")]
               = None,
               name: Annotated[str | None, Field(description="the task's name")] = None,
               ) -> NewResult:
    """A report skeleton generated from the template itself: every required field, section
    and table header in the template's order, with placeholders to replace."""
    with _tool():
        return NewResult(template=template, text=api.new(template, task_id, name))


def explain_code(code: Annotated[str, Field(description="a code (RL101) or a name "
                                            "(missing-section)")]) -> RuleDoc:
    """The documentation of one finding code: what it checks, why it matters, an example
    that triggers it and what to write instead."""
    with _tool():
        doc = api.rule_doc(code)
        entry = next(e for e in api.rules_list()
                     if e.code == code.upper() or e.name == code)
        return RuleDoc(code=entry.code, name=entry.name, severity=entry.severity.value,
                       documentation=doc)


def list_templates() -> TemplateList:
    """The templates reports are checked against (the built-in ones and those the
    configuration adds): each name, the title it checks, its role and an example title."""
    with _tool():
        return TemplateList(templates=[_info(t) for t in api.templates()])


def _info(template: Any) -> TemplateInfo:
    role = template.meta.get("role")
    return TemplateInfo(name=template.name, title=template.title,
                        role=role if isinstance(role, str) else None,
                        example_title=template.example_title,
                        schema_uri=f"reportlint://templates/{template.name}/schema",
                        scaffold_uri=f"reportlint://templates/{template.name}/scaffold")


def write_report(template: str = "completion", task_id: str = "", name: str = "") -> str:
    """How to write a report and check it with reportlint until it passes: the steps to
    paste into a worker's instructions."""
    what = f"a `{template}` report"
    if task_id or name:
        what += f" for {task_id or 'the task'}{f' ({name})' if name else ''}"
    return f"Write {what}.\n\n{GUIDE}"


def _schema(name: str) -> Callable[[], str]:
    def read() -> str:
        with _tool():
            found = {t.name: t for t in api.templates()}
            if name not in found:
                raise ToolError(f"unknown template {name!r}")
            return json.dumps(found[name].schema, indent=2, ensure_ascii=False)
    return read


def _scaffold(name: str) -> Callable[[], str]:
    def read() -> str:
        with _tool():
            return api.new(name)
    return read


def build() -> MCPServer:
    """The server, its tools, resources and prompt registered."""
    server: MCPServer = MCPServer(
        "reportlint", version=__version__, log_level="WARNING",
        instructions="Checks the Markdown reports agents write (Task Acknowledged, Progress "
                     "Update, Task Completion Report) against their templates. " + GUIDE)
    # Nothing a tool does writes a file or reaches the network.
    read_only = ToolAnnotations(read_only_hint=True, open_world_hint=False)
    for tool in (check_report, fix_report, new_report, explain_code, list_templates):
        server.add_tool(tool, annotations=read_only)
    server.prompt(name="write_report")(write_report)
    try:
        known = api.templates()
    except UsageError:
        known = []  # a broken configuration: the tools say what is wrong with it
    for entry in known:
        server.resource(f"reportlint://templates/{entry.name}/schema",
                        name=f"{entry.name}-schema", mime_type="application/json",
                        description=f"The JSON Schema of the `{entry.name}` template "
                                    f"({entry.title})")(_schema(entry.name))
        server.resource(f"reportlint://templates/{entry.name}/scaffold",
                        name=f"{entry.name}-scaffold", mime_type="text/markdown",
                        description=f"A `{entry.name}` report skeleton "
                                    f"({entry.title})")(_scaffold(entry.name))
    return server


def main() -> None:
    """Serve over standard input and output until the client closes them."""
    build().run("stdio")
