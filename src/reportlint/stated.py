"""Test results a report states in its own words, not as pasted tool output: ``25 passed, 2
failed``, ``2 tests failing``, ``39/78 tests failing``, ``**Failed**: 3``.

:func:`read` finds them in one line of prose (a paragraph's line, a list item, a field) for
:mod:`reportlint.claims`, which reads each line once. A figure is a failure count only where
the line says it counts tests: the count is of tests (``2 tests failed``, ``2 failing
specs``), it stands beside a passed count (``25 passed, 2 failed``), or the line or its
section is about tests and nothing else follows the word (``Test results: 2 failures``; not
``locks the account after 5 failed attempts``). A failure told as history, a plan or a known
exception (``initially 2 failed``, ``if 2 fail``, ``2 flaky tests failed``) is kept apart,
so that the rules can tell a run that failed from one the report says is fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from reportlint import lazyre

__all__ = ["Tally", "read"]

_I = re.IGNORECASE


class Tally(NamedTuple):
    """A stated result: ``failed`` tests (0 for ``0 failed``), ``passed`` when the same line
    states them, where, and whether the line tells it as past, planned or excused."""

    line: int
    text: str  # the sentence stating it
    failed: int
    passed: int | None
    key: str  # the key of the section stating it
    told_apart: bool  # history, a plan or a known exception, not the current run


_NOUN = r"(?:(?:unit|integration|e2e|api|regression|component|end-to-end)\s+)?" \
        r"(?:test\s+cases?|test\s+suites?|tests?|specs?)"
# `2 failed`, `2 tests failed`, `39/78 tests failing`, `3 of 9 tests failing`, `2 failing
# tests`, `2 failures`.
_FAILED_AFTER = lazyre.compile(
    r"(?<![\w./-])(?<!of )(?P<n>\d{1,5})(?:\s*/\s*(?P<m>\d{1,5})|\s+of\s+(?P<of>\d{1,5}))?"
    r"\s+(?P<noun>" + _NOUN + r"\s+)?"
    r"(?:are\s+|were\s+|still\s+)?(?P<word>failed|failing|failures?|fail)\b"
    r"(?P<after>\s+" + _NOUN + r"\b)?", _I)
# `Failed: 2`, `Failures = 2`, `Failing tests | 2` (a field, a label in a line).
_FAILED_FIRST = lazyre.compile(
    r"\b(?P<word>failed|failing|failures?)(?P<noun>\s+" + _NOUN + r")?\s*(?::|=|\|)\s*"
    r"(?P<n>\d{1,5})(?![\d.%/])", _I)
_PASSED = lazyre.compile(
    r"(?<![\w./-])(?P<n>\d{1,5})\s+(?:" + _NOUN + r"\s+)?(?:passed|passing)\b"
    r"|\bpass(?:ed|ing)\s*(?::|=)\s*(?P<first>\d{1,5})\b", _I)
# What may follow a bare `2 failed`: the end, punctuation, or words that do not make it a
# count of something else (`5 failed attempts`, `3 failed logins`).
_BARE_END = lazyre.compile(
    r"\s*(?:$|[,.;:!?)(\]|*_`—–-]|(?:and|in|on|out|of|due|because|with|locally|now|so|"
    r"after|before|when|while|since|again|today|yet|but|or)\b)", _I)
# A sentence that tells the failure as history, a hypothesis or an excuse.
_TOLD_APART = lazyre.compile(
    r"\b(?:initial(?:ly)?|previous(?:ly)?|before|earlier|originally|at\s+first|first\s+run|"
    r"used\s+to|had\s+been|were|was|(?<!being\s)(?<!to\sbe\s)fixed|resolved|addressed|now\s+pass\w*|no\s+longer|"
    r"pre-?existing|unrelated|flaky|intermittent\w*|known|expected|xfail\w*|"
    r"intentional\w*|by\s+design|will|would|should|could|if|when|until|unless|whether|"
    r"might|may|target|goal|plan\w*|example|e\.g\.)\b", _I)
_SENTENCE = lazyre.compile(r"(?<=[.;!?])\s+")
_LEAD = lazyre.compile(r"^\W*(?=\w)")  # a list item's mark, a field's emphasis


def read(text: str, lowered: str, line: int, key: str, about_tests: bool) -> list[Tally]:
    """The failure counts ``text`` states (``lowered`` is its lower case). ``about_tests``:
    the line's section is about tests, so a bare ``2 failures`` counts them. A failure that
    a later sentence of the line says passes now (``25 passed, 2 failed. After the fix: 27
    passed.``) is told apart."""
    tests = about_tests or "test" in lowered or "spec" in lowered
    sentences = _SENTENCE.split(text) if ". " in text or "; " in text else [text]
    # Each sentence's tallies, and the passed count of a sentence that states no failure.
    read: list[tuple[list[Tally], int | None]] = []
    for sentence in sentences:
        passed = _passed(sentence)
        failures = [m for m in _FAILED_AFTER.finditer(sentence)
                    if m.group("noun") or m.group("after") or (
                        (passed is not None or tests) and _BARE_END.match(sentence, m.end()))]
        failures.extend(_labelled(sentence, failures, tests or passed is not None))
        read.append(([_tally(sentence, m, line, key, passed) for m in failures],
                     None if failures else passed))
    found: list[Tally] = []
    later = -1  # the most tests a later sentence states passing, with no failure
    for tallies, passing in reversed(read):
        found.extend(t._replace(told_apart=True) if (t.passed or 0) + t.failed <= later
                     else t for t in reversed(tallies))
        if passing is not None:
            later = max(later, passing)
    found.reverse()
    return found


def _labelled(sentence: str, counted: list[re.Match[str]],
              tests: bool) -> Iterator[re.Match[str]]:
    """The `Failed: 2` figures of a sentence that count tests, but those inside a figure
    read already (both lists are in the sentence's order)."""
    index = 0
    for match in _FAILED_FIRST.finditer(sentence):
        if not (tests or match.group("noun")):
            continue
        while index < len(counted) and counted[index].end() <= match.start():
            index += 1
        if index < len(counted) and counted[index].start() < match.end():
            continue
        yield match


def _passed(sentence: str) -> int | None:
    match = _PASSED.search(sentence)
    if match is None:
        return None
    return int(match.group("n") or match.group("first"))


def _tally(sentence: str, match: re.Match[str], line: int, key: str,
           passed: int | None) -> Tally:
    failed = int(match.group("n"))
    groups = match.groupdict()
    whole = groups.get("m") or groups.get("of")
    if whole is not None and passed is None:
        passed = max(int(whole) - failed, 0)  # `39/78 tests failing`: 39 of 78
    return Tally(line, _LEAD.sub("", sentence).strip(), failed, passed, key,
                 bool(_TOLD_APART.search(sentence)))
