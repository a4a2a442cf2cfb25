"""The one exception reportlint raises for a problem of its use, not of a report."""

from __future__ import annotations


class UsageError(Exception):
    """A usage, configuration or template problem: the run cannot go on (exit 2).

    ``messages`` are every problem found before the run stopped, in the order found (a
    missing path, then the broken configuration that stopped it), each worded for
    ``error: MESSAGE``. ``param`` names the option or argument at fault when the problem is
    one value of it (``--select/--ignore``, ``TEMPLATE``), so a command line can report it as
    an invalid value of that parameter.
    """

    def __init__(self, *messages: str, param: str | None = None) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
        self.param = param

    @property
    def message(self) -> str:
        return str(self)


class IncompleteRun(UsageError):
    """The run stopped before every input was checked (a worker process died): exit 2, so
    that a gate never passes on the files it did not see."""


def no_room(what: str, exc: OSError, advice: str = "") -> UsageError:
    """A temporary file that cannot be written (a full or unwritable temporary folder, a file
    size limit), said the same way wherever reportlint keeps one: ``what`` is kept there."""
    return UsageError(f"cannot keep {what} in a temporary file ({exc.strerror or exc}); "
                      f"free space in the temporary folder (TMPDIR){advice}")
