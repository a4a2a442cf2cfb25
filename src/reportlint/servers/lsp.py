"""``reportlint lsp``: a language server over standard input and output, for the people who
read and edit reports in an editor. Built on pygls and lsprotocol
(``pip install 'reportlint[lsp]'``).

A Markdown file that is a report gets reportlint's findings as diagnostics when it is opened,
changed (after a pause in typing) and saved, with the configuration the command line would
find for it; a file that is not a report (a README) gets none. Code actions make the safe
repairs ``--fix`` makes and insert a missing section or field from the template; hover on a
report's title or a section heading says what the template expects there; completion offers
the template's section headings and field names.

Every check is :func:`reportlint.api.run` on the editor's text, in one worker thread so the
server keeps reading the editor's messages meanwhile. A result is published only for the
version of the text it was computed from, and only while that is still the latest: fast
typing never leaves stale diagnostics behind.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from reportlint import __version__, api, cache, edits, engine, scaffold
from reportlint.api import CheckOptions, UsageError
from reportlint.diagnostics import Diagnostic, Outcome, Severity
from reportlint.shape import Shape

if TYPE_CHECKING:
    from reportlint.nodes import Container, Document, Report

DEBOUNCE = 0.25  # seconds of quiet after a change before the text is checked
_MARKDOWN = (".md", ".markdown")
_FIX_ALL = "source.fixAll.reportlint"
_HEADING_PREFIX = re.compile(r"^(?P<marks>#{1,6})(?:[ \t]+(?P<text>[^#]*))?$")
_FIELD_PREFIX = re.compile(r"^(?P<lead>(?:[-*+][ \t]+)?)(?P<bold>\*{0,2})(?P<text>[\w \t]*)$")
T = TypeVar("T")


class Checked(NamedTuple):
    """One check of one version of a document."""

    version: int | None
    text: str
    outcome: Outcome | None  # None: the configuration is broken (``problem`` says how)
    problem: str | None = None


def _path(uri: str) -> str | None:
    return to_fs_path(uri) if uri.startswith("file:") else None


def _check(text: str, filename: str | None) -> Checked:
    data = text.encode("utf-8", "replace")
    try:
        result = api.run(CheckOptions(paths=(Path("-"),), stdin=data, stdin_filename=filename,
                                      cache=False, jobs=1))
        (outcome,) = list(result)
    except UsageError as exc:
        return Checked(None, text, None, "; ".join(exc.messages))
    return Checked(None, text, outcome)


class _Read(NamedTuple):
    settings: engine.Settings
    doc: Document


def _read(text: str, filename: str | None) -> _Read | None:
    """The report model of ``text`` as reportlint reads the file at ``filename``."""
    try:
        settings = api.file_settings(filename)
    except UsageError:
        return None
    item = engine.Input(filename or "-", None, location=Path(filename) if filename else None)
    doc = engine.document(text, settings.registry, settings.template_for(item),
                          settings.config.role)
    return _Read(settings, doc)


def _repaired(text: str, filename: str | None) -> str | None:
    try:
        settings = api.file_settings(filename)
    except UsageError:
        return None
    data = text.encode("utf-8", "replace")
    found = engine.repair(engine.Input(filename or "-", data,
                                       location=Path(filename) if filename else None), settings)
    return found.new.decode("utf-8", "replace") if found is not None else None


class ReportServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("reportlint", __version__)
        self.worker = ThreadPoolExecutor(1, thread_name_prefix="reportlint-check")
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.checked: dict[str, Checked] = {}
        self.shown: set[str] = set()  # configuration problems already shown to the user
        self.docs: dict[str, str | None] = {}  # code -> URI of its documentation

    async def run(self, call: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.worker, call, *args)

    # -- diagnostics ---------------------------------------------------------------------

    def watched(self, uri: str) -> bool:
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return False
        return (document.language_id == "markdown"
                or uri.lower().endswith(_MARKDOWN))

    def schedule(self, uri: str, delay: float) -> None:
        earlier = self.pending.pop(uri, None)
        if earlier is not None:
            earlier.cancel()  # its text is out of date: it must publish nothing
        if self.watched(uri):
            self.pending[uri] = asyncio.get_running_loop().create_task(self.publish(uri, delay))

    async def publish(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        checked = await self.current(uri)
        if checked is None:
            return
        self.pending.pop(uri, None)
        if checked.problem is not None and checked.problem not in self.shown:
            self.shown.add(checked.problem)
            self.window_show_message(lsp.ShowMessageParams(
                lsp.MessageType.Error, f"reportlint: {checked.problem}"))
        found = checked.outcome.diagnostics if checked.outcome else ()
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri, [self.diagnostic(checked.text, d) for d in found], checked.version))

    async def current(self, uri: str) -> Checked | None:
        """The check of the document's latest version (made now if there is none), or None
        when the document changed or closed meanwhile."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        known = self.checked.get(uri)
        version = document.version
        if known is not None and known.version == version:
            return known
        text = document.source
        checked = (await self.run(_check, text, _path(uri)))._replace(version=version)
        latest = self.workspace.text_documents.get(uri)
        if latest is None or latest.version != version:
            return None
        self.checked[uri] = checked
        return checked

    def diagnostic(self, text: str, d: Diagnostic) -> lsp.Diagnostic:
        lines = edits.split(text)
        index = min(d.line, max(len(lines), 1)) - 1
        content = lines[index].rstrip("\r\n") if lines else ""
        start = self.position(lines, index, min(d.column, len(content) + 1) - 1)
        end = self.position(lines, index, len(content))
        href = self.documentation(d.code)
        return lsp.Diagnostic(
            lsp.Range(start, end), d.message,
            severity=lsp.DiagnosticSeverity.Error if d.severity is Severity.ERROR
            else lsp.DiagnosticSeverity.Warning,
            code=d.code, source="reportlint",
            code_description=lsp.CodeDescription(href) if href else None,
            data={"name": d.name, "fix": d.fix} if d.fix else {"name": d.name})

    def position(self, lines: Sequence[str], line: int, column: int) -> lsp.Position:
        """A 0-based line and character (code point) column in the client's units."""
        if line >= len(lines):
            return lsp.Position(len(lines), 0)
        codec = self.workspace.position_codec
        return codec.position_to_client_units(lines, lsp.Position(line, column))

    def documentation(self, code: str) -> str | None:
        """A file URI of the code's documentation (written once per version into the cache
        folder: it works offline and always matches the installed rules), or None."""
        if code not in self.docs:
            folder = cache.directory() / "docs" / __version__
            path = folder / f"{code}.md"
            try:
                text = api.rule_doc(code)
                if not path.is_file() or path.read_text("utf-8") != text:
                    folder.mkdir(parents=True, exist_ok=True)
                    path.write_text(text, "utf-8")
                self.docs[code] = path.resolve().as_uri()
            except (OSError, UsageError):
                self.docs[code] = None
        return self.docs[code]

    # -- code actions --------------------------------------------------------------------

    def text_edit(self, lines: Sequence[str], edit: edits.Edit) -> lsp.TextEdit:
        start, end = edit["start"], edit["end"]
        return lsp.TextEdit(lsp.Range(
            self.position(lines, start["line"] - 1, start["column"] - 1),
            self.position(lines, end["line"] - 1, end["column"] - 1)), edit["text"])

    async def actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        checked = await self.current(uri) if self.watched(uri) else None
        if checked is None or checked.outcome is None:
            return []
        only = params.context.only

        def wanted(kind: str) -> bool:
            return only is None or any(kind.startswith(k) for k in only)

        lines = edits.split(checked.text)
        found: list[lsp.CodeAction] = []
        first, last = params.range.start.line + 1, params.range.end.line + 1
        if wanted(lsp.CodeActionKind.QuickFix):
            for d in checked.outcome.diagnostics:
                changes = (d.fix or {}).get("edits")
                if not changes or not first <= d.line <= last:
                    continue
                found.append(lsp.CodeAction(
                    _title(d), kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[self.diagnostic(checked.text, d)], is_preferred=True,
                    edit=lsp.WorkspaceEdit(changes={
                        uri: [self.text_edit(lines, e) for e in changes]})))
        if wanted(_FIX_ALL):
            fixed = await self.run(_repaired, checked.text, _path(uri))
            repairs = edits.between(checked.text, fixed) if fixed is not None else []
            if repairs:
                found.append(lsp.CodeAction(
                    "reportlint: make every safe repair (--fix)", kind=_FIX_ALL,
                    edit=lsp.WorkspaceEdit(changes={
                        uri: [self.text_edit(lines, e) for e in repairs]})))
        return found

    # -- hover and completion ------------------------------------------------------------

    async def _opened(self, uri: str) -> tuple[str, _Read] | None:
        """The text of a watched open document and its reading, or None (not ours, unreadable)."""
        document = self.workspace.text_documents.get(uri)
        if document is None or not self.watched(uri):
            return None
        read = await self.run(_read, document.source, _path(uri))
        return None if read is None else (document.source, read)

    async def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        opened = await self._opened(params.text_document.uri)
        if opened is None:
            return None
        _, read = opened
        words = _hover(read, params.position.line + 1)
        if words is None:
            return None
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, words))

    async def complete(self, params: lsp.CompletionParams) -> lsp.CompletionList | None:
        opened = await self._opened(params.text_document.uri)
        if opened is None:
            return None
        source, read = opened
        line = params.position.line
        lines = edits.split(source)
        text = lines[line].rstrip("\r\n") if line < len(lines) else ""
        codec = self.workspace.position_codec
        cursor = codec.position_from_client_units(lines, params.position).character \
            if line < len(lines) else 0
        items = list(_completions(read, line + 1, text[:cursor]))
        if not items:
            return None
        start = lsp.Position(line, 0)
        return lsp.CompletionList(False, [
            lsp.CompletionItem(label, kind=kind, detail=detail, sort_text=f"{n:04d}",
                               filter_text=insert, text_edit=lsp.TextEdit(
                                   lsp.Range(start, params.position), insert))
            for n, (label, kind, detail, insert) in enumerate(items)])


