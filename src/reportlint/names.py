"""How headings, field labels and column headers become keys, and how titles split."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from reportlint import lazyre

_NUMBER = lazyre.compile(r"^\s*(?:(\d+(?:\.\d+)+)\.?|(\d+|[A-Za-z])[.)])\s+(?=\S)")
_OPTIONAL = lazyre.compile(
    r"\s*\(\s*(?:if\s+any|if\s+applicable|if\s+needed|optional)\s*\)\s*$", re.IGNORECASE
)
_WORD = lazyre.compile(r"[^\W_]+")
_SYMBOLS = lazyre.compile(r"^[\W_]+", re.UNICODE)


# Headings, labels and column headers repeat from report to report: each is worked out once.
@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The normalised name used to match sections, fields and columns.

    ``### 3) Acceptance Criteria Verification ✅`` and ``acceptance criteria verification``
    share the key ``acceptance-criteria-verification``.
    """
    text = _OPTIONAL.sub("", _strip_numbering(text))
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return "-".join(words)


def _strip_numbering(text: str) -> str:
    stripped = _SYMBOLS.sub("", text) if text[:1] and not text[:1].isalnum() else text
    # "A Section" is a word, not a letter-numbered heading: only "a." / "a)" count.
    match = _NUMBER.match(stripped)
    return stripped if match is None else stripped[match.end():]


@lru_cache(maxsize=8192)
def number(text: str) -> str | None:
    """The heading's own numbering (``3``, ``1.2``, ``b``), if it has one."""
    text = _SYMBOLS.sub("", text) if text[:1] and not text[:1].isalnum() else text
    match = _NUMBER.match(text)
    return (match.group(1) or match.group(2)) if match else None


def lead_trimmed(text: str) -> str:
    """Heading text without leading emoji and symbols (``✅ Task ...`` -> ``Task ...``)."""
    return _SYMBOLS.sub("", text).strip()


class Title(NamedTuple):
    label: str | None
    task_id: str | None
    task_name: str | None


_ID_AND_NAME = lazyre.compile(r"^(?P<id>\S+?)(?:\s+[-\u2013\u2014]\s+|:\s+)(?P<name>\S.*)$")
_SPACE = lazyre.compile(r"\s")
_ID_LABEL = lazyre.compile(r"^\[?[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\]?$")


def split_title(text: str) -> Title:
    """``Task Completion Report: BE-001 - Login`` -> label, task id, task name."""
    text = lead_trimmed(text)
    # The full-width colon of Chinese and Japanese titles (`任务完成报告：BE-041 ...`).
    label, colon, rest = text.partition(":" if ":" in text or "：" not in text else "：")
    if not colon:
        return Title(None, None, text or None)
    rest = rest.strip()
    if _ID_LABEL.match(label.strip()):
        # "BE-011: Message status tracking": a title that leads with its task id.
        return Title(None, label.strip(), rest or None)
    if not rest:
        return Title(label.strip(), None, None)
    match = _ID_AND_NAME.match(rest)
    if match:
        return Title(label.strip(), match.group("id"), match.group("name").strip())
    if _SPACE.search(rest) is None and any(c.isdigit() or c in "Xx" for c in rest) and (
        "-" in rest or any(c.isdigit() for c in rest)
    ):
        return Title(label.strip(), rest, None)
    return Title(label.strip(), None, rest)


_TASK_ID = lazyre.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+\b")


_LEADING_ID = lazyre.compile(r"^(?P<id>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+)\s+(?P<name>\w.*)$")


def leading_task_id(text: str) -> tuple[str, str] | None:
    """``BE-012 Login API`` -> ``("BE-012", "Login API")``: a task name that starts with its
    task id, with no separator between them."""
    return _unless_a_standard(_LEADING_ID.match(text) if len(text) <= _LONGEST_TITLE else None)


_LONGEST_TITLE = 300  # characters: a longer heading is no title to read an id from
# Names of standards and the like that have the shape of a task id (`UTF-8 Filename
# Handling`, `SHA-256 Checksums`): not read as one where a title's id is guessed.
_STANDARDS = frozenset({"UTF", "SHA", "COVID", "ISO", "RFC", "CVE", "IPV", "HTTP", "TLS",
                        "SSL", "AES", "RSA", "ECMA", "ES", "PEP", "WCAG", "OWASP", "MD",
                        "UTF-16", "IEEE", "CWE", "OAUTH", "H", "X", "PCI-DSS", "SOC"})


def _unless_a_standard(match: re.Match[str] | None) -> tuple[str, str] | None:
    if match is None or match.group("id").rpartition("-")[0].upper() in _STANDARDS:
        return None
    return match.group("id"), (match.group("name") or "").strip()


