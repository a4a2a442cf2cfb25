#!/usr/bin/env python3
"""Deterministic generator of realistic agent reports for reportlint's benchmark.

    python bench/gen_corpus.py OUTDIR --count 1000 [--seed 7] [--mix drifted|clean] [--large]

Writes ``report-NNNN.md`` files: the backend role's acknowledgements, progress updates and
completion reports (about 1 : 1 : 2, task ids BE-NNN), about 5 KB each on average.

``--mix drifted`` (the default) writes reports as agents write them (the real corpus): about
nine in ten drift from their template in two to five ways (sections renamed, missing or
added, tables with other columns, failing test output under a passing claim, placeholders
left in, statuses in other words, dates in other shapes), so most files have several
findings. ``--mix clean``: about one in ten with one defect (a missing section, a placeholder
left in, a wrong status, an unticked completed item, a missing column), the corpus of the
earlier benchmarks. File ``i`` depends only on ``--seed``, ``--mix`` and ``i``.
``--large`` adds ``large.md``: one completion report of about 2 MB whose Files Changed table
has 40,000 rows.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

AREAS = ["auth", "billing", "orders", "search", "notifications", "reports", "users", "audit"]
VERBS = ["Implement", "Add", "Refactor", "Harden", "Migrate", "Extend", "Optimise", "Fix"]
THINGS = ["refresh token rotation", "invoice export", "rate limiting", "webhook retries",
          "CSV import", "audit trail", "search indexing", "session store", "password reset"]
DEFECTS = ["missing-section", "placeholder", "status", "unticked", "column"]


SENTENCES = [
    "The change keeps the existing public contract and only adds optional fields.",
    "Validation errors are returned in the standard error envelope with a stable code.",
    "The repository layer now batches writes, which removed an N+1 query on the list endpoint.",
    "Feature flags guard the new behaviour so it can be switched off without a deploy.",
    "Logs carry the correlation id from the gateway, so a request can be traced end to end.",
    "The migration is additive; the down step drops the new table and index again.",
    "Load testing at twice the expected peak showed no errors and a flat p95 latency.",
    "Edge cases from the PRD (empty input, duplicates, unicode) have dedicated tests.",
    "Secrets are read from the secret store at start-up; nothing is committed.",
    "The old code path stays for one release behind a flag, then it will be removed.",
]


def _prose(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def _date(rng: random.Random) -> tuple[str, str]:
    day = rng.randint(1, 27)
    start = f"2025-{rng.randint(1, 12):02d}-{day:02d} {rng.randint(8, 11):02d}:00"
    end = start[:8] + f"{day + 1:02d} {rng.randint(12, 18):02d}:30"
    return start, end


def _files(rng: random.Random, area: str, rows: int) -> str:
    kinds = ["Added", "Modified", "Modified", "Deleted"]
    lines = ["| File | Change Type | Description |", "|------|-------------|-------------|"]
    for i in range(rows):
        lines.append(f"| `src/{area}/f{i}.ts` | {rng.choice(kinds)} | "
                     f"{rng.choice(VERBS)} {rng.choice(THINGS)} |")
    return "\n".join(lines)


def acknowledgement(rng: random.Random, task: str, name: str) -> str:
    start, _ = _date(rng)
    steps = "\n".join(f"{i}. {rng.choice(VERBS)} the {rng.choice(THINGS)} layer - Est: "
                      f"{rng.randint(1, 6)} hours" for i in range(1, rng.randint(5, 12)))
    todo = "\n".join(f"- [ ] [P{rng.randint(1, 3)}] {task}: {rng.choice(THINGS)}"
                     for _ in range(rng.randint(4, 10)))
    questions = "\n".join(f"{i}. Should the {rng.choice(THINGS)} cover "
                          f"{rng.choice(AREAS)} as well, or is that a separate task?"
                          for i in range(1, rng.randint(2, 5)))
    return f"""## Task Acknowledged: {task} - {name}

**Status**: IN PROGRESS
**Started**: {start}

### Understanding Confirmation
- PRD Reference: Section {rng.randint(2, 9)}, FR-{rng.randint(1, 80):03d}
- Scope: {name} for the {rng.choice(AREAS)} service, including persistence, validation and
  the API surface; the user interface is tracked in a separate frontend task
- Deliverables: endpoints, migrations, unit and integration tests (80%+ coverage), OpenAPI
  documentation and a short runbook entry

### Clarification Questions (if any)
{questions}

{_prose(rng, rng.randint(22, 44))}

### Execution Plan
{steps}