def _title(d: Diagnostic) -> str:
    snippet = str((d.fix or {}).get("snippet") or "")
    first = snippet.splitlines()[0] if snippet else ""
    if d.code == "RL101" and first:
        return f"reportlint: insert the missing section `{first.lstrip('#').strip()}`"
    if d.code == "RL102" and first:
        return f"reportlint: insert the missing field `{first.split(':')[0].strip('*- ')}`"
    if d.code == "RL216":
        return "reportlint: put the report's sections one level below its title"
    return f"reportlint: make the safe repair of this line ({d.code})"


# -- what the template expects ---------------------------------------------------------------


def _report_at(doc: Document, line: int) -> Report | None:
    return next((r for r in doc["reports"] if r["line"] <= line <= r["end_line"]), None)


def _path_to(node: Container, line: int) -> list[tuple[str, Container]]:
    """The sections from ``node`` down to the innermost one holding ``line``, with the keys
    the template names them by."""
    for section in node["sections"].values():
        if section["line"] <= line <= section["end_line"]:
            return [(section["key"].split("~")[0], section), *_path_to(section, line)]
    return []


def _shape_of(report_shape: Shape, keys: Sequence[str]) -> Shape | None:
    shape = report_shape
    for key in keys:
        found = shape.sections().get(key)
        if found is None:
            return None
        shape = found
    return shape


