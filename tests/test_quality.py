"""ruff and mypy --strict stay clean: part of the test command, so CI enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("command", [
    ["ruff", "check", "src", "tests", "bench"],
    [sys.executable, "-m", "mypy"],
], ids=["ruff", "mypy"])
def test_static_checks(command: list[str]) -> None:
    if command[0] == "ruff" and shutil.which("ruff") is None:
        pytest.fail("ruff is not installed: install the test extra (pip install -e '.[test]')")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
