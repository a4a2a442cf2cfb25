"""A budget of processor time for one file's check, so that no file can hold up a run.

Where it can, :func:`run` sets a one-shot ``ITIMER_PROF`` timer (processor time, not wall
time: a file's outcome should not depend on how busy the machine is) whose ``SIGPROF``
handler raises :class:`OverBudget` at the next Python instruction of the check, wherever it
is: in markdown-it-py, jsonschema or a rule. That needs the main thread of a process with
``setitimer`` (Linux and macOS; the command line and every worker of ``--jobs``) and nobody
else's ``SIGPROF`` handler or timer (a profiler's). Elsewhere (a thread of a server,
Windows) nothing can interrupt a running step, so the engine calls :func:`checkpoint`
between steps (each block and run of inline text the parser reads, each report, each rule),
which compares this thread's processor time with the deadline; one step, such as the inline
parse of one long line, may then overrun the budget. No thread is started either way.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


class OverBudget(BaseException):
    """The check ran out of time. A BaseException, like KeyboardInterrupt, so that no
    ``except Exception`` on its way (reportlint's own for RL901, or a library's) takes it for
    a failure of its own and goes on."""


# .deadline: this thread's, in thread_time() seconds, when no timer can interrupt it.
_local = threading.local()


def checkpoint() -> None:
    """Raises OverBudget if this thread's check is past its deadline."""
    if not _deadlines:  # the usual case: a timer interrupts the check, or there is no limit
        return
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.thread_time() > deadline:
        raise OverBudget


def run(work: Callable[[], T], seconds: float | None) -> T:
    """``work()``, or OverBudget once it has used ``seconds`` of processor time (no limit
    with None)."""
    if seconds is None:
        return work()
    if _can_interrupt():
        with _timer(seconds):
            return work()
    with _deadline(seconds):
        return work()


# How many checks, in all threads, run against a deadline now (checkpoints look at their
# thread's only when some do).
_deadlines = 0
_counting = threading.Lock()


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    global _deadlines
    outer = getattr(_local, "deadline", None)
    _local.deadline = time.thread_time() + seconds
    with _counting:
        _deadlines += 1
    try:
        yield
    finally:
        _local.deadline = outer
        with _counting:
            _deadlines -= 1


def _can_interrupt() -> bool:
    return (hasattr(signal, "setitimer") and hasattr(signal, "SIGPROF")
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGPROF) in (signal.SIG_DFL, None, _expired)
            and signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0))


_armed = False  # whether a SIGPROF now ends the check (main thread only)


def _expired(signum: int, frame: Any) -> None:
    global _armed
    if _armed:  # once: not again, nor once the check is over and the timer taken down
        _armed = False
        raise OverBudget


@contextmanager
def _timer(seconds: float) -> Iterator[None]:
    global _armed
    # The handler stays once set: put back to the default, a SIGPROF caught but not yet
    # handled would make CPython print "Signal 27 ignored due to race condition".
    signal.signal(signal.SIGPROF, _expired)
    _armed = True
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        _armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)
