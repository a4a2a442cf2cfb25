"""Secrets: every credential kind of the list below is found, the documented examples and
placeholders are not, and no part of any secret reaches any output (every format, the step
summary, ``--diff``, ``extract``, fix hints).

The examples are generated here from each kind's public prefix and random characters, so no
real-looking secret is committed verbatim; the seed keeps them the same from run to run.
"""

from __future__ import annotations

import base64
import json
import random
import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import Result

from reportlint import engine, secrets
from reportlint.diagnostics import Finding

_RANDOM = random.Random(20261127)
ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "_-"
HEX = "0123456789abcdef"


def chars(alphabet: str, size: int) -> str:
    return "".join(_RANDOM.choice(alphabet) for _ in range(size))


def base64_key(size: int = 40) -> str:
    """Random base64 of ``size``, as random as a real key (one in a thousand is not, and is
    drawn again)."""
    while True:
        value = chars(B64, size)
        if secrets.entropy(value) >= 4.4 and value[:1].isalnum():
            return value


class Example(NamedTuple):
    kind: str  # what RL210 says it is
    text: str  # how it is written in a report
    prefix: str  # the public part of the secret, which output may show
    secret: str  # what must never be shown: prefix + the random rest


def example(kind: str, prefix: str, rest: str, before: str = "", after: str = "") -> Example:
    return Example(kind, before + prefix + rest + after, prefix, prefix + rest)


PEM_BODY = [chars(B64, 64) for _ in range(3)]
KINDS = [
    example("AWS access key id", "AKIA", chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)),
    example("AWS secret access key", "", base64_key(), "aws_secret_access_key = "),
    example("AWS secret access key", "", base64_key(), "the key on its own: `", "`"),
    example("Google API key", "AIza", chars(URLSAFE, 35)),
    example("Azure storage account key", "", base64_key(86) + "==",
            "DefaultEndpointsProtocol=https;AccountName=app;AccountKey="),
    example("DigitalOcean token", "dop_v1_", chars(HEX, 64)),
    example("GitHub token", "ghp_", chars(ALNUM, 36)),
    example("GitHub token", "gho_", chars(ALNUM, 36)),
    example("GitHub token", "github_pat_", chars(ALNUM, 22) + "_" + chars(ALNUM, 59)),
    example("GitLab token", "glpat-", chars(URLSAFE, 20)),
    example("npm token", "npm_", chars(ALNUM, 36)),
    example("PyPI token", "pypi-AgEIcHlwaS5vcmc", chars(URLSAFE, 70)),
    example("Docker Hub token", "dckr_pat_", chars(URLSAFE, 27)),
    example("Hugging Face token", "hf_", chars(string.ascii_letters, 34)),
    example("Slack token", "xoxb-", f"{chars(string.digits, 12)}-{chars(string.digits, 13)}-"
            + chars(ALNUM, 24)),
    example("Slack webhook URL", "https://hooks.slack.com/services/T",
            f"{chars(string.ascii_uppercase, 8)}/B{chars(string.ascii_uppercase, 8)}/"
            + chars(ALNUM, 24)),
    example("Stripe secret key", "sk_live_", chars(ALNUM, 24)),
    example("OpenAI or Anthropic API key", "sk-proj-", chars(URLSAFE, 48)),
    example("OpenAI or Anthropic API key", "sk-ant-api03-", chars(URLSAFE, 93) + "AA"),
    example("SendGrid API key", "SG.", chars(URLSAFE, 22) + "." + chars(URLSAFE, 43)),
    example("Twilio API key", "SK", chars(HEX, 32)),
    example("Twilio account SID", "AC", chars(HEX, 32)),
    example("Shopify access token", "shpat_", chars(HEX, 32)),
    example("Vault token", "hvs.", chars(URLSAFE, 90)),
    example("JSON Web Token", "eyJ", base64.urlsafe_b64encode(b'{"alg":"HS256"}').decode()
            .rstrip("=")[3:] + ".eyJ" + chars(URLSAFE, 40) + "." + chars(URLSAFE, 43)),
    example("password in a URL", "", chars(ALNUM, 16), "postgres://app:", "@db.internal/app"),
    example("bearer token", "", chars(ALNUM + "._-", 32), "Authorization: Bearer "),
    example("basic authentication credentials", "",
            base64.b64encode(f"deploy:{chars(ALNUM, 18)}".encode()).decode(),
            'curl -H "Authorization: Basic ', '"'),
    example("password assignment", "", chars(ALNUM, 24), "DB_PASSWORD="),
    example("API key assignment", "", chars(ALNUM, 32), "API_KEY="),
    example("secret assignment", "", chars(ALNUM, 40), "SECRET="),
    example("token assignment", "", chars(ALNUM, 28), '"access_token": "', '"'),
]
PRIVATE_KEY = Example("private key", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(PEM_BODY)
                      + "\n-----END OPENSSH PRIVATE KEY-----", "", "")
