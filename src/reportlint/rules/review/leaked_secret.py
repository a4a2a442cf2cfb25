"""Checks every line of the file, code blocks included, for credentials. It knows the kinds
maintained secret scanners (detect-secrets, gitleaks) know, and names the one it found:

- cloud keys: AWS access key ids and secret access keys (labelled `aws_secret_access_key`,
  or alone: 40 random-looking base64 characters), Google API keys, Azure storage account
  keys (`AccountKey=`), DigitalOcean tokens;
- code hosting and packages: GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`,
  `github_pat_`), GitLab tokens (`glpat-` and the other `gl…-` kinds), npm (`npm_`), PyPI
  (`pypi-`) and Docker Hub (`dckr_pat_`) tokens, Hugging Face tokens (`hf_`);
- services: Slack tokens and webhook URLs, Stripe secret keys, OpenAI and Anthropic API keys,
  SendGrid API keys (`SG.`), Twilio account SIDs and API keys (`AC`/`SK` and 32 hex digits),
  Shopify access tokens, HashiCorp Vault tokens (`hvs.`, `hvb.`);
- private key blocks (`-----BEGIN … PRIVATE KEY-----`), JSON Web Tokens;
- credentials by their label: passwords in connection URLs (`postgres://app:s3cret@db/app`),
  `Authorization: Bearer …` and `Basic …` values, and `.env`-style assignments whose name
  ends in a password, secret, token or API key word (`DB_PASSWORD=…`, `API_KEY: …`,
  `JWT_SECRET=…`).

Documented examples and placeholders are not secrets: AWS's `…EXAMPLE` keys, `xxxx`,
`********`, `<your-token>`, `${VAR}`, `$VAR`, `{{ var }}`, values with `example`, `dummy`,
`changeme` or `your_` in them, a value that is a name (`process.env.API_KEY`) or a
reference (`os.environ["X"]`), and labelled values too short or too regular to be a
credential.

The finding names the kind of secret and shows only the public prefix its issuer gives the
kind (`glpat-`, `npm_`, `AKIA`), if it has one, and its length (a private key, its armour
line): CI logs are public, and a linter must not leak what it found. Every other output
masks it too.

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

CODE = define("RL210", "leaked-secret", Severity.ERROR, __name__)
SCOPE = "document"


def check(ctx: Context) -> Iterator[Hit]:
    text = ctx.text or "\n".join(ctx.lines)
    found = secrets.scan(text)
    if not found:
        return
    starts = [0, *(i + 1 for i, char in enumerate(text) if char == "\n")]
    for secret in found:
        index = bisect_right(starts, secret.start) - 1
        yield Hit(index + 1, f"leaked secret: {secret.kind} `{secrets.shown(secret)}`; remove "
                  "it from the report and rotate it", secret.start - starts[index] + 1)
