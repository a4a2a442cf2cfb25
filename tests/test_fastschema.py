"""The fast yes/no validator agrees with jsonschema, keyword by keyword and on real models."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from reportlint import engine, fastschema, schema, templates

from conftest import FIXTURES, ROOT, SHARED

SCHEMAS: list[tuple[dict[str, Any], list[Any]]] = [
    ({"type": "string"}, ["a", 1, None, True]),
    ({"type": ["integer", "null"]}, [1, 1.0, 1.5, None, True, "1"]),
    ({"type": "number"}, [1, 1.5, True, "x"]),
    ({"const": 1}, [1, 1.0, True, "1"]),
    ({"const": True}, [True, 1, False]),
    ({"enum": ["A", "B", 0]}, ["A", "C", 0, False]),
    ({"pattern": "^a+$"}, ["aa", "ab", 3]),
    ({"required": ["a"], "properties": {"a": {"type": "string"}}}, [{"a": "x"}, {"a": 1}, {}, 3]),
    ({"additionalProperties": False, "properties": {"a": True}}, [{"a": 1}, {"b": 1}]),
    ({"patternProperties": {"^x-": {"type": "string"}}}, [{"x-a": "s"}, {"x-a": 1}, {"b": 1}]),
    ({"minItems": 1, "items": {"type": "string"}}, [[], ["a"], ["a", 1], "x"]),
    ({"prefixItems": [{"type": "string"}], "items": {"type": "integer"}},
     [["a", 1], ["a", "b"], [1]]),
    ({"contains": {"const": 2}}, [[1, 2], [1], []]),
    ({"allOf": [{"minLength": 2}, {"maxLength": 3}]}, ["a", "ab", "abcd"]),
    ({"anyOf": [{"type": "string"}, {"minimum": 3}]}, ["a", 2, 4]),
    ({"oneOf": [{"type": "integer"}, {"minimum": 3}]}, [1, 4, 3.5]),
    ({"not": {"type": "null"}}, [None, 0]),
    ({"if": {"const": 1}, "then": {"type": "integer"}, "else": {"type": "string"}},
     [1, "a", 2]),
    ({"$defs": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/s"}}},
     [{"a": "x"}, {"a": 1}]),
    ({"minProperties": 1, "maxItems": 1}, [{}, {"a": 1}, [1, 2]]),
]


@pytest.mark.parametrize(("schema", "instances"), SCHEMAS)
def test_keywords_agree_with_jsonschema(schema: dict[str, Any], instances: list[Any]) -> None:
    check = fastschema.build(schema)
    assert check is not None
    reference = Draft202012Validator(schema)
    for instance in instances:
        assert check(instance) == reference.is_valid(instance), instance


@pytest.mark.parametrize("schema", [{"unevaluatedProperties": False}, {"$ref": "other.json"},
                                    {"dependentRequired": {"a": ["b"]}},
                                    {"contains": {}, "minContains": 2}])
def test_unknown_keywords_leave_it_to_jsonschema(schema: dict[str, Any]) -> None:
    assert fastschema.build(schema) is None


def _generated(tmp_path: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench/gen_corpus.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths = []
    for index in range(150):
        path = tmp_path / f"g{index}.md"
        path.write_text(module.report(11, index), "utf-8")
        paths.append(path)
    return paths


def test_agrees_with_jsonschema_on_real_models(tmp_path: Path) -> None:
    registry, problems = templates.builtin()
    assert problems == []
    paths = [*FIXTURES.glob("**/*.md"), *SHARED.glob("corpus/real/*.md"), *_generated(tmp_path)]
    checked = invalid = 0
    for path in paths:
        text = path.read_text("utf-8")
        for forced in (None, *registry.names()):
            for report in engine.document(text, registry, forced)["reports"]:
                template = registry[report["template"]]
                quick = template.quick_check
                assert quick is not None, template.name
                stock = Draft202012Validator(template.schema)
                expected = stock.is_valid(report)
                assert quick(report) == expected, (path, report["template"])
                checked += 1
                invalid += not expected
                if not expected:
                    # Pruned descent (schema.validator) skips only valid parts: same errors.
                    pruned = schema.validator(template.schema).iter_errors(report)
                    assert _errors(pruned) == _errors(stock.iter_errors(report)), path
    assert checked > 500
    assert 0 < invalid < checked


def _errors(errors: Any) -> list[tuple[Any, ...]]:
    def flat(error: Any) -> tuple[Any, ...]:
        return (tuple(error.absolute_path), tuple(error.absolute_schema_path), error.message,
                sorted(flat(e) for e in error.context))

    return sorted(flat(e) for e in errors)
