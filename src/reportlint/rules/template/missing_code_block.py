"""Checks that a section the template defines with a code block (such as the test execution
output in *Test Coverage Report*) has one.

## Why is this bad?
"All tests pass" is a claim; the runner's own output is the evidence. Reviewers who cannot
see it must either trust the report or rerun everything.

## Example
```markdown
### 4. Test Coverage Report
All tests pass.
```

## Use instead
````markdown
### 4. Test Coverage Report
**Test Execution Output:**
```
Tests: 42 passed, 42 total
```
````
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing
from reportlint.rules.base import define

CODE = define("RL111", "missing-code-block", Severity.WARNING, __name__)


def applies(f: Failing) -> bool:
    return f.place.last == "code_blocks"


def explain(f: Failing) -> Explained:
    return Explained(f"section {f.place.where()} has no code block")
