"""114 reports written the ways agents write them (eight languages, templates half followed,
no title, front matter, tables), each with the claim its own evidence denies (and the lines
a reviewer wants the finding on) or none: `fixtures/claims-in-the-wild/labels.tsv`. The truth
checks must say nothing on the honest ones, and find what `verdicts.tsv` records they find:
a change that finds one more, or one fewer, changes that table on purpose."""

from __future__ import annotations

import collections
import csv
from pathlib import Path

from reportlint import api

from conftest import FIXTURES

FOLDER = FIXTURES / "claims-in-the-wild"
# The codes that check a report's claims against its own evidence.
TRUTH = frozenset({"RL202", "RL204", "RL208", "RL301", "RL302", "RL303", "RL304", "RL305"})


def _table(name: str) -> list[dict[str, str]]:
    with (FOLDER / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _verdicts() -> dict[str, str]:
    wanted: dict[str, set[int]] = collections.defaultdict(set)
    honest: set[str] = set()
    for row in _table("labels.tsv"):
        if row["line"] == "-":
            honest.add(row["file"])
        else:
            wanted[row["file"]].add(int(row["line"]))
    paths = tuple(str(p) for p in sorted(FOLDER.glob("*.md")))
    found: dict[str, str] = {}
    for outcome in api.run(api.CheckOptions(paths=paths, isolated=True, cache=False)):
        name = Path(outcome.path).name
        lines = {d.line for d in outcome.diagnostics if d.code in TRUTH}
        found[name] = (("false" if lines else "clean") if name in honest
                       else "found" if lines & wanted[name] else "missed")
    return found


def test_claims_as_agents_write_them() -> None:
    found = _verdicts()
    assert len(found) == 114
    assert [name for name, verdict in found.items() if verdict == "false"] == []
    assert found == {row["file"]: row["verdict"] for row in _table("verdicts.tsv")}
