"""CI artefacts: every file under fixtures/evidence/artefacts/ (produced by the real tools, a
few written by hand, and under refused/ the files that must be refused) reads as the
.expected.json beside it; hostile XML is refused before anything expands or is fetched; no
input gives anything but an artefact or an ArtefactError."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_expectations import (
    ARTEFACTS,
    EXPECTED,
    artefact_expectation_path,
    artefacts,
    read_artefact,
)
from reportlint.errors import UsageError
from reportlint.evidence import Artefact, ArtefactError, load_artefact

FIXTURES = artefacts()
REFUSED = ARTEFACTS / "refused"


@pytest.mark.parametrize("path", FIXTURES, ids=[p.relative_to(ARTEFACTS).as_posix()
                                                for p in FIXTURES])
def test_fixture_reads_as_expected(path: Path) -> None:
    expected = json.loads(artefact_expectation_path(path).read_text(encoding="utf-8"))
    assert read_artefact(path) == expected
    assert ("error" in expected) == (path.parent == REFUSED)


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture() -> None:
    expectations = set(ARTEFACTS.rglob(f"*{EXPECTED}"))
    assert expectations == {artefact_expectation_path(p) for p in FIXTURES}


def test_every_format_is_read_from_a_real_file() -> None:
    formats = {load_artefact(p).format for p in FIXTURES
               if p.parent == ARTEFACTS and not p.name.startswith("written-")}
    assert formats == {"junit-xml", "cobertura-xml", "coverage-json", "lcov", "sarif"}


def test_the_error_names_the_file_and_is_a_usage_error() -> None:
    path = REFUSED / "notes.txt"
    with pytest.raises(ArtefactError) as caught:
        load_artefact(path)
    assert isinstance(caught.value, UsageError)
    assert str(caught.value) == (f"evidence file {path}: it is text, not JUnit XML, "
                                 "Cobertura XML, coverage.py JSON, LCOV or SARIF")
    assert caught.value.path == str(path)


def test_billion_laughs_is_refused_before_it_expands() -> None:
    start = time.perf_counter()
    with pytest.raises(ArtefactError) as caught:
        load_artefact(REFUSED / "billion-laughs.xml")
    # Expanded, `lol9` is 3 GB of text: refused, it is a few milliseconds.
    assert time.perf_counter() - start < 1
    assert caught.value.reason.startswith("it declares XML entities, which reportlint refuses")
    assert "lol" not in str(caught.value)


def test_an_external_entity_is_neither_read_nor_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    for declaration in (f'<!ENTITY s SYSTEM "{secret.as_uri()}">',
                        f'<!ENTITY % s SYSTEM "{secret.as_uri()}"> %s;'):
        evil = tmp_path / "evil.xml"
        evil.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE testsuite [{declaration}]>\n'
                        '<testsuite name="&s;" tests="1"><testcase name="a"/></testsuite>\n',
                        encoding="utf-8")
        with pytest.raises(ArtefactError) as caught:
            load_artefact(evil)
        assert "TOP-SECRET-MARKER" not in str(caught.value)
        assert "nothing was expanded" in caught.value.reason


def test_an_external_dtd_is_not_loaded(tmp_path: Path) -> None:
    # Cobertura files name their DTD (jest's do); reading it would be a fetch, and a DTD
    # holding anything but declarations would break the parse if it were read.
    dtd = tmp_path / "coverage.dtd"
    dtd.write_text("this is not a DTD <<<", encoding="utf-8")
    path = tmp_path / "cobertura.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE coverage SYSTEM "{dtd.as_uri()}">\n'
                    '<coverage lines-valid="4" lines-covered="3" line-rate="0.75"/>\n',
                    encoding="utf-8")
    artefact = load_artefact(path)
    assert artefact.coverage is not None
    assert artefact.coverage.percent == 75.0


def test_the_format_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    pairs = {"pytest-junit.xml": ("results.json", "junit-xml"),
             "coverage-py.json": ("coverage.xml", "coverage-json"),
             "ruff.sarif": ("lint.txt", "sarif"),
             "jest-lcov.info": ("coverage.xml", "lcov"),
             "jest-cobertura.xml": ("lcov.info", "cobertura-xml")}
    for source, (name, expected) in pairs.items():
        copy = tmp_path / name
        shutil.copy(ARTEFACTS / source, copy)
        assert load_artefact(copy).format == expected


def test_a_byte_order_mark_is_read_past(tmp_path: Path) -> None:
    for source in ("coverage-py.json", "pytest-junit.xml", "jest-lcov.info"):
        copy = tmp_path / source
        copy.write_bytes(b"\xef\xbb\xbf" + (ARTEFACTS / source).read_bytes())
        assert load_artefact(copy).as_dict() == load_artefact(ARTEFACTS / source).as_dict()


def test_a_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    shutil.copy(ARTEFACTS / "pytest-junit.xml", path)
    with pytest.raises(ArtefactError) as caught:
        load_artefact(path, max_bytes=1000)
    assert caught.value.reason == "it is larger than 1000 bytes, the limit for an evidence file"
    assert load_artefact(path, max_bytes=path.stat().st_size).format == "junit-xml"


def test_what_cannot_be_read_says_why(tmp_path: Path) -> None:
    with pytest.raises(ArtefactError) as missing:
        load_artefact(tmp_path / "nope.xml")
    assert missing.value.reason == "cannot read it: No such file or directory"
    with pytest.raises(ArtefactError) as folder:
        load_artefact(tmp_path)
    assert folder.value.reason == "it is a directory, not a file"


def test_junit_counts_come_from_the_cases() -> None:
    artefact = load_artefact(ARTEFACTS / "written-junit-nested-suites.xml")
    assert artefact.tests is not None
    tests = artefact.tests
    assert (tests.tests, tests.failures, tests.errors, tests.skipped, tests.passed) == (
        5, 1, 1, 1, 2)
    assert [(s.name, s.tests) for s in tests.suites] == [("api.users", 2), ("api", 3),
                                                          ("cli", 2)]
    assert [(c.suite, c.name, c.outcome) for c in tests.cases if c.outcome != "passed"] == [
        ("api.users", "rejects duplicates", "failed"), ("api", "health", "skipped"),
        ("cli", "version", "error")]


def test_artefact_is_frozen() -> None:
    artefact = load_artefact(ARTEFACTS / "ruff.sarif")
    assert isinstance(artefact, Artefact)
    with pytest.raises(AttributeError):
        artefact.format = "lcov"  # type: ignore[misc]


def _artefact_or_error(path: Path) -> None:
    """Any other exception fails the test; an error names the file."""
    try:
        found: object = load_artefact(path)
    except ArtefactError as exc:
        found = exc
    assert isinstance(found, Artefact) or str(found).startswith(f"evidence file {path}: ")


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_give_an_artefact_or_an_error(tmp_path_factory: pytest.TempPathFactory,
                                                      data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "evidence"
    path.write_bytes(data)
    _artefact_or_error(path)


REAL = [p for p in FIXTURES if p.parent == ARTEFACTS]


@settings(max_examples=80, deadline=None)
@given(source=st.sampled_from(REAL), cut=st.floats(0, 1), junk=st.binary(max_size=20))
def test_damaged_real_files_give_an_artefact_or_an_error(
        tmp_path_factory: pytest.TempPathFactory, source: Path, cut: float, junk: bytes) -> None:
    data = source.read_bytes()
    at = int(len(data) * cut)
    path = tmp_path_factory.mktemp("damaged") / source.name
    path.write_bytes(data[:at] + junk + data[at + len(junk):])
    _artefact_or_error(path)
