"""What several reviewer rules read the same way: a report's fields, its claims of being
finished, and where a code block's text is in the file."""

from __future__ import annotations

import re
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


_YES = lazyre.compile(r"^(?:✅\s*)?yes\b", re.IGNORECASE)


def finished_claims(report: Report) -> list[tuple[str, int]]:
    """The report's claims of being finished: ``(words, line)`` for a COMPLETED status and a
    **Ready for Review**: Yes."""
    out: list[tuple[str, int]] = []
    # `Status` in the languages reports are written in (`> **상태**: 완료`).
    status = next((report["fields"][k] for k in recognition.STATUS_KEYS
                   if k in report["fields"]), None)
    if status and recognition.claims_completion(status["value"], report["title"]["text"]):
        out.append((f"**{status['name']}**: {status['value']}", status["line"]))
    ready = field_value(report, "ready-for-review")
    if ready and _YES.search(ready["value"]):
        out.append((f"**{ready['name']}**: {ready['value']}", ready["line"]))
    return out


PERCENT = lazyre.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")

