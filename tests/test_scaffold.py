"""`reportlint new`: skeletons generated from the templates, which the templates accept but for
the placeholders the author must replace."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from reportlint import templates

from conftest import FIXTURES

NAMES = templates.builtin()[0].names()


@pytest.mark.parametrize("name", NAMES)
def test_untouched_scaffold_has_only_placeholder_findings(run: Callable[..., Result],
                                                          name: str) -> None:
    skeleton = run("new", name)
    assert skeleton.exit_code == 0
    result = run("check", "--isolated", "--format", "json", "-", input=skeleton.stdout)
    found = json.loads(result.stdout)
    assert found
    assert {d["code"] for d in found} == {"RL201"}
    assert (1, "RL201") in [(d["line"], d["code"]) for d in found]  # the title's placeholders
    extracted = json.loads(run("extract", "-", input=skeleton.stdout).stdout)
    assert [r["template"] for r in extracted["reports"]] == [name]


@pytest.mark.parametrize("name", NAMES)
def test_title_from_options(run: Callable[..., Result], name: str) -> None:
    prefix = {"qa": "QA", "fe": "FE", "do": "DO"}.get(name.split("-")[0], "BE")
    skeleton = run("new", name, "--task-id", f"{prefix}-014", "--name", "Refresh token rotation")
    first = skeleton.stdout.splitlines()[0]
    assert first.endswith(f": {prefix}-014 - Refresh token rotation")
    result = run("check", "--isolated", "--format", "json", "-", input=skeleton.stdout)
    assert all(d["line"] != 1 for d in json.loads(result.stdout))


def test_scaffold_is_exact(run: Callable[..., Result]) -> None:
    skeleton = run("new", "progress", "--task-id", "BE-014", "--name", "Refresh token rotation")
    assert skeleton.stdout == (FIXTURES / "scaffold/progress.md").read_text("utf-8")


def test_unknown_template(run: Callable[..., Result]) -> None:
    result = run("new", "nope")
    assert result.exit_code == 2
    assert "unknown template 'nope'" in result.stderr
