"""What a run loads: only what it needs (docs/architecture.md, *What a module may do when it is
imported*). A check of one report with only the built-in templates, passing or failing, loads
neither RE2, YAML, jsonschema nor hashlib, and no module of another command; code modules compile no
pattern when they are imported."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "reportlint"

# Each is loaded only by the runs that use it.
NOT_AT_START = ("re2", "yaml", "jsonschema", "hashlib", "difflib", "tempfile",
                "reportlint.baseline", "reportlint.gitdiff", "reportlint.atomic",
                "reportlint.event", "reportlint.schema", "reportlint.fixes",
                "reportlint.scaffold", "reportlint.servers.mcp", "reportlint.servers.lsp",
                # A passing report makes no input, template or meta finding (codes.MODULES).
                "reportlint.explain", "reportlint.fastfailures", "reportlint.rules.input",
                "reportlint.rules.template", "reportlint.rules.meta")

_PROBE = """
import json, sys
from reportlint.cli import main
sys.argv = ["reportlint", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def _loaded(*args: str, tmp_path: Path) -> set[str]:
    result = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True,
                            text=True, cwd=tmp_path,
                            env={"REPORTLINT_CACHE_DIR": str(tmp_path / "cache"),
                                 "PATH": "/usr/bin:/bin"}, check=False)
    return set(json.loads(result.stderr.splitlines()[-1]))


def test_checking_a_passing_report_loads_only_what_it_needs(tmp_path: Path) -> None:
    report = ROOT / "fixtures" / "completion" / "valid" / "full.md"
    for args in (["check", "--isolated", "--no-cache", str(report)],
                 ["check", "--isolated", str(report)]):
        loaded = _loaded(*args, tmp_path=tmp_path)
        # The cache's keys and seals are reportlint.digest's (no hashlib, no OpenSSL), and
        # the temporary file an entry is written to first is cache._new_file's.
        unexpected = [m for m in NOT_AT_START if m in loaded]
        assert "_hashlib" not in loaded
        assert unexpected == [], args


def test_checking_a_failing_report_loads_no_validator(tmp_path: Path) -> None:
    """A report that fails its template is explained by reportlint.fastfailures: jsonschema
    is for `template check` and for templates using keywords the fast explainer lacks."""
    report = ROOT / "fixtures" / "progress" / "invalid" / "checkboxes.md"
    loaded = _loaded("check", "--isolated", "--no-cache", str(report), tmp_path=tmp_path)
    assert "reportlint.fastfailures" in loaded
    assert [m for m in ("jsonschema", "referencing", "reportlint.schema", "yaml", "hashlib",
                        "_hashlib") if m in loaded] == []


def _module_level_compiles(path: Path) -> list[int]:
    """Lines of `re.compile(...)` calls outside any function or class body."""
    tree = ast.parse(path.read_text("utf-8"))
    found: list[int] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                   ast.Lambda, ast.ClassDef))
            if (top and isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute)
                    and child.func.attr == "compile" and isinstance(child.func.value, ast.Name)
                    and child.func.value.id == "re"):
                found.append(child.lineno)
            visit(child, inner)

    visit(tree, True)
    return found


@pytest.mark.parametrize("path", sorted((PACKAGE / "rules").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_code_modules_compile_patterns_on_first_use(path: Path) -> None:
    """A code module's patterns are `lazyre.compile(...)`: compiled when a check first uses
    them, not by every process that imports the catalogue."""
    assert _module_level_compiles(path) == [], "use lazyre.compile at module level"
