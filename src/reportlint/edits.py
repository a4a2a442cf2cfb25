"""Edits that repair a report: a range of the file and the text to put there.

One shape for every consumer: ``--format json`` shows a finding's edits under ``fix.edits``,
the MCP server returns them, the language server turns them into code actions. Positions are
1-based like a finding's line and column (the column counts characters, that is code points,
not UTF-16 units or bytes); the end is exclusive and an insertion's start is its end::

    {"start": {"line": 3, "column": 1}, "end": {"line": 4, "column": 1},
     "text": "**Status**: IN PROGRESS\\n"}

Two kinds exist. The safe repairs of ``--fix``, as the runs of lines they change
(:func:`between`, attached to the findings on those lines); and the insertion of a missing
section or field from the template's snippet, where the template puts it (:func:`insertion`).
An edit whose text holds a credential is never made: it would print the credential.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any, TypedDict

from reportlint import lazyre, secrets
from reportlint.diagnostics import Finding

# Each line with its ending: the parser counts CR, LF and CRLF as one break each.
_LINE = lazyre.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_ENDING = lazyre.compile(r"(?:\r\n|\r|\n)\Z")
_BREAK = lazyre.compile(r"\A {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
# The key a template code module leaves in its fix hint for :func:`attach`: where its snippet
# goes ({"line": N, "block": bool}); never shown.
INSERT = "_insert"
# The key a reviewer rule leaves in its fix hint when the safe repairs of other lines than
# its own are its repair too (the headings of `section-at-title-level`); never shown.
LINES = "_lines"


class Position(TypedDict):
    line: int
    column: int


class Edit(TypedDict):
    start: Position
    end: Position
    text: str


def split(text: str) -> list[str]:
    """The lines of ``text``, each with its line ending (the last may have none)."""
    return _LINE.findall(text)


def _ending(line: str) -> str:
    found = _ENDING.search(line)
    return found.group(0) if found else ""


def _blank(line: str) -> bool:
    return line.strip() == ""


def _at(lines: Sequence[str], index: int) -> Position:
    """Where the line of 0-based ``index`` starts; past the last line, the end of the text."""
    if index < len(lines) or not lines or _ending(lines[-1]):
        return {"line": index + 1, "column": 1}
    return {"line": len(lines), "column": len(lines[-1]) + 1}


def between(old: str, new: str) -> list[Edit]:
    """The edits that turn ``old`` into ``new``: one per run of changed lines. Those whose new
    text holds a credential are left out."""
    a, b = split(old), split(new)
    import difflib  # only for a diff or a suggestion: not at start-up

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    found: list[Edit] = [{"start": _at(a, i1), "end": _at(a, i2), "text": "".join(b[j1:j2])}
                         for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    return [edit for edit in found if _safe(edit)]


def _safe(edit: Edit) -> bool:
    return secrets.redact(edit["text"]) == edit["text"]


def _eol(lines: Sequence[str]) -> str:
    """The file's most used line ending; a new line is written in it."""
    used = [_ending(line) for line in lines if _ending(line)]
    return max(sorted(set(used)), key=used.count) if used else "\n"


def insertion(lines: Sequence[str], before: int, snippet: str, *, block: bool,
              eol: str | None = None) -> Edit:
    """``snippet`` inserted before line ``before`` (one past the last line: at the end) of the
    file whose :func:`split` lines are ``lines``, in the file's line endings.

    A ``block`` (a section) is set apart by blank lines and goes right after the text above
    it: past the blank lines before ``before`` and a closing ``---`` (a footer's), so it ends
    the section before it and not the footer. A line (a field) goes at ``before`` itself.
    ``eol`` is the file's line ending, where the caller knows it already."""
    index = min(max(before - 1, 0), len(lines))
    eol = eol or _eol(lines)
    body = snippet.replace("\r\n", "\n").replace("\n", eol)
    if not body.endswith(eol):
        body += eol
    if block:
        index = _after_text(lines, index)
    prefix = eol if index == len(lines) and lines and not _ending(lines[-1]) else ""
    if block:
        if index > 0 and not _blank(lines[index - 1]):
            prefix += eol
        if index < len(lines) and not _blank(lines[index]):
            body += eol
    where = _at(lines, index)
    return {"start": where, "end": where, "text": prefix + body}


