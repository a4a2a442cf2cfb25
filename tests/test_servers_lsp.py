"""`reportlint lsp` end to end: pygls' own client drives the server, started as a subprocess
over standard input and output, as an editor would."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the language server needs reportlint[lsp]")

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from reportlint import edits

REPORT = """\
## Progress Update: BE-031 - Audit log service

**Status**: in_progress
**Progress**: 20% complete
**Updated**: 2025-01-15 09:00

### Completed Items

- [x] Schema migration
"""
README = "# My project\n\nA library that does things.\n\n## Install\n\npip install it\n"
TIMEOUT = 60  # seconds for a whole scenario; each wait inside is shorter


class Editor:
    """A client that keeps every diagnostics notification, as an editor's problem list."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("test-editor", "1")
        self.published: list[lsp.PublishDiagnosticsParams] = []
        self.messages: list[str] = []
        self.arrived = asyncio.Event()

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.append(params)
            self.arrived.set()

        @self.client.feature(lsp.WINDOW_SHOW_MESSAGE)
        def on_message(params: lsp.ShowMessageParams) -> None:
            self.messages.append(params.message)

    async def start(self) -> None:
        env = {**os.environ, "REPORTLINT_CACHE_DIR": str(self.root / ".cache")}
        await self.client.start_io(sys.executable, "-m", "reportlint", "lsp",
                                   cwd=str(self.root), env=env)
        await self.client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(), root_uri=self.root.as_uri(),
            process_id=os.getpid()))
        self.client.initialized(lsp.InitializedParams())

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 10)
            self.client.exit(None)
            await asyncio.wait_for(self.client.stop(), 10)
        finally:
            server = self.client._server
            if server is not None and server.returncode is None:
                server.kill()

    def open(self, path: Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri, "markdown", version, text)))
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version, uri),
            [lsp.TextDocumentContentChangeWholeDocument(text)]))

    async def diagnostics(self, uri: str, version: int | None) -> list[lsp.Diagnostic]:
        """The diagnostics published for ``uri`` at ``version``, once they arrive."""
        async def wait() -> list[lsp.Diagnostic]:
            while True:
                for params in reversed(self.published):
                    if params.uri == uri and params.version == version:
                        return list(params.diagnostics)
                self.arrived.clear()
                await self.arrived.wait()
        return await asyncio.wait_for(wait(), 20)


def run(root: Path, scenario: Callable[[Editor], Awaitable[None]]) -> None:
    async def main() -> None:
        editor = Editor(root)
        await editor.start()
        try:
            await scenario(editor)
        finally:
            await editor.stop()
    asyncio.run(asyncio.wait_for(main(), TIMEOUT))


def shown(found: list[lsp.Diagnostic]) -> list[tuple[Any, ...]]:
    return [(d.range.start.line, d.range.start.character, d.range.end.line,
             d.range.end.character, d.code, d.severity) for d in found]


def applied(text: str, changes: list[lsp.TextEdit]) -> str:
    """``text`` with an editor's text edits made (ASCII text: characters are UTF-16 units)."""
    return edits.apply(text, [{
        "start": {"line": e.range.start.line + 1, "column": e.range.start.character + 1},
        "end": {"line": e.range.end.line + 1, "column": e.range.end.character + 1},
        "text": e.new_text} for e in changes])


