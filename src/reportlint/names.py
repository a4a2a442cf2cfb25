"""How headings, field labels and column headers become keys, and how titles split."""

from __future__ import annotations

import re
import unicodedata
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
    label, colon, rest = text.partition(":")
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


def task_in(heading: str) -> tuple[str | None, str]:
    """The task id and name a heading names, title or not: ``BE-009 Evidence: Dashboard`` ->
    ``("BE-009", "Dashboard")``."""
    parts = split_title(heading)
    if parts.task_id:
        return parts.task_id, parts.task_name or ""
    found = _TASK_ID.search(heading)
    if found is None:
        return None, ""
    rest = heading[found.end():]
    return found.group(), (rest.partition(":")[2] if ":" in rest else rest).strip(" -\u2013\u2014")


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


def _stems(key: str, plain: bool = False) -> set[str]:
    return {_stem(w, plain) for w in key.split("-")
            if w and w not in _STOP and not any(c.isdigit() for c in w)}


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
