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

from reportlint.diagnostics import Severity
from reportlint.rules.base import define

CODE = define("RL902", "unused-suppression", Severity.WARNING, __doc__)
