"""The real corpus as a labelled regression suite: every finding reportlint gives on
../shared/corpus/real, judged by reading the report (tests/real_labels.tsv: `true`,
`misleading`, `false`), and the false findings fixed since (`fixed`, with the reason).

The test fails on a finding with no label, and on a labelled finding that disappears: a
change that alters findings on real reports relabels them here, by reading them again.
`missed` rows are contradictions a reviewer sees that no check catches yet."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from reportlint import api

from conftest import ROOT, shared

LABELS = ROOT / "tests/real_labels.tsv"
REPORTED = ("true", "misleading", "false")
VERDICTS = (*REPORTED, "fixed", "missed")


def _rows() -> list[list[str]]:
    rows = [line.split("\t", 4) for line in LABELS.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    for row in rows:
        assert len(row) == 5, row
        assert row[3] in VERDICTS, row
        assert row[4].strip(), f"no reason: {row}"
    return rows


def test_every_finding_on_the_real_corpus_is_labelled_and_none_disappears() -> None:
    folder = shared("corpus", "real")
    rows = _rows()
    outcomes = api.run(api.CheckOptions(paths=(folder,), isolated=True, cache=False))
    found = Counter((Path(o.path).name, d.line, d.code) for o in outcomes
                    for d in o.diagnostics)
    labelled = Counter((r[0], int(r[1]), r[2]) for r in rows if r[3] in REPORTED)
    unlabelled = found - labelled
    gone = labelled - found
    assert not unlabelled, f"findings with no label (read them, then label): {unlabelled}"
    assert not gone, f"labelled findings that disappeared (relabel them): {gone}"


def test_the_labels_say_how_precise_reportlint_is() -> None:
    """The figures of the closing note, kept honest: nineteen in twenty findings at least
    are true (a finding at the wrong line is misleading), one in a hundred at most false."""
    verdicts = Counter(row[3] for row in _rows())
    reported = sum(verdicts[v] for v in REPORTED)
    assert reported > 150
    assert verdicts["true"] / reported >= 0.95
    assert verdicts["false"] <= 0.01 * reported
