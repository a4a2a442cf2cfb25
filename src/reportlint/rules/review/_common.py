"""What several reviewer rules read the same way: a report's fields, its claims of being
finished, and where a code block's text is in the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint import lazyre, recognition

if TYPE_CHECKING:
    from reportlint.nodes import CodeBlock, Container, Field, Report


def content_line(block: CodeBlock, offset: int) -> int:
    """The file line of a character offset in a code block's text."""
    lines = block["text"].count("\n")
    fenced = block["end_line"] - block["line"] == lines + 1
    return int(block["line"]) + (1 if fenced else 0) + int(block["text"].count("\n", 0, offset))


def field_value(report: Container, key: str) -> Field | None:
    return report["fields"].get(key)


def finished_claims(report: Report) -> list[tuple[str, int]]:
    """The report's claims of being finished: ``(words, line)`` for a COMPLETED status and a
    **Ready for Review**: Yes (see :func:`reportlint.recognition.finished`)."""
    return [(words, line) for _, words, line in recognition.finished(report)]


PERCENT = lazyre.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")

