"""The fast text scans find what a plain scan finds: the secret kinds searched only on the
lines their trigger is on, and the placeholder lookup."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint import secrets
from reportlint.rules.review import unfilled_placeholder as placeholders

from conftest import FIXTURES, SHARED

SAMPLES = [
    "AKIAYSHVJY65YZQUVVQL", "aws_secret_access_key = vfxOPxztameJ83ScZoPwmjFr8T15AY1ZuJ58aoPL",
    "AWS_SECRET_ACCESS_KEY: 'vfxOPxztameJ83ScZoPwmjFr8T15AY1ZuJ58aoPL'",
    "vfxOPxztameJ83ScZoPwmjFr8T15AY1ZuJ58aoPL", "AKIAIOSFODNN7EXAMPLE",
    "ghp_" + "a1B2" * 9, "github_pat_" + "x" * 30, "xoxb-123456789012-abcdefghij",
    "https://hooks.slack.com/services/T0000/B0000/" + "a" * 24, "sk_live_" + "4eC39Hq" * 4,
    "AIza" + "b" * 35, "sk-proj-" + "c" * 40, "-----BEGIN RSA PRIVATE KEY-----",
    "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEF\\n-----END PRIVATE KEY-----",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
    "postgres://app:Sup3rS3cret@db.internal/app", "redis://user:changeme@cache:6379",
    "glpat-" + "Zx9" * 7, "npm_" + "q7W" * 12, "SG." + "a1" * 11 + "." + "B2c" * 14 + "D",
    "AC" + "0123456789abcdef" * 2, "SK" + "fedcba9876543210" * 2, "dckr_pat_" + "Ab3_" * 7,
    "hvs." + "CAES" * 6 + "x9Y8", "AccountKey=" + "Qm9y" * 22, "pypi-AgE" + "Ij3k" * 13,
    "DB_PASSWORD=woSw7YVsqc1uq3CsstHjPXWtz74H8nnP", "API_KEY: 'Rz8vQ2mW5tYx1KpL9nBc'",
    '"client_secret": "Tq4Lm8Zr2Vx6Pn0Kb3Wy"', "**Token**: Hy7Gt5Rf3Ed1Ws9Qa2Zx",
    "Authorization: Bearer 5CUS6csx62lbsBW47ql51F5h", "authorization: basic dXNlcjpwYXNzd29yZDEy",
    "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYz01234567", "dop_v1_" + "ab12" * 16,
    "shpat_" + "0f1e2d3c" * 4, "PASSWORD = x", "token:", "key=", "Secret ", "pass=",
]


def plain_scan(text: str) -> list[tuple[str, int, int]]:
    """Every kind's pattern over the whole text: what the scan must equal."""
    found = []
    for kind in secrets.KINDS:
        for match in re.finditer(kind.pattern, text):
            group = "s" if "s" in match.re.groupindex else 0
            if kind.guard is None or kind.guard(match.group(group)):
                found.append((secrets.kind_name(kind, match), *match.span(group)))
                if kind.name == "private key":
                    found += [(s.kind, s.start, s.end) for s in
                              secrets._body(text, match.end(), 0)]
    return sorted(set(found))


def fast_scan(text: str) -> list[tuple[str, int, int]]:
    return sorted({(s.kind, s.start, s.end) for s in secrets._spans(text)})


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
                                 "ghp_", "Aws", '"', "**", "]", "é", "a" * 20, "B" * 20]),
                max_size=12).map("".join))
def test_trigger_scan_equals_a_plain_scan_on_generated_text(text: str) -> None:
    assert fast_scan(text) == plain_scan(text)


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
