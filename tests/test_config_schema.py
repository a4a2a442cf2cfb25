"""The published JSON Schema of the configuration (schemas/config.schema.json, for editors and
SchemaStore) says what config.py accepts: the same keys, and the examples pass both."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from reportlint import config
from reportlint.templates import builtin_dir

from conftest import FIXTURES, ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

SCHEMA = json.loads((ROOT / "schemas/config.schema.json").read_text("utf-8"))
VALIDATOR = Draft7Validator(SCHEMA)


def reportlint_table(text: str) -> dict[str, Any]:
    """The reportlint keys of a pyproject.toml or .reportlint.toml text."""
    data = tomllib.loads(text)
    table = data.get("tool", {}).get("reportlint", data)
    assert isinstance(table, dict)
    return table


def errors(table: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in VALIDATOR.iter_errors(table)]


def test_the_schema_is_ready_for_schemastore() -> None:
    Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert SCHEMA["$id"] == "https://json.schemastore.org/reportlint.json"
    assert SCHEMA["title"]
    assert SCHEMA["description"]
    assert SCHEMA["additionalProperties"] is False
    # It ships with the templates, so `reportlint config` reads it installed too.
    assert (builtin_dir() / "config.schema.json").read_bytes() == \
        (ROOT / "schemas/config.schema.json").read_bytes()


def described(schema: dict[str, Any], where: str = "") -> Iterator[tuple[str, bool]]:
    for name, spec in schema.get("properties", {}).items():
        yield f"{where}{name}", bool(spec.get("description"))
        yield from described(spec, f"{where}{name}.")


def test_every_key_has_a_description() -> None:
    keys = dict(described(SCHEMA))
    assert len(keys) == len(config._KEYS) + len(config._OPTION_KEYS)
    assert [key for key, has in keys.items() if not has] == []


def test_the_schema_and_config_py_accept_the_same_keys() -> None:
    assert set(SCHEMA["properties"]) == config._KEYS
    assert set(SCHEMA["properties"]["options"]["properties"]) == config._OPTION_KEYS
    assert SCHEMA["properties"]["options"]["additionalProperties"] is False


README_EXAMPLES = re.findall(r"```toml\n(.*?)```", (ROOT / "README.md").read_text("utf-8"),
                             re.DOTALL)
FIXTURE_CONFIGS = sorted([*FIXTURES.rglob(".reportlint.toml"), *FIXTURES.rglob("pyproject.toml")])


@pytest.mark.parametrize("text", README_EXAMPLES, ids=[f"readme-{i}" for i, _ in
                                                        enumerate(README_EXAMPLES)])
def test_the_readme_examples_are_valid(text: str) -> None:
    table = reportlint_table(text)
    assert table
    assert errors(table) == []


@pytest.mark.parametrize("path", FIXTURE_CONFIGS,
                         ids=[str(p.relative_to(FIXTURES)) for p in FIXTURE_CONFIGS])
def test_every_fixture_configuration_is_valid(path: Path) -> None:
    assert errors(reportlint_table(path.read_text("utf-8"))) == []
    assert isinstance(config.load(path), config.Config)


def test_there_are_examples_to_validate() -> None:
    assert len(README_EXAMPLES) >= 2
    assert FIXTURE_CONFIGS


@pytest.mark.parametrize(("table", "valid"), [
    ({"select": "RL201, RL107"}, True),
    ({"select": [1]}, False),
    ({"severity": {"RL201": "warning"}}, True),
    ({"severity": {"RL201": "fatal"}}, False),
    ({"options": {"coverage-minimum": 85}}, True),
    ({"options": {"coverage-minimum": 150}}, False),
    ({"options": {"coverage-minimum": True}}, False),
    ({"options": {"mystery": 1}}, False),
    ({"max-file-size": "5 MiB"}, True),
    ({"max-file-size": "10MB"}, True),
    ({"max-file-size": 0}, False),
    ({"max-file-size": "5 parsecs"}, False),
    ({"force-exclude": True, "respect-gitignore": False}, True),
    ({"force-exclude": "yes"}, False),
    ({"per-file-ignores": {"docs/**": ["RL201"], "!docs/**": "RL2"}}, True),
    ({"per-file-ignores": {"docs/**": 1}}, False),
    ({"per-file-templates": {"acks/*.md": "acknowledgement"}}, True),
    ({"per-file-templates": {"acks/*.md": ["acknowledgement"]}}, False),
    ({"include": ["docs/{reports,logs}/**/*.md", "!docs/drafts/**"]}, True),
    ({"include": [1]}, False),
    ({"role": "qa"}, True),
    ({"role": ""}, False),
    ({"selekt": ["RL201"]}, False),
])
def test_the_schema_and_config_py_agree_on_values(table: dict[str, Any], valid: bool) -> None:
    loaded = config.from_table(table, None)
    assert isinstance(loaded, config.Config) is valid, loaded
    assert (errors(table) == []) is valid
