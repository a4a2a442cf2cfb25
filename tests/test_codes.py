"""The code catalogue: stable, documented in ruff's shape, and printed by the CLI."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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


AREAS = {"0": "input", "1": "template", "2": "review", "3": "evidence", "4": "lifecycle",
         "9": "meta"}


def _code_modules() -> set[str]:
    import pkgutil

    found = set()
    for area in AREAS.values():
        package = importlib.import_module(f"reportlint.rules.{area}")
        found |= {f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)
                  if not m.name.startswith("_")}
    return found


def _module(line: ModuleType | codes.Code) -> ModuleType:
    return importlib.import_module(line.module) if isinstance(line, codes.Code) else line


def test_the_catalogue_lists_every_code_module_and_nothing_else() -> None:
    listed = [_module(m).__name__ for m in codes.MODULES]
    assert len(listed) == len(set(listed))
    assert set(listed) == _code_modules()


def test_the_catalogue_is_in_code_order_and_modules_are_named_after_their_codes() -> None:
    assert [e.code for e in codes.CATALOGUE] == sorted(e.code for e in codes.CATALOGUE)
    for line in codes.MODULES:
        module = _module(line)
        entry = module.CODE
        # A line that names its code says what the module's CODE says.
        assert line == entry if isinstance(line, codes.Code) else line is module
        assert entry.module == module.__name__
        area, name = module.__name__.split(".")[-2:]
        assert name == entry.name.replace("-", "_"), module.__name__
        assert area == AREAS[entry.code[2]], module.__name__
        assert entry.doc == inspect.cleandoc(module.__doc__ or "")


def test_only_the_modules_with_a_check_are_imported_by_the_catalogue() -> None:
    for line in codes.MODULES:
        has_check = hasattr(_module(line), "check")
        assert isinstance(line, ModuleType) == has_check, line


def test_every_template_code_is_reached_by_the_explainer() -> None:
    from reportlint import explain

    missing, invalid, fallback = explain.dispatch()
    dispatched = {m.CODE.code for m in (*missing, *invalid, fallback)}
    template = {e.code for e in codes.CATALOGUE if e.code.startswith("RL1")}
    assert dispatched == template


def test_reviewer_rules_are_exactly_the_modules_with_a_check() -> None:
    assert [r.code.code for r in codes.RULES] == [
        e.code for e in codes.CATALOGUE if e.code.startswith(("RL2", "RL3", "RL4"))]
    assert {r.scope for r in codes.RULES
            if r.code.code.startswith(("RL2", "RL3"))} == {"report", "document"}
    # The lifecycle rules read a task's reports over the whole run, and only they do.
    assert {r.scope for r in codes.RULES if r.code.code.startswith("RL4")} == {"run"}


def test_the_rules_packages_hold_nothing_but_their_docstrings() -> None:
    """No registration on import: a package's __init__ is its docstring alone."""
    import ast

    import reportlint.rules

    root = Path(reportlint.rules.__file__).parent
    for init in [root / "__init__.py", *(root / area / "__init__.py" for area in AREAS.values())]:
        body = ast.parse(init.read_text("utf-8")).body
        assert [type(node) for node in body] == [ast.Expr], init
