#!/usr/bin/env python3
"""reportlint's benchmark: whole-process timings against a parse-only baseline.

    python bench/run.py [--count 1000] [--repeat 5] [--real ../shared/corpus/real]
                        [--write FILE]

Generates deterministic corpora (bench/gen_corpus.py: drifted reports as agents write them,
the default, and the clean ones of the earlier benchmarks) in a temporary folder, then times,
for each case of issue #18 (and the earlier ones), the medians of --repeat runs (taken in
turns) of reportlint and of bench/parse_only.py (which imports markdown-it-py and parses the
same files, and nothing else): wall time, processor time and each process's peak memory.
Results go to standard output as a Markdown table, and with --write into that file.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Timing:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # processor time (user and system) of the process


def timed(command: list[str], env: dict[str, str]) -> Timing:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{command[:4]}... exited with {code}")
    return Timing(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def median_pair(ours: list[str], floor: list[str], env: dict[str, str], repeat: int,
                fresh: Path | None = None) -> tuple[Timing, Timing]:
    """The medians of ``repeat`` runs of each command, run in turns, so a machine that slows
    down for a while slows both sides alike. With ``fresh``, each run of ours gets a new,
    empty cache folder below it (a CI job's first run)."""
    pairs = []
    for turn in range(repeat):
        here = env
        if fresh is not None:
            here = {**env, "REPORTLINT_CACHE_DIR": str(fresh / f"run-{turn}")}
        pairs.append((timed(ours, here), timed(floor, env)))
    return _median([a for a, _ in pairs]), _median([b for _, b in pairs])


def _median(timings: list[Timing]) -> Timing:
    return Timing(statistics.median(t.seconds for t in timings),
                  max(t.peak_mb for t in timings),
                  statistics.median(t.cpu for t in timings))


def progress(text: str) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\x1b[2K{text}")
        sys.stderr.flush()


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{platform.system()} {platform.machine()}, {model or 'unknown CPU'}, {cores} "
            f"usable cores, Python {platform.python_version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", type=Path)
    parser.add_argument("--real", type=Path, help="a folder of real reports (../shared/"
                        "corpus/real) for the real-reports case")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    try:
        rows = run(work, args.count, args.repeat, args.real)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    progress("")
    table = render(rows, args)
    print(table)
    if args.write:
        args.write.write_text(table, "utf-8")


Case = tuple[str, list[str], list[str], int, "Path | None"]


def run(work: Path, count: int, repeat: int, real: Path | None
        ) -> list[tuple[str, Timing, Timing, int]]:
    drifted, clean = work / "drifted", work / "clean"
    for folder, mix, extra in ((drifted, "drifted", []), (clean, "clean", ["--large"])):
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), str(folder), "--count",
                        str(count), "--mix", mix, *extra], check=True)
    subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), str(work / "many"),
                    "--count", str(count * 10), "--mix", "drifted"], check=True)
    reports = sorted(str(p) for p in drifted.glob("report-*.md"))
    clean_reports = sorted(str(p) for p in clean.glob("report-*.md"))
    many = sorted(str(p) for p in (work / "many").glob("report-*.md"))
    single = min(clean_reports, key=lambda p: abs(os.path.getsize(p) - 6000))
    failing = _failing(reports)
    # Byte-compile reportlint as pip does when it installs a wheel, so a checkout (editable
    # install, or PYTHONDONTWRITEBYTECODE set) is measured as users run it.
    import importlib.util

    spec = importlib.util.find_spec("reportlint")
    assert spec is not None
    assert spec.origin is not None
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(spec.origin).parent)],
                   check=True)
    cache_dir = work / "cache"
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(cache_dir), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    lint = [sys.executable, "-m", "reportlint", "check", "--isolated"]
    base = [sys.executable, str(HERE / "parse_only.py")]
    fresh = work / "fresh"
    hundred = reports[:100]
    cases: list[Case] = [
        ("one report, empty cache directory", [*lint, single], [single], 1, fresh),
        ("one report with findings, result cache off", [*lint, "--no-cache", failing],
         [failing], 1, None),
        ("one passing report, result cache off", [*lint, "--no-cache", single], [single], 1,
         None),
        (f"{count:,} drifted reports, --jobs 1", [*lint, "--no-cache", "--jobs", "1",
                                                  *reports], reports, count, None),
        (f"{count:,} drifted reports, default jobs", [*lint, "--no-cache", *reports], reports,
         count, None),
        ("100 drifted reports, --jobs 1", [*lint, "--no-cache", "--jobs", "1", *hundred],
         hundred, 100, None),
        ("100 drifted reports, default jobs", [*lint, "--no-cache", *hundred], hundred, 100,
         None),
        (f"{count * 10:,} drifted reports, default jobs (memory)",
         [*lint, "--no-cache", str(work / "many")], many, count * 10, None),
        (f"{count:,} drifted reports, default jobs (memory: a folder, as below)",
         [*lint, "--no-cache", str(drifted)], reports, count, None),
        (f"{count:,} drifted reports, --format json (memory)",
         [*lint, "--no-cache", "--format", "json", str(drifted)], reports, count, None),
        (f"{count * 10:,} drifted reports, --format json (memory)",
         [*lint, "--no-cache", "--format", "json", str(work / "many")], many, count * 10, None),
        (f"{count:,} clean reports, --jobs 1", [*lint, "--no-cache", "--jobs", "1",
                                                *clean_reports], clean_reports, count, None),
        (f"one report of {(clean / 'large.md').stat().st_size / 1e6:.1f} MB, 40,000-row table",
         [*lint, "--no-cache", str(clean / "large.md")], [str(clean / "large.md")], 1, None),
        (f"{count:,} drifted reports, second run (cache warm)", [*lint, *reports], reports,
         count, None),
    ]
    if real is not None:
        found = sorted(str(p) for p in real.glob("*.md"))
        cases.insert(3, (f"{len(found)} real reports, empty cache directory",
                         [*lint, *found], found, len(found), fresh))
    measured = []
    for name, command, inputs, n, fresh_dir in cases:
        progress(f"benchmark: {name}")
        if "cache warm" in name:
            shutil.rmtree(cache_dir, ignore_errors=True)
            subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL)
        # A one-report case takes a tenth of a second, where this kind of machine's noise is
        # a fifth of that: three times as many runs, for the same trust in the median.
        repeat_here = (max(1, repeat // 2) if n > count or "MB" in name
                       else repeat * 3 if n == 1 else repeat)
        ours, floor = median_pair(command, [*base, *inputs], env, repeat_here, fresh_dir)
        if fresh_dir is not None:
            shutil.rmtree(fresh_dir, ignore_errors=True)
        measured.append((name, ours, floor, n))
    return measured


def _failing(reports: list[str]) -> str:
    """A drifted report of about 6 KB that has findings (found by a reportlint process: this
    one stays small, as every process it starts begins with its memory)."""
    for path in sorted(reports, key=lambda p: abs(os.path.getsize(p) - 6000)):
        done = subprocess.run([sys.executable, "-m", "reportlint", "check", "--isolated",
                               "--no-cache", path], stdout=subprocess.DEVNULL, check=False)
        if done.returncode == 1:
            return path
    return reports[0]


def render(rows: list[tuple[str, Timing, Timing, int]], args: argparse.Namespace) -> str:
    lines = [
        f"Machine: {machine()}. Command: `python bench/run.py --count {args.count} "
        f"--repeat {args.repeat}`" + (f" --real {args.real}" if args.real else "") + ".",
        "",
        "| case | reportlint | parse-only | ratio | processor ratio | files/s | "
        "peak memory (ours / baseline) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, ours, floor, n in rows:
        lines.append(f"| {name} | {ours.seconds:.3f} s | {floor.seconds:.3f} s | "
                     f"{ours.seconds / floor.seconds:.2f}x | {ours.cpu / floor.cpu:.2f}x | "
                     f"{n / ours.seconds:,.0f} | {ours.peak_mb:.0f} MB / {floor.peak_mb:.0f} MB |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
