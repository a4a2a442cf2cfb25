"""Safe, unambiguous repairs (``reportlint check --fix``), computed as new text.

Each fix is one that cannot change what the report means: the canonical spelling of a
**Status** value the template allows (``✅ Completed`` -> ``COMPLETED``), ``**Status:** X`` ->
``**Status**: X``, checkbox variants (``[X]``, ``[✓]``, ``[]``), trailing white space (except
a two-space hard line break, and never inside code blocks) and a missing final newline. Line
endings are kept line by line; applying the fixes twice changes nothing the second time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from reportlint import recognition
from reportlint.model import code_lines, walk
from reportlint.nodes import Document
from reportlint.shape import Shape

if TYPE_CHECKING:
    from reportlint.templates import Template

_ENDINGS = re.compile(r"(\r\n|\r|\n)")
_COLON_INSIDE = re.compile(
    r"^(?P<lead>[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?)(?P<mark>\*\*|__)"
    r"(?P<label>[^*_\n]{1,60}?)[ \t]*:(?P=mark)(?P<gap>[ \t]*)(?=\S)")
_BOX = re.compile(r"^(?P<lead>[ \t]*(?:>[ \t]*)*(?:[-*+]|\d+[.)])[ \t]+)\[(?P<box>X|✓|✔|✔️|☑|☑️|√|)\]"
                  r"(?=[ \t])")
_FIELD = re.compile(
    r"^(?P<lead>[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?(?:\*\*|__)?)"
    r"(?P<label>[^*_:\n]{1,60}?)(?P<sep>(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*)"
    r"(?P<value>.*?)(?P<tail>[ \t]*)$")


class Fixed(NamedTuple):
    text: str
    lines: int  # how many lines were repaired


def _key(text: str) -> str:
    """A status with emoji, markup and case set aside: ``✅ **Completed**`` -> ``completed``."""
    kept = "".join(c if c.isalnum() else " " for c in unicodedata.normalize("NFKC", text))
    return " ".join(kept.casefold().split())


def allowed_statuses(template: Shape) -> list[str]:
    status = template.fields().get("status")
    return status.value().allowed() if status is not None else []


def fix(text: str, doc: Document, templates: Mapping[str, Template]) -> Fixed:
    """``text`` with every safe repair made. ``doc`` is its model; ``templates`` maps template
    names to the templates (for the status values each report's template allows, and the
    words that mean them)."""
    parts = _ENDINGS.split(text)
    lines, endings = parts[0::2], [*parts[1::2], ""]
    code = _code_lines(doc)
    count = 0
    statuses = _status_lines(doc, templates)
    for index, line in enumerate(lines):
        number = index + 1
        if number in code:
            continue
        new = line
        if number in statuses:
            new = _canonical_status(new, statuses[number])
        new = _COLON_INSIDE.sub(lambda m: f"{m['lead']}{m['mark']}{m['label'].rstrip()}"
                                f"{m['mark']}: ", new, count=1)
        new = _BOX.sub(lambda m: m["lead"] + ("[ ]" if m["box"] == "" else "[x]"), new, count=1)
        stripped = new.rstrip(" \t")
        # Exactly two trailing spaces inside a paragraph are a hard line break: they stay.
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        hard_break = (new[len(stripped):] == "  " and stripped.strip() != ""
                      and following != "" and not stripped.lstrip().startswith("#"))
        if stripped != new and not hard_break:
            new = stripped
        if new != line:
            lines[index] = new
            count += 1
    # A final newline, in the file's own style; extra blank lines at the end are left alone.
    if lines[-1] != "":
        used = [end for end in endings[:-1] if end]
        endings[-1] = max(set(used), key=used.count) if used else "\n"
        count += 1
    return Fixed("".join(line + end for line, end in zip(lines, endings, strict=True)), count)


def _code_lines(doc: Document) -> set[int]:
    found = code_lines(n for report in doc["reports"] for _, n in walk(report))
    front = doc["front_matter"]
    if front:  # YAML: white space there may be content (block scalars)
        found.update(range(front["line"], front["end_line"] + 1))
    return found


_Allowed = tuple[list[str], dict[str, tuple[str, ...]]]


def _status_lines(doc: Document, templates: Mapping[str, Template]) -> dict[int, _Allowed]:
    found: dict[int, _Allowed] = {}
    for report in doc["reports"]:
        status = report["fields"].get("status")
        template = templates.get(report["template"])
        allowed = allowed_statuses(template.shape) if template is not None else []
        if (template is not None and status and allowed
                and status["style"] in ("bold", "plain") and status["value"] not in allowed):
            found[status["line"]] = (allowed, template.vocabulary)
    return found


def _canonical_status(line: str, allowed: _Allowed) -> str:
    match = _FIELD.match(line)
    if match is None or _key(match["label"]) != "status":
        return line
    canonical = recognition.canonical_status(match["value"], *allowed)
    if canonical is None:
        return line
    return line[:match.start("value")] + canonical + match["tail"]
