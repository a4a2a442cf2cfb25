from __future__ import annotations

import json
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's cache."""
    import os

    os.environ["REPORTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def run() -> Callable[..., Result]:
    """Runs the CLI in-process: ``run("check", path)``; stdout and stderr kept apart."""

    def invoke(*args: str, input: bytes | str | None = None) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], input=input,
                                  catch_exceptions=False)

    return invoke


class Hung(BaseException):
    """A test blocked (not an OSError, which the code under test may catch and go on)."""


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fails the test, instead of hanging the suite, if it blocks for 10 seconds (and again
    each second after, so a second blocking call cannot hang it either)."""

    def expired(signum: int, frame: object) -> None:
        raise Hung("blocked for 10 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, 10, 1)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def pairs(output: str) -> list[tuple[int, str]]:
    """(line, code) of every finding in JSON output."""
    return [(d["line"], d["code"]) for d in json.loads(output)]


def expected(path: Path) -> list[tuple[int, str]]:
    """The `LINE CODE` pairs in the .expected file beside a fixture."""
    rows = path.with_suffix(".expected").read_text(encoding="utf-8").split("\n")
    return [(int(line), code) for line, code in (row.split() for row in rows if row.strip())]


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not next to this checkout)")
    return path
