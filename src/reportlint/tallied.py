"""A test total a line states with its outcomes, for :mod:`reportlint.claims`: `Total: 150
tests — 140 passed, 6 skipped, 0 failed` (146, not 150), `**42 tests**: 38 passed, 2 failed`.

Only a line that states both is read: a total (`Total: 150 tests`, `Total tests: 150`, `150
tests:`, `150 tests —`) and then two outcomes or more (`140 passed`, `6 skipped`, `0
failed`...), every figure after the total being an outcome's, so that a line counting
something else beside them (`12 assertions`, `3 suites`) is left alone. A total that the
outcomes reach is no finding; nor is one written as at least (`150+ tests`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reportlint import lazyre

_I = re.IGNORECASE
_NOUN = r"(?:test\s+cases?|tests?|specs?)"
# The total, and where the outcomes begin.
_TOTAL = lazyre.compile(
    r"\btotal(?:\s+" + _NOUN + r")?\s*(?:[:=]\s*)?(?P<a>\d{1,6})(?:\s+" + _NOUN + r")?(?![\d+])"
    r"|(?<![\w./-])(?P<b>\d{1,6})\s+" + _NOUN + r"\s*(?:[:—–(]|-\s|,)", _I)
_FIGURE = lazyre.compile(r"(?<![\w./-])(?P<n>\d{1,6})(?:\s+(?P<word>[a-z]+))?", _I)
_OUTCOMES = frozenset({"passed", "passing", "failed", "failing", "failures", "failure",
                       "skipped", "pending", "todo", "errors", "error", "errored", "xfailed",
                       "xpassed", "deselected", "ignored", "flaky", "broken", "blocked",
                       "disabled", "cancelled"})

_UNITS = frozenset(".,:sm%")


class Tallied(NamedTuple):
    """A total the outcomes after it do not reach."""

    text: str
    total: int
    parts: int


def read(text: str) -> Tallied | None:
    """The total ``text`` states that its outcomes disagree with, or None."""
    total = _TOTAL.search(text)
    if total is None:
        return None
    stated = int(total["a"] or total["b"])
    parts: list[int] = []
    for figure in _FIGURE.finditer(text, total.end()):
        word = (figure["word"] or "").lower()
        if not word and text[figure.end():figure.end() + 1] in _UNITS:
            continue  # a duration or a share (`in 3.2s`, `95%`)
        if word not in _OUTCOMES:
            return None  # a figure of something else: no tally of outcomes
        parts.append(int(figure["n"]))
    if len(parts) < 2 or sum(parts) == stated:
        return None
    return Tallied(text.strip(), stated, sum(parts))
