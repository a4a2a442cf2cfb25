#!/usr/bin/env python3
"""Two or more checkouts of reportlint side by side against the parse-only floor.

    python bench/compare.py NAME=SRC [NAME=SRC ...] [--repeat 3]

Each SRC is a checkout's ``src`` folder (``git worktree add /tmp/old 44b71c5`` gives
``/tmp/old/src``), optionally followed by ``::`` and arguments for its ``check``, separated
by ``::`` (``form=src::--select::RL0,RL1`` runs the same code with only those codes);
every version runs with this interpreter and its installed dependencies, the versions and
``bench/parse_only.py`` in turns, on the benchmark's corpora
(``bench/gen_corpus.py``): one passing report, one failing report, 1,000 clean and 1,000
drifted reports with ``--jobs 1``. Printed: medians of processor time (user and system) and
their ratios to the floor's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cpu(command: list[str], env: dict[str, str]) -> float:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=env)
    _, _, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("versions", nargs="+", metavar="NAME=SRC")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    versions: dict[str, str] = {}
    extra: dict[str, list[str]] = {}
    for spec in args.versions:
        name, _, rest = spec.partition("=")
        versions[name], *extra[name] = rest.split("::")
    for src in set(versions.values()):
        subprocess.run([sys.executable, "-m", "compileall", "-q", src], check=True)
    work = Path(tempfile.mkdtemp(prefix="reportlint-compare-"))
    for mix in ("clean", "drifted"):
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), str(work / mix),
                        "--count", "1000", "--mix", mix], check=True, stdout=subprocess.DEVNULL)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(NO_COLOR="1", REPORTLINT_CACHE_DIR=str(work / "cache"))
    clean = sorted(str(p) for p in (work / "clean").glob("report-*.md"))
    drifted = sorted(str(p) for p in (work / "drifted").glob("report-*.md"))
    single = min(clean, key=lambda p: abs(os.path.getsize(p) - 6000))
    failing = next(p for p in sorted(drifted, key=lambda p: abs(os.path.getsize(p) - 6000))
                   if subprocess.run([sys.executable, "-m", "reportlint", "check",
                                      "--isolated", "--no-cache", p], env=env,
                                     stdout=subprocess.DEVNULL).returncode == 1)
    cases = [("one passing report", [single], args.repeat * 5),
             ("one failing report", [failing], args.repeat * 5),
             ("1,000 clean, --jobs 1", clean, args.repeat),
             ("1,000 drifted, --jobs 1", drifted, args.repeat)]
    for name, files, runs in cases:
        times: dict[str, list[float]] = {k: [] for k in [*versions, "floor"]}
        for _ in range(runs):
            for version, src in versions.items():
                times[version].append(cpu(
                    [sys.executable, "-m", "reportlint", "check", "--isolated", "--no-cache",
                     "--jobs", "1", *extra[version], *files], {**env, "PYTHONPATH": src}))
            times["floor"].append(cpu([sys.executable, str(HERE / "parse_only.py"), *files],
                                      env))
        med = {k: statistics.median(v) for k, v in times.items()}
        print(f"{name:26s} " + "  ".join(f"{k} {med[k] / med['floor']:.2f}x" for k in versions)
              + f"  (floor {med['floor']:.3f} s)", flush=True)


if __name__ == "__main__":
    main()
