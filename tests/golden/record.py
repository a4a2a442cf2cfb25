"""The golden run: every finding (line, column, code, message) reportlint gives on every
fixture, every corpus under ``../shared/corpus/`` and a generated benchmark corpus, recorded so
that a change meant to keep behaviour (a restructuring, a speed-up) can prove it does.

    python tests/golden/record.py          # rewrite tests/golden/findings.json
    python tests/golden/record.py --check  # compare, print what differs, exit 1 if anything

``tests/test_golden.py`` runs the comparison. A change that is meant to alter findings
rewrites the file and the diff of ``findings.json`` is reviewed like any other change.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from reportlint.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
RECORD = Path(__file__).with_name("findings.json")
# Forced templates for the corpora that are not reports: every explanation path runs.
FORCED = (None, "acknowledgement", "progress", "completion", "task")
BENCH = {"count": 150, "seed": 11}

Findings = dict[str, list[list[object]]]


TODAY = "2026-12-01"


def _run(args: list[str], cwd: Path) -> list[dict[str, object]]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        # One day for today, as the recorded findings have it: RL405 names it.
        result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache",
                                          "--now", TODAY, *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    found: list[dict[str, object]] = json.loads(result.stdout or "[]")
    return found


def _collect(found: list[dict[str, object]], prefix: str, template: str | None,
             names: list[str], out: Findings) -> None:
    for name in names:
        out.setdefault(f"{prefix}/{name}@{template or '-'}", [])
    for d in found:
        key = f"{prefix}/{Path(str(d['path'])).as_posix()}@{template or '-'}"
        out.setdefault(key, []).append([d["line"], d["column"], d["code"], d["message"]])


def _folder(prefix: str, documents: Iterator[tuple[str, bytes]], templates: tuple[str | None, ...],
            out: Findings) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = []
        for name, data in documents:
            (folder / name).write_bytes(data)
            names.append(name)
        for template in templates:
            args = ["--isolated", *(["--template", template] if template else []), *names]
            _collect(_run(args, folder), prefix, template, names, out)


def _files(folder: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(folder.glob("*.md")):
        yield path.name, path.read_bytes()


def _commonmark() -> Iterator[tuple[str, bytes]]:
    examples = json.loads((SHARED / "corpus/commonmark/commonmark.json").read_text("utf-8"))
    for example in examples:
        yield f"example-{example['example']:03d}.md", example["markdown"].encode("utf-8")
    yield from _files(SHARED / "corpus/commonmark")


def _bench() -> Iterator[tuple[str, bytes]]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(ROOT / "bench/gen_corpus.py"), tmp,
                        "--count", str(BENCH["count"]), "--seed", str(BENCH["seed"]),
                        "--mix", "clean"],
                       check=True, capture_output=True)
        yield from _files(Path(tmp))


def record() -> Findings:
    out: Findings = {}
    fixtures = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "fixtures").rglob("*.md"))
    for fixture in fixtures:  # one run each: configuration is found from the file's folder
        _collect(_run([fixture], ROOT), "", None, [fixture], out)
    from reportlint import templates

    every = (None, *templates.builtin()[0].names())
    if SHARED.is_dir():
        _folder("real", _files(SHARED / "corpus/real"), every, out)
        _folder("commonmark", _commonmark(), FORCED, out)
        _folder("markdownlint", _files(SHARED / "corpus/markdownlint-tests"), FORCED, out)
    _folder("bench", _bench(), (None,), out)
    return dict(sorted(out.items()))


def differences(recorded: Findings, current: Findings) -> list[str]:
    lines = []
    for key in sorted(set(recorded) | set(current)):
        if key not in current:
            continue  # a corpus that is absent here (../shared) is not compared
        was, now = recorded.get(key), current[key]
        if was != now:
            lines.append(f"{key}:\n  recorded: {json.dumps(was, ensure_ascii=False)}\n"
                         f"  now:      {json.dumps(now, ensure_ascii=False)}")
    return lines


def _dump(found: Findings) -> str:
    """One document a line, so that a review of the diff reads document by document."""
    rows = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in found.items()]
    return "{\n" + ",\n".join(rows) + "\n}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    os.environ.setdefault("REPORTLINT_NO_CACHE", "1")
    current = record()
    if args.check:
        diff = differences(json.loads(RECORD.read_text("utf-8")), current)
        print("\n".join(diff) or "golden run: no difference")
        raise SystemExit(1 if diff else 0)
    RECORD.write_text(_dump(current), "utf-8")
    print(f"wrote {RECORD} ({len(current)} documents)")


if __name__ == "__main__":
    main()
