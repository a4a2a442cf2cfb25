"""Credentials in text: where they are (:func:`matches`), and text with them masked
(:func:`redact`), which every message reportlint prints goes through."""

from __future__ import annotations

import re
from collections.abc import Iterator

# (trigger, ((kind, pattern), ...)): every match of a pattern contains a match of its
# trigger, and no match spans a line. A trigger is literals sharing a first character, which
# the regex engine finds several times faster than `str.__contains__` or a pattern that starts
# with `\b` or a character class; the patterns then run only on the lines the trigger found.
# Most reports hold no trigger at all.
# The patterns are compiled when a trigger first hits (`re` keeps them): not at start-up.
_KINDS: tuple[tuple[re.Pattern[str], tuple[tuple[str, str], ...]], ...] = tuple(
    (re.compile(trigger), kinds) for trigger, kinds in (
        ("A(?:KIA|SIA|Iza)", (
            ("AWS access key id", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
            ("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b"))),
        ("g(?:h[pousr]_|ithub_pat_)", (
            ("GitHub token", r"\bgh[pousr]_[A-Za-z0-9]{36,255}\b"),
            ("GitHub token", r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b"))),
        ("xox[abposr]-", (("Slack token", r"\bxox[abposr]-[A-Za-z0-9-]{10,250}"),)),
        (r"hooks\.slack\.com", (("Slack webhook URL", r"https://hooks\.slack\.com/services/"
                                 r"T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}"),)),
        ("_(?:live|test)_", (
            ("Stripe secret key", r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}\b"),)),
        ("sk-", (("OpenAI or Anthropic API key",
                  r"\bsk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{32,}"),)),
        ("PRIVATE KEY", (
            ("private key", r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),)),
        ("eyJ", (("JSON Web Token",
                  r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),)),
        ("://", (("password in a URL", r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\s:/@\"'`<>]{1,64}:"
                  r"(?P<s>[^\s@/\"'`<>]{3,128})@"),)),
    ))
# The one case-insensitive kind, found when the text holds `aws` in any ASCII case (an ASCII
# lower-casing of the UTF-8 bytes is cheaper than `str.lower()`; hence `(?a)`).
_AWS_SECRET = ("AWS secret access key", r"(?ai)aws_?secret_?access_?key[\"']?[ \t]*[:=][ \t]*"
               r"[\"']?(?P<s>[A-Za-z0-9/+=]{40})\b")


def matches(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Every secret-shaped match in ``text``, by kind."""
    for trigger, kinds in _KINDS:
        line_end = -1
        for hit in trigger.finditer(text):
            if hit.start() <= line_end:
                continue  # on a line already searched
            line_start = text.rfind("\n", 0, hit.start()) + 1
            line_end = text.find("\n", hit.end())
            line_end = len(text) if line_end < 0 else line_end
            for kind, pattern in kinds:
                yield from ((kind, m) for m in re.compile(pattern).finditer(text, line_start,
                                                                          line_end))
    if b"aws" in text.encode("utf-8", "replace").lower():
        kind, pattern = _AWS_SECRET
        yield from ((kind, m) for m in re.compile(pattern).finditer(text))


# What a documented example puts where the password goes.
EXAMPLE_PASSWORD = re.compile(
    r"^(?:\*+|x+|\.+|password|passwd|pass|pwd|secret|changeme|example|redacted|<.*>|\$\{.*\}"
    r"|\$[A-Z_]+|%\(?.*|\{\{.*\}\}|\[.*\])$", re.IGNORECASE)


# For a short text (a message, a title), one search for any trigger beats one per trigger.
_ANY_TRIGGER = re.compile("|".join([*(t.pattern for t, _ in _KINDS), "(?ai:aws)"]))


def redact(text: str) -> str:
    """``text`` with every secret in it masked: applied to every message reportlint prints,
    so a secret quoted by another finding (a field value, a cell) never reaches a log."""
    if len(text) < 1000 and _ANY_TRIGGER.search(text) is None:
        return text
    kept: list[tuple[str, re.Match[str]]] = []
    for kind, match in matches(text):  # an earlier kind wins where two overlap
        if not any(match.start() < m.end() and m.start() < match.end() for _, m in kept):
            kept.append((kind, match))
    # From the end, so the offsets of the matches still to mask stay right.
    for kind, match in sorted(kept, key=lambda k: k[1].start(), reverse=True):
        text = text[:match.start()] + _masked(match, kind=kind) + text[match.end():]
    return text


def _masked(match: re.Match[str], *, kind: str) -> str:
    if "s" not in match.re.groupindex:
        return mask(match.group(0))
    secret = match.group("s")
    if kind == "password in a URL" and EXAMPLE_PASSWORD.match(secret):
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
