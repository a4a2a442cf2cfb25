"""Checks that every field the template requires (`**Status**:`, `**Started**:`, ...) is present.

## Why is this bad?
Fields are what the orchestrator parses: a report without **Status** cannot be routed, and
one without **Started**/**Completed** cannot be tracked.

## Example
```markdown
## Task Acknowledged: BE-001 - Login endpoint
**Started**: 2025-01-15 09:00
```

## Use instead
```markdown
## Task Acknowledged: BE-001 - Login endpoint
**Status**: IN PROGRESS
**Started**: 2025-01-15 09:00
```
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.rules.base import define

CODE = define("RL102", "missing-field", Severity.ERROR, __doc__)
