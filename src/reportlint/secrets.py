"""Credentials in text: where they are (:func:`scan`), and text with them masked
(:func:`redact`, and :class:`Redactor` for a report shown in pieces). Everything reportlint
shows of a report goes through one of them: messages and titles (by :mod:`reportlint.quote`),
fix hints, the diff of ``--fix``, the model ``extract`` prints.

The kinds and their false-positive guards are learnt from detect-secrets 1.5.0 (its
``plugins/*.py`` and ``filters/heuristic.py``) and gitleaks' default rules
(``config/gitleaks.toml``): the same prefixes and lengths, gitleaks' allow-list of example
values (``AKIA...EXAMPLE``, ``xxxx``, ``${VAR}``, ``{{ var }}``, ``$VAR``, ``<your-token>``)
and its rule that a keyword's value made of letters, ``_``, ``.`` and ``-`` alone is a name, not
a secret; detect-secrets' entropy bar for base64 strings and its indirect references
(``os.environ[...]``, ``get_secret()``). detect-secrets itself is not used at run time:
measured on the 29 real reports of ``../shared/corpus/real`` (6,135 lines), its
``scan_line`` takes 560 µs a line with its default plugins and its import 0.09 s (it pulls in
``requests`` for verification, which must never run here), and it finds 25,288 "secrets"
there, mostly its entropy and keyword plugins on ordinary words. This scan finds none there
and takes 0.56 µs a line (8.7 ns a character, over those reports and 300 generated ones; the
nine kinds it replaced took 7.0), with 1 ms to compile its triggers on the first scan.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any, NamedTuple

from reportlint import lazyre


class Secret(NamedTuple):
    """A secret in a text: its kind and where it is (``text[start:end] == value``)."""

    kind: str
    start: int
    end: int
    value: str


# A kind: its name (what RL210 reports), its pattern, whose group "s" is the secret when it
# has one, else the whole match, and a guard that tells a secret from an example or a name.
Guard = Callable[[str], bool]


class Kind(NamedTuple):
    name: str
    pattern: str
    guard: Guard | None = None


def entropy(text: str) -> float:
    """Shannon entropy in bits a character."""
    size = len(text)
    return -sum(n / size * math.log2(n / size) for n in Counter(text).values()) if size else 0.0


# What documentation puts where a secret goes (gitleaks' global allow-list, detect-secrets'
# templated-secret filter): no credential looks like these.
_EXAMPLE = (
    r"^(?:(?i:true|false|null|none|nil|undefined)|\*+|x+|\.+|…"
    r"|\$\d+|\$\{\d+\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]*\}|\$\{\{.*\}\}|\{\{.*\}\}|%[A-Za-z_]+%"
    r"|%\(?.*|\{\d{0,2}\}|@[A-Za-z_]+@|<.*>|\[.*\]|\{.*\})$")
_REPEATED = r"^(.)\1*$"  # `aaaaaaaa`, `00000000`
_EXAMPLE_WORDS = (
    r"(?i)example|sample|dummy|placeholder|your[_-]|changeme|change[_-]me|redacted|x{4}|\*{3}"
    r"|\.\.\.|…|<|>|\$\{|\{\{")
# Wording a password placeholder uses (`postgres://user:password@host`).
EXAMPLE_PASSWORD = (
    r"(?i)^(?:\*+|x+|\.+|password|passwd|pass|pwd|secret|changeme|example|redacted|<.*>"
    r"|\$\{.*\}|\$[A-Z_]+|%\(?.*|\{\{.*\}\}|\[.*\])$")
# A value made of name characters only is a name (`process.env.API_KEY`, `YOUR_TOKEN`); a
# call or subscript is a reference to a secret kept elsewhere (`os.environ["X"]`).
_NAME_LIKE = r"^[A-Za-z_.-]+$"
_REFERENCE = r"[(\[{$]|://|^/|^\./|^~/"


def _not_example(value: str) -> bool:
    return (re.match(_EXAMPLE, value) is None and re.match(_REPEATED, value) is None
            and re.search(_EXAMPLE_WORDS, value) is None)


def _not_aws_example(value: str) -> bool:
    return "EXAMPLE" not in value  # AWS's own documentation keys: AKIAIOSFODNN7EXAMPLE


def _assigned(value: str) -> bool:
    """A keyword's value (`DB_PASSWORD=...`, `Bearer ...`) that is a credential."""
    return (_not_example(value) and re.match(_NAME_LIKE, value) is None
            and re.search(_REFERENCE, value) is None and entropy(value) >= 3.5)