# What documentation writes where a secret goes, and what merely looks like one.
NOT_SECRETS = [
    "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "postgres://user:password@localhost/app", "redis://:${REDIS_PASSWORD}@cache:6379",
    "mysql://root:<password>@db/app", "API_KEY=${API_KEY}", "API_KEY=$API_KEY",
    "DB_PASSWORD=changeme", "DB_PASSWORD=eduforum12", "SECRET_KEY=os.environ['SECRET_KEY']",
    "JWT_SECRET=your-super-secret-jwt-key-change-in-production", "TOKEN=xxxxxxxxxxxxxxxxxxxx",
    "GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}", "password: process.env.DB_PASSWORD",
    '"password": "password123"', "token: {{ vault_token }}", "SESSION_SECRET=********",
    "API_KEY=<your-api-key>", "Authorization: Bearer <token>", "Authorization: Bearer $TOKEN",
    "Authorization: Bearer YOUR_ACCESS_TOKEN", "Bearer tokens expire after 15 minutes",
    "**Password**: stored in the vault", "TOKEN_EXPIRY=3600", "PASSWORD_MIN_LENGTH=12",
    "git commit 3f786850e387550fdbe1d0b8d4c6d43b5c1a1c52", "sha256 " + "ab12" * 16,
    "src/components/Dashboard/WidgetGridLayout", "ThisIsAVeryLongCamelCaseIdentifierName1",
    "sk_live_...", "ghp_xxxxxxxxxxxx", "glpat-xxxx", "https://example.com/docs?page=2",
]


def windows(found: Example) -> list[str]:
    """The secret's six-character pieces but those inside its public prefix: the first one
    ends with the first secret character (no part of a secret is shown, not even its start)."""
    value = found.secret
    return [value[i:i + 6] for i in range(len(value) - 5)
            if i + 6 > len(found.prefix)]


# A finding's fingerprint is a SHA-256 digest of masked text (:mod:`reportlint.baseline`), so
# it carries no part of a secret; but its hex digits can spell six of a hex token's by chance
# (about once in fifty runs, as the temporary folder's name changes the digests).
_DIGESTS = re.compile(r'("(?:fingerprint|reportlint/v1)": ")[0-9a-f]{20,64}"')


def leaked(output: str, examples: list[Example]) -> list[tuple[str, str]]:
    output = _DIGESTS.sub(r'\1"', output)
    folded = output.casefold()
    return [(e.kind, piece) for e in examples for piece in windows(e)
            if piece in output or piece.casefold() in folded]


def test_every_kind_is_found_alone_and_in_text() -> None:
    kinds = {e.kind for e in KINDS} | {PRIVATE_KEY.kind}
    assert len(KINDS) + 1 >= 30  # the figure the issue asks for: 33 examples, 29 kinds
    assert len(kinds) == 29
    for found in KINDS:
        # Short texts are first searched with every trigger at once, long ones trigger by
        # trigger: both ways find each kind.
        padding = "Notes on the deployment.\n" * 50
        for text in (found.text, f"Deployed with {found.text} today.\n",
                     f"{padding}Deployed with {found.text} today.\n{padding}"):
            assert [(s.kind, s.value) for s in secrets.scan(text)] == \
                [(found.kind, found.secret)], text
            assert leaked(secrets.redact(text), [found]) == []
    assert [s.kind for s in secrets.scan(PRIVATE_KEY.text)] == ["private key"]
    masked = secrets.redact(PRIVATE_KEY.text)
    assert masked.splitlines() == ["-----BEGIN OPENSSH PRIVATE KEY-----",
                                   *["…(64 characters)"] * 3,
                                   "-----END OPENSSH PRIVATE KEY-----"]


@pytest.mark.parametrize("found", KINDS, ids=lambda e: f"{e.kind}:{e.prefix or '-'}")
def test_a_secret_is_shown_as_its_public_prefix_and_length_only(found: Example) -> None:
    """Not one character of the secret itself: a finding may name the kind's public prefix
    (`glpat-`, `npm_`) and the length; a key with no prefix is shown by its length alone."""
    (secret,) = secrets.scan(found.text)
    shown, length = secrets.shown(secret).split("…")
    assert found.prefix.startswith(shown)
    assert length == f"({len(found.secret)} characters)"
    assert secrets.redact(found.text) == found.text.replace(found.secret, f"{shown}…{length}")


@pytest.mark.parametrize("text", NOT_SECRETS)
def test_examples_and_lookalikes_are_not_secrets(text: str) -> None:
    assert secrets.scan(text) == []
    assert secrets.redact(text) == text


def test_a_secret_is_masked_before_a_quote_cuts_it() -> None:
    from reportlint.quote import quote

    long = next(e for e in KINDS if e.prefix == "github_pat_")
    quoted = quote(f"Deployment notes for the staging cluster, token {long.secret} rotated")
    assert quoted == ("Deployment notes for the staging cluster, token github_pat_…")
    assert leaked(quoted, [long]) == []


