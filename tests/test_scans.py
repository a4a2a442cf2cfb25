"""The fast text scans find what a plain scan finds: the secret kinds searched only on the
lines their trigger is on, and the redaction's one-search shortcut for short texts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint import secrets
from reportlint.rules.review import unfilled_placeholder as placeholders

from conftest import FIXTURES, SHARED

SAMPLES = [
    "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'",
    "ghp_" + "a1B2" * 9, "github_pat_" + "x" * 30, "xoxb-123456789012-abcdefghij",
    "https://hooks.slack.com/services/T0000/B0000/" + "a" * 24, "sk_live_" + "4eC39Hq" * 4,
    "AIza" + "b" * 35, "sk-proj-" + "c" * 40, "-----BEGIN RSA PRIVATE KEY-----",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
    "postgres://app:Sup3rS3cret@db.internal/app", "redis://user:changeme@cache:6379",
]


def plain_scan(text: str) -> list[tuple[str, int, int]]:
    """Every kind's pattern over the whole text: what the scan must equal."""
    kinds = [kind for _, group in secrets._KINDS for kind in group]
    return sorted((kind, m.start(), m.end()) for kind, pattern in
                  [*kinds, secrets._AWS_SECRET] for m in re.finditer(pattern, text))


def fast_scan(text: str) -> list[tuple[str, int, int]]:
    return sorted((kind, m.start(), m.end()) for kind, m in secrets.matches(text))


def texts() -> Iterator[str]:
    for path in sorted(FIXTURES.glob("**/*.md")):
        yield path.read_text("utf-8")
    for path in sorted((SHARED / "corpus/real").glob("*.md")):
        yield path.read_text("utf-8", "replace")
    yield "\n".join(SAMPLES)
    yield " and ".join(SAMPLES)


def test_trigger_scan_equals_a_plain_scan() -> None:
    found = 0
    for text in texts():
        assert fast_scan(text) == plain_scan(text)
        found += len(plain_scan(text))
    assert found >= len(SAMPLES)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*SAMPLES, " ", "\n", "x", "`", "|", "=", ":", "AKIA", "://",
                                 "ghp_", "Aws"]), max_size=12).map("".join))
def test_trigger_scan_equals_a_plain_scan_on_generated_text(text: str) -> None:
    assert fast_scan(text) == plain_scan(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*SAMPLES, " ", "`", "x"]), max_size=4).map("".join))
def test_short_texts_are_redacted_like_long_ones(text: str) -> None:
    # Past 1,000 characters the shortcut is off: padding gives the reference result.
    padded = secrets.redact(text + " " * 1000)
    assert secrets.redact(text) == padded[:len(padded) - 1000]


def reference_placeholders(placeholders: tuple[str, ...], text: str) -> set[tuple[int, int]]:
    """Every occurrence of every placeholder that does not run into a word."""
    found = set()
    for placeholder in placeholders:
        for start in range(len(text)):
            if not text.startswith(placeholder, start):
                continue
            end = start + len(placeholder)
            before, after = text[start - 1:start], text[end:end + 1]
            glued_before = placeholder[0].isalnum() and (before.isalnum() or before in "_/")
            glued_after = placeholder[-1].isalnum() and (after.isalnum() or after in "_/")
            if not (before and glued_before) and not (after and glued_after):
                found.add((start, end))
    return found


PLACEHOLDERS = ("path/to/file.ts", "XXms", "XX%", "Yes/No", "[Task Name]", "[X]%", "[X] tests",
                "[X]", "[[Nested]]")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*PLACEHOLDERS, " ", "a", "_", "/", "[", "]", "\n", "%", "s",
                                 "tests", "[x]", "X"]), max_size=12).map("".join))
def test_placeholder_lookup_equals_a_plain_search(text: str) -> None:
    vocabulary = placeholders._vocabulary(PLACEHOLDERS)
    fast = {*placeholders._plain_texts(vocabulary, text),
            *placeholders._bracketed_texts(vocabulary, text)}
    assert fast == reference_placeholders(PLACEHOLDERS, text)
