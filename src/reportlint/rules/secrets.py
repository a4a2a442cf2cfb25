"""Credentials pasted into a report. Findings never carry the secret itself."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator

from reportlint.diagnostics import Severity
from reportlint.rules import Context, Hit, rule

# (kind, substrings one of which every match contains, pattern). The substrings are checked
# first: most reports have none, and a plain `in` is much cheaper than a regex scan.
_KINDS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (kind, tuple(trigger.split()), re.compile(pattern)) for kind, trigger, pattern in (
        ("AWS access key id", "AKIA ASIA", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
        ("AWS secret access key", "",
         r"(?i)aws_?secret_?access_?key[\"']?[ \t]*[:=][ \t]*[\"']?(?P<s>[A-Za-z0-9/+=]{40})\b"),
        ("GitHub token", "ghp_ gho_ ghu_ ghs_ ghr_", r"\bgh[pousr]_[A-Za-z0-9]{36,255}\b"),
        ("GitHub token", "github_pat_", r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b"),
        ("Slack token", "xoxa- xoxb- xoxp- xoxo- xoxs- xoxr-",
         r"\bxox[abposr]-[A-Za-z0-9-]{10,250}"),
        ("Slack webhook URL", "hooks.slack.com",
         r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}"),
        ("Stripe secret key", "sk_live_ sk_test_ rk_live_ rk_test_",
         r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}\b"),
        ("Google API key", "AIza", r"\bAIza[0-9A-Za-z_-]{35}\b"),
        ("OpenAI or Anthropic API key", "sk-",
         r"\bsk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{32,}"),
        ("private key", "PRIVATE", r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
        ("JSON Web Token", "eyJ",
         r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
        ("password in a URL", "://",
         r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\s:/@\"'`<>]{1,64}:(?P<s>[^\s@/\"'`<>]{3,128})@"),
    ))

# What a documented example puts where the password goes.
_EXAMPLE_PASSWORD = re.compile(
    r"^(?:\*+|x+|\.+|password|passwd|pass|pwd|secret|changeme|example|redacted|<.*>|\$\{.*\}"
    r"|\$[A-Z_]+|%\(?.*|\{\{.*\}\}|\[.*\])$", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with every secret in it masked: applied to every message reportlint prints,
    so a secret quoted by another finding (a field value, a cell) never reaches a log."""
    lowered = text.lower()
    for kind, triggers, pattern in _KINDS:
        if (triggers and not any(t in text for t in triggers)) or (
                not triggers and "aws" not in lowered):
            continue
        text = pattern.sub(functools.partial(_masked, kind=kind), text)
    return text


def _masked(match: re.Match[str], *, kind: str) -> str:
    if "s" not in match.re.groupindex:
        return mask(match.group(0))
    secret = match.group("s")
    if kind == "password in a URL" and _EXAMPLE_PASSWORD.match(secret):
        return match.group(0)
    start, end = match.start("s") - match.start(), match.end("s") - match.start()
    whole = match.group(0)
    return whole[:start] + mask(secret) + whole[end:]


def mask(secret: str) -> str:
    """Enough to find it in the file, never enough to use it."""
    if secret.startswith("-----BEGIN"):
        return secret  # the armour line is public; the key is on the lines after it
    shown = secret[:4] if len(secret) >= 12 else ""
    return f"{shown}…({len(secret)} characters)"


@rule("RL210", "leaked-secret", Severity.ERROR, scope="document")
def leaked_secret(ctx: Context) -> Iterator[Hit]:
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
    text = ctx.text or "\n".join(ctx.lines)
    starts: list[int] | None = None
    hits: list[tuple[int, str]] = []
    lowered = text.lower()
    for kind, triggers, pattern in _KINDS:
        if triggers and not any(t in text for t in triggers):
            continue
        if not triggers and "aws" not in lowered:
            continue
        for match in pattern.finditer(text):
            secret = match.group("s") if "s" in pattern.groupindex else match.group(0)
            if kind == "password in a URL" and _EXAMPLE_PASSWORD.match(secret):
                continue
            hits.append((match.start("s") if "s" in pattern.groupindex else match.start(),
                         f"leaked secret: {kind} `{mask(secret)}`; remove it from the report "
                         "and rotate it"))
    if hits:
        starts = [0, *(i + 1 for i, char in enumerate(text) if char == "\n")]
    for offset, message in sorted(hits):
        assert starts is not None
        index = bisect_right(starts, offset) - 1
        yield Hit(index + 1, message, offset - starts[index] + 1)
