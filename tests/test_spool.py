"""The spool the run-wide step keeps a run's outcomes and facts in until its last file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.errors import UsageError
from reportlint.spool import Spool


@pytest.mark.parametrize("held", [0, 2, 256])
def test_values_come_back_by_their_number_in_any_order(held: int) -> None:
    values = [{"task": "BE-1", "line": 3}, ("a.md", 2), "x" * 10_000, None, []]
    with Spool(held) as spool:
        numbers = [spool.put(v) for v in values]
        assert numbers == [0, 1, 2, 3, 4]
        assert len(spool) == 5
        assert [spool.get(n) for n in reversed(numbers)] == values[::-1]
        assert spool.put("after reading") == 5  # a write after reads goes at the end
        assert spool.get(5) == "after reading"
        assert spool.get(0) == values[0]
        assert (spool._file is None) == (held >= 6)  # a few values make no file


def test_recently_read_values_are_kept_and_the_oldest_goes_first() -> None:
    with Spool(0, recent=2) as spool:
        for n in range(4):
            spool.put({"n": n})
        first = spool.get(0)
        assert spool.get(0) is first  # kept: not read from the file again
        spool.get(1)
        spool.get(2)  # the third read: the oldest, number 0, goes
        assert spool.get(1) is spool.get(1)
        again = spool.get(0)  # read from the file anew
        assert again is not first
        assert again == first


def test_a_spool_cut_short_under_the_run_is_an_error_not_a_wrong_value() -> None:
    with Spool(0) as spool:
        spool.put("first")
        spool.put("second value")
        assert spool._file is not None
        spool._file.truncate(5)  # another process emptied the file under the run
        with pytest.raises(UsageError, match=r"temporary file lost \d+ bytes"):
            spool.get(1)


def test_a_temporary_folder_that_cannot_be_written_is_a_usage_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", refused)
    with Spool(1) as spool:
        spool.put("held")
        with pytest.raises(UsageError, match=r"cannot keep the run's results in a "
                           r"temporary file \(No space left on device\); free space"):
            spool.put("on file")


def test_a_run_spooled_to_disk_finds_what_one_held_in_memory_finds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlint import api, runwide

    from conftest import FIXTURES

    def findings() -> list[tuple[str, int, str, str]]:
        result = api.run(api.CheckOptions(paths=(FIXTURES / "lifecycle",), cache=False,
                                          jobs=1))
        return [(o.path, d.line, d.code, d.message) for o in result for d in o.diagnostics]

    held = findings()
    monkeypatch.setattr(runwide, "Spool", lambda recent=0: Spool(0, recent))
    on_disk = findings()
    assert on_disk == held
    assert sum(code.startswith("RL4") for _, _, code, _ in held) >= 10
