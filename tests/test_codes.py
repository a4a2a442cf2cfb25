"""The code catalogue: stable, documented in ruff's shape, and printed by the CLI."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from click.testing import Result

from reportlint import codes

ENTRIES = sorted(codes.CODES.values(), key=lambda e: e.code)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.code for e in ENTRIES])
def test_code_shape(entry: codes.Code) -> None:
    assert re.fullmatch(r"RL\d{3}", entry.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", entry.name)
    for heading in ("## Why is this bad?", "## Example", "## Use instead"):
        assert heading in entry.doc, heading
    assert entry.summary
    assert not entry.summary.endswith(".")


def test_names_are_unique() -> None:
    assert len({e.name for e in ENTRIES}) == len(ENTRIES)


def test_rules_lists_every_code(run: Callable[..., Result]) -> None:
    lines = run("rules").stdout.splitlines()
    assert [line.split()[0] for line in lines] == [e.code for e in ENTRIES]
    assert lines[0].startswith("RL001  unreadable-file")


@pytest.mark.parametrize("query", ["RL101", "rl101", "missing-section"])
def test_rule_prints_the_doc(run: Callable[..., Result], query: str) -> None:
    result = run("rule", query)
    assert result.exit_code == 0
    assert result.stdout.startswith("# missing-section (RL101)\n\nDefault severity: error\n")
    assert codes.CODES["RL101"].doc in result.stdout
