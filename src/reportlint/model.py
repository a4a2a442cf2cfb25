"""Tokens to the report model: plain dicts and lists that JSON Schema templates validate.

The model is documented by ``schemas/model/document.schema.yaml`` and printed by
``reportlint extract``. In short, a document holds ``reports``; a report is a title plus the
same *content* every section has:

- ``fields``: ``{key: {name, value, line, column, style}}`` from ``**Label**: value`` and
  ``**Label:** value`` lines, ``Label: value`` lines, two-column Field/Value tables and YAML
  front matter (first occurrence of a key wins);
- ``paragraphs``, ``items`` (list items, flattened with ``depth``, ``ordered`` and, for
  checkboxes, ``checked``), ``tables`` (``columns`` and ``rows`` keyed by column key),
  ``code_blocks`` and ``sections`` (keyed by normalised heading, in document order).

Fields after the last thematic break (``---``) of a report, with no heading after it, are the
report's footer (``**Ready for Review**``...) and belong to the report, not its last section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from reportlint import lazyre, names

if TYPE_CHECKING:
    from markdown_it.token import Token

    from reportlint.nodes import (
        CodeBlock,
        Column,
        Comment,
        Container,
        Content,
        Document,
        Field,
        FrontMatter,
        Item,
        RepeatedField,
        Report,
        Section,
        Table,
        Title,
    )
    from reportlint.recognition import AgentTitle

# A heading -> the template of the report it is the title of, and what an agent-shaped title
# says (None for a template's own title); None when it is no report's title.
Classifier = Callable[[str], "tuple[str, AgentTitle | None] | None"]
# Front matter keys written the way YAML tools write them, for the fields templates name.
_FRONT_MATTER_ALIASES = {
    "completed-at": "completed", "completed-on": "completed", "completion-date": "completed",
    "date-completed": "completed", "finished-at": "completed", "done-at": "completed",
    "started-at": "started", "started-on": "started", "start-date": "started",
    "updated-at": "updated", "updated-on": "updated", "last-updated": "updated",
}

_LINE_BREAK = lazyre.compile(r"\r\n|\r|\n")
# `Status: done`, and with the full-width colon of Chinese and Japanese (`ステータス：完了`)
_PLAIN_FIELD = lazyre.compile(
    r"^(?P<label>[^\W\d_][\w'&/().+ ]{0,39}?)\s*(?::\s+|：\s*)(?P<value>\S.*)$")
_LEAD = lazyre.compile(r"^[\s>]*(?:(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?)?")
_FIELD_VALUE_HEADERS = frozenset({"field", "key", "property", "attribute", "item", "name"})
_VALUE_HEADERS = frozenset({"value", "details", "detail"})
# Tokens the walk has nothing to do for (their content comes with the `inline` inside).
_PASSED = frozenset({"paragraph_open", "paragraph_close", "heading_close", "blockquote_open",
                     "blockquote_close"})


def line_count(text: str) -> int:
    breaks = len(_LINE_BREAK.findall(text))
    return breaks + (0 if text.endswith(("\n", "\r")) else 1)


def plain(children: Sequence[Token] | None) -> str:
    """The visible text of inline tokens, with line breaks kept as ``\\n``."""
    if not children:
        return ""
    if len(children) == 1 and children[0].type in ("text", "code_inline"):
        return children[0].content  # most cells and headings: one run of text
    out: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "image":
            out.append(plain(child.children))
    return "".join(out)


def _lines(children: Sequence[Token]) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    return lines


def _field_from_line(tokens: list[Token]) -> tuple[str, str, str] | None:
    """``(label, value, style)`` if an inline line is a field, else None."""
    n = len(tokens)
    start = 0  # markdown-it may leave an empty text token before the label
    while start < n and tokens[start].type == "text" and not tokens[start].content.strip():
        start += 1
    if n - start >= 3 and tokens[start].type == "strong_open":
        close = start + 1
        while close < n and tokens[close].type != "strong_close":
            close += 1
        if close == n:
            return None
        label = plain(tokens[start + 1:close]).strip()
        rest = plain(tokens[close + 1:])
        whole = _PLAIN_FIELD.match(label) if not rest.strip() else None
        if whole is not None and " - " not in whole.group("label"):
            # `**Status: ✅ Done**`: the whole field in bold.
            return whole.group("label").strip(), whole.group("value").strip(), "bold-line"
        if label.endswith((":", "：")):
            label = label[:-1].strip()
        elif rest.lstrip().startswith((":", "：")):
            rest = rest.lstrip()[1:]
        else:
            return None
        if label and len(label) <= 60:
            return label, rest.strip(), "bold"
        return None
    text = plain(tokens).strip()
    match = _PLAIN_FIELD.match(text)
    if match and " - " not in match.group("label"):
        return match.group("label").strip(), match.group("value").strip(), "plain"
    return None


def _unique(seen: dict[str, int], key: str) -> str:
    """``key`` the first time, then ``key~2``, ``key~3``... (keys never hold a `~`): counted,
    not searched for, since 3,000 headings of one name took 3,000 searches each."""
    n = seen[key] = seen.get(key, 0) + 1
    return key if n == 1 else f"{key}~{n}"


def _content() -> Content:
    return {"fields": {}, "paragraphs": [], "items": [], "tables": [], "code_blocks": [],
            "sections": {}}


class _Builder:
    def __init__(self, text: str, classify: Classifier, forced: str | None,
                 lines: list[str]) -> None:
        self.lines = lines
        self.total = len(lines) - 1 if text.endswith(("\n", "\r")) else len(lines)
        self.classify = classify
        self.forced = forced
        self.reports: list[Report] = []
        self.front_matter: FrontMatter | None = None
        self.scalars: dict[str, tuple[str, int]] = {}  # front matter's scalar values, by label
        self.stack: list[Container] = []  # [report, section, sub-section, ...]
        self.lists: list[bool] = []  # ordered? for each open list
        self.item: Item | None = None  # the list item whose first paragraph is next
        self.open_items: list[Item | None] = []  # enclosing list items, innermost last
        self.footer: list[tuple[Container, str]] | None = None
        self.first_heading: int | None = None
        self.comments: list[Comment] = []
        self.repeated: list[tuple[Container, str, Field]] = []  # fields given again
        # How often each section key has come so far, by the id of the container holding it.
        self.seen: dict[int, dict[str, int]] = {}
        self.listed: Field | None = None  # a field with no value yet, waiting for a list
        # The field taking the items of the list being read: (field, container, depth, start).
        self.collecting: tuple[Field, Container, int, int] | None = None

    # -- structure ---------------------------------------------------------------------

    def column(self, line: int) -> int:
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        match = _LEAD.match(raw)
        return (match.end() if match else 0) + 1

    def open_report(self, title: str, template: str, level: int, line: int,
                    agent: AgentTitle | None = None) -> None:
        self.close_report(line - 1)
        parts = names.split_title(title)
        content = _content()
        head: Title = {"text": title, "label": parts.label, "task_id": parts.task_id,
                       "task_name": parts.task_name, "line": line}
        if agent is not None:  # a title in the shape agents write: what it says
            head["label"], head["kind"] = None, agent.kind
            head["task_id"], head["task_name"] = agent.task_id, agent.task_name or None
        elif parts.task_id is None and parts.task_name:
            # `Task Completion Report: BE-012 Login API`, `Progress Update — FE-031 Checkout
            # Form`: the id is there, the form is not; the title is read as it is meant, and
            # one finding gives the form to write.
            run_on = (names.leading_task_id(parts.task_name) if parts.label else None) \
                or names.dashed_title(title)
            if run_on is not None:
                head["kind"] = template
                head["task_id"], head["task_name"] = run_on[0], run_on[1] or None
            elif parts.label is None and (labelled := names.dashed_name(title)) is not None:
                # `Progress Update - week 3`: the name is what follows the label's dash.
                head["label"], head["task_name"] = labelled
        report: Report = {
            "template": template, "line": line, "level": level, "end_line": self.total,
            "title": head,
            "fields": content["fields"], "paragraphs": content["paragraphs"],
            "items": content["items"], "tables": content["tables"],
            "code_blocks": content["code_blocks"], "sections": content["sections"],
        }
        self.reports.append(report)
        self.stack = [report]
        self.footer = None

    def close_report(self, end_line: int) -> None:
        if not self.stack:
            return
        for section in self.stack[1:]:
            section["end_line"] = end_line
        report = self.reports[-1]  # the stack's first
        report["end_line"] = end_line
        for container, field_key in self.footer or ():
            # The footer belongs to the report, not to the section it happens to follow.
            field = container["fields"].pop(field_key)
            if field_key not in report["fields"]:
                report["fields"][field_key] = field
            else:
                self.repeated.append((report, field_key, field))
        # The same report field given twice (a **Status** in the header and the footer).
        repeats: list[RepeatedField] = [{"key": key, "field": field}
                                        for container, key, field in self.repeated
                                        if container is report]
        if repeats:
            report["repeated_fields"] = repeats
        self.repeated = []
        self.stack = []
        self.footer = None

    def heading(self, level: int, line: int, title: str) -> None:
        self.footer = None
        found = self.classify(title) if title else None
        # An agent-shaped title is a report's only at the top of a file's outline (`#`, `##`)
        # and not deeper than the report it would end.
        if found is not None and (found[1] is None or (level <= 2 and (
                not self.stack or level <= self.stack[0]["level"]))):
            self.open_report(title, self.forced or found[0], level, line, found[1])
            return
        if not self.stack:
            return
        if level < self.stack[0]["level"]:
            self.close_report(line - 1)
            return
        # A heading at the title's own level is a section of the report: agents often write
        # `## Title` then `## 1. Summary`. The report ends at the next title or a higher heading.
        while len(self.stack) > 1 and self.stack[-1]["level"] >= level:
            self.stack.pop()["end_line"] = line - 1
        parent = self.stack[-1]
        section: Section = {"title": title, "key": names.key(title),
                            "number": names.number(title), "level": level, "line": line,
                            "end_line": self.total, **_content()}
        seen = self.seen.setdefault(id(parent), {})
        parent["sections"][_unique(seen, section["key"])] = section
        self.stack.append(section)

    # -- content -----------------------------------------------------------------------

    @property
    def target(self) -> Container | None:
        return self.stack[-1] if self.stack else None

    def add_field(self, label: str, value: str, style: str, line: int,
                  target: Container | None = None) -> None:
        container = target if target is not None else self.target
        if container is None:
            return
        field_key = names.key(label)
        if style == "front-matter":
            field_key = _FRONT_MATTER_ALIASES.get(field_key, field_key)
        if not field_key:
            return
        field: Field = {"name": label, "value": value, "line": line,
                        "column": self.column(line), "style": style}
        if field_key in container["fields"]:
            self.repeated.append((container, field_key, field))
            return
        container["fields"][field_key] = field
        if self.footer is not None and target is None:
            self.footer.append((container, field_key))
        if not value:
            self.listed = field  # its value may be the list that follows

    def paragraph(self, inline: Token) -> None:
        start = inline.map[0] + 1 if inline.map else 1
        if self.item is not None:
            self.item["text"] = plain(inline.children).strip()
            self._fields(inline, start)
            self.item = None
            return
        if self.target is None:
            return
        text = plain(inline.children).strip()
        enclosing = self.open_items[-1] if self.open_items else None
        if enclosing is not None:
            enclosing["text"] += "\n" + text
        else:
            self.target["paragraphs"].append({"line": start, "text": text})
        self._fields(inline, start)

    def _fields(self, inline: Token, start: int) -> None:
        if ":" not in inline.content and "：" not in inline.content:
            return  # every field shape has a colon: `**X**: y`, `**X:** y`, `X: y`, `X：y`
        children = inline.children or []
        if "\n" not in inline.content:  # one line: no need to split it at the breaks
            found = _field_from_line(children)
            if found:
                self.add_field(*found, line=start)
            return
        for offset, tokens in enumerate(_lines(children)):
            found = _field_from_line(tokens)
            if found:
                self.add_field(*found, line=start + offset)

    def list_item(self, token: Token) -> Item | None:
        if self.target is None:
            return None
        line = token.map[0] + 1 if token.map else 1
        item: Item = {"text": "", "line": line, "depth": len(self.lists) - 1,
                      "ordered": self.lists[-1] if self.lists else False}
        checked = token.meta.get("checked")  # set by the parser on task list items only
        if checked is not None:
            item["checked"] = checked
        self.target["items"].append(item)
        self.item = item
        return item

    def list_value(self, field: Field, container: Container, depth: int, start: int) -> None:
        """A `Label:` with no value takes the items of the list right after it."""
        texts = [item["text"] for item in container["items"][start:] if item["depth"] == depth]
        if texts:
            field["items"] = texts
            field["value"] = "; ".join(" ".join(text.split()) for text in texts)

    def inline_comments(self, inline: Token) -> None:
        """The HTML comments inside a line of text (``... <!-- reportlint-disable-line X -->``),
        each at the line it starts on."""
        if "<!--" not in inline.content:
            return
        line = (inline.map or [0])[0] + 1
        for child in inline.children or ():
            if child.type == "html_inline" and child.content.startswith("<!--"):
                self.comments.append({"line": line, "text": child.content, "inline": True})
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "html_inline":
                line += child.content.count("\n")

    def table(self, tokens: list[Token], start: int) -> int:
        """Reads a table from ``table_open`` at ``start``; returns the index after it."""
        header: list[str] = []
        rows: list[tuple[int, list[str]]] = []
        line = (tokens[start].map or [0])[0] + 1
        # The hottest loop of the model: a long table is most of a large report's tokens.
        # markdown-it writes every row as `tr_open (td_open inline td_close)* tr_close`, so
        # the loop steps from cell to cell; `table_close` ends it.
        n = len(tokens)
        i = start + 1
        cells = header  # the cells of the row being read
        while i < n:
            kind = tokens[i].type
            if kind == "th_open" or kind == "td_open":
                children = tokens[i + 1].children
                if children and len(children) == 1 and children[0].type == "text":
                    cells.append(children[0].content.strip())
                else:
                    cells.append(plain(children).strip())
                    self.inline_comments(tokens[i + 1])
                i += 3
                continue
            if kind == "tr_open" and header:
                cells = []
                rows.append(((tokens[i].map or [line - 1])[0] + 1, cells))
            elif kind == "table_close":
                break
            i += 1
        if self.target is not None:
            self._add_table(line, header, rows)
        return i + 1

    def _add_table(self, line: int, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
        keys: list[str] = []
        columns: dict[str, Column] = {}
        seen: dict[str, int] = {}
        for index, name in enumerate(header):
            unique = _unique(seen, names.key(name) or f"column-{index + 1}")
            keys.append(unique)
            columns[unique] = {"name": name, "index": index}
        table: Table = {"line": line, "columns": columns,
                 "rows": [{"line": row_line, "cells": dict(zip(keys, cells, strict=False))}
                          for row_line, cells in rows]}
        assert self.target is not None
        self.target["tables"].append(table)
        if (len(keys) == 2 and keys[0] in _FIELD_VALUE_HEADERS and keys[1] in _VALUE_HEADERS):
            for row_line, cells in rows:
                if len(cells) == 2 and cells[0]:
                    self.add_field(cells[0], cells[1], "table", row_line)

    def code(self, token: Token) -> None:
        if self.target is None:
            return
        line = (token.map or [0])[0] + 1
        language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else None
        end = (token.map or [0, line])[1]
        block: CodeBlock = {"line": line, "end_line": max(end, line), "language": language,
                            "text": token.content}
        self.target["code_blocks"].append(block)

    def front(self, token: Token) -> None:
        from reportlint import frontmatter

        start = (token.map or [0, 0])[0] + 1
        end = (token.map or [0, 0])[1]
        loaded = frontmatter.load(token.content, start + 1)
        self.scalars = loaded.pop("scalars", {})
        front: FrontMatter = {"line": start, "end_line": end, "data": loaded.get("data")}
        if "error" in loaded:
            front["error"], front["error_line"] = loaded["error"], loaded["error_line"]
        self.front_matter = front

    # -- the walk ----------------------------------------------------------------------

    def walk(self, tokens: list[Token]) -> None:
        title_index = self._forced_title(tokens)
        i = 0
        n = len(tokens)
        while i < n:
            token = tokens[i]
            kind = token.type
            if kind in _PASSED:
                i += 1
                continue
            if kind == "heading_open":
                line = (token.map or [0])[0] + 1
                title = plain(tokens[i + 1].children).strip()
                self.inline_comments(tokens[i + 1])
                self.first_heading = self.first_heading or line
                if i == title_index:
                    if self.reports:  # opened at the top: the preamble is the report's
                        report = self.reports[-1]
                        report["line"] = line  # findings about it point here
                        parts = names.split_title(title)
                        head = report["title"]
                        head["text"], head["line"], head["label"] = title, line, parts.label
                        head["task_id"], head["task_name"] = parts.task_id, parts.task_name
                    else:
                        self.open_report(title, self.forced or "", 0, line)
                else:
                    self.heading(int(token.tag[1:]), line, title)
                self.item = None
                self.listed = None
                i += 3
                continue
            if kind == "inline":
                self.listed = None  # something stands between a `Label:` and a list
                self.inline_comments(token)
                self.paragraph(token)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.lists.append(kind == "ordered_list_open")
                if self.listed is not None and self.collecting is None and self.target:
                    self.collecting = (self.listed, self.target, len(self.lists) - 1,
                                       len(self.target["items"]))
                self.listed = None
            elif kind in ("bullet_list_close", "ordered_list_close"):
                if self.collecting is not None and self.collecting[2] == len(self.lists) - 1:
                    self.list_value(*self.collecting)
                    self.collecting = None
                self.lists.pop()
            elif kind == "list_item_open":
                self.open_items.append(self.list_item(token))
            elif kind == "list_item_close":
                self.open_items.pop()
                self.item = None
            elif kind == "table_open":
                self.listed = None
                i = self.table(tokens, i)
                continue
            elif kind in ("fence", "code_block"):
                self.code(token)
            elif kind == "hr":
                # The footer starts at the first `---` after the last heading; a second one
                # (before a signature) does not start it again.
                if self.stack and not self.lists and self.footer is None:
                    self.footer = []
            elif kind == "front_matter":
                self.front(token)
            elif kind == "html_block" and token.content.lstrip().startswith("<!--"):
                self.comments.append({"line": (token.map or [0])[0] + 1,
                                      "text": token.content.strip()})
            i += 1
        self.close_report(self.total)
        self._attach_front_matter()

    def _forced_title(self, tokens: list[Token]) -> int | None:
        """With ``--template`` and no recognised title, the whole document is one report
        titled by its first heading (index of that heading, or -1 when it has none)."""
        if self.forced is None:
            return None
        first = None
        for i, token in enumerate(tokens):
            if token.type == "heading_open":
                found = self.classify(names.lead_trimmed(plain(tokens[i + 1].children)))
                # A title that opens a report (see heading(): an agent-shaped one only at
                # `#` or `##`): the reports are those titles'. One deeper opens none.
                if found is not None and (found[1] is None or int(token.tag[1:]) <= 2):
                    return None
                if first is None:
                    first = i
        if first is None:
            self.open_report("", self.forced, 0, 1)
            self.reports[-1]["title"]["line"] = 1
        elif any(t.type in _CONTENT for t in tokens[:first]):
            # Fields, a chat line or a list before the first heading (`**Task:** DATA-019`
            # then `**Status:** ✅ DONE`, then `### Summary`): the whole file is the report,
            # the heading still its title.
            self.open_report("", self.forced, 0, 1)
        return first

    def _attach_front_matter(self) -> None:
        if not self.front_matter or not self.reports:
            return
        report = self.reports[0]
        for label, (value, line) in self.scalars.items():
            self.add_field(label, value, "front-matter", line, target=report)


# Block tokens that are a report's content (front matter is read as its fields anyway).
_CONTENT = frozenset({"paragraph_open", "bullet_list_open", "ordered_list_open", "table_open",
                      "fence", "code_block", "blockquote_open"})


def build(text: str, tokens: list[Token], classify: Classifier,
          forced: str | None = None, lines: list[str] | None = None) -> Document:
    """The document model of ``text`` (already parsed into ``tokens``; ``lines`` are its
    :func:`split_lines`, when the caller has them already)."""
    builder = _Builder(text, classify, forced, lines if lines is not None else split_lines(text))
    builder.walk(tokens)
    return {"lines": builder.total, "first_heading": builder.first_heading,
            "front_matter": builder.front_matter, "comments": builder.comments,
            "reports": builder.reports}


def walk(report: Report) -> Iterator[tuple[str, Container]]:
    """The report, then every section below it in document order, each with its key (the
    report's is ``""``)."""
    yield "", report
    yield from _sections(report)


def _sections(node: Container) -> Iterator[tuple[str, Section]]:
    for child in node["sections"].values():
        yield child["key"], child
        yield from _sections(child)


def code_lines(nodes: Iterable[Container]) -> set[int]:
    """The lines inside the fenced or indented code blocks of these reports or sections."""
    found: set[int] = set()
    for node in nodes:
        for block in node.get("code_blocks", ()):
            found.update(range(block["line"], block["end_line"] + 1))
    return found


def split_lines(text: str) -> list[str]:
    """Source lines as the parser counts them (CR, LF and CRLF each end one)."""
    if "\r" not in text:
        return text.split("\n")  # the usual case, several times faster than the regex
    return _LINE_BREAK.split(text)
