"""The report model's node types: what :mod:`reportlint.model` builds, templates validate and
rules read. Plain dicts at run time (JSON Schema validates them as they are, and
``reportlint extract`` prints them), typed here so that no code guesses a node's kind from its
keys. ``schemas/model/document.schema.yaml`` documents the same shape for template authors.
"""

from __future__ import annotations

from typing import Any, TypeAlias, TypedDict


class _Field(TypedDict):
    name: str
    value: str
    line: int
    column: int
    style: str  # bold | bold-line (`**Status: Done**`) | plain | table | front-matter


class Field(_Field, total=False):
    items: list[str]  # a `Label:` whose value is the list after it: the items' texts


class RepeatedField(TypedDict):
    key: str
    field: Field  # the later occurrence; the first is the report's field of that key


class Paragraph(TypedDict):
    line: int
    text: str


class _Item(TypedDict):
    text: str
    line: int
    depth: int
    ordered: bool


class Item(_Item, total=False):
    checked: bool  # only for a task-list item (`- [ ]` / `- [x]`)


class Column(TypedDict):
    name: str
    index: int


class Row(TypedDict):
    line: int
    cells: dict[str, str]


class Table(TypedDict):
    line: int
    columns: dict[str, Column]
    rows: list[Row]


class CodeBlock(TypedDict):
    line: int
    end_line: int
    language: str | None
    text: str


class Content(TypedDict):
    """What a report and every section hold."""

    fields: dict[str, Field]
    paragraphs: list[Paragraph]
    items: list[Item]
    tables: list[Table]
    code_blocks: list[CodeBlock]
    sections: dict[str, Section]


class Section(Content):
    title: str
    key: str
    number: str | None
    level: int
    line: int
    end_line: int


class _Title(TypedDict):
    text: str
    label: str | None
    task_id: str | None
    task_name: str | None
    line: int


class Title(_Title, total=False):
    # Set when the heading is not the template's title but reads as one (`BE-009 Completion
    # Evidence: X`): the report kind its words name.
    kind: str


class _Report(Content):
    template: str  # the name of the template that checks it
    line: int
    level: int  # 0 for a whole file checked with --template
    end_line: int
    title: Title


class Report(_Report, total=False):
    repeated_fields: list[RepeatedField]  # report fields given more than once


class _Comment(TypedDict):
    line: int
    text: str


class Comment(_Comment, total=False):
    inline: bool  # inside a line of text (`... <!-- reportlint-disable-line X -->`)


class FrontMatter(TypedDict, total=False):
    line: int
    end_line: int
    data: Any
    error: str
    error_line: int


class Document(TypedDict):
    lines: int
    first_heading: int | None
    front_matter: FrontMatter | None
    comments: list[Comment]
    reports: list[Report]


# A report or one of its sections: what holds content.
Container: TypeAlias = Report | Section