@pytest.mark.slow
def test_diagnostics_code_actions_hover_and_completion(tmp_path: Path) -> None:
    # The configuration of the report's folder applies, as on the command line: here the
    # placeholders the inserted section brings are not findings.
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / ".reportlint.toml").write_text('ignore = ["unfilled-placeholder"]\n')
    path = reports / "BE-031-progress.md"

    async def scenario(editor: Editor) -> None:
        uri = editor.open(path, REPORT)
        found = await editor.diagnostics(uri, 1)
        error = lsp.DiagnosticSeverity.Error
        assert shown(found) == [(0, 0, 0, 46, "RL101", error), (2, 0, 2, 23, "RL103", error)]
        assert [d.message for d in found] == [
            "missing section `In Progress` (expected after `Completed Items`); no heading in the "
            "report looks like it: add it",
            "**Status** is `in_progress`; expected one of `IN PROGRESS`, `BLOCKED`, "
            "`NEEDS CLARIFICATION`"]
        assert {d.source for d in found} == {"reportlint"}
        href = found[0].code_description.href if found[0].code_description else ""
        assert href.endswith("/RL101.md")
        assert Path(href.removeprefix("file://")).read_text("utf-8").startswith(
            "# missing-section (RL101)\n")

        # The safe repair of the status line, offered on its diagnostic.
        actions = await editor.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(2, 0), lsp.Position(2, 0)),
            lsp.CodeActionContext(found[1:])))
        assert actions is not None
        titles = [a.title for a in actions if isinstance(a, lsp.CodeAction)]
        assert titles == ["reportlint: make the safe repair of this line (RL103)",
                          "reportlint: make every safe repair (--fix)"]
        only = await editor.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(2, 0), lsp.Position(2, 0)),
            lsp.CodeActionContext([], only=[lsp.CodeActionKind.SourceFixAll])))
        assert [(a.title, a.kind) for a in only or () if isinstance(a, lsp.CodeAction)] == [
            ("reportlint: make every safe repair (--fix)", "source.fixAll.reportlint")]
        quick = actions[0]
        assert isinstance(quick, lsp.CodeAction)
        assert quick.edit
        assert quick.edit.changes
        text = applied(REPORT, quick.edit.changes[uri])
        assert text.splitlines()[2] == "**Status**: IN PROGRESS"
        editor.change(uri, text, 2)
        assert [d.code for d in await editor.diagnostics(uri, 2)] == ["RL101"]

        # The missing section, inserted from the template where it goes.
        actions = await editor.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
            lsp.CodeActionContext([])))
        assert actions is not None
        insert = actions[0]
        assert isinstance(insert, lsp.CodeAction)
        assert insert.title == "reportlint: insert the missing section `In Progress`"
        assert insert.edit
        assert insert.edit.changes
        text = applied(text, insert.edit.changes[uri])
        assert text.endswith("- [x] Schema migration\n\n### In Progress\n\n- [ ] None\n")
        editor.change(uri, text, 3)
        assert await editor.diagnostics(uri, 3) == []
        # Only the kinds asked for: an editor's "fix all on save" gets the one repair of all.
        fix_all = await editor.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
            lsp.CodeActionContext([], only=[lsp.CodeActionKind.SourceFixAll])))
        assert list(fix_all or ()) == []  # nothing left that --fix repairs
        left = await editor.client.text_document_code_action_async(lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(0, 0), lsp.Position(9, 0)),
            lsp.CodeActionContext([])))
        assert list(left or ()) == []

        # Hover: what the template expects of the report and of a section.
        hover = await editor.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), lsp.Position(0, 5)))
        assert hover is not None
        assert isinstance(hover.contents, lsp.MarkupContent)
        assert hover.contents.value.startswith(
            "**Progress Update**: the `progress` template (role: backend)\n\n"
            "A worker's report to the product manager while a task is under way.\n\n"
            "Fields:\n- **Status** (required): one of `IN PROGRESS`, `BLOCKED`, "
            "`NEEDS CLARIFICATION`\n")
        assert "Sections, in this order:\n1. `Completed Items` (required)\n" \
            "2. `In Progress` (required)\n" in hover.contents.value
        hover = await editor.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), lsp.Position(6, 6)))
        assert hover is not None
        assert isinstance(hover.contents, lsp.MarkupContent)
        assert hover.contents.value.startswith(
            "**Completed Items** in the `progress` template (required)\n\n"
            "Expected: a checklist, every item ticked.\n\n")
        assert await editor.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), lsp.Position(3, 3))) is None

        # Completion of headings and fields from the template.
        text += "\n### \n"
        editor.change(uri, text, 4)
        line = len(text.splitlines()) - 1
        completed = await editor.client.text_document_completion_async(lsp.CompletionParams(
            lsp.TextDocumentIdentifier(uri), lsp.Position(line, 4)))
        assert isinstance(completed, lsp.CompletionList)
        offered = [(i.label, i.text_edit.new_text if i.text_edit else None)
                   for i in completed.items]
        assert offered[:4] == [("Completed Items", "### Completed Items"),
                               ("In Progress", "### In Progress"),
                               ("Blockers (if any)", "### Blockers (if any)"),
                               ("Questions for PM", "### Questions for PM")]
        text = text.replace("\n### \n", "\n**\n")
        editor.change(uri, text, 5)
        completed = await editor.client.text_document_completion_async(lsp.CompletionParams(
            lsp.TextDocumentIdentifier(uri), lsp.Position(line, 2)))
        assert isinstance(completed, lsp.CompletionList)
        assert [i.text_edit.new_text for i in completed.items if i.text_edit][:2] == [
            "**Status**: IN PROGRESS", "**Progress**: [X]% complete"]

    run(tmp_path, scenario)


