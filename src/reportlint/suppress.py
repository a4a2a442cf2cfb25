"""Inline suppression: HTML comments, invisible when the report renders.

- ``<!-- reportlint-disable-line CODES -->`` at the end of a line (of a paragraph, list item,
  table row or heading) silences CODES on that line;
- ``<!-- reportlint-disable-next-line CODES -->`` on its own line silences them on the next;
- ``<!-- reportlint-disable CODES -->`` ... ``<!-- reportlint-enable CODES -->``, from the
  first comment to the second (or the end of the file); ``enable`` closes the open ranges that
  name one of its selectors (or all of them, named with none or ``ALL``);
- ``<!-- reportlint-disable-file CODES -->`` anywhere: the whole file.

CODES are selectors as everywhere else (:mod:`reportlint.selectors`): ``ALL``, codes
(``RL201``), prefixes (``RL2``) and rule names (``unfilled-placeholder``), in any case,
separated by commas, white space or both; none means every code. A directive that silences
nothing, names an unknown selector or is not one of these four is itself a finding
(``RL902 unused-suppression``) at its line. Where file-wide suppression is refused
(``--no-file-suppressions``), ``disable-file``, and a ``disable`` naming no code (or
``ALL``) or never closed, silence nothing and are ``RL903 refused-suppression`` findings.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reportlint import codes, lazyre, selectors
from reportlint.diagnostics import Finding
from reportlint.selectors import Selector

if TYPE_CHECKING:
    from reportlint.nodes import Comment

_KINDS = ("disable-line", "disable-next-line", "disable", "enable", "disable-file")
# Any `reportlint-WORD` opening a comment is meant as a directive, so a misspelt one is
# reported rather than silently ignored.
_DIRECTIVE = lazyre.compile(
    r"<!--\s*reportlint-(?P<kind>[A-Za-z]+(?:-[A-Za-z]+)*)(?P<codes>[^>]*?)\s*-->")
_SEPARATED = lazyre.compile(r"[,\s]|$")  # the selectors, if any, are apart from the kind


class _Scope:
    """One directive: where it is, what it silences, over which lines, and what it used."""

    def __init__(self, line: int, kind: str, words: list[str], start: int, end: int,
                 inline: bool) -> None:
        self.line, self.kind, self.inline = line, kind, inline
        self.start, self.end = start, end
        self.named = bool(words)
        self.unknown: str | None = None  # why the first unknown selector is unknown
        self.selectors: list[Selector] = [] if words else [_EVERY]
        for word in words:
            try:
                self.selectors.append(selectors.parse(word))
            except selectors.UnknownSelector as exc:
                # Reported, while the directive still silences what its other selectors name.
                self.unknown = self.unknown or str(exc)
        self.used: set[Selector] = set()
        self.open = kind == "disable"  # a range not closed (yet)

    def selector_for(self, code: str) -> Selector | None:
        """The selector that silences ``code`` in this directive's lines, if any."""
        return next((s for s in self.selectors if s.matches(code)), None)


_EVERY = Selector("ALL", "")


def _scopes(comments: Sequence[Comment], last_line: int, file_wide: bool = True
            ) -> tuple[list[_Scope], list[Finding]]:
    """The disable directives, and findings for the directives that cannot be used (or,
    without ``file_wide``, are refused)."""
    if not comments:
        return [], []
    from reportlint.rules.meta import refused_suppression, unused_suppression  # their findings

    scopes: list[_Scope] = []
    problems: list[Finding] = []
    # The open ranges, in the order they opened, and by each prefix they name: an `enable`
    # closes those it names without looking at every open range (each is closed once).
    open_ranges: list[_Scope] = []
    open_by_prefix: dict[str, list[_Scope]] = {}
    for comment in comments:
        text = comment["text"]
        end_of_comment = comment["line"] + text.count("\n")
        line, counted = comment["line"], 0  # lines counted up to offset `counted`
        for match in _DIRECTIVE.finditer(text):
            line += text.count("\n", counted, match.start())
            counted = match.start()
            kind, written = match.group("kind"), match.group("codes")
            if not _SEPARATED.match(written):  # `reportlint-disable-lines`, as written
                kind += written.split(maxsplit=1)[0]
            if kind not in _KINDS:
                problems.append(unused_suppression.unknown_directive(line, kind, _KINDS))
                continue
            words = selectors.split(written)
            start, end = {"disable-file": (1, last_line),
                          "disable-next-line": (end_of_comment + 1, end_of_comment + 1),
                          "disable-line": (line, line)}.get(kind, (line, last_line))
            scope = _Scope(line, kind, words, start, end, bool(comment.get("inline")))
            if not file_wide and _hides_the_file(scope):
                problems.append(refused_suppression.file_wide(line, kind))
                continue
            if kind != "enable":
                scopes.append(scope)
                if kind == "disable":
                    open_ranges.append(scope)
                    for prefix in {s.prefix for s in scope.selectors}:
                        open_by_prefix.setdefault(prefix, []).append(scope)
                continue
            if scope.unknown:
                problems.append(unused_suppression.unknown_selector(line, kind, scope.unknown))
            # Closes the open ranges that share a selector with it (all, for none or ALL).
            closing = {s.prefix for s in scope.selectors}
            if "" in closing:
                closed = open_ranges
                open_ranges, open_by_prefix = [], {}
            else:
                closed = [opened for prefix in closing
                          for opened in open_by_prefix.pop(prefix, ())]
            for opened in closed:
                if opened.open:
                    opened.end, opened.open = line, False
    if not file_wide:  # a range never closed covers the rest of the file
        never = [opened for opened in open_ranges if opened.open]
        refused = {id(opened) for opened in never}
        scopes = [scope for scope in scopes if id(scope) not in refused]
        problems.extend(refused_suppression.never_closed(
            opened.line, [s.text for s in opened.selectors]) for opened in never)
    return scopes, problems


