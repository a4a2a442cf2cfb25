"""Reviewer rules: fixtures that trigger each rule and near-misses that must not, and each
rule's documented Example (triggers) and Use instead (does not)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from reportlint import codes
from reportlint.rules.base import Rule

from conftest import FIXTURES, ROOT, expected

RULE_FIXTURES = sorted((FIXTURES / "rules").glob("*/*.md"))
# Rules that need `--diff-base` are tested against real git repositories in test_diff_base.py;
# those that need `--evidence` files, with them in test_claims.py.
RULES = [r for r in codes.RULES if "--diff-base" not in r.code.doc
         and "--evidence" not in r.code.doc]


def findings(run: Callable[..., Result], *args: str, input: str | None = None
             ) -> list[tuple[int, str]]:
    result = run("check", "--format", "json", "--isolated", *args, input=input)
    assert result.exit_code in (0, 1), result.output
    return [(d["line"], d["code"]) for d in json.loads(result.stdout)]


def test_every_reviewer_rule_has_fixtures() -> None:
    named = {p.parent.name for p in RULE_FIXTURES}
    for rule in RULES:
        assert rule.code.name in named, rule.code.name
        folder = FIXTURES / "rules" / rule.code.name
        assert (folder / "bad.md").is_file()
        assert (folder / "near-misses.md").is_file()


@pytest.mark.parametrize("path", RULE_FIXTURES,
                         ids=[str(p.relative_to(FIXTURES / "rules")) for p in RULE_FIXTURES])
def test_rule_fixture(run: Callable[..., Result], path: Path) -> None:
    entry = codes.by_name(path.parent.name)
    assert entry is not None
    wanted = expected(path)
    if path.stem == "near-misses":
        assert wanted == []
    else:
        assert wanted
    assert [f for f in findings(run, str(path)) if f[1] == entry.code] == wanted


def _block(doc: str, heading: str) -> str:
    match = re.search(rf"## {heading}\n(`{{3,}})markdown\n(.*?)\n\1(?:\n|$)", doc, re.DOTALL)
    assert match, heading
    return match.group(2) + "\n"


@pytest.mark.parametrize("rule", RULES, ids=[r.code.code for r in RULES])
def test_documented_example_triggers_and_fix_does_not(run: Callable[..., Result],
                                                      rule: Rule) -> None:
    code = rule.code.code
    before = findings(run, "-", input=_block(rule.code.doc, "Example"))
    after = findings(run, "-", input=_block(rule.code.doc, "Use instead"))
    assert code in [c for _, c in before]
    assert code not in [c for _, c in after]


def test_rules_doc_is_current(run: Callable[..., Result]) -> None:
    assert (ROOT / "docs/rules.md").read_text("utf-8") == run("rules", "--markdown").stdout, (
        "docs/rules.md is stale: run `reportlint rules --markdown > docs/rules.md`")


def test_a_renamed_field_or_section_is_pointed_at_by_the_template_s_aliases(
        run: Callable[..., Result]) -> None:
    """`x-aliases`: **Completion Date** is the **Completed** field renamed, `Code Quality -
    VERIFIED` the quality gates; `Deployment` and **Complexity** are nothing of the kind."""
    result = run("check", "--isolated", "--format", "json",
                 FIXTURES / "completion/invalid/renamed.md")
    assert [(d["line"], d["code"], d["message"]) for d in json.loads(result.stdout)] == [
        (1, "RL101", "missing section `2. PRD Alignment Check` (expected after `1. "
                     "Implementation Summary`); no heading in the report looks like it: add it"),
        (1, "RL102", "missing field **Actual Effort** (expected `**Actual Effort**: 6 hours`)"),
        (5, "RL102", "missing field **Completed** (expected `**Completed**: 2025-01-15 09:00`);"
                     " is **Completion Date** on line 5 meant to be it? write it as "
                     "`**Completed**: ...`"),
        (68, "RL101", "missing section `5. Quality Gates Status` (expected after `4. Test "
                      "Coverage Report`); is `Code Quality - VERIFIED` on line 68 meant to be "
                      "it?"),
    ]