@pytest.mark.slow
def test_a_readme_gets_nothing_and_fast_edits_leave_no_stale_diagnostics(
        tmp_path: Path) -> None:
    async def scenario(editor: Editor) -> None:
        readme = editor.open(tmp_path / "README.md", README)
        assert await editor.diagnostics(readme, 1) == []
        editor.client.text_document_did_save(lsp.DidSaveTextDocumentParams(
            lsp.TextDocumentIdentifier(readme)))

        uri = editor.open(tmp_path / "report.md", REPORT)
        assert [d.code for d in await editor.diagnostics(uri, 1)] == ["RL101", "RL103"]
        start = len(editor.published)
        # 20 edits faster than anyone types: each version's status spelling differs; only
        # the last one is valid as written.
        for version in range(2, 22):
            status = "IN PROGRESS" if version == 21 else f"in progress {version}"
            editor.change(uri, REPORT.replace("in_progress", status), version)
        last = await editor.diagnostics(uri, 21)
        assert [d.code for d in last] == ["RL101"]
        await asyncio.sleep(1.0)  # anything still on its way arrives now
        after = [p.version for p in editor.published[start:] if p.uri == uri]
        assert after[-1] == 21
        assert after == sorted(after)  # never an older version after a newer one
        assert len(after) < 5  # debounced: not one check per keystroke
        # Opened and saved, the README never gets a finding.
        assert [list(p.diagnostics) for p in editor.published if p.uri == readme] == [[], []]

    run(tmp_path, scenario)


@pytest.mark.slow
def test_a_broken_configuration_is_shown_once_and_nothing_crashes(tmp_path: Path) -> None:
    (tmp_path / ".reportlint.toml").write_text("select = 3\n")

    async def scenario(editor: Editor) -> None:
        uri = editor.open(tmp_path / "report.md", REPORT)
        assert await editor.diagnostics(uri, 1) == []
        editor.client.text_document_did_save(lsp.DidSaveTextDocumentParams(
            lsp.TextDocumentIdentifier(uri)))
        await asyncio.sleep(0.5)
        assert len(editor.messages) == 1
        assert editor.messages[0].startswith("reportlint: invalid configuration: ")
        hover = await editor.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), lsp.Position(0, 0)))
        assert hover is None

    run(tmp_path, scenario)


def test_the_demotion_of_sections_is_one_code_action_named_for_what_it_does() -> None:
    from reportlint.diagnostics import Diagnostic, Severity
    from reportlint.servers import lsp as server

    demote = Diagnostic("r.md", 6, 1, "RL216", "section-at-title-level", Severity.WARNING,
                        "`Summary` and 1 other section are at the title's level (`##`)",
                        {"edits": [edits.insertion(["a\n"], 1, "x", block=False)]})
    assert server._title(demote) == (
        "reportlint: put the report's sections one level below its title")