def _after_text(lines: Sequence[str], index: int) -> int:
    def past_blank(i: int) -> int:
        while i > 0 and _blank(lines[i - 1]):
            i -= 1
        return i

    index = past_blank(index)
    # `---` after a blank line is a thematic break (after text it would underline a heading).
    if index > 0 and _BREAK.match(lines[index - 1].rstrip("\r\n")) and (
            index == 1 or _blank(lines[index - 2])):
        index = past_blank(index - 1)
    return index


def covers(edit: Edit, line: int) -> bool:
    """Whether ``edit`` changes line ``line``."""
    start, end = edit["start"], edit["end"]
    return start["line"] <= line and (line < end["line"] or (
        line == end["line"] and end["column"] > 1))


def attach(findings: Sequence[Finding], text: str, fixed: str | None) -> list[Finding]:
    """``findings`` with their edits under ``fix.edits``: the safe repairs (``fixed`` is what
    ``--fix`` makes of ``text``) that change a finding's line, and the insertion its fix hint
    asks for."""
    lines: list[str] | None = None
    eol = "\n"
    repairs = between(text, fixed) if fixed is not None and fixed != text else []
    out = []
    for finding in findings:
        fix: dict[str, Any] = dict(finding.fix or {})
        insert = fix.pop(INSERT, None)
        claimed = fix.pop(LINES, None)
        own = [finding.line, *claimed] if isinstance(claimed, list) else [finding.line]
        found = [edit for edit in repairs if any(covers(edit, line) for line in own)]
        if isinstance(insert, dict) and isinstance(fix.get("snippet"), str):
            if lines is None:
                lines = split(text)
                eol = _eol(lines)
            edit = insertion(lines, int(insert["line"]), fix["snippet"],
                             block=bool(insert.get("block")), eol=eol)
            if _safe(edit):
                found.append(edit)
        if found:
            fix["edits"] = found
        out.append(finding._replace(fix=fix or None) if finding.fix or found else finding)
    return out


def bare(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` as :func:`attach` leaves them, without computing any edit: for output
    that shows none."""
    out = []
    for finding in findings:
        if finding.fix and INSERT in finding.fix:
            fix = {k: v for k, v in finding.fix.items() if k != INSERT}
            finding = finding._replace(fix=fix or None)
        out.append(finding)
    return out


def _offset(lines: Sequence[str], starts: Sequence[int], where: Position) -> int:
    line, column = where["line"], where["column"]
    if line == len(lines) + 1 and column == 1 and (not lines or _ending(lines[-1])):
        return starts[-1]
    if not 1 <= line <= len(lines):
        raise ValueError(f"line {line} is outside the text ({len(lines)} lines)")
    content = len(lines[line - 1]) - len(_ending(lines[line - 1]))
    if not 1 <= column <= content + 1:
        raise ValueError(f"column {column} is outside line {line} ({content} characters)")
    return starts[line - 1] + column - 1


_HEADING = lazyre.compile(r"^(#{1,6})[ \t]", re.MULTILINE)


def _rank(text: str) -> int:
    if not text.startswith(("\n", "\r")):
        return 0
    heading = _HEADING.search(text)
    return 7 - len(heading.group(1)) if heading else 7


def apply(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with ``edits`` made, all positions read in ``text`` as it is. The same edit
    given twice (one repair attached to two findings on its line) is made once. Insertions at
    one place go where they belong: one that continues the text above (a field's line) first,
    then new sections, the deeper first (a sub-section of the section above before a section
    beside it), else in the order given. Raises ValueError for edits that overlap or fall
    outside the text."""
    lines = split(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    unique: list[tuple[int, int, str]] = []
    for edit in edits:
        span = (_offset(lines, starts, edit["start"]), _offset(lines, starts, edit["end"]),
                edit["text"])
        if span[0] > span[1]:
            raise ValueError("an edit ends before it starts")
        if span not in unique:
            unique.append(span)
    ordered = sorted(enumerate(unique), key=lambda e: (e[1][0], e[1][1], _rank(e[1][2]), e[0]))
    for (_, (_, end, _)), (_, (start, _, _)) in itertools.pairwise(ordered):
        if start < end:
            raise ValueError("edits overlap")
    for _, (start, end, new) in reversed(ordered):
        text = text[:start] + new + text[end:]
    return text
