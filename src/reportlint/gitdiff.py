"""What git says a branch changed: the facts `--diff-base` checks a report's claims against."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import subprocess


class Changes(NamedTuple):
    """Paths (relative to the repository root) the diff touches, with git's status letter."""

    root: Path
    base: str
    statuses: dict[str, str]


def changes(base: str, cwd: Path) -> Changes | str:
    """The changes from the merge base of ``base`` and HEAD to the index, or why there are
    none: what ``git diff base...HEAD`` shows, and what is staged on top of it, as in a
    pre-commit hook, where the report and the files it lists are about to be committed
    together (in CI the index is HEAD, and this is ``base...HEAD``)."""
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        return f"--diff-base: {cwd} is not inside a git repository"
    root = Path(top.stdout.strip())
    # `--end-of-options`: a base is never read as an option of git's.
    merge = _git(["merge-base", "--end-of-options", base, "HEAD"], root)
    if merge.returncode != 0:
        return f"--diff-base {base}: {_reason(merge, 'no common commit with HEAD')}"
    diff = _git(["diff", "--cached", "--name-status", "-z", "--no-renames",
                 merge.stdout.strip(), "--"], root)
    if diff.returncode != 0:
        return f"--diff-base {base}: {_reason(diff, 'git failed')}"
    parts = [p for p in diff.stdout.split("\0") if p]
    statuses = {path: status[:1] for status, path in zip(parts[::2], parts[1::2], strict=False)}
    return Changes(root, base, statuses)


def _reason(done: subprocess.CompletedProcess[str], otherwise: str) -> str:
    stderr = done.stderr.strip()
    return stderr.splitlines()[0] if stderr else otherwise


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    import subprocess  # only with --diff-base

    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              check=False)
    except OSError as exc:  # no git on the machine
        return subprocess.CompletedProcess(args, 127, "", str(exc))


# At most this many committed versions of one file are read as its earlier reports.
HISTORY_MAX = 50


def versions(path: Path) -> list[tuple[str, bytes]]:
    """The committed versions of ``path`` (commit id and bytes), oldest first, without the
    ones whose bytes are the file's own now (that report is the file itself); none when the
    file is not in a git repository or git cannot tell. For `--history`."""
    import subprocess

    folder, name = path.parent, path.name
    log = _git(["log", f"--max-count={HISTORY_MAX}", "--format=%H", "--", name], folder)
    if log.returncode != 0:
        return []
    try:
        current = path.read_bytes()
    except OSError:
        return []
    found: list[tuple[str, bytes]] = []
    for commit in reversed(log.stdout.split()):
        try:
            shown = subprocess.run(["git", "show", f"{commit}:./{name}"], cwd=folder,
                                   capture_output=True, check=False)
        except OSError:
            return []
        if shown.returncode == 0 and shown.stdout != current and (
                not found or found[-1][1] != shown.stdout):
            found.append((commit, shown.stdout))
    return found
