"""The GitHub Action's check step: pick the changed report files, run reportlint, report.

Reads only its environment (INPUT_*, BASE_SHA and the runner's GITHUB_* variables); runs
reportlint as a separate process, so its output (annotations, step summary) is reportlint's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reportlint.config import glob_regex


def changed_files(base: str) -> list[str]:
    """Files the pull request adds, copies, modifies or renames; every tracked file when there
    is no base (a push, or a checkout without the base commit)."""
    if base:
        for spec in (f"{base}...HEAD", f"{base}..HEAD"):
            done = subprocess.run(["git", "diff", "--name-only", "-z", "--diff-filter=ACMR",
                                   spec], capture_output=True, text=True, check=False)
            if done.returncode == 0:
                return [name for name in done.stdout.split("\0") if name]
        print(f"::warning title=reportlint::base commit {base[:12]} is not in the checkout "
              "(use actions/checkout with fetch-depth: 0); checking every matching file")
    done = subprocess.run(["git", "ls-files", "-z"], capture_output=True, text=True, check=True)
    return [name for name in done.stdout.split("\0") if name]


def selected(files: list[str], globs: str) -> list[str]:
    patterns = [glob_regex(g) for g in globs.split() if g]
    return [f for f in files if Path(f).is_file() and any(p.match(f) for p in patterns)]


def main() -> int:
    env = os.environ
    files = selected(changed_files(env.get("BASE_SHA", "")), env.get("INPUT_PATHS", "**/*.md"))
    with_body = env.get("INPUT_CHECK_PR_BODY", "false").strip().lower() == "true"
    fail_on = env.get("INPUT_FAIL_ON", "error").strip().lower()
    if fail_on not in ("error", "warning", "never"):
        print(f"::error title=reportlint::fail-on must be error, warning or never, not {fail_on!r}")
        return 2
    if not files and not with_body:
        print("reportlint: no report files changed")
        _outputs(0, 0)
        return 0
    options = ["--template", env["INPUT_TEMPLATE"]] if env.get("INPUT_TEMPLATE") else []
    options += ["--pr-body"] if with_body else []
    command = [sys.executable, "-m", "reportlint", "check", *options, "--", *files]
    done = subprocess.run([*command[:4], "--format", "github", *command[4:]],
                          capture_output=True, text=True, check=False)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode == 2:
        return 2
    sarif = env.get("INPUT_SARIF_OUTPUT", "")
    if sarif:
        subprocess.run([*command[:4], "--format", "sarif", "--output-file", sarif,
                        *command[4:]], check=False)
    errors = sum(line.startswith("::error ") for line in done.stdout.splitlines())
    warnings = sum(line.startswith("::warning ") for line in done.stdout.splitlines())
    _outputs(errors, warnings)
    if fail_on == "never":
        return 0
    return 1 if errors or (fail_on == "warning" and warnings) else 0


def _outputs(errors: int, warnings: int) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"errors={errors}\nwarnings={warnings}\n")


if __name__ == "__main__":
    sys.exit(main())
