"""A CI run's jobs as agents paste them: ``gh pr checks`` (its table and its tab-separated
form), ``gh run view``, and the job lists of a workflow run copied from its page
(``❌ pytest (py3.12)  failure  4m18s``). Read from the text of one code block into one
:class:`reportlint.evidence.outputs.Result` of kind ``ci``: how many jobs passed and failed,
placed at the first failing job.

A job line holds a verdict (a mark at its start: ``✓``, ``X``, ``❌``...; or a word after its
name: ``pass``, ``fail``, ``failure``...) and something only a CI run prints beside it: a
duration as CI prints one (``2m11s``, ``38s``, not a test's ``(12 ms)``), a URL, or tab
separated fields. Two such lines at least make a list of jobs; a test runner's own output
(a block :mod:`reportlint.evidence.outputs` reads a test summary in) is not one.

Lines are split into words, not matched by a pattern: linear on any input.
"""

from __future__ import annotations

from reportlint.evidence.outputs import Result

_PASS_MARKS = frozenset({"✓", "✔", "✅", "√"})
_FAIL_MARKS = frozenset({"X", "✗", "✘", "❌", "×", "✖"})
_PASS_WORDS = frozenset({"pass", "passed", "success", "successful", "succeeded", "ok"})
_FAIL_WORDS = frozenset({"fail", "failed", "failure", "failing", "error", "errored",
                         "cancelled", "canceled", "timed_out", "timeout"})
_OTHER_WORDS = frozenset({"pending", "skipping", "skipped", "queued", "in_progress",
                          "neutral"})
_UNITS = ("ms", "s", "m", "h")


def _may_fail(text: str) -> bool:
    """Whether a block has a failing job's mark or word anywhere (one C search each)."""
    lowered = text.lower()
    return (any(word in lowered for word in ("fail", "error", "cancel", "timed_out", "timeout"))
            or any(mark in text for mark in ("✗", "✘", "❌", "×", "✖"))
            or text.startswith("X ") or "\nX " in text or " X " in text)


def _duration(word: str) -> bool:
    """A duration as CI prints one: `2m11s`, `4m02s`, `38s`, `1h2m`, `0.8s`."""
    if not word or not word[0].isdigit() or word[-1] not in "smh":
        return False
    digits = word.replace(".", "", 1)
    for unit in _UNITS:
        digits = digits.replace(unit, " ")
    return all(part.isdigit() for part in digits.split()) and digits.strip() != ""


def _verdict(line: str) -> bool | None:
    """True for a passing job's line, False for a failing one's, None for no job line."""
    words = line.split()
    if len(words) < 2:
        return None
    ci = "\t" in line.strip() or any(w.startswith(("https://", "http://")) for w in words) \
        or any(_duration(w) for w in words[1:])
    if not ci:
        return None
    first = words[0]
    if first in _FAIL_MARKS:
        return False
    if first in _PASS_MARKS:
        return True
    for word in words[1:]:
        lowered = word.lower().strip(".,;:()[]")
        if lowered in _FAIL_WORDS:
            return False
        if lowered in _PASS_WORDS:
            return True
        if lowered in _OTHER_WORDS or word.startswith(("https://", "http://")):
            return None
    return None


def read(text: str) -> Result | None:
    """The jobs a block lists, or None when it lists fewer than two or none failed."""
    if not _may_fail(text):
        return None  # most blocks (code, file lists, passing runs) say no failure at all
    passed = failed = 0
    first: tuple[int, int, str] | None = None
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        verdict = _verdict(raw)
        if verdict is True:
            passed += 1
        elif verdict is False:
            failed += 1
            if first is None:
                # The job as it reads: its links are no part of it.
                first = (number, offset, " ".join(w for w in raw.split()
                                                  if not w.startswith(("https://", "http://"))))
        offset += len(raw) + 1
    if first is None or passed + failed < 2:
        return None
    number, at, line = first
    return Result("CI", "ci", number, at, line, outcome="failed", passed=passed,
                  failed=failed, total=passed + failed)
