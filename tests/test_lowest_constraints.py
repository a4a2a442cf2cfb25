"""The lowest-versions CI run installs what pyproject.toml's lower bounds say, no more, no less."""

from __future__ import annotations

import sys

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CONSTRAINTS = ROOT / ".ci/lowest-constraints.txt"


def lower_bounds(pyproject: str) -> dict[str, tuple[Version, str]]:
    """Each runtime dependency's lower bound (``>=``) and its environment marker, but for
    those only some Pythons need (tomli: the test extra's own tools need a newer one)."""
    found = {}
    for line in tomllib.loads(pyproject)["project"]["dependencies"]:
        requirement = Requirement(line)
        if requirement.marker is not None:
            continue
        (lowest,) = [s.version for s in requirement.specifier if s.operator == ">="]
        found[canonicalize_name(requirement.name)] = (Version(lowest), str(requirement.marker))
    return found


def pins(constraints: str) -> dict[str, tuple[Version, str]]:
    """Each ``name==version`` line of a constraints file, with its environment marker."""
    found = {}
    for line in constraints.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            requirement = Requirement(line)
            (pin,) = [s.version for s in requirement.specifier if s.operator == "=="]
            found[canonicalize_name(requirement.name)] = (Version(pin), str(requirement.marker))
    return found


def _shown(entry: tuple[Version, str] | None, operator: str) -> str:
    if entry is None:
        return "nothing"
    version, marker = entry
    return f"{operator}{version}" if marker == "None" else f"{operator}{version}; {marker}"


def disagreements(pyproject: str, constraints: str) -> list[str]:
    bounds, pinned = lower_bounds(pyproject), pins(constraints)
    return [f"{name}: pyproject.toml {_shown(bounds.get(name), '>=')}, "
            f"constraints {_shown(pinned.get(name), '==')}"
            for name in sorted(bounds.keys() | pinned.keys())
            if bounds.get(name) != pinned.get(name)]


def test_constraints_pin_every_lower_bound_of_pyproject() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert disagreements(pyproject, CONSTRAINTS.read_text("utf-8")) == []
    assert sorted(pins(CONSTRAINTS.read_text("utf-8"))) == [
        "click", "defusedxml", "google-re2", "jsonschema", "markdown-it-py", "mdit-py-plugins",
        "pathspec", "pyyaml"]


def test_a_drifted_bound_is_a_disagreement() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    constraints = CONSTRAINTS.read_text("utf-8")
    drifted = pyproject.replace('"jsonschema>=4.18"', '"jsonschema>=4.20"')
    assert disagreements(drifted, constraints) == [
        "jsonschema: pyproject.toml >=4.20, constraints ==4.18.0"]
    dropped = constraints.replace("pyyaml==6.0\n", "")
    assert disagreements(pyproject, dropped) == [
        "pyyaml: pyproject.toml >=6.0, constraints nothing"]
    extra = constraints + "tomli==1.1.0\n"
    assert disagreements(pyproject, extra) == [
        "tomli: pyproject.toml nothing, constraints ==1.1.0"]


def test_ci_installs_the_constraints() -> None:
    assert "--constraint .ci/lowest-constraints.txt" in (ROOT / ".ci/run").read_text("utf-8")
