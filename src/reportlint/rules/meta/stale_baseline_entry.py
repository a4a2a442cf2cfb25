"""Reports a baseline entry (`check --baseline FILE`) whose finding its file no longer has.

## Why is this bad?
The baseline exists so that old findings do not fail the run while new ones do. An entry
whose finding was fixed (or whose line changed) would otherwise sit there unused, and the
baseline would never shrink; regenerating it keeps it to what is really left.

## Example
A baseline made when `docs/reports/BE-014.md` had a placeholder:

```json
{"path": "docs/reports/BE-014.md", "code": "RL201", "fingerprint": "8c1d…", "line": 12}
```

and the report since filled in.

## Use instead
Record the baseline again with `reportlint baseline`, so it holds only the findings that
remain.
"""

from __future__ import annotations

from reportlint.diagnostics import Finding, Severity
from reportlint.quote import quote
from reportlint.rules.base import define
from reportlint.secrets import redact

CODE = define("RL904", "stale-baseline-entry", Severity.WARNING, __name__)


def finding(code: str, line: int, message: str, baseline: str) -> Finding:
    said = f" (\"{quote(redact(message), 80)}\")" if message else ""
    return Finding(CODE.code, 1, f"{baseline} records {code} on line {line}{said}, which no "
                   "longer occurs; run `reportlint baseline` to drop it")
