"""Safe, unambiguous repairs (``reportlint check --fix``), computed as new text.

Each fix is one that cannot change what the report means: the canonical spelling of a
**Status** value the template allows (``✅ Completed`` -> ``COMPLETED``), ``**Status:** X`` ->
``**Status**: X``, checkbox variants (``[X]``, ``[✓]``, ``[]``), trailing white space, a
missing final newline, and (``section-at-title-level``) a report's sections written at its
title's level put one level below it, each with its own sub-sections (:func:`demotions`). Line
endings are kept line by line; applying the fixes twice changes nothing the second time.

Some lines are never touched, wherever they are in the file (found from the parser's tokens
of the whole file, not from the reports in it): fenced and indented code blocks, HTML blocks
(``<pre>``, ``<div>``, comments) and front matter, where white space and ``[X]`` are content.
And the white space ending a line that another line of its paragraph or heading follows is
kept when it is a hard line break (two spaces or more), or when removing it would turn the
backslash before it into one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from reportlint import recognition
from reportlint.shape import Shape

if TYPE_CHECKING:
    from markdown_it.token import Token

    from reportlint.nodes import Document, Report, Section
    from reportlint.templates import Template

_ENDINGS = re.compile(r"(\r\n|\r|\n)")  # the parser's own line breaks: its line numbers
# Blocks whose every character is content.
_VERBATIM = frozenset({"fence", "code_block", "html_block", "front_matter"})
_COLON_INSIDE = re.compile(
    r"^(?P<lead>[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?)(?P<mark>\*\*|__)"
    r"(?P<label>[^*_\n]{1,60}?)[ \t]*:(?P=mark)(?P<gap>[ \t]*)(?=\S)")
_BOX = re.compile(r"^(?P<lead>[ \t]*(?:>[ \t]*)*(?:[-*+]|\d+[.)])[ \t]+)\[(?P<box>X|✓|✔|✔️|☑|☑️|√|)\]"
                  r"(?=[ \t])")
_FIELD = re.compile(
    r"^(?P<lead>[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?(?:\*\*|__)?)"
    r"(?P<label>[^*_:\n]{1,60}?)(?P<sep>(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*)"
    r"(?P<value>.*?)(?P<tail>[ \t]*)$")
# An ATX heading's marks, after the quote and list markers it may sit in.
_ATX = re.compile(r"^(?P<lead> {0,3}(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?)(?P<marks>#{1,6})"
                  r"(?=[ \t]|$)")


# The findings each repair resolves, by catalogue name: a finding on a line a repair changed is
# fixable when that repair names its code, so telling what is fixable costs no second check of
# the repaired text. A status written as its template's placeholder (`[In progress...]`) is
# reported as the placeholder, not as the value; its canonical spelling resolves either. The
# other repairs (`**Status:**` -> `**Status**:`, checkbox variants, white space) are style no
# finding is about. tests/test_fixable.py holds this to what a check of the repaired text
# says, on every fixture and corpus.
RESOLVES = {"status": ("invalid-field-value", "unfilled-placeholder"),
            "demote": ("section-at-title-level",)}


class Fixed(NamedTuple):
    text: str
    lines: int  # how many lines were repaired
    # The repairs that resolve a finding (RESOLVES' kinds) made on each line.
    repaired: dict[int, frozenset[str]]


def _key(text: str) -> str:
    """A status with emoji, markup and case set aside: ``✅ **Completed**`` -> ``completed``."""
    kept = "".join(c if c.isalnum() else " " for c in unicodedata.normalize("NFKC", text))
    return " ".join(kept.casefold().split())


def allowed_statuses(template: Shape) -> list[str]:
    status = template.fields().get("status")
    return status.value().allowed() if status is not None else []


def demotions(report: Report, lines: Sequence[str]) -> list[int]:
    """The lines of the headings ``--fix`` puts one level lower in ``report``: every section
    at the title's level, with its sub-sections (they keep their place below it). When
    one of them cannot go lower (already ``######``) or is a setext heading (its level is
    its underline: rewriting it is no one-line repair), nothing is demoted in the report;
    ``lines`` are the file's lines."""
    level = report["level"]
    if not level:
        return []  # a whole file checked with --template has no title level
    found: list[int] = []
    stack: list[Section] = [s for s in report["sections"].values() if s["level"] == level]
    while stack:
        section = stack.pop()
        line = section["line"]
        if (section["level"] >= 6 or not 0 < line <= len(lines)
                or not _ATX.match(lines[line - 1])):
            return []
        found.append(line)
        stack.extend(section["sections"].values())
    return sorted(found)


