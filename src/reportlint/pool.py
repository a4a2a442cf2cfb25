"""Checking many inputs: outcomes in input order, spread over processes when there are enough
of them to pay for starting the processes."""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint import engine
from reportlint.diagnostics import Outcome
from reportlint.errors import IncompleteRun

if TYPE_CHECKING:
    from concurrent.futures import Future

# One input and the settings it is checked with: a file as a path (read where it is
# checked, so the parent never holds every file's bytes), or bytes already read.
Work = tuple["engine.Input | Path", engine.Settings]
# Called after each input is checked with (inputs checked so far, inputs in all).
Progress = Callable[[int, int], None]

# Below this many inputs, starting processes costs more than it saves.
_PARALLEL_FROM = 32
# With no --jobs, one process per this many inputs, up to the usable cores. Measured on the
# benchmark's drifted reports (2 cores, shared): 100 files 0.40 s with one process and 0.50 s
# with two; 300 files 0.82 s and 0.92 s; 1,000 files 2.45 s and 1.83 s. A pool pays from
# about 400 files; below 500 it is not started.
FILES_PER_WORKER = 250


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(total: int) -> int:
    """The processes for ``total`` inputs when the user names none: one process (no pool)
    for a small run, one per :data:`FILES_PER_WORKER` inputs for a large one, at most one per
    usable core."""
    return max(1, min(usable_cores(), total // FILES_PER_WORKER))


def check_all(work: Sequence[Work], jobs: int,
              progress: Progress | None = None) -> Iterator[Outcome]:
    """The outcome of every input, in input order, computed as they are asked for."""
    total = len(work)
    with _collector_for_a_run():
        if jobs > 1 and total >= _PARALLEL_FROM and sys.platform != "win32":
            outcomes = _parallel(work, jobs)
        else:
            outcomes = (_check(item) for item in work)
        for count, outcome in enumerate(outcomes, 1):
            if progress is not None:
                progress(count, total)
            yield outcome


def _check(item: Work) -> Outcome:
    target, settings = item
    found = (engine.read(target, settings.config.max_file_size) if isinstance(target, Path)
             else target)
    return engine.check(found, settings)


def _parallel(work: Sequence[Work], jobs: int) -> Iterator[Outcome]:
    """Raises IncompleteRun when a worker dies (the out-of-memory killer, a signal): the
    files with no outcome yet are named and not checked again, since the file that killed
    one process would most likely kill the next, this one included, and lose every result."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Forked workers inherit the inputs and their settings (registry, compiled templates)
    # instead of unpickling them; only indexes and outcomes cross between processes.
    context = multiprocessing.get_context("fork")
    done = 0
    total = len(work)
    chunk = max(1, min(64, total // (jobs * 8)))
    starts = iter(range(0, total, chunk))
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_adopt,
                                 initargs=(work,)) as pool:
            # A few chunks ahead of the one being given, not all of them (as pool.map
            # submits): the workers outrun the process that takes their outcomes, and the
            # outcomes made ahead would wait in memory (10,000 files: 28.1 MB, from 27.1
            # with one process).
            ahead: deque[Future[list[Outcome]]] = deque()

            def submit() -> None:
                start = next(starts, None)
                if start is not None:
                    ahead.append(pool.submit(_check_range, start, min(start + chunk, total)))

            for _ in range(jobs * 3):
                submit()
            while ahead:
                outcomes = ahead.popleft().result()
                submit()
                for outcome in outcomes:
                    done += 1
                    yield outcome
    except BrokenProcessPool:
        raise IncompleteRun(_unchecked(work[done:])) from None


def _unchecked(rest: Sequence[Work]) -> str:
    names = [str(target.path if isinstance(target, engine.Input) else target)
             for target, _ in rest]
    shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
    return (f"a worker process died (killed by a signal or the out-of-memory killer); "
            f"{len(names)} file(s) not checked: {shown}")


# A worker's inputs, set once as it starts (see _adopt); never set in the parent process.
_worker_work: Sequence[Work] = ()


def _adopt(work: Sequence[Work]) -> None:
    global _worker_work
    _worker_work = work


def _check_range(start: int, stop: int) -> list[Outcome]:
    return [_check(_worker_work[index]) for index in range(start, stop)]


@contextmanager
def _collector_for_a_run() -> Iterator[None]:
    """Keep the garbage collector off everything loaded before the run (modules, templates,
    settings: it lives as long as the run, and forked workers then share its pages instead
    of copying them as the collector touches them), and let it run less often over the
    short-lived parse trees (they hold no cycles). Undone afterwards, so a process that
    checks again and again (a server) does not keep each run's leftovers frozen."""
    frozen_before = gc.get_freeze_count()
    threshold = gc.get_threshold()
    gc.freeze()
    # Measured on 1,000 drifted reports: 2,000 costs 59 ms of collections (20,000: 6 ms, the
    # default 700: 128 ms), and a run of 10,000 files peaks 1 MB lower than with 20,000
    # (25.9 MB, from 26.9; 1,000 files: 24.1 MB), as collections give back the memory of
    # the freed objects' free lists.
    gc.set_threshold(2_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not frozen_before:  # someone else froze objects first: theirs to unfreeze
            gc.unfreeze()
