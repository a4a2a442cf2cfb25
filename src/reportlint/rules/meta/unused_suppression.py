"""Checks that every `<!-- reportlint-disable... -->` comment still suppresses something.

## Why is this bad?
A suppression outlives the problem it hid; left in place it will silently hide the next,
different problem on that line. It may also name a code that does not exist (a typo).

## Example
```markdown
<!-- reportlint-disable-next-line RL201 -->
**Progress**: 60% complete
```

## Use instead
```markdown
**Progress**: 60% complete
```
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlint.diagnostics import Finding, Severity
from reportlint.rules.base import define

CODE = define("RL902", "unused-suppression", Severity.WARNING, __name__)


def unknown_directive(line: int, kind: str, known: Sequence[str]) -> Finding:
    import difflib  # only for a diff or a suggestion: not at start-up

    close = difflib.get_close_matches(kind.lower(), known, n=1)
    hint = f"did you mean `reportlint-{close[0]}`?" if close else \
        f"known: {', '.join(f'`reportlint-{k}`' for k in known)}"
    return Finding(CODE.code, line, f"unknown directive `reportlint-{kind}`; {hint}")


def unknown_selector(line: int, kind: str, problem: str) -> Finding:
    return Finding(CODE.code, line, f"`reportlint-{kind}`: {problem}")


def alone_on_its_line(line: int, kind: str) -> Finding:
    return Finding(CODE.code, line, f"`reportlint-{kind}` silences only its own line, which "
                   "holds nothing else; put it at the end of the line to silence, or use "
                   "`reportlint-disable-next-line` above it")


def silences_nothing(line: int, kind: str, selectors: Sequence[str] = ()) -> Finding:
    directive = " ".join([f"reportlint-{kind}", *selectors])
    return Finding(CODE.code, line, f"`{directive}` suppresses nothing; remove it")
