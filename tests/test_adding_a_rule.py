"""docs/architecture.md's "How to add a rule" is true: its three steps, followed on a copy of
the package with the example module taken from the page, give a code that `reportlint rules`
lists, `reportlint rule` documents and `reportlint check` reports."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT

DOC = (ROOT / "docs/architecture.md").read_text("utf-8")


def _steps() -> tuple[str, str]:
    """The example module and the catalogue line, as the page writes them."""
    module = re.search(r"\n   ~~~python\n(.*?)\n   ~~~\n", DOC, re.DOTALL)
    line = re.search(r"\n   ```python\n(.*?)\n   ```\n", DOC, re.DOTALL)
    assert module is not None
    assert line is not None
    return textwrap.dedent(module.group(1)) + "\n", textwrap.dedent(line.group(1)).strip()


def _run(src: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src), "REPORTLINT_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "reportlint", *args], input=stdin,
                          capture_output=True, text=True, env=env, check=False, cwd=src)


def test_the_three_steps_add_a_working_rule(tmp_path: Path) -> None:
    module, catalogue_line = _steps()
    shutil.copytree(ROOT / "src", tmp_path / "src")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")  # found beside src/, as in a checkout
    package = tmp_path / "src/reportlint"
    # Step 1: the module.
    (package / "rules/review/shouted_title.py").write_text(module, "utf-8")
    # Step 2: one line in the catalogue, and the import with its area's modules.
    codes = (package / "codes.py").read_text("utf-8")
    codes = codes.replace("from reportlint.rules.review import (\n",
                          "from reportlint.rules.review import (\n    shouted_title,\n")
    codes = codes.replace('    _later("RL901", ',
                          f'    {catalogue_line}\n    _later("RL901", ')
    (package / "codes.py").write_text(codes, "utf-8")

    listed = _run(tmp_path / "src", "rules")
    assert listed.returncode == 0, listed.stderr
    assert "RL298  shouted-title" in listed.stdout
    documented = _run(tmp_path / "src", "rule", "shouted-title")
    assert documented.stdout.startswith("# shouted-title (RL298)\n\nDefault severity: warning")

    bad = _run(tmp_path / "src", "check", "--isolated", "--select", "RL298", "-",
               stdin="## TASK COMPLETION REPORT: BE-014 - REFRESH TOKEN ROTATION\n")
    assert "-:1:1: RL298 the title is in capitals; write it in sentence case" in bad.stdout
    good = _run(tmp_path / "src", "check", "--isolated", "--select", "RL298", "-",
                stdin="## Task Completion Report: BE-014 - Refresh token rotation\n")
    assert "RL298" not in good.stdout
    assert good.returncode == 0
