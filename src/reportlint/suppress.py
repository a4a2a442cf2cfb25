"""Inline suppression: HTML comments, invisible when the report renders.

``<!-- reportlint-disable CODES -->`` ... ``<!-- reportlint-enable CODES -->``,
``<!-- reportlint-disable-next-line CODES -->``, ``<!-- reportlint-disable-file CODES -->``.
CODES are codes, prefixes or rule names, separated by commas or spaces; none means all.
A directive must be an HTML comment standing on its own line(s).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from reportlint import codes
from reportlint.diagnostics import Finding
from reportlint.nodes import Comment
from reportlint.rules.meta import unused_suppression

_DIRECTIVE = re.compile(
    r"<!--\s*reportlint-(?P<kind>disable-next-line|disable-file|disable|enable)\b"
    r"(?P<codes>[^>]*?)\s*-->")


class _Scope:
    """One directive: where it is, what it silences, over which lines, and what it used."""

    def __init__(self, line: int, kind: str, selectors: tuple[str, ...], start: int,
                 end: int) -> None:
        self.line, self.kind, self.selectors = line, kind, selectors  # no selectors: all
        self.start, self.end = start, end
        self.used: set[str] = set()

    def covers(self, finding: Finding) -> str | None:
        """The selector that silences ``finding`` here (``*`` for all), if any."""
        if not self.start <= finding.line <= self.end:
            return None
        if not self.selectors:
            return "*"
        for selector in self.selectors:
            if _matches(selector, finding.code):
                return selector
        return None


def _matches(selector: str, code: str) -> bool:
    entry = codes.CODES.get(code)
    return code.startswith(selector.upper()) or (entry is not None and entry.name == selector)


def _scopes(comments: Sequence[Comment], last_line: int) -> list[_Scope]:
    scopes: list[_Scope] = []
    open_ranges: list[_Scope] = []
    for comment in comments:
        for match in _DIRECTIVE.finditer(comment["text"]):
            line = comment["line"] + comment["text"].count("\n", 0, match.start())
            end_of_comment = comment["line"] + comment["text"].count("\n")
            selectors = tuple(s for s in re.split(r"[,\s]+", match.group("codes")) if s)
            kind = match.group("kind")
            if kind == "disable-file":
                scopes.append(_Scope(line, kind, selectors, 1, last_line))
            elif kind == "disable-next-line":
                scopes.append(_Scope(line, kind, selectors, end_of_comment + 1,
                                     end_of_comment + 1))
            elif kind == "disable":
                scope = _Scope(line, kind, selectors, line, last_line)
                scopes.append(scope)
                open_ranges.append(scope)
            else:  # enable: closes the open ranges it names (all of them when it names none)
                for scope in list(open_ranges):
                    if not selectors or set(scope.selectors) & set(selectors):
                        scope.end = line
                        open_ranges.remove(scope)
    return scopes


def apply(findings: list[Finding], comments: Sequence[Comment], last_line: int,
          selected: Callable[[str], bool] = lambda code: True) -> list[Finding]:
    """The findings no directive silences, then one ``unused-suppression`` finding for each
    directive (or named code) that silenced nothing. A directive for codes that are not
    selected in this run cannot be judged, and is left alone."""
    scopes = _scopes(comments, last_line)
    if not scopes:
        return findings
    kept: list[Finding] = []
    for finding in findings:
        silenced = False
        for scope in scopes:
            selector = scope.covers(finding)
            if selector is not None:
                scope.used.add(selector)
                silenced = True
        if not silenced:
            kept.append(finding)
    for scope in scopes:
        unknown = [s for s in scope.selectors
                   if not any(c.startswith(s.upper()) for c in codes.CODES)
                   and codes.by_name(s) is None]
        unused = [s for s in scope.selectors if s not in scope.used and s not in unknown
                  and any(selected(c) for c in codes.CODES if _matches(s, c))]
        directive = f"reportlint-{scope.kind}"
        if unknown:
            kept.append(Finding(unused_suppression.CODE.code, scope.line,
                                f"`{directive}` names unknown code {unknown[0]!r}"))
        elif not scope.selectors and not scope.used:
            kept.append(Finding(unused_suppression.CODE.code, scope.line,
                                f"`{directive}` suppresses nothing; remove it"))
        elif unused:
            kept.append(Finding(unused_suppression.CODE.code, scope.line,
                                f"`{directive} {' '.join(unused)}` suppresses nothing; "
                                "remove it"))
    return kept