def _value_words(field: Shape) -> str:
    allowed = field.value().allowed()
    if allowed:
        return "one of " + ", ".join(f"`{v}`" for v in allowed)
    example = field.keyword("x-example")
    return f"such as `{example}`" if example is not None else ""


def _contents(shape: Shape) -> list[str]:
    """What a section of this shape holds, in words."""
    out = []
    fields = shape.fields()
    if fields:
        out.append("fields " + ", ".join(f"`{f.title(k)}`" for k, f in fields.items()))
    if shape.declares("tables"):
        columns = [c.title(k) for k, c in shape.part("tables").columns().items()]
        out.append("a table" + (f" with columns `| {' | '.join(columns)} |`" if columns else ""))
    if shape.declares("items"):
        checked = shape.part("items").checked()
        out.append("a checklist, every item ticked" if checked is True else
                   "a checklist, no item ticked" if checked is False else "a list")
    if shape.declares("code_blocks"):
        out.append("a code block")
    subsections = shape.sections()
    if subsections:
        out.append("sub-sections " + ", ".join(f"`{s.title(k)}`"
                                               for k, s in subsections.items()))
    return out


def _hover(read: _Read, line: int) -> str | None:
    report = _report_at(read.doc, line)
    if report is None:
        return None
    template = read.settings.registry[report["template"]]
    shape = template.shape
    if line == report["line"]:
        role = template.meta.get("role")
        words = [f"**{template.title}**: the `{template.name}` template"
                 + (f" (role: {role})" if isinstance(role, str) else "")]
        description = shape.keyword("description")
        if isinstance(description, str):
            words.append(description)
        required = shape.required("fields")
        fields = [f"- **{f.title(k)}**" + (" (required)" if k in required else "")
                  + (f": {v}" if (v := _value_words(f)) else "")
                  for k, f in shape.fields().items()]
        if fields:
            words.append("Fields:\n" + "\n".join(fields))
        needed = shape.required("sections")
        sections = [f"{n}. `{s.title(k)}`" + (" (required)" if k in needed else "")
                    for n, (k, s) in enumerate(shape.sections().items(), 1)]
        if sections:
            words.append("Sections, in this order:\n" + "\n".join(sections))
        return "\n\n".join(words)
    trail = _path_to(report, line)
    if not trail or trail[-1][1]["line"] != line:
        return None
    keys = [key for key, _ in trail]
    found = _shape_of(shape, keys)
    section = trail[-1][1]
    if found is None:
        parent = _shape_of(shape, keys[:-1])
        known = ", ".join(f"`{s.title(k)}`" for k, s in (parent or Shape(None)).sections().items())
        return (f"`{section['title']}` is not a section the `{template.name}` template "
                f"defines here" + (f"; it defines {known}" if known else ""))
    parent_shape = _shape_of(shape, keys[:-1]) or Shape(None)
    is_required = keys[-1] in parent_shape.required("sections")
    words = [f"**{found.title(keys[-1])}** in the `{template.name}` template"
             + (" (required)" if is_required else " (optional)")]
    description = found.keyword("description")
    if isinstance(description, str):
        words.append(description)
    contents = _contents(found)
    if contents:
        words.append("Expected: " + "; ".join(contents) + ".")
    skeleton = scaffold.section(keys[-1], found, int(section["level"]))
    words.append(f"```markdown\n{skeleton}```")
    return "\n\n".join(words)


