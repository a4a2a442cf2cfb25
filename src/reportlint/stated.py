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

__all__ = ["Tally", "about_tests", "read"]

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
    partial: bool = False  # stated as fewer passing than ran (`38/40 passing`)


_NOUN = r"(?:(?:unit|integration|e2e|api|regression|component|end-to-end|snapshot)\s+)?" \
        r"(?:test\s+cases?|test\s+suites?|tests?|specs?)"
# Counts as agents write them: figures, and the words for the small ones.
_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve")
_NUMBER = r"(?:\d{1,5}|" + "|".join(_WORDS) + ")"
# `2 failed`, `2 tests failed`, `39/78 tests failing`, `3 of 9 tests failing`, `2 failing
# tests`, `2 failures`, `Two integration tests are still failing`.
_FAILED_AFTER = lazyre.compile(
    r"(?<![\w./-])(?<!of )(?P<n>" + _NUMBER + r")(?:\s*/\s*(?P<m>\d{1,5})|\s+of\s+"
    r"(?P<of>\d{1,5}))?\s+(?P<noun>" + _NOUN + r"\s+)?"
    # where they are, after the noun: `Three tests in tests/test_rounding.py still fail`
    r"(?:(?<=\s)(?:in|from|under)\s+`?[\w./:-]{1,120}`?\s+)?"
    r"(?:(?:are|were|is|was|still|now|currently)\s+){0,2}"
    r"(?P<word>failed|failing|failures?|fail)\b(?P<after>\s+" + _NOUN + r"\b)?", _I)
# `Failed: 2`, `Failures = 2`, `Failing tests | 2` (a field, a label in a line), and in a
# tally that names its figures first, `failed 3` (`passed 61, failed 3`).
_FAILED_FIRST = lazyre.compile(
    r"\b(?P<word>failed|failing|failures?)(?P<noun>\s+" + _NOUN + r")?"
    r"(?:\s*(?::|=|\|)\s*|(?P<bare>\s+))(?P<n>\d{1,5})(?![\d.%/])", _I)
_PASSED = lazyre.compile(
    r"(?<![\w./-])(?P<n>\d{1,5})\s+(?:" + _NOUN + r"\s+)?(?:passed|passing)\b"
    r"|\bpass(?:ed|ing)\s*(?:[:=]\s*)?(?P<first>\d{1,5})\b", _I)
# `38/40 passing`: fewer passed than ran.
_SOME_PASSING = lazyre.compile(
    r"(?<![\w./-])(?P<done>\d{1,5})\s*/\s*(?P<whole>\d{1,5})\s+(?P<noun>" + _NOUN + r"\s+)?"
    r"(?:(?:are|were|is|now|currently)\s+)?(?:passed|passing|pass(?:es)?)\b", _I)
# Not run rather than failing: `38/40 passing, 2 skipped`.
_NOT_RUN = lazyre.compile(r"\b(?:skip\w*|pending|todo|ignored|disabled|not\s+run|excluded)\b",
                          _I)
# What may follow a bare `2 failed`: the end, punctuation, or words that do not make it a
# count of something else (`5 failed attempts`, `3 failed logins`).
_BARE_END = lazyre.compile(
    r"\s*(?:$|[,.;:!?)(\]|*_`—–-]|(?:and|in|on|out|of|due|because|with|locally|now|so|"
    r"after|before|when|while|since|again|today|yet|but|or|around|under|across)\b)", _I)
# A sentence that tells the failure as history, a hypothesis or an excuse.
_TOLD_APART = lazyre.compile(
    r"\b(?:initial(?:ly)?|previous(?:ly)?|before|earlier|originally|at\s+first|first\s+run|"
    r"used\s+to|had\s+been|were|was|(?<!being\s)(?<!to\sbe\s)fixed|resolved|addressed|"
    r"now\s+pass\w*|no\s+longer|pre-?existing|unrelated|flaky|intermittent\w*|known|"
    r"expected|xfail\w*|intentional\w*|by\s+design|will|would|should|could|if|when|until|"
    r"unless|whether|might|may|target|goal|plan\w*|example|e\.g\.|"
    r"retr(?:y|ied|ies|ying)|re-?run\w*|first|prior|on\s+(?:main|master|develop)|"
    r"not\s+caused|investigat\w*|fixtures?|exercis\w*|deliberate\w*|on\s+purpose|"
    r"todo)\b|~~|^\W*(?:fix|debug|address|resolve|look\s+into)\b", _I)