### TodoWrite Tracking Initialized
{todo}
"""


def progress(rng: random.Random, task: str, name: str) -> str:
    _, updated = _date(rng)
    status = rng.choice(["IN PROGRESS", "IN PROGRESS", "BLOCKED", "NEEDS CLARIFICATION"])
    done = "\n".join(f"- [x] {rng.choice(VERBS)} {rng.choice(THINGS)} ({rng.choice(AREAS)})"
                     for _ in range(rng.randint(5, 14)))
    doing = "\n".join(f"- [ ] {rng.choice(VERBS)} {rng.choice(THINGS)} - ETA: {updated[:10]}"
                      for _ in range(rng.randint(1, 4)))
    blockers = ""
    if status == "BLOCKED":
        blockers = ("\n### Blockers (if any)\n| Blocker | Impact | Resolution Needed |\n"
                    "|---------|--------|-------------------|\n"
                    f"| Staging {rng.choice(AREAS)} database is read-only | Cannot run the "
                    "migration | DevOps to restore write access |\n")
    questions = (f"\n### Questions for PM\n1. Is the {rng.choice(THINGS)} in scope for this "
                 "release, or can it wait for the next one?\n")
    return f"""## Progress Update: {task} - {name}

**Status**: {status}
**Progress**: {rng.randint(5, 95)}% complete
**Updated**: {updated}

{_prose(rng, rng.randint(22, 44))}

### Completed Items
{done}

### In Progress
{doing}
{blockers}{questions}"""


def completion(rng: random.Random, task: str, name: str, rows: int | None = None) -> str:
    start, end = _date(rng)
    area = rng.choice(AREAS)
    implemented = "\n".join(f"- {rng.choice(THINGS).title()}: {rng.choice(VERBS).lower()}s the "
                            f"{area} flow end to end" for _ in range(rng.randint(2, 5)))
    criteria = "\n".join(f"| {rng.choice(VERBS)} {rng.choice(THINGS)} works for {area} | ✅ "
                         f"Pass | `{area}.e2e-spec.ts` |" for _ in range(rng.randint(2, 6)))
    return f"""## Task Completion Report: {task} - {name}

**Status**: COMPLETED
**Started**: {start}
**Completed**: {end}
**Actual Effort**: {rng.randint(4, 30)} hours

---

### 1. Implementation Summary

#### What Was Implemented
{implemented}

{_prose(rng, rng.randint(22, 48))}

#### Technical Decisions
| Decision | Rationale | Alternatives Considered |
|----------|-----------|------------------------|
| Keep {area} state in PostgreSQL | Needs transactions | Redis |

#### Files Changed
{_files(rng, area, rows if rows is not None else rng.randint(8, 30))}

---

### 2. PRD Alignment Check

| PRD Requirement | Status | Implementation |
|-----------------|--------|----------------|
| FR-{rng.randint(1, 80):03d}: {name} | ✅ Implemented | {area} service |

### 3. Acceptance Criteria Verification

| Criteria | Status | Evidence |
|----------|--------|----------|
{criteria}

### 4. Test Coverage Report

| Test Type | Coverage | Status |
|-----------|----------|--------|
| Unit Tests | {rng.randint(80, 97)}% | ✅ Pass |
| Integration Tests | {rng.randint(5, 40)} tests | ✅ Pass |

**Test Execution Output:**
```
PASS  src/{area}/{area}.service.spec.ts
Tests: {rng.randint(20, 200)} passed, 0 failed
```

### 5. Quality Gates Status

| Gate | Status | Notes |
|------|--------|-------|
| All tests passing | ✅ | CI green |
| Lint checks | ✅ | No errors |

### 9. Dependencies on Other Tasks

| Task ID | Description | Status |
|---------|-------------|--------|
| FE-{rng.randint(1, 99):03d} | Frontend integration | Ready for handoff |

### 10. Known Issues / Technical Debt

| Issue | Severity | Recommendation |
|-------|----------|----------------|
| Old {area} rows are never purged | Low | Nightly cleanup job |

### 11. Recommendations for Next Steps

1. **For PM**: Schedule the cleanup job
2. **For QA**: Test concurrent use of the {rng.choice(THINGS)}

---

