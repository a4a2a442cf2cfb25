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
SESSIONS = re.findall(r"```console\n\$ reportlint ([^\n]+)\n(.*?)```", README, re.DOTALL)


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
    # CI's first stage is the README's command; its second runs pytest on the lowest versions.
    ci_tests = [line for line in (ROOT / ".ci/run").read_text("utf-8").splitlines()
                if line.split()[-1:] == ["pytest"]]
    assert len(ci_tests) == 2
    assert tests.split("&& ")[-2:] == ci_tests[0].split("&& ")


def test_configuration_example_is_valid(run: Callable[..., Result], tmp_path: Path) -> None:
    example = re.findall(r"```toml\n(.*?)```", README, re.DOTALL)[0]
    (tmp_path / "pyproject.toml").write_text(example, "utf-8")
    (tmp_path / "report-templates").mkdir()
    report = tmp_path / "docs/reports/acks/r.md"
    report.parent.mkdir(parents=True)
    report.write_text("# Notes\n", "utf-8")
    result = run("check", "--format", "json", report)
    assert result.exit_code == 1, result.stderr
    # Checked as an acknowledgement (per-file-templates), whatever its title says.
    assert {re.split(r" \(|; ", d["message"])[0] for d in json.loads(result.stdout)} >= {
        "missing field **Status**", "missing section `Execution Plan`"}


def test_workflow_and_hook_examples_match_the_action_and_hook() -> None:
    import yaml

    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", README, re.DOTALL)]
    hook_config, workflow = blocks
    (hook,) = hook_config["repos"][0]["hooks"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] in {h["id"] for h in hooks}
    steps = workflow["jobs"]["reportlint"]["steps"]
    used = next(s for s in steps if "reportlint" in s.get("uses", ""))
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    assert set(used["with"]) <= set(action["inputs"])