_SENTENCE = lazyre.compile(r"(?<=[.;!?])\s+")
_LEAD = lazyre.compile(r"^\W*(?=\w)")  # a list item's mark, a field's emphasis
# Words that make a line about tests, so that a bare `3 failures` counts them.
_TOOLS = ("jest", "pytest", "vitest", "mocha", "playwright", "cypress", "junit", "rspec",
          "phpunit", "go test", "cargo test")
# A line that says what it counts before its figures: `Tests: ...`, `Test results: ...`,
# `E2E suite: ...`, `CI: ...`, or states a count of tests (`38 tests, 2 failures`). A test
# word elsewhere does not make a bare `2 failures` a test count (`the test counts failed
# requests: 3 failures are tolerated`).
_TEST_LINE = lazyre.compile(
    r"^\W*(?:[\w.-]+\s+){0,2}(?:tests?|testing|test\s+results?|test\s+run|specs?|suites?|ci)"
    r"\W*:|(?<![\w./-])\d{1,5}\s+(?:" + _NOUN + r")\b", _I)


_ABOUT_TESTS = lazyre.compile(r"test|spec|(?:^|-)(?:verification|results?|qa|ci|checks)(?:-|$)")


def about_tests(key: str) -> bool:
    """Whether a section (by its key: `4-test-coverage-report`, `verification`) is about
    the tests, so that a bare `2 failed` in it counts tests."""
    return bool(_ABOUT_TESTS.search(key))


def read(text: str, lowered: str, line: int, key: str, about_tests: bool) -> list[Tally]:
    """The failure counts ``text`` states (``lowered`` is its lower case). ``about_tests``:
    the line's section is about tests, so a bare ``2 failures`` counts them. A failure that
    a later sentence of the line says passes now (``25 passed, 2 failed. After the fix: 27
    passed.``) is told apart, and so is one whose sentence, or what follows it on the line,
    tells it as history or excuses it (``3 failing tests; they are pre-existing``)."""
    tests = about_tests or any(tool in lowered for tool in _TOOLS) or bool(
        _TEST_LINE.search(text))
    sentences = _SENTENCE.split(text) if ". " in text or "; " in text else [text]
    # Each sentence's tallies, and the passed count of a sentence that states no failure.
    read: list[tuple[list[Tally], int | None]] = []
    # Whether each sentence, or one after it, tells its failures apart: read from the end.
    apart = [False] * len(sentences)
    later = False
    for index in range(len(sentences) - 1, -1, -1):
        later = later or bool(_TOLD_APART.search(sentences[index]))
        apart[index] = later
    for index, sentence in enumerate(sentences):
        passed = _passed(sentence)
        failures = [m for m in _FAILED_AFTER.finditer(sentence)
                    if m.group("noun") or m.group("after") or (
                        (passed is not None or tests) and _BARE_END.match(sentence, m.end()))]
        failures.extend(_labelled(sentence, failures, tests or passed is not None,
                                  passed is not None))
        tallies = [_tally(sentence, m, line, key, passed, apart[index]) for m in failures]
        if not tallies and not _NOT_RUN.search(sentence):
            tallies = [Tally(line, _LEAD.sub("", sentence).strip(),
                             int(m["whole"]) - int(m["done"]), int(m["done"]), key,
                             apart[index], partial=True)
                       for m in _SOME_PASSING.finditer(sentence)
                       if int(m["done"]) < int(m["whole"]) and (tests or m["noun"])]
        read.append((tallies, None if tallies else passed))
    found: list[Tally] = []
    most = -1  # the most tests a later sentence states passing, with no failure
    for tallies, passing in reversed(read):
        found.extend(t._replace(told_apart=True) if (t.passed or 0) + t.failed <= most
                     else t for t in reversed(tallies))
        if passing is not None:
            most = max(most, passing)
    found.reverse()
    return found


def _labelled(sentence: str, counted: list[re.Match[str]], tests: bool,
              tally: bool) -> Iterator[re.Match[str]]:
    """The `Failed: 2` figures of a sentence that count tests (`failed 3` only in a tally
    beside `passed 61`), but those inside a figure read already (both lists are in the
    sentence's order)."""
    index = 0
    for match in _FAILED_FIRST.finditer(sentence):
        if not (tests or match.group("noun")) or (match.group("bare") and not tally):
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
           passed: int | None, apart: bool) -> Tally:
    said = match.group("n").lower()
    failed = _WORDS.index(said) + 1 if said in _WORDS else int(said)
    groups = match.groupdict()
    whole = groups.get("m") or groups.get("of")
    if whole is not None and passed is None:
        passed = max(int(whole) - failed, 0)  # `39/78 tests failing`: 39 of 78
    return Tally(line, _LEAD.sub("", sentence).strip(), failed, passed, key, apart)
