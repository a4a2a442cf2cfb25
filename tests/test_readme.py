"""The README's examples are what reportlint really prints."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
SESSIONS = re.findall(r"```console\n\$ reportlint (.+)\n(.*?)```", README, re.DOTALL)


def test_readme_has_console_examples() -> None:
    assert SESSIONS


@pytest.mark.parametrize(("command", "output"), SESSIONS, ids=[c for c, _ in SESSIONS])
def test_console_example(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch,
                         command: str, output: str) -> None:
    monkeypatch.chdir(ROOT)
    assert run(*shlex.split(command)).stdout == output


def test_setup_commands_name_the_bundled_example() -> None:
    commands = re.findall(r"```sh\n(.+)\n```", README)
    assert len(commands) == 2
    install, tests = commands
    assert "pip install ." in install
    assert "reportlint check fixtures/completion/valid/full.md" in install
    assert (ROOT / "fixtures/completion/valid/full.md").is_file()
    assert tests.endswith("pip install -e '.[test]' && pytest")
    assert tests.split("&& ")[-2:] == (ROOT / ".ci/run").read_text("utf-8").strip().splitlines(
        )[-1].split("&& ")


def test_configuration_example_is_valid(run: Callable[..., Result], tmp_path: Path) -> None:
    (example,) = re.findall(r"```toml\n(.*?)```", README, re.DOTALL)
    (tmp_path / "pyproject.toml").write_text(example, "utf-8")
    (tmp_path / "report-templates").mkdir()
    report = tmp_path / "docs/reports/acks/r.md"
    report.parent.mkdir(parents=True)
    report.write_text("# Notes\n", "utf-8")
    result = run("check", "--format", "json", report)
    assert result.exit_code == 1, result.stderr
    # Checked as an acknowledgement (per-file-templates), whatever its title says.
    assert {d["message"].split(" (")[0] for d in json.loads(result.stdout)} >= {
        "missing field **Status**", "missing section `Execution Plan`"}