_AFTER_LABEL = lazyre.compile(
    r"^[^\W\d][^\s:\u2013\u2014-]*(?:\s+[^\s:\u2013\u2014-]+)*\s+[-\u2013\u2014]\s+"
    r"(?P<id>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+)"
    r"(?:(?:\s+[-\u2013\u2014]\s+|:\s+|\s+)(?P<name>\w.*?))?\s*$")


def dashed_title(text: str) -> tuple[str, str] | None:
    """``Progress Update — FE-031 Checkout Form`` -> ``("FE-031", "Checkout Form")``: a
    title whose label is followed by a dash, not a colon, then the task id and name (``""``
    when the title stops at the id: ``Task Completion Report — BE-012``)."""
    match = _AFTER_LABEL.match(lead_trimmed(text)) if len(text) <= _LONGEST_TITLE else None
    return _unless_a_standard(match)


# A title's label, when it is a report's: the words the templates' titles are made of.
_REPORT_LABEL = lazyre.compile(
    r"^(?P<label>(?:[^\W\d]+\s+){0,4}(?:report|update|acknowledg\w*|summary|handoff|handover)"
    r")\s+[-\u2013\u2014]\s+(?P<name>\w.*?)\s*$", re.IGNORECASE)


def dashed_name(text: str) -> tuple[str, str] | None:
    """``Progress Update - week 3`` -> ``("Progress Update", "week 3")``: a report's label, a
    dash where the template has a colon, and what the report is about (no task id)."""
    match = _REPORT_LABEL.match(lead_trimmed(text)) if len(text) <= _LONGEST_TITLE else None
    return None if match is None else (match.group("label"), match.group("name"))


def task_in(heading: str) -> tuple[str | None, str]:
    """The task id and name a heading names, title or not: ``BE-009 Evidence: Dashboard`` ->
    ``("BE-009", "Dashboard")``."""
    parts = split_title(heading)
    if parts.task_id:
        return parts.task_id, parts.task_name or ""
    found = _TASK_ID.search(heading)
    if found is None:
        return None, ""
    before = heading[:found.start()].rstrip()
    if before.endswith(("(", "[")) and before[:-1].strip():
        # `Login hardening (SEC-014) — verification summary`: the name comes first.
        return found.group(), before[:-1].strip(_SEPARATORS)
    rest = heading[found.end():]
    rest = rest.partition(":")[2] if ":" in rest else rest.lstrip(")]")
    return found.group(), rest.strip(_SEPARATORS)


# What agents put between a task's id and its name: `BE-115 · Loyalty points API`.
_SEPARATORS = " -\u2013\u2014\u00b7|\u2022/"


def atx_text(line: str) -> str:
    """The text of a heading's source line: ``## Title ##`` -> ``Title`` (a setext heading's
    line is its text already)."""
    text = line.strip()
    if not text.startswith("#"):
        return text
    text = text.lstrip("#").strip()
    body, _, closing = text.rpartition(" ")
    return body.rstrip() if closing and set(closing) == {"#"} else text


# Words too common in headings to say two are the same section on their own; they count
# as one word ("Overview" and "Summary" are alike, and alike nothing else).
_GENERIC = frozenset({"summary", "overview", "report", "check", "checks", "status", "details",
                      "notes", "list", "items", "section", "info", "information", "results",
                      "result", "all", "met", "done", "complete", "completed", "resolved",
                      "verified", "passed", "task", "tasks"})
_STOP = frozenset({"of", "and", "the", "for", "to", "on", "in", "a", "an", "with", "by", "or",
                   "other", "if", "any", "applicable", "what", "was", "were", "has", "have",
                   "been", "is", "are", "this", "that", "new"})
# Words that name the same thing in a heading, by stem.
_SAME = {"creat": "chang", "added": "chang", "modif": "chang", "touch": "chang",
         "limit": "issue", "probl": "issue", "gotch": "issue", "cavea": "issue",
         "bug": "issue", "risk": "issue", "imple": "imple", "testi": "test",
         "succe": "accep", "work": "imple"}


def _stem(word: str, plain: bool = False) -> str:
    if word in _GENERIC and not plain:
        return "*"
    stem = word.removesuffix("es") if word.endswith(("ses", "xes")) else word.rstrip("s")
    stem = stem[:5]
    return _SAME.get(stem, stem)


@lru_cache(maxsize=4096)
def _stems(key: str, plain: bool = False) -> frozenset[str]:
    return frozenset({_stem(w, plain) for w in key.split("-")
                      if w and w not in _STOP and not any(c.isdigit() for c in w)})


