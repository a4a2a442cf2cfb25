"""Checks that every section and sub-section the template requires is present.

## Why is this bad?
The product manager reads reports by their sections. A missing *Acceptance Criteria
Verification* or *Quality Gates Status* section hides whether the work was verified at all.
Sections match by name: numbering (`3.`), a trailing `(if any)`, emoji, case and spacing do
not matter, so a finding means the section is absent or renamed.

## Example
```markdown
## Task Completion Report: BE-001 - Login endpoint
### 1. Implementation Summary
### 3. Acceptance Criteria Verification
```

## Use instead
```markdown
## Task Completion Report: BE-001 - Login endpoint
### 1. Implementation Summary
### 2. PRD Alignment Check
### 3. Acceptance Criteria Verification
```
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.rules.base import define

CODE = define("RL101", "missing-section", Severity.ERROR, __doc__)