def _silenced(findings: list[Finding], scopes: list[_Scope]) -> set[int]:
    """The indexes of the findings some directive silences; each directive's ``used`` gets
    the selectors that silenced one. Worked out code by code (there are a few dozen) with
    sorted lines, not by trying every directive on every finding: 4,000 ranges over 4,000
    findings took 16 million tries."""
    by_code: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        by_code.setdefault(finding.code, []).append(index)
    silenced: set[int] = set()
    for code, indexes in by_code.items():
        indexes.sort(key=lambda i: findings[i].line)
        lines = [findings[i].line for i in indexes]
        # Each directive's lines for this code, merged where they overlap.
        covered: list[tuple[int, int]] = []
        for scope in scopes:
            selector = scope.selector_for(code)
            if selector is None:
                continue
            first = bisect_left(lines, scope.start)
            if first < len(lines) and lines[first] <= scope.end:
                scope.used.add(selector)
                covered.append((first, bisect_right(lines, scope.end)))
        covered.sort()
        reach = 0
        for first, after in covered:
            silenced.update(indexes[max(first, reach):after])
            reach = max(reach, after)
    return silenced


def _hides_the_file(scope: _Scope) -> bool:
    return scope.kind == "disable-file" or (
        # `ALL` or `RL`: a selector every code matches
        scope.kind == "disable" and any(all(map(s.matches, codes.CODES))
                                        for s in scope.selectors))


def apply(findings: list[Finding], comments: Sequence[Comment], last_line: int,
          selected: Callable[[str], bool] = lambda code: True,
          file_wide: bool = True) -> list[Finding]:
    """The findings no directive silences, then one ``unused-suppression`` finding for each
    directive (or named code) that silenced nothing or cannot be used. A directive for codes
    that are not selected in this run cannot be judged, and is left alone. Without
    ``file_wide``, directives that would silence the whole file are refused."""
    scopes, problems = _scopes(comments, last_line, file_wide)
    if not scopes and not problems:
        return findings
    from reportlint.rules.meta import unused_suppression  # its findings

    silenced = _silenced(findings, scopes)
    kept = [finding for index, finding in enumerate(findings) if index not in silenced]
    kept.extend(problems)
    for scope in scopes:
        unused = [s.text for s in scope.selectors if s not in scope.used
                  and any(selected(c) for c in codes.CODES if s.matches(c))]
        if scope.unknown:
            kept.append(unused_suppression.unknown_selector(scope.line, scope.kind,
                                                            scope.unknown))
        elif scope.kind == "disable-line" and not scope.inline and not scope.used:
            kept.append(unused_suppression.alone_on_its_line(scope.line, scope.kind))
        elif not scope.named and not scope.used:
            kept.append(unused_suppression.silences_nothing(scope.line, scope.kind))
        elif unused:
            kept.append(unused_suppression.silences_nothing(scope.line, scope.kind, unused))
    return kept


def silenced(findings: list[Finding], comments: Sequence[Comment], last_line: int,
             file_wide: bool = True) -> list[Finding]:
    """The findings no directive silences, judging no directive: for the findings the
    run-wide step adds to a file its own check has judged already."""
    scopes, _ = _scopes(comments, last_line, file_wide)
    if not scopes:
        return findings
    gone = _silenced(findings, scopes)
    return [finding for index, finding in enumerate(findings) if index not in gone]