def test_fix_hints_are_redacted() -> None:
    token = next(e for e in KINDS if e.prefix == "ghp_")
    d = engine.diagnostic("r.md", Finding("RL101", 1, "missing", fix={
        "insert_after": f"Notes {token.secret}", "expected_order": [token.secret, "x"],
        "snippet": f"### In Progress\n\n- [ ] {token.secret}\n"}))
    assert d.fix == {"insert_after": "Notes ghp_…(40 characters)",
                     "expected_order": ["ghp_…(40 characters)", "x"],
                     "snippet": "### In Progress\n\n- [ ] ghp_…(40 characters)\n"}


def report() -> str:
    """A progress update holding every kind where findings quote report text: an invalid
    field value, a heading quoted for its level (the long secret past the 60-character
    cut), unticked completed items, a table; each line with a trailing space for --diff to
    show, and a private key."""
    by_prefix = {e.prefix: e for e in KINDS}
    long = by_prefix["github_pat_"].secret
    items = "".join(f"- [ ] {e.text} \n" for e in KINDS)
    rows = "".join(f"| {e.kind} | {e.text.replace('|', '')} |\n" for e in KINDS[:6])
    return (f"## Progress Update: BE-7 - Rotation {by_prefix['ghp_'].secret}\n\n"
            f"**Status**: {by_prefix['sk_live_'].secret}\n"
            "**Progress**: 50% complete\n**Updated**: 2025-01-15 09:00\n\n"
            f"### Completed Items\n\n{items}\n"
            f"##### Deployment notes for the staging cluster, token {long} rotated\n\n"
            f"### In Progress\n\n- [ ] Rotation\n\n| Variable | Value |\n| --- | --- |\n{rows}\n"
            f"{PRIVATE_KEY.text.replace(chr(10), ' ' + chr(10))}\n\n"
            "### Blockers (if any)\n\nNone.\n\n### Questions for PM\n\nNone.\n")


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    path = tmp_path / "BE-7.md"
    path.write_text(report(), "utf-8")
    return path


EVERY = [*KINDS, *(Example("private key", "", line, line) for line in PEM_BODY)]


@pytest.mark.parametrize("name", ["text", "json", "sarif", "github", "junit", "gitlab"])
def test_no_part_of_any_secret_reaches_any_format(run: Callable[..., Result], leaky: Path,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  name: str) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("check", "--isolated", "--no-cache", "--format", name, leaky)
    assert result.exit_code == 1
    written = result.stdout + (summary.read_text("utf-8") if summary.exists() else "")
    assert leaked(written, EVERY) == []
    found = json.loads(run("check", "--isolated", "--format", "json", leaky).stdout)
    # Every kind is reported, and the findings that quote report text are there too.
    assert {e.kind for e in EVERY} <= {d["message"].split(" `")[0].removeprefix(
        "leaked secret: ") for d in found if d["code"] == "RL210"}
    assert {"RL103", "RL107", "RL213"} <= {d["code"] for d in found}


def test_no_part_of_any_secret_reaches_diff_or_extract(run: Callable[..., Result],
                                                       leaky: Path) -> None:
    original = leaky.read_bytes()
    diff = run("check", "--isolated", "--diff", leaky)
    assert diff.exit_code == 1
    # The lines with a trailing space: the items, and the private key's armour and body.
    changed = diff.stdout.splitlines()[2:]
    assert sum(line.startswith("-") for line in changed) == len(KINDS) + 4
    assert sum(line.startswith("+") for line in changed) == len(KINDS) + 4
    assert f"\n+{'…(64 characters)'}\n" in diff.stdout
    assert leaked(diff.stdout, EVERY) == []
    assert leaky.read_bytes() == original
    extracted = run("extract", leaky)
    assert extracted.exit_code == 0
    model = json.loads(extracted.stdout)
    assert len(model["reports"][0]["sections"]["completed-items"]["items"]) == len(KINDS)
    assert leaked(extracted.stdout, EVERY) == []
    # The file itself is repaired from its real bytes: the secrets stay, the spaces go.
    run("check", "--isolated", "--fix", leaky)
    fixed = leaky.read_text("utf-8")
    assert fixed == original.decode("utf-8").replace(" \n", "\n")
    assert all(e.secret in fixed for e in EVERY)


def test_a_secret_the_markdown_encodes_is_masked_where_it_is_decoded(
        run: Callable[..., Result], tmp_path: Path) -> None:
    # `&#103;hp_...` is `ghp_...` once parsed: the model and the messages quoting it show the
    # decoded text, and mask it there.
    token = next(e for e in KINDS if e.prefix == "ghp_")
    path = tmp_path / "r.md"
    path.write_text(f"## Progress Update: BE-1 - X\n\n**Status**: &#103;{token.secret[1:]}\n",
                    "utf-8")
    extracted = run("extract", path).stdout
    assert json.loads(extracted)["reports"][0]["fields"]["status"]["value"] == \
        "ghp_…(40 characters)"
    checked = run("check", "--isolated", "--format", "json", path).stdout
    assert "**Status** is `ghp_…(40 characters)`; expected one of" in checked
    assert leaked(extracted + checked, [token]) == []
