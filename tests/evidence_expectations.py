"""The expected reading of every evidence fixture, kept beside it: `NAME.json` for a tool's
output `NAME.txt` under fixtures/evidence/outputs/, `NAME.expected.json` for a file under
fixtures/evidence/artefacts/.

    python tests/evidence_expectations.py               # list the fixtures whose reading changed
    python tests/evidence_expectations.py --regenerate  # rewrite the expectations; review the diff
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ROOT / "fixtures/evidence/outputs"
ARTEFACTS = ROOT / "fixtures/evidence/artefacts"
EXPECTED = ".expected.json"


def outputs() -> list[Path]:
    return sorted(OUTPUTS.glob("*.txt"))


def artefacts() -> list[Path]:
    return sorted(p for p in ARTEFACTS.rglob("*")
                  if p.is_file() and not p.name.endswith(EXPECTED) and p.name != "README.txt")


def output_expectation_path(path: Path) -> Path:
    return path.with_suffix(".json")


def artefact_expectation_path(path: Path) -> Path:
    return path.with_name(path.name + EXPECTED)


def read_output(path: Path) -> list[dict[str, Any]]:
    from reportlint.evidence import parse_output

    return [r.as_dict() for r in parse_output(path.read_text(encoding="utf-8"))]


def read_artefact(path: Path) -> dict[str, Any]:
    from reportlint.evidence import ArtefactError, load_artefact

    try:
        return load_artefact(path).as_dict()
    except ArtefactError as exc:
        return {"error": exc.reason}


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regenerate", action="store_true", help="rewrite the expectations")
    args = parser.parse_args(argv)
    pairs: list[tuple[Path, Any]] = [(output_expectation_path(p), read_output(p))
                                     for p in outputs()]
    pairs += [(artefact_expectation_path(p), read_artefact(p)) for p in artefacts()]
    changed = 0
    for expectation, reading in pairs:
        text = _dump(reading)
        if expectation.exists() and expectation.read_text(encoding="utf-8") == text:
            continue
        changed += 1
        if args.regenerate:
            expectation.write_text(text, encoding="utf-8")
        print(f"{'wrote' if args.regenerate else 'differs'}: {expectation.relative_to(ROOT)}")
    print(f"{changed} of {len(pairs)} expectations {'rewritten' if args.regenerate else 'differ'}")
    return 1 if changed and not args.regenerate else 0


if __name__ == "__main__":
    sys.exit(main())