def _completions(read: _Read, line: int, before: str
                 ) -> Iterator[tuple[str, lsp.CompletionItemKind, str, str]]:
    """(label, kind, detail, text) for the template's headings or fields that fit what the
    line holds before the cursor."""
    report = _report_at(read.doc, line)
    if report is None or line == report["line"]:
        return
    template = read.settings.registry[report["template"]]
    trail = [(k, s) for k, s in _path_to(report, line) if s["line"] != line]
    heading = _HEADING_PREFIX.match(before)
    if heading is not None:
        # The sections of the report, and those of each section the line is inside.
        levels: list[tuple[int, Shape]] = [(int(report["level"] or 1) + 1, template.shape)]
        shape: Shape | None = template.shape
        for key, section in trail:
            shape = shape.sections().get(key) if shape is not None else None
            if shape is None:
                break
            levels.append((int(section["level"]) + 1, shape))
        for level, holder in reversed(levels):
            for key, section_shape in holder.sections().items():
                title = section_shape.title(key)
                yield (title, lsp.CompletionItemKind.Module,
                       f"section of the {template.name} template", f"{'#' * min(level, 6)} "
                       f"{title}")
        return
    field = _FIELD_PREFIX.match(before)
    if field is None:
        return
    if field.group("lead"):
        keys = [k for k, _ in trail]
        inside = _shape_of(template.shape, keys) if keys else None
        for key, shape_ in (inside.fields().items() if inside is not None else ()):
            yield (shape_.title(key), lsp.CompletionItemKind.Field, "field of this section",
                   f"- {shape_.title(key)}: {scaffold.field_value(shape_)}")
        return
    for key, shape_ in template.shape.fields().items():
        yield (shape_.title(key), lsp.CompletionItemKind.Field,
               f"field of the {template.name} template",
               f"**{shape_.title(key)}**: {scaffold.field_value(shape_)}")


def build() -> ReportServer:
    server = ReportServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: ReportServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: ReportServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: ReportServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: ReportServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, _FIX_ALL]))
    async def code_action(ls: ReportServer, params: lsp.CodeActionParams
                          ) -> list[lsp.CodeAction]:
        return await ls.actions(params)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: ReportServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return await ls.hover(params)

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(
        trigger_characters=["#", "*", "-"]))
    async def completion(ls: ReportServer, params: lsp.CompletionParams
                         ) -> lsp.CompletionList | None:
        return await ls.complete(params)

    return server


def main() -> None:
    """Serve over standard input and output until the editor says exit."""
    build().start_io()
