"""The built wheel is self-contained: its templates are inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow


def test_wheel_carries_the_schemas_and_checks_from_outside_the_repo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "-w", str(dist), str(ROOT)], check=True)
    (wheel,) = dist.glob("reportlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("acknowledgement", "progress", "completion"):
        assert f"reportlint/schemas/{template}.yaml" in names
    assert "reportlint/schemas/model/document.schema.yaml" in names
    # The servers ship in the wheel; their SDKs are extras, not dependencies.
    assert {"reportlint/servers/mcp.py", "reportlint/servers/lsp.py"} <= names
    (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    lines = zipfile.ZipFile(wheel).read(metadata).decode("utf-8").splitlines()
    assert {"Provides-Extra: mcp", "Provides-Extra: lsp"} <= set(lines)
    assert "Requires-Dist: mcp<3,>=2.0; extra == 'mcp'" in lines
    assert not [line for line in lines if line.startswith("Requires-Dist:")
                and "extra ==" not in line and line.split()[1].startswith(("mcp", "pygls"))]

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
                    "--target", str(target), str(wheel)], check=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    report = outside / "report.md"
    report.write_bytes((FIXTURES / "progress/invalid/checkboxes.md").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = ("import reportlint, sys; print(reportlint.__file__); "
            "from reportlint.cli import main; sys.argv=['reportlint','check','report.md']; main()")
    result = subprocess.run([sys.executable, "-c", code], cwd=outside, env=env,
                            capture_output=True, text=True, check=False)
    first, *rest = result.stdout.splitlines()
    assert first.startswith(str(target))
    assert rest[0] == "report.md:4:1: RL103 **Progress** is `150% complete`; expected a " \
                      "percentage from 0 to 100, such as `60% complete`"
    assert result.returncode == 1, result.stderr
