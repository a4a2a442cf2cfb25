"""The built-in templates are parsed and checked (YAML, metaschema, keywords, regular
expressions) when reportlint is built, into schemas/compiled-templates.json; a run reads that
file instead. These tests are the build-time check: the file is what the templates compile to
today, and a template edited since is parsed and checked again at run time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportlint import templates

ROOT = Path(__file__).resolve().parents[1]


def test_compiled_templates_are_current() -> None:
    """Fails when a built-in template changed without `python tests/compile_templates.py`."""
    written = (ROOT / "schemas" / templates.COMPILED).read_text("utf-8")
    assert written == templates.compiled_text(ROOT / "schemas"), (
        "schemas/compiled-templates.json is stale: run `python tests/compile_templates.py`")


def test_compiled_schemas_equal_the_yaml_ones() -> None:
    registry, problems = templates.builtin()
    assert problems == []
    for template in registry.templates.values():
        parsed = templates.parse_file(template.path)
        assert isinstance(parsed, templates.Template)
        # Key order matters (section order): compare it too.
        assert list(parsed.schema) == list(template.schema)
        assert parsed.schema == template.schema
        assert parsed.title_pattern.pattern == template.title_pattern.pattern


def test_an_edited_builtin_template_is_checked_again(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "schemas"
    shutil.copytree(ROOT / "schemas", folder)
    monkeypatch.setattr(templates, "builtin_dir", lambda: folder)
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    target = folder / "progress.yaml"
    target.write_text(target.read_text("utf-8").replace("title:", "title: 42 #", 1), "utf-8")
    registry, problems = templates.builtin()
    assert [p.path.name for p in problems] == ["progress.yaml"]
    assert "progress" not in registry.names()
    # A template whose bytes are unchanged still comes from the compiled file.
    target.write_bytes((ROOT / "schemas/progress.yaml").read_bytes())
    registry, problems = templates.builtin()
    assert problems == []
    assert registry["progress"].builtin
