"""Checks a report that claims to be finished (**Status**: COMPLETED, or
**Ready for Review**: ✅ Yes) against its own evidence: quality gate, acceptance criteria,
PRD and CI job rows (a *CI*, *Pipeline*, *Workflow* or *Build* section) that are ❌, failed or
pending; test output that shows failures; unticked
boxes in a Definition of Done, TodoWrite list or acceptance checklist.

Each contradicting row, box or output block is reported, naming the claim it contradicts.

## Why is this bad?
This is the report that most needs a human: it asks for review and handoff while its own
tables say the work is not done. Reviewers who read only the header merge broken work.

## Example
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED

### 5. Quality Gates Status

| Gate | Status | Notes |
|------|--------|-------|
| Lint checks | ❌ | 3 errors |
```

## Use instead
```markdown
## Task Completion Report: BE-014 - Refresh token rotation

**Status**: COMPLETED

### 5. Quality Gates Status

| Gate | Status | Notes |
|------|--------|-------|
| Lint checks | ✅ | No errors |
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlint import lazyre
from reportlint.diagnostics import Severity
from reportlint.quote import quote
from reportlint.rules.base import Context, Hit, define
from reportlint.rules.review._common import content_line, finished_claims

if TYPE_CHECKING:
    from reportlint.nodes import CodeBlock, Report, Section

CODE = define("RL202", "contradicted-claim", Severity.ERROR, __name__)


_NEGATIVE = lazyre.compile(
    r"❌|✗|✘|⛔|🔴|⏳|⚠"
    # `0 failed`, `no failures`, `zero skipped`: a count of none is no failure.
    r"|(?<!\b0 )(?<!\bno )(?<!\bzero )"
    r"\b(?:fail(?:ed|s|ing|ure)?|pending|partial(?:ly)?|blocked|skipped|deferred|todo|wip"
    r"|in progress|not (?:met|done|implemented|started|run|tested|verified|passing|complete))\b"
    r"|^(?:no|n)$",
    re.IGNORECASE)


# Sections whose rows and boxes are evidence for the claim (by words of their keys).
_EVIDENCE = ("quality", "gate", "acceptance", "criteria", "prd", "requirement", "test",
             "verification", "definition-of-done", "todowrite", "checklist", "deliverable",
             # the same in the other languages reports are written in
             "criteri", "critère", "kriter", "akzeptanz", "aceptaci", "aceite",
             "aceita", "qualit", "calidad", "prueba", "verifica", "prüf", "abnahme",
             "definici", "definiç", "définition", "受け入れ", "验收", "驗收", "인수", "품질",
             "테스트", "テスト", "测试", "測試", "品質", "质量",
             # a Definition of Done: `完成标准（DoD）`, `完了条件`, `완료 조건`
             "完成标准", "完成標準", "完了条件", "완료-조건", "완료-기준")
# ... and sections about what comes after the work: a deployment checklist of a backend
# task is the next step, not its evidence.
_NOT_EVIDENCE = ("next", "future", "follow", "recommend", "known-issue", "debt", "scope",
                 "question", "depend", "risk", "deploy", "post-", "rollout", "release",
                 "monitor", "lessons", "goals")


_STATUS_COLUMNS = ("status", "result", "passed", "met")


_NOT_DONE_MARK = lazyre.compile(r"^(?:❌|✗|✘|⛔|🔴|⏳|⚠)")


# The run's own count of its failures (`Tests: 1 failed, 31 passed`, `2 failed, 58 passed in
# 11.42s`, `failed: 2`): the line a reviewer checks, after the failing tests' names.
_COUNTED = r"\b[1-9]\d*\s+(?:failed|failing|failures?|errors?)\b|\bfailed\s*[:=]\s*[1-9]"
_FAILURES = lazyre.compile(r"(?m)^\s*(?:FAIL|FAILED|ERROR)\b|" + _COUNTED)
_FAILED_COUNT = lazyre.compile(_COUNTED, re.IGNORECASE)


# Words a key holds as a word of its own: a CI run's jobs are evidence (`CI run #5531`,
# `Pipeline`), and a `DoD`; a word inside another is not (`decisions`, `specific`). Not `checks`: a
# template's own checklist (`Accessibility Checks`) is wrong-checkbox-state's to report.
_EVIDENCE_WORDS = frozenset({"ci", "pipeline", "pipelines", "workflow", "workflows", "build",
                             "builds", "dod"})


@lru_cache(maxsize=4096)  # section keys repeat from report to report
def _evidence_key(key: str) -> bool:
    # A *Pre-Deployment* list under a *Deployment Checklist* is what must hold first.
    return (any(w in key for w in _EVIDENCE) or key.startswith("pre-deploy")
            or not _EVIDENCE_WORDS.isdisjoint(key.split("-"))) and not _not_evidence(key)


@lru_cache(maxsize=4096)
def _not_evidence(key: str) -> bool:
    # What must hold before a deployment is evidence; the deployment itself is what's next.
    key = key.replace("pre-deploy", "pre-check")
    return any(w in key for w in _NOT_EVIDENCE)


def _evidence(report: Report) -> Iterator[tuple[str, Section]]:
    """The sections whose rows, boxes and output are evidence for the claim: by their own
    name, or below one that is (a *Definition of Done* with a `#### Backend` checklist), but
    not one that is about what is left (*Next Steps* under *Acceptance Criteria*)."""
    stack = [(child, False) for child in reversed(report["sections"].values())]
    while stack:
        section, inherited = stack.pop()
        key = section["key"]
        counts = (inherited or _evidence_key(key)) and not _not_evidence(key)
        if counts:
            yield key, section
        stack.extend((child, counts) for child in reversed(section["sections"].values()))


def _claim_words(claims: list[tuple[str, int]]) -> str:
    return " and ".join(f"{quote(words, 120)} (line {line})" for words, line in claims)


def check(ctx: Context) -> Iterator[Hit]:
    claims = finished_claims(ctx.report)
    if not claims:
        return
    for key, section in _evidence(ctx.report):
        title = section["title"]
        for table in section["tables"]:
            status_keys = [k for k in table["columns"] if k in _STATUS_COLUMNS]
            for row in table["rows"]:
                for key in status_keys:
                    value = row["cells"].get(key, "")
                    if _NEGATIVE.search(value):
                        first = next(iter(row["cells"].values()), "")
                        yield Hit(row["line"], f"`{quote(first)}` in `{quote(title)}` is "
                                  f"`{quote(value)}`, but the report claims {_claim_words(claims)}")
        for item in section["items"]:
            if item.get("checked") is False:
                yield Hit(item["line"], f"`{quote(item['text'])}` in `{quote(title)}` is not "
                          f"ticked, but the report claims {_claim_words(claims)}")
            elif _NOT_DONE_MARK.match(item["text"]):
                yield Hit(item["line"], f"`{quote(item['text'])}` in `{quote(title)}` is marked "
                          f"as not done, but the report claims {_claim_words(claims)}")
        if _test_output(key):
            for block, at in _failing(section):
                text = block["text"]
                start = text.rfind("\n", 0, at) + 1
                end = text.find("\n", at)
                shown = text[start:end if end >= 0 else len(text)].strip().strip("=")
                yield Hit(content_line(block, at),
                          f"the test output reports failures (`{quote(shown, 80)}`), but the "
                          f"report claims {_claim_words(claims)}")


def reported_blocks(report: Report) -> set[int]:
    """The first lines of the code blocks whose failures this rule reports for ``report``:
    failing-evidence (RL301) leaves them to it, so that one failing run is one finding."""
    if not finished_claims(report):
        return set()
    return {block["line"] for key, section in _evidence(report) if _test_output(key)
            for block, _ in _failing(section)}


def _failing(section: Section) -> list[tuple[CodeBlock, int]]:
    """The section's code blocks showing failures, and where each shows them: the last count
    of failures in it (the run's summary), else its first failure (`FAIL`, `FAILED`); a run
    that a later block of the section shows passing (`20 passed`, no failure: the re-run
    after the fix) is not the report's evidence."""
    found: list[tuple[CodeBlock, int]] = []
    for block in section["code_blocks"]:
        text = block["text"]
        failure = _FAILURES.search(text)
        if failure:
            counts = [m.start() for m in _FAILED_COUNT.finditer(text, failure.start())]
            found.append((block, counts[-1] if counts else failure.start()))
        elif found and _PASSES.search(text):
            found = []  # the runs before this one are superseded
    return found


# A run with passes: `20 passed`, `Tests: 20 passed`, `ok  	pkg`, `PASS`.
_PASSES = lazyre.compile(r"\b[1-9]\d*\s+(?:tests?\s+)?pass(?:ed|ing)\b|^(?:ok|PASS)\b",
                         re.MULTILINE)
# A section that shows the run before the fix on purpose (`First test run (before fix)`).
_BEFORE_THE_FIX = ("before", "first-run", "first-test-run", "initial", "root-cause",
                   "reproduc", "debug")


def _test_output(key: str) -> bool:
    """Whether a section's code blocks are the report's test output, as evidence."""
    return "test" in key and not any(w in key for w in _BEFORE_THE_FIX)
