"""Regular expressions from templates and configuration are input too: refuse the ones whose
backtracking can blow up (a "ReDoS"), before they ever see a report.

The test is the classic one: an unbounded repeat inside another unbounded repeat (`(a+)+`,
`(\\w+\\s?)*`). It is a heuristic; overlapping alternatives such as `(a|a)*` pass it, which is
why report values are also single lines of bounded length.
"""

from __future__ import annotations

import importlib
from typing import Any

_BIG = 32  # a repeat with a larger upper bound counts as unbounded


def _parser() -> Any:
    try:
        return importlib.import_module("re._parser")  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module("sre_parse")


def problem(pattern: str) -> str | None:
    """Why ``pattern`` is refused, or None."""
    parser = _parser()
    try:
        tree = parser.parse(pattern)
    except Exception as exc:  # noqa: BLE001 - re.error and its relatives
        return f"not a valid regular expression: {exc}"
    if _nested(parser, list(tree), inside=False):
        return ("an unbounded repeat inside another (like `(a+)+`) can take exponential time; "
                "rewrite it without the nesting")
    return None


def _nested(parser: Any, items: list[Any], inside: bool) -> bool:
    constants = parser if hasattr(parser, "MAX_REPEAT") else parser._constants
    repeats = {constants.MAX_REPEAT, constants.MIN_REPEAT,
               getattr(constants, "POSSESSIVE_REPEAT", constants.MAX_REPEAT)}
    for op, value in items:
        if op in repeats:
            _, high, sub = value
            unbounded = high == constants.MAXREPEAT or high > _BIG
            if (inside and unbounded) or _nested(parser, list(sub), inside or unbounded):
                return True
            continue
        if op == constants.SUBPATTERN:
            children = [list(value[-1])]
        elif op == constants.BRANCH:
            children = [list(branch) for branch in value[1]]
        elif op in (constants.ASSERT, constants.ASSERT_NOT):
            children = [list(value[1])]
        else:
            continue
        if any(_nested(parser, child, inside) for child in children):
            return True
    return False