**Ready for Review**: ✅ Yes
**Handoff to**: QA (QA-{rng.randint(1, 99):03d})
"""


def _defect(rng: random.Random, text: str) -> str:
    kind = rng.choice(DEFECTS)
    if kind == "missing-section":
        start = text.find("\n### ", text.find("\n### ") + 1)
        end = text.find("\n### ", start + 1)
        return text if start < 0 or end < 0 else text[:start] + text[end:]
    if kind == "placeholder":
        return text.replace("**Status**:", "**Status**: [Status]\n**Notes**:", 1)
    if kind == "status":
        return text.replace("**Status**: ", "**Status**: Done ", 1)
    if kind == "unticked":
        return text.replace("- [x]", "- [ ]", 1)
    return text.replace("| Change Type ", "", 1)


# Section headings as agents rename them.
RENAMED = {
    "### Files Changed": "### Files Modified", "#### Files Changed": "#### Changes Made",
    "### Completed Items": "### Done So Far", "### In Progress": "### Currently Working On",
    "### Execution Plan": "### Implementation Plan", "### Understanding Confirmation":
    "### My Understanding", "### 4. Test Coverage Report": "### 4. Testing",
    "### 3. Acceptance Criteria Verification": "### 3. Success Criteria",
    "### 1. Implementation Summary": "### 1. Summary of Work",
    "### 10. Known Issues / Technical Debt": "### 10. Known Limitations",
}
EXTRA = [
    "### Notes\n\nThe staging environment was flaky on Tuesday; two runs were repeated.\n",
    "### Screenshots\n\n![dashboard](docs/img/dashboard.png)\n",
    "### Lessons Learned\n\n- Smaller pull requests were reviewed the same day.\n"
    "- The fixtures in `tests/data` should be shared with the frontend team.\n",
]
FAILING = """
**Test Execution Output:**
```
FAIL  src/{area}/{area}.service.spec.ts
  ● {area} service › rejects an expired token
Tests: 3 failed, {passed} passed, {total} total
```
"""


def _drift(rng: random.Random, text: str) -> str:
    """Two to five of the ways real reports drift from their template."""
    area = rng.choice(AREAS)
    for kind in rng.sample(["rename", "rename", "missing", "extra", "columns", "failing",
                            "placeholder", "status", "date", "unticked"], rng.randint(2, 5)):
        if kind == "rename":
            found = [old for old in RENAMED if old + "\n" in text]
            if found:
                old = rng.choice(found)
                text = text.replace(old + "\n", RENAMED[old] + "\n", 1)
        elif kind == "missing":
            text = _defect_kind(rng, text, "missing-section")
        elif kind == "extra":
            cut = text.rfind("\n### ")
            if cut > 0:
                text = text[:cut] + "\n" + rng.choice(EXTRA) + text[cut:]
        elif kind == "columns":
            text = (text.replace("| File | Change Type | Description |",
                                 "| Path | Kind | Notes | Lines |", 1)
                    .replace("| Test Type | Coverage | Status |", "| Suite | Result |", 1)
                    .replace("| Criteria | Status | Evidence |", "| Criterion | Done |", 1))
        elif kind == "failing":
            passed = rng.randint(20, 200)
            failing = FAILING.format(area=area, passed=passed, total=passed + 3)
            start = text.find("\n**Test Execution Output:**")
            if start >= 0:
                end = text.find("```\n", text.find("```", start) + 3) + 4
                text = text[:start] + failing + text[end:]
            else:
                text = text.rstrip("\n") + "\n" + failing
        elif kind == "placeholder":
            text = text.replace("**Status**:", rng.choice(
                ["**Owner**: [Your Name]\n**Status**:", "**Reviewer**: TBD\n**Status**:",
                 "**Notes**: <add notes here>\n**Status**:"]), 1)
            text = text.replace(" | Needs transactions |", " | TODO |", 1)
        elif kind == "status":
            text = text.replace("**Status**: COMPLETED", rng.choice(
                ["**Status**: ✅ Done", "**Status**: Complete!", "**Status**: finished"]), 1)
            text = text.replace("**Status**: IN PROGRESS", "**Status**: ongoing", 1)
        elif kind == "date":
            text = text.replace("**Started**: 2025-", "**Started**: 2025/", 1)
        else:
            text = text.replace("- [x]", "- [ ]", 1)
    return text


def _defect_kind(rng: random.Random, text: str, kind: str) -> str:
    if kind == "missing-section":
        start = text.find("\n### ", text.find("\n### ") + 1)
        end = text.find("\n### ", start + 1)
        return text if start < 0 or end < 0 else text[:start] + text[end:]
    return text


def report(seed: int, index: int, mix: str = "clean") -> str:
    """Report ``index``: with ``mix`` "clean" as the earlier benchmarks had it (and the golden
    run records), with "drifted" as agents write them."""
    rng = random.Random(f"{seed}-{index}" if mix == "clean" else f"{seed}-{mix}-{index}")
    task = f"BE-{rng.randint(1, 999):03d}"  # the backend role's reports
    name = f"{rng.choice(VERBS)} {rng.choice(THINGS)}"
    kind = rng.choice([acknowledgement, progress, completion, completion])
    text = kind(rng, task, name)
    if mix == "drifted":
        return _drift(rng, text) if rng.random() < 0.9 else text
    return _defect(rng, text) if rng.random() < 0.1 else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mix", choices=["drifted", "clean"], default="drifted")
    parser.add_argument("--large", action="store_true")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for index in range(args.count):
        (args.outdir / f"report-{index:04d}.md").write_text(report(args.seed, index, args.mix),
                                                                "utf-8")
    if args.large:
        rng = random.Random(f"{args.seed}-large")
        text = completion(rng, "BE-900", "Bulk import of the product catalogue", rows=40_000)
        (args.outdir / "large.md").write_text(text, "utf-8")


if __name__ == "__main__":
    main()
