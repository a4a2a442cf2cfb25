"""Checks every line of the file, code blocks included, for credentials: cloud keys (AWS,
Google), GitHub, Slack and Stripe tokens, OpenAI/Anthropic API keys, private key blocks,
JSON Web Tokens, and passwords in connection URLs (`postgres://app:s3cret@db/app`).

The finding names the kind of secret and shows at most its first four characters and its
length: CI logs are public, and a linter must not leak what it found.

## Why is this bad?
A report is committed, posted in pull requests and copied into tickets. A credential in it
is a credential published; it must be removed *and* rotated.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

| Variable | Purpose | Required |
|----------|---------|----------|
| `DATABASE_URL` | postgres://app:Sup3rS3cret@db.internal/app | Yes |
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

| Variable | Purpose | Required |
|----------|---------|----------|
| `DATABASE_URL` | Connection string, from the secret store | Yes |
```
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from reportlint import secrets
from reportlint.diagnostics import Severity
from reportlint.rules.base import Context, Hit, define

CODE = define("RL210", "leaked-secret", Severity.ERROR, __doc__)
SCOPE = "document"


def check(ctx: Context) -> Iterator[Hit]:
    text = ctx.text or "\n".join(ctx.lines)
    hits: list[tuple[int, str]] = []
    for kind, match in secrets.matches(text):
        secret = match.group("s") if "s" in match.re.groupindex else match.group(0)
        if kind == "password in a URL" and secrets.EXAMPLE_PASSWORD.match(secret):
            continue
        hits.append((match.start("s") if "s" in match.re.groupindex else match.start(),
                     f"leaked secret: {kind} `{secrets.mask(secret)}`; remove it from the report "
                     "and rotate it"))
    if not hits:
        return
    starts = [0, *(i + 1 for i, char in enumerate(text) if char == "\n")]
    for offset, message in sorted(hits):
        index = bisect_right(starts, offset) - 1
        yield Hit(index + 1, message, offset - starts[index] + 1)
