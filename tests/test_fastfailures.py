"""The failures told without jsonschema are jsonschema's: the same values in the same order,
keyword by keyword and on every real, fixture and generated report against every template."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from typing import Any

import pytest

from reportlint import engine, explain, fastfailures, schema, templates
from reportlint.failures import Failure
from test_fastschema import SCHEMAS, _generated

from conftest import FIXTURES, SHARED

# The messages and the best_match choice are jsonschema 4.26's; older releases word a few
# keywords otherwise ("is too short" for every minItems) and rank anyOf branches otherwise.
_VERSION = tuple(int(p) for p in importlib.metadata.version("jsonschema").split(".")[:2])
same_jsonschema = pytest.mark.skipif(_VERSION < (4, 26), reason="compared with jsonschema 4.26")


def _values(failures: list[Failure]) -> list[tuple[Any, ...]]:
    return [(f.keyword, repr(f.expected), repr(f.instance), f.message, f.path,
             id(f.schema.schema) if f.schema.schema else None) for f in failures]


def _both(schema_: dict[str, Any], instance: Any) -> tuple[list[Any], list[Any]]:
    fast = fastfailures.failures(instance, schema_)
    assert fast is not None
    return _values(fast), _values(list(schema.failures(instance, schema_)))


EXTRA: list[tuple[dict[str, Any], list[Any]]] = [
    ({"required": ["a", "b", "c"]}, [{"b": 1}, {}]),
    ({"properties": {"a": {"properties": {"b": {"const": 1}}, "required": ["c"]}}},
     [{"a": {"b": 2}}, {"a": {"b": 1, "c": 0}}]),
    ({"anyOf": [{"properties": {"a": {"type": "string"}}}, {"required": ["b"]}]},
     [{"a": 1}, {"a": "x"}]),
    ({"anyOf": [{"anyOf": [{"minLength": 3}, {"pattern": "^x"}]}, {"type": "integer"}]},
     ["ab", "x", 1]),
    ({"oneOf": [{"type": "string"}, {"minLength": 2}]}, ["ab", "a", 1]),
    ({"items": False, "prefixItems": [True]}, [[1], [1, 2], [1, 2, 3]]),
    ({"additionalProperties": False, "patternProperties": {"^x": True}}, [{"y": 1, "z": 2}]),
    ({"additionalProperties": {"type": "string"}}, [{"a": 1, "b": "s", "c": 2}]),
    ({"minItems": 2, "maxLength": 0, "minProperties": 2, "maxItems": 0},
     [[1], "a", {"a": 1}, [1, 2]]),
    ({"items": {"anyOf": [{"const": "a"}, {"const": "b"}]}}, [["a", "c", "b", "d"]]),
    (False, [1]),
]


@same_jsonschema
@pytest.mark.parametrize(("schema_", "instances"), SCHEMAS + EXTRA)
def test_keywords_fail_as_in_jsonschema(schema_: Any, instances: list[Any]) -> None:
    for instance in instances:
        fast, reference = _both(schema_, instance)
        assert fast == reference, instance


def test_a_false_subschema_fails_where_its_value_is() -> None:
    # jsonschema leaves such an error at the parent's path (its `descend` returns before it
    # adds the path); the value that is not allowed is the better place to point at.
    fast = fastfailures.failures({"a": 1}, {"properties": {"a": False}})
    assert fast is not None
    assert [(f.keyword, f.path, f.message) for f in fast] == [
        ("None", ("a",), "False schema does not allow 1")]


@pytest.mark.parametrize("schema_", [{"unevaluatedProperties": False}, {"$ref": "x.json"},
                                     {"$anchor": "a", "properties": {"b": {"$ref": "#a"}}},
                                     {"contains": {}, "maxContains": 1}])
def test_unknown_keywords_are_left_to_jsonschema(schema_: dict[str, Any]) -> None:
    assert fastfailures.failures({"b": 1}, schema_) is None


@same_jsonschema
def test_fails_as_jsonschema_on_real_models(tmp_path: Path) -> None:
    registry, problems = templates.builtin()
    assert problems == []
    paths = [*FIXTURES.glob("**/*.md"), *SHARED.glob("corpus/**/*.md"), *_generated(tmp_path)]
    compared = 0
    for path in paths:
        text = path.read_text("utf-8", errors="replace")
        for forced in (None, *registry.names()):
            for report in engine.document(text, registry, forced)["reports"]:
                template = registry[report["template"]]
                quick = template.quick_check
                assert quick is not None
                if quick(report):
                    continue
                fast = fastfailures.failures(report, template.schema, trusted=True)
                assert fast is not None, template.name
                reference = list(schema.failures(report, template.schema))
                assert _values(fast) == _values(reference), (path, template.name)
                compared += 1
    assert compared > 300


def test_a_failing_report_is_explained_without_jsonschema(monkeypatch: Any) -> None:
    registry, _ = templates.builtin()
    text = (FIXTURES / "progress/invalid/checkboxes.md").read_text("utf-8")
    report = engine.document(text, registry, None)["reports"][0]
    entry = registry[report["template"]]

    def refuse(*_: Any) -> Any:
        raise AssertionError("jsonschema was asked")

    monkeypatch.setattr(schema, "failures", refuse)
    found = explain.findings(report, entry.shape, entry.builtin)
    assert found
    assert all(f.code.startswith("RL1") for f in found)


def test_a_keyword_it_does_not_know_is_explained_by_jsonschema() -> None:
    report: dict[str, Any] = {"title": {"text": "x", "line": 1}, "fields": {}, "sections": {}}
    shape_ = templates.Shape({"properties": {"fields": {"dependentRequired": {"a": ["b"]},
                                                        "required": ["Status"]}}})
    found = explain.findings(report, shape_)
    assert [(f.line, f.code) for f in found] == [(1, "RL102")]