def _random(bar: float) -> Guard:
    return lambda value: entropy(value) >= bar and _not_example(value)


def _url_password(value: str) -> bool:
    return re.match(EXAMPLE_PASSWORD, value) is None and re.match(_EXAMPLE, value) is None


def _base64_key(value: str) -> bool:
    """40 base64 characters with no label (an AWS secret access key): random-looking only.
    A random 40-character base64 string has an entropy of 4.3 bits or more in 99.9% of cases
    (measured over 100,000), a camel-case name or a path about 4.0-4.2; a git hash has no
    capitals."""
    return (any(c.isupper() for c in value) and any(c.islower() for c in value)
            and any(c.isdigit() for c in value) and _not_aws_example(value)
            and entropy(value) >= 4.3)


# A keyword's value: `KEY=v`, `key: v`, `"key": "v"`, `**Key**: v`, `key = v`: at most three
# characters between the keyword and the operator, which the `:` and `=` triggers allow for.
_CLOSER = r"(?:\*\*|[\"'\]`])? ?"
_OP = _CLOSER + r"(?::=|=>|==?|:(?!//))(?:\*\*)?[ \t]*"
_VALUE = r"[\"'`]?(?P<s>[^\s\"'`<>|,;]{8,200})"
_KEYWORDS = ("password", "passwd", "pwd", "pass", "secret", "token", "key")


# One pattern for the four keyword kinds (one compile, one search a line), each keyword in a
# group that names the kind.
_ASSIGNED_KINDS = {"password": "password assignment", "secret": "secret assignment",
                   "key": "API key assignment", "token": "token assignment"}
_ASSIGNMENT = Kind(
    "assignment",
    r"(?i:(?P<password>password|passwd|(?<![a-z0-9])pass|(?<![a-z0-9])pwd)|(?P<secret>secret)"
    r"|(?P<key>(?:api|secret|private|access|auth|client|encryption|signing|master|app)[_.-]?key)"
    r"|(?P<token>token))" + _OP + _VALUE, _assigned)


def kind_name(kind: Kind, match: re.Match[str]) -> str:
    """What RL210 calls a match of ``kind``."""
    if kind is _ASSIGNMENT:
        return next(name for group, name in _ASSIGNED_KINDS.items() if match.group(group))
    return kind.name


_AUTHORIZATION = r"[Aa]uthorization" + _CLOSER + r"[:=][ \t]*[\"']?"
_BEARER = Kind("bearer token", _AUTHORIZATION + r"(?i:bearer)[ \t]+"
               r"(?P<s>[A-Za-z0-9._~+/-]{16,}={0,2})(?![A-Za-z0-9._~+/=-])", _assigned)
_BASIC = Kind("basic authentication credentials", _AUTHORIZATION + r"(?i:basic)[ \t]+"
              r"(?P<s>[A-Za-z0-9+/]{12,}={0,2})", _not_example)
_AWS_SECRET = Kind("AWS secret access key",
                   r"(?ai)aws_?secret_?access_?key" + _CLOSER + r"[:=][ \t]*"
                   r"[\"']?(?P<s>[A-Za-z0-9/+=]{40})\b", _not_aws_example)
