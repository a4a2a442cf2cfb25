"""ruff and mypy --strict stay clean: part of the test command, so CI enforces them."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def _mypy() -> list[str]:
    """mypy, leaving out a server whose SDK is not installed: the lowest-versions CI stage
    cannot install the MCP SDK (it needs a newer jsonschema); the first stage checks both."""
    command = [sys.executable, "-m", "mypy"]
    for module, package in (("mcp", "mcp"), ("lsp", "pygls")):
        if importlib.util.find_spec(package) is None:
            command += ["--exclude", f"src/reportlint/servers/{module}\\.py$"]
    return command


@pytest.mark.parametrize("command", [
    ["ruff", "check", "src", "tests", "bench"],
    _mypy(),
], ids=["ruff", "mypy"])
def test_static_checks(command: list[str]) -> None:
    if command[0] == "ruff" and shutil.which("ruff") is None:
        pytest.fail("ruff is not installed: install the test extra (pip install -e '.[test]')")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
