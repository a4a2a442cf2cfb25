"""Every fixture under fixtures/: valid ones have no findings, invalid ones exactly the
(line, code) pairs in the .expected file beside them."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import FIXTURES, expected, pairs

VALID = sorted(FIXTURES.glob("*/valid/*.md"))
INVALID = sorted(FIXTURES.glob("*/invalid/*.md"))


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(FIXTURES)) for p in paths]


def test_there_are_fixtures_for_each_template() -> None:
    from reportlint import templates

    for template in templates.builtin()[0].names():
        assert list(FIXTURES.glob(f"{template}/valid/*.md")), template
        assert list(FIXTURES.glob(f"{template}/invalid/*.md")), template


@pytest.mark.parametrize("path", VALID, ids=ids(VALID))
def test_valid_fixture_has_no_findings(run: Callable[..., Result], path: Path) -> None:
    result = run("check", "--format", "json", path)
    assert pairs(result.output) == []
    assert result.exit_code == 0


@pytest.mark.parametrize("path", INVALID, ids=ids(INVALID))
def test_invalid_fixture_findings(run: Callable[..., Result], path: Path) -> None:
    result = run("check", "--format", "json", path)
    assert pairs(result.output) == expected(path)
    assert result.exit_code == 1


@pytest.mark.parametrize("path", INVALID, ids=ids(INVALID))
@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_endings_and_bom_do_not_shift_lines(
    run: Callable[..., Result], path: Path, tmp_path: Path, ending: str
) -> None:
    text = path.read_text(encoding="utf-8").replace("\n", ending)
    copy = tmp_path / path.name
    copy.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    result = run("check", "--format", "json", copy)
    assert pairs(result.output) == expected(path)