_URL_PASSWORD = Kind("password in a URL", r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://"
                     r"[^\s:/@\"'`<>]{1,64}:(?P<s>[^\s@/\"'`<>]{3,128})@", _url_password)
_PRIVATE_KEY = "private key"


def _after_keyword(op: str) -> str:
    """A trigger at ``op`` that looks behind it for a keyword's last three letters and up to
    three characters of closer (a look-behind has a fixed width: one for each): a superset of
    the keywords, short enough to compile in 0.2 ms (the keywords in full, 1.3 ms)."""
    endings = "(?:" + "|".join(sorted({word[-3:] for word in _KEYWORDS})) + ")"
    return "(?:" + "|".join(f"(?<={endings}{'.' * n}{re.escape(op)})" for n in range(4)) + ")"


_ASSIGNED = (_AWS_SECRET, _ASSIGNMENT)

# (trigger, (kind, ...)): every match of a kind's pattern contains a match of one of its
# triggers, and no match spans a line. A trigger is one pass of the regex engine over the
# text, about 0.4 ns a character when it starts with a literal character and there is
# nothing to find, and much more when it starts with a character class or `(?i)` (13-60 ns):
# so each trigger starts with one character, the rarest of its literals where a look-behind
# can check the characters before it (`J(?<=eyJ)`), and literals sharing that character share
# one trigger. The kinds' patterns then run only on the lines their trigger found; most
# reports hold no trigger at all. Where two kinds match the same
# characters, the one earlier in KINDS is reported (a GitHub token, not a token assignment).
# The kinds' patterns, and their guards', are compiled when a trigger first hits.
_TRIGGERS: tuple[tuple[str, tuple[Kind, ...]], ...] = (
    ("A(?:KIA|SIA|BIA|CCA|3T[A-Z0-9]|Iza|C[0-9a-f]{32}|(?<=pypi-A)gE)", (
        Kind("AWS access key id", r"\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b",
             _not_aws_example),
        Kind("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
        Kind("Twilio account SID", r"\bAC[0-9a-f]{32}\b", _random(3.0)),
        Kind("PyPI token", r"\bpypi-AgE[A-Za-z0-9_-]{50,}"))),
    ("S(?:K[0-9a-f]{32}|G\\.)", (
        Kind("Twilio API key", r"\bSK[0-9a-f]{32}\b", _random(3.0)),
        Kind("SendGrid API key", r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"),
    )),
    ("g(?:h[pousr]_|ithub_pat_|l(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas)-)", (
        Kind("GitHub token", r"\bgh[pousr]_[A-Za-z0-9]{36,255}\b"),
        Kind("GitHub token", r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b"),
        Kind("GitLab token", r"\bgl(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas)-"
                             r"[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])", _random(3.0)))),
    ("xox[abposr]-", (Kind("Slack token", r"\bxox[abposr]-[A-Za-z0-9-]{10,250}"),)),
    ("k(?:(?<=sk)-|(?<=hooks\\.slack)\\.com)", (
        Kind("OpenAI or Anthropic API key",
             r"\bsk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{32,}"),
        Kind("Slack webhook URL", r"https://hooks\.slack\.com/services/"
                                  r"T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}"))),
    ("_(?:(?:live|test)_|(?<=npm_)|(?<=dckr_)pat_|(?<=dop_)v1_|(?<=hf_)"
     "|(?<=shp(?:at|ca|pa|ss)_))", (
        Kind("Stripe secret key", r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}\b"),
        Kind("npm token", r"\bnpm_[A-Za-z0-9]{36}\b", _random(3.0)),
        Kind("Docker Hub token", r"\bdckr_pat_[A-Za-z0-9_-]{27,}(?![A-Za-z0-9_-])"),
        Kind("DigitalOcean token", r"\bdop_v1_[a-f0-9]{64}\b"),
        Kind("Hugging Face token", r"\bhf_[A-Za-z0-9]{34,40}\b", _random(3.5)),
        Kind("Shopify access token", r"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b"))),
    ("v(?<=hv)[sb]\\.", (
        Kind("Vault token", r"\bhv[sb]\.[A-Za-z0-9_-]{24,}(?![A-Za-z0-9_-])", _random(3.5)),)),
    ("J(?<=eyJ)", (Kind("JSON Web Token",
                        r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),)),
    ("PRIVATE KEY", (
        Kind(_PRIVATE_KEY, r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),)),
    ("z(?<=uthoriz)ation", (_BEARER, _BASIC)),
    ("(?i::(?://|" + _after_keyword(":") + "))", (_URL_PASSWORD, *_ASSIGNED)),
    ("(?i:=" + _after_keyword("=") + ")", (
        Kind("Azure storage account key", r"AccountKey=(?P<s>[A-Za-z0-9+/]{80,100}={0,2})",
             _not_example),
        *_ASSIGNED)),
)


@cache
def _compiled_triggers() -> tuple[tuple[re.Pattern[str], tuple[Kind, ...]], ...]:
    # On the first scan, not at import: a run whose results all come from the cache never
    # scans (1 ms).
    return tuple((re.compile(trigger), kinds) for trigger, kinds in _TRIGGERS)


_SHORT = 1000


@cache
def _any_trigger() -> re.Pattern[str]:
    # Most texts reportlint shows (a title, a cell, a field's value) hold no trigger at all:
    # one search of every trigger at once says so, where the triggers one by one cost 13
    # searches (about half of a short text's redaction). Not for a whole report: over long
    # text the union is slower than the triggers' own literal scans (measured: 2x).
    return re.compile("|".join(f"(?:{trigger})" for trigger, _ in _TRIGGERS))


# The same key with no label: exactly 40 characters of [A-Za-z0-9/+] between characters that
# cannot continue it. Found by translating the UTF-8 bytes (one C pass) rather than by a
# regex, whose character-class start costs 13 ns a character, twice the whole scan.
_UNLABELLED_AWS = Kind("AWS secret access key",
                       r"(?<![A-Za-z0-9/+=_-])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=_-])",
                       _base64_key)
_RUN_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+"
_RUN_TABLE = bytes(ord("a") if b in _RUN_CHARS else ord("j") if b in b"=_-" else ord(" ")
                   for b in range(256))
_RUN = b"a" * 40

# Every kind, by priority (the reference scan the tests compare the fast one with runs each
# over the whole text): those a prefix names, then those a label or keyword names.
_GENERIC = (_URL_PASSWORD, _BEARER, _BASIC, _AWS_SECRET, _ASSIGNMENT, _UNLABELLED_AWS)
KINDS: tuple[Kind, ...] = (
    *dict.fromkeys(k for _, kinds in _TRIGGERS for k in kinds if k not in _GENERIC), *_GENERIC)
_PRIORITY = {kind: index for index, kind in enumerate(KINDS)}

# A private key's body: base64 lines after its armour (or, in a one-line string, `\n`-joined
# base64 after it on the same line), up to the END armour.
_BODY_LINE = (r"[ \t>`]*(?P<b>[A-Za-z0-9+/=]{16,}|(?:Proc-Type|DEK-Info|Comment):[^\n]*)"
              r"[ \t`]*\r?(?:\n|$)")
_BODY_INLINE = r"(?:\\[nr])+(?P<b>(?:[A-Za-z0-9+/=]|\\[nr])*[A-Za-z0-9+/=])"


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class _Span(NamedTuple):
    priority: int
    kind: str
    start: int
    end: int
    reported: bool  # False for a private key's body: masked, but the armour is the finding


def _spans(text: str) -> Iterator[_Span]:
    if len(text) <= _SHORT and _any_trigger().search(text) is None:
        if len(text) >= 40:  # the shortest unlabelled key
            yield from _unlabelled(text, text.encode("utf-8", "replace"))
        return
    for trigger, kinds in _compiled_triggers():
        line_end = -1
        for hit in trigger.finditer(text):
            if hit.start() <= line_end:
                continue  # on a line already searched
            line_start = text.rfind("\n", 0, hit.start()) + 1
            line_end = text.find("\n", hit.end())
            line_end = len(text) if line_end < 0 else line_end
            for kind in kinds:
                yield from _found(text, kind, _pattern(kind.pattern).finditer(text, line_start,
                                                                               line_end))
    yield from _unlabelled(text, text.encode("utf-8", "replace"))


def _found(text: str, kind: Kind, found: Iterable[re.Match[str]]) -> Iterator[_Span]:
    priority = _PRIORITY[kind]
    for match in found:
        group = "s" if "s" in match.re.groupindex else 0
        start, end = match.span(group)
        if kind.guard is not None and not kind.guard(match.group(group)):
            continue
        yield _Span(priority, kind_name(kind, match), start, end, True)
        if kind.name == _PRIVATE_KEY:
            yield from _body(text, end, priority)


def _body(text: str, at: int, priority: int) -> Iterator[_Span]:
    inline = _pattern(_BODY_INLINE).match(text, at)
    if inline is not None:
        yield _Span(priority, _PRIVATE_KEY, inline.start("b"), inline.end("b"), False)
        return
    at = text.find("\n", at)
    while at >= 0:
        line = _pattern(_BODY_LINE).match(text, at + 1)
        if line is None:
            return
        yield _Span(priority, _PRIVATE_KEY, line.start("b"), line.end("b"), False)
        at = line.end() - 1 if text[line.end() - 1:line.end()] == "\n" else -1


def _unlabelled(text: str, encoded: bytes) -> Iterator[_Span]:
    runs = encoded.translate(_RUN_TABLE)
    at = runs.find(_RUN)
    ascii_only = at >= 0 and text.isascii()  # then byte offsets are character offsets
    while at >= 0:
        before = runs[at - 1:at] if at else b" "
        after = runs[at + 40:at + 41] or b" "
        if before == b" " and after == b" ":
            start = at if ascii_only else len(encoded[:at].decode("utf-8", "replace"))
            value = text[start:start + 40]
            if _base64_key(value):
                yield _Span(_PRIORITY[_UNLABELLED_AWS], _UNLABELLED_AWS.name, start,
                            start + 40, True)
            at += 40
        else:  # part of a longer run: skip it
            at = runs.find(b" ", at)
            if at < 0:
                return
        at = runs.find(_RUN, at)


def _resolved(spans: Iterable[_Span]) -> list[_Span]:
    """One span for each stretch of text: the highest-priority kind where spans overlap."""
    kept: list[_Span] = []
    for span in sorted(set(spans)):
        if not any(span.start < k.end and k.start < span.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def scan(text: str) -> list[Secret]:
    """Every secret in ``text``, in text order: what RL210 reports."""
    return [Secret(s.kind, s.start, s.end, text[s.start:s.end])
            for s in _resolved(_spans(text)) if s.reported]


def redact(text: str) -> str:
    """``text`` with every secret in it masked: applied to everything reportlint shows of a
    report, so a secret quoted by another finding (a field value, a cell) never reaches a log.
    Line breaks are kept."""
    spans = sorted(set(_spans(text)), key=lambda s: (s.start, s.priority))
    if not spans:
        return text
    # Every span is masked, overlapping ones as one stretch, so no part of any survives.
    out: list[str] = []
    done = 0
    index = 0
    while index < len(spans):
        group = [spans[index]]
        end = spans[index].end
        index += 1
        while index < len(spans) and spans[index].start < end:
            group.append(spans[index])
            end = max(end, spans[index].end)
            index += 1
        start = max(group[0].start, done)
        out.append(text[done:start])
        out.append(_masked(text[start:end], group))
        done = max(done, end)
    out.append(text[done:])
    return "".join(out)


def _masked(value: str, group: list[_Span]) -> str:
    if all(s.kind == _PRIVATE_KEY for s in group):
        if all(s.reported for s in group):
            return value  # the armour line is public; the key is on the lines after it
        if not any(s.reported for s in group):
            return f"…({len(value)} characters)"
    return mask(value)


def shown(secret: Secret) -> str:
    """How a finding names a secret: a private key by its (public) armour line, anything
    else masked."""
    return secret.value if secret.kind == _PRIVATE_KEY else mask(secret.value)


# The prefixes a credential's issuer publishes to mark its kind (`glpat-`, `npm_`, `AKIA`): no
# part of the secret. Nothing else of a secret is ever shown, not even its first characters
# (a password or a key in an assignment has no public part).
_PUBLIC_PREFIX = lazyre.compile(
    r"gh[pousr]_|github_pat_|gl(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas)-|npm_|pypi-"
    r"|xox[abposr]-|sk-(?:proj-|ant-(?:api\d\d-)?)?|[sr]k_(?:live|test)_|dckr_pat_|dop_v1_"
    r"|hf_|shp(?:at|ca|pa|ss)_|hv[sb]\.|SG\.|A3T|AKIA|ASIA|ABIA|ACCA|AIza|eyJ")


def mask(secret: str) -> str:
    """Enough to find it in the file, never enough to use it: the public prefix of its kind,
    if it has one, and the length."""
    prefix = _PUBLIC_PREFIX.match(secret)
    shown = prefix.group() if prefix and prefix.end() < len(secret) else ""
    return f"{shown}…({len(secret)} characters)"


_WORDS = r"[^\W_]+"


class Redactor:
    """Masks, in any text, the secrets of the given documents as well as those the text shows
    by itself: for output that shows a report in pieces (the strings of its model, the
    changed lines of a diff, a normalised key), where a piece alone may not show what it
    holds (a private key's body line, a password whose label is in another cell)."""

    def __init__(self, *documents: str) -> None:
        self._masks: dict[str, str] = {}
        for document in documents:
            for span in _spans(document):
                value = document[span.start:span.end]
                if span.kind == _PRIVATE_KEY and span.reported:
                    continue  # the armour line: public
                words = re.findall(_WORDS, value.casefold())
                shown = _masked(value, [span])
                # As written, as in a section's or a field's key, and word by word.
                for piece in (value, "-".join(words), *words):
                    if len(piece) >= 8:
                        self._masks.setdefault(piece.casefold(), shown)
        ordered = sorted(self._masks, key=len, reverse=True)
        self._known = re.compile("|".join(map(re.escape, ordered)), re.IGNORECASE) \
            if ordered else None

    def __call__(self, text: str) -> str:
        text = redact(text)
        if self._known is None:
            return text
        return self._known.sub(lambda m: self._masks[m.group(0).casefold()], text)

    def all(self, value: Any) -> Any:
        """``value`` (a model, a fix hint) with every string in it, keys too, redacted."""
        if self._known is None:
            # One scan of every string, a line each (no match spans a line), finds what a scan
            # of each finds: when it finds nothing, 200,000 scans of table cells are saved.
            strings: list[str] = []
            _strings(value, strings)
            if next(_spans("\n".join(strings)), None) is None:
                return value
        return self._all(value)

    def _all(self, value: Any) -> Any:
        if isinstance(value, str):
            return self(value)
        if isinstance(value, dict):
            return {self(k) if isinstance(k, str) else k: self._all(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self._all(v) for v in value]
        return value


def _strings(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                out.append(key)
            _strings(item, out)
    elif isinstance(value, list | tuple):
        for item in value:
            _strings(item, out)


def redact_all(value: Any) -> Any:
    """``value`` with every string in it (keys too) redacted: for fix hints."""
    return Redactor().all(value)