def similar(name: str, candidates: list[str]) -> list[str]:
    """The candidate key that most likely means ``name`` (at most one): a near spelling
    (`executon-plan`), or one that shares the words that tell sections apart (`files-created`
    for `files-changed`, `next-steps` for `recommendations-for-next-steps`; never
    `files-summary` for `implementation-summary` or `2-project-structure` for
    `2-prd-alignment-check`)."""
    import difflib  # only when something is missing: not at start-up

    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.85)
    if close:
        return close
    # A name made only of common words (`Completed Items`) is told apart by those words.
    plain = not (_stems(name) - {"*"})
    telling = _stems(name, plain) - {"*"}
    best, top = None, 0.0
    for candidate in candidates:
        told = _stems(candidate, plain) - {"*"}
        if not told & telling:
            continue
        score = len(told & telling) / len(told | telling)
        alike = score > 0.5 or told <= telling or (telling <= told and len(telling) >= 2)
        if alike and score > top:
            best, top = candidate, score
    return [best] if best is not None else []


# What agents append to a heading to say how it went (`Code Quality - VERIFIED`, `Created
# Files - ALL DELIVERED`): not part of its name.
_DECORATION = frozenset({"completed", "complete", "done", "verified", "passed", "all", "met",
                         "resolved", "delivered", "finished", "ok"})
# A heading's lead before a dash or a colon: `NEEDED - Multi-Service Tests` names `Needed`.
_LEAD = lazyre.compile(r"\s+[-\u2013\u2014|]\s+|:")


_SUFFIXES = ("ations", "ation", "ions", "ion", "ings", "ing", "ities", "ity", "ies", "ed", "es",
             "s", "e")


@lru_cache(maxsize=4096)
def _alias_stem(word: str) -> str:
    """A word without its ending (`completion`, `completed` -> `complet`; `complexity` ->
    `complex`): five letters alone would make `Complexity` a `Completion Date`."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            break
    return _SAME.get(word[:5], word)


# Cached: a report missing a few sections scores every heading against every alias of each
# (the real corpus: 117,000 calls for 28 files, most of its check's time uncached).
@lru_cache(maxsize=4096)
def _plain(text: str, keep: frozenset[str] | None = None) -> frozenset[str]:
    """The word stems of a name; with ``keep``, less the decoration words not in it."""
    return frozenset({_alias_stem(w) for w in key(text).split("-")
            if w and w not in _STOP and not any(c.isdigit() for c in w)
            and (keep is None or w not in _DECORATION or _alias_stem(w) in keep)})


@lru_cache(maxsize=8192)
def _alias_score(alias: frozenset[str], text: str) -> float:
    """How well ``text`` (a heading or a label) is named by one alias (its word stems): all
    of the alias's words in it and few others (one-word aliases: none)."""
    best = 0.0
    for name in {text, _LEAD.split(text, 1)[0]}:
        words = _plain(name, frozenset(alias))
        extra = len(words - alias)
        if alias <= words and (extra == 0 or (len(alias) >= 2 and extra <= len(alias))):
            best = max(best, len(alias) / len(words))
    return best


def aliased(aliases: Sequence[str], texts: Sequence[str], weak: bool = True,
            least: float = 0.0, words_at_least: int = 1) -> int | None:
    """The index of the text (a heading or a field's label) that one of ``aliases`` names:
    the names a template accepts for a section or a field (``x-aliases``: `Completion Date`
    for **Completed**, `Code Quality` for *Quality Gates Status*). A renamed heading keeps
    the alias's words (`Code Quality - VERIFIED`, `Date Completed`); the best named wins,
    then the earlier alias, then the earlier text. ``weak``: whether a one-word alias
    (`Results`, `QA`) counts on its own, weak evidence where the heading is not where the
    section goes (else only as the label a heading leads with, `NEEDED - ...`);
    ``least``: the share of the text's words an alias must make up, above which it counts.
    ``words_at_least``: the words an alias must have to count (stop words aside). None when
    no alias names any text."""
    best: tuple[float, int, int] | None = None
    for rank, alias in enumerate(aliases):
        words = _plain(alias)
        if not words or len(words) < words_at_least:
            continue
        for index, text in enumerate(texts):
            if len(words) < 2 and not weak:
                # Only as the label a heading leads with: `🔄 NEEDED - Integration tests`.
                lead = _LEAD.split(text, 1)
                score = 1.0 if (len(lead) == 2 and _plain(lead[0]) == words
                                and not any(c.isdigit() for c in lead[0])) else 0.0
            else:
                score = _alias_score(words, text)
            if score > least and (best is None
                                  or (-score, rank, index) < (-best[0], best[1], best[2])):
                best = (score, rank, index)
    return best[2] if best is not None else None
