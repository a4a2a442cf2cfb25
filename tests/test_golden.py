"""The golden run (tests/golden/record.py): every fixture, every corpus under ../shared and a
generated benchmark corpus give exactly the recorded findings. A change meant to alter them
rewrites tests/golden/findings.json with `python tests/golden/record.py` and is reviewed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).with_name("golden")))

import record

pytestmark = pytest.mark.slow


def test_golden_run_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    recorded = json.loads(record.RECORD.read_text("utf-8"))
    current = record.record()
    diff = record.differences(recorded, current)
    assert not diff, "findings differ from the golden run:\n" + "\n".join(diff[:20])
    if not record.SHARED.is_dir():
        pytest.skip(f"{record.SHARED} is absent: only fixtures and the benchmark were compared")
