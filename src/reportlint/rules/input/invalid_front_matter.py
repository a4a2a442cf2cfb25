"""Checks that YAML front matter, when a report has it, is a valid mapping of keys.

## Why is this bad?
Front matter that does not parse is dropped by every tool that reads it, so its status and
dates are silently lost. Aliases (`*name`) are refused: they can expand without bound.

## Example
```markdown
---
status: [COMPLETED
---
```

## Use instead
```markdown
---
status: COMPLETED
---
```
"""

from __future__ import annotations

from reportlint.diagnostics import Finding, Severity
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL006", "invalid-front-matter", Severity.ERROR, __name__)


def finding(line: int, problem: str) -> Finding:
    return Finding(CODE.code, line, quote(problem, 300))