def fix(text: str, tokens: Sequence[Token], doc: Document,
        templates: Mapping[str, Template], demote: bool = True) -> Fixed:
    """``text`` with every safe repair made. ``tokens`` are its parser tokens, ``doc`` its
    model; ``templates`` maps template names to the templates (for the status values each
    report's template allows, and the words that mean them). ``demote``: whether sections at
    a report title's level go one level down (not when ``section-at-title-level`` is off:
    that project writes its reports so)."""
    parts = _ENDINGS.split(text)
    lines, endings = parts[0::2], [*parts[1::2], ""]
    verbatim, continued = _verbatim_and_continued(tokens)
    count = 0
    repaired: dict[int, frozenset[str]] = {}
    statuses = _status_lines(doc, templates)
    lower = {line for report in doc["reports"] for line in demotions(report, lines)} \
        if demote else set()
    for index, line in enumerate(lines):
        number = index + 1
        if number in verbatim:
            continue
        new = line
        kinds: list[str] = []  # the repairs that resolve a finding (see RESOLVES)
        if number in lower:
            new = _ATX.sub(lambda m: f"{m['lead']}#{m['marks']}", new, count=1)
            kinds.append("demote")
        if number in statuses:
            was = new
            new = _canonical_status(new, statuses[number])
            if new != was:
                kinds.append("status")
        new = _COLON_INSIDE.sub(lambda m: f"{m['lead']}{m['mark']}{m['label'].rstrip()}"
                                f"{m['mark']}: ", new, count=1)
        new = _BOX.sub(lambda m: m["lead"] + ("[ ]" if m["box"] == "" else "[x]"), new, count=1)
        if kinds:
            repaired[number] = frozenset(kinds)
        stripped = new.rstrip(" \t")
        if stripped != new and not (number in continued and _breaks(stripped, new)):
            new = stripped
        if new != line:
            lines[index] = new
            count += 1
    # A final newline, in the file's own style; extra blank lines at the end are left alone.
    if lines[-1] != "":
        used = [end for end in endings[:-1] if end]
        endings[-1] = max(set(used), key=used.count) if used else "\n"
        count += 1
    return Fixed("".join(line + end for line, end in zip(lines, endings, strict=True)), count,
                 repaired)


def _verbatim_and_continued(tokens: Sequence[Token]) -> tuple[set[int], set[int]]:
    """The lines of code blocks, HTML blocks and front matter anywhere in the file; and the
    lines of paragraphs and headings that another line of the same text follows, where
    trailing spaces can be a hard line break. Block tokens are a flat list in markdown-it
    (nesting is open and close tokens), so one pass sees blocks inside lists and quotes."""
    verbatim: set[int] = set()
    continued: set[int] = set()
    for token in tokens:
        if token.map is None:
            continue
        start, end = token.map  # 0-based, end excluded
        if token.type in _VERBATIM:
            verbatim.update(range(start + 1, end + 1))
        elif token.type == "inline" and end - start > 1:
            continued.update(range(start + 1, end))  # every line but the last
    return verbatim, continued


def _breaks(stripped: str, line: str) -> bool:
    """Whether the white space ending ``line`` (a line another one of its paragraph follows)
    means something: two spaces or more are a hard break (CommonMark counts the spaces at the
    very end: a tab, then two spaces, is one too); and without it, a backslash at the end
    would become one."""
    return line.endswith("  ") or stripped.endswith("\\")


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
    head = line[:match.start("value")]
    for mark in ("**", "__"):
        if head.count(mark) % 2:  # `**Status**: **Done**`: the value's own emphasis goes too
            head = head.rstrip(" \t").removesuffix(mark).rstrip(" \t") + " "
    return head + canonical + match["tail"]
