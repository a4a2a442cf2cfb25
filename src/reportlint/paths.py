"""Which files a run reads and how their paths are shown: gitignore-style globs, the
``.gitignore`` rules of a tree being walked, and display paths.

Globs are gitignore patterns, compiled by pathspec (``*``, ``?``, classes such as ``[ab]``,
``**``, a leading ``/`` to anchor, ``!`` to negate an earlier pattern of the same list), with
``{a,b}`` braces expanded first, as markdownlint-cli2 and ruff accept them. They are matched
by pathspec's RE2 backend, so no pattern (from a configuration or a ``.gitignore``) can take
more than linear time, whatever the path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # imported where first needed: a run of named files may need no glob
    import pathspec

__all__ = ["GlobError", "Globs", "base", "display", "expand_braces", "matcher", "walk"]

# Folders no walk enters, ignored or not: version control, dependencies, tool caches.
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                       ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache"})
# `{a,b}{c,d}...` doubles with each group; past this many patterns it is a mistake, not a glob.
_MAX_EXPANSIONS = 256


class GlobError(ValueError):
    """A glob that cannot be compiled; the message says why, for the user."""


def expand_braces(pattern: str) -> list[str]:
    """``a/{b,c}/*.md`` as ``a/b/*.md`` and ``a/c/*.md``; groups nest, and a group without a
    comma (``{a}``), an escaped brace (``\\{``) or a brace inside a class (``[{]``) is kept
    as it is, for pathspec to read literally. Raises GlobError past 256 patterns."""
    out: list[str] = []
    pending = [pattern]
    while pending:
        current = pending.pop()
        group = _first_group(current)
        if group is None:
            out.append(current)
        else:
            start, end, alternatives = group
            pending.extend(current[:start] + alt + current[end + 1:]
                           for alt in reversed(alternatives))
        if len(out) + len(pending) > _MAX_EXPANSIONS:
            raise GlobError(f"{pattern!r} expands to more than {_MAX_EXPANSIONS} patterns")
    return list(dict.fromkeys(out))


def _first_group(text: str) -> tuple[int, int, list[str]] | None:
    """The first ``{...}`` to close that has a comma: where it starts and ends, and its
    alternatives."""
    i, opened = 0, []
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(text, i) + 1
            continue
        if char == "{":
            opened.append(i)
        elif char == "}" and opened:
            # The innermost group closes first; the groups around it expand after it.
            start = opened.pop()
            alternatives = _split_commas(text[start + 1:i])
            if len(alternatives) > 1:
                return start, i, alternatives
        i += 1
    return None


def _class_end(text: str, start: int) -> int:
    """Where the class opened at ``start`` closes (``]`` right after ``[`` or ``[!`` is a
    member); an unclosed ``[`` is a literal character."""
    i = start + 1
    if i < len(text) and text[i] in "!^":
        i += 1
    if i < len(text) and text[i] == "]":
        i += 1
    while i < len(text) and text[i] != "]":
        i += 2 if text[i] == "\\" else 1
    return i if i < len(text) else start


def _split_commas(body: str) -> list[str]:
    """The parts of a brace group's body (which holds no group with a comma), split at its
    commas."""
    parts, i, last = [], 0, 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(body, i) + 1
            continue
        if char == ",":
            parts.append(body[last:i])
            last = i + 1
        i += 1
    parts.append(body[last:])
    return parts


def _compile(lines: list[str]) -> pathspec.GitIgnoreSpec:
    import pathspec

    # Typed here: pathspec 1.0's own hints leave the result untyped.
    spec: pathspec.GitIgnoreSpec = pathspec.GitIgnoreSpec.from_lines(lines, backend="re2")
    return spec


def matchable(relative: str) -> str:
    """A path as a glob can read it: a name that is not UTF-8 (its bytes kept by Python as
    surrogates) has each such byte as U+FFFD, which the regular expression engine accepts
    and `*` matches."""
    if relative.isascii():
        return relative
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return relative.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return relative


@lru_cache(maxsize=512)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    lines = [line for pattern in patterns for line in expand_braces(pattern)]
    try:
        return _compile(lines)
    except ValueError as exc:  # pathspec's GitIgnorePatternError
        raise GlobError(str(exc)) from None
    except re.error as exc:  # a class pathspec passes on as it is, such as `[z-a]`
        shown = patterns[0] if len(patterns) == 1 else patterns
        raise GlobError(f"{shown!r}: {exc.msg}") from None


class Globs(NamedTuple):
    """Globs of one configuration key, relative to ``base`` (the folder of the file that set
    them; None: the folder of the configuration in use). A list reads like a ``.gitignore``:
    the last pattern that matches decides, so ``!`` re-includes. ``negated`` (a key such as
    ``"!docs/**"`` of a per-file table) matches the files the patterns do not, as in ruff."""

    patterns: tuple[str, ...]
    base: Path | None = None
    source: Path | None = None  # the configuration file that set them, for messages
    negated: bool = False

    @classmethod
    def compiled(cls, patterns: Iterable[str], base: Path | None = None,
                 source: Path | None = None) -> Globs:
        """Globs whose patterns compile; raises GlobError naming the one that does not."""
        found = cls(tuple(patterns), base, source)
        for pattern in found.patterns:
            _spec((pattern,))
        return found

    @classmethod
    def key(cls, text: str, base: Path | None = None, source: Path | None = None) -> Globs:
        """One key of a per-file table: a glob, or ``!glob`` for the files it does not match."""
        negated = text.startswith("!")
        return cls.compiled([text[1:] if negated else text], base, source)._replace(
            negated=negated)

    def match(self, relative: str) -> bool:
        """Whether a path relative to the base (``/``-separated) matches."""
        return _spec(self.patterns).match_file(matchable(relative)) != self.negated

    def unmatched(self, relatives: Iterable[str]) -> list[str]:
        """The patterns that match none of ``relatives``: a ``!`` item of a list by what it
        takes back, a negated key by the files it stands for."""
        left = Unmatched(self)
        for relative in relatives:
            if not left.open:
                break
            left.see(relative)
        return left.patterns()


class Unmatched:
    """The patterns of ``globs`` that no path seen so far matches (see
    :meth:`Globs.unmatched`), as paths are seen one by one: a run's walk keeps this, not
    its paths."""

    def __init__(self, globs: Globs) -> None:
        self._globs = globs
        self._left = {} if globs.negated else {
            p: _spec((p.removeprefix("!"),)) for p in globs.patterns}
        self.open = True  # some pattern may still match no path

    def see(self, relative: str) -> None:
        if self._globs.negated:
            if self._globs.match(relative):
                self.open = False
            return
        relative = matchable(relative)
        for pattern in [p for p, spec in self._left.items() if spec.match_file(relative)]:
            del self._left[pattern]
        self.open = bool(self._left)

    def patterns(self) -> list[str]:
        if self._globs.negated:
            return [f"!{self._globs.patterns[0]}"] if self.open else []
        return list(self._left)


def matcher(globs: Iterable[str]) -> Callable[[str], bool]:
    """Whether a ``/``-separated relative path matches any of ``globs`` (a ``.gitignore``
    list: the last matching pattern decides)."""
    return Globs.compiled(globs).match


def base() -> Path:
    """The folder display paths are relative to: the working directory, or the repository
    root when GitHub Actions runs reportlint inside its workspace ($GITHUB_WORKSPACE)."""
    cwd = Path(os.getcwd())
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        root = Path(os.path.abspath(workspace))
        if root == cwd or root in cwd.parents:
            return root
    return cwd


def display(path: Path | str) -> str:
    """How every output shows a file: relative to :func:`base` when it is inside it (as
    ruff does), else absolute. Symbolic links are not resolved."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(base()))
    except ValueError:
        return str(absolute)


def absolute(shown: str) -> Path:
    """The file a display path stands for."""
    return Path(os.path.abspath(base() / shown))


class _Level(NamedTuple):
    """The rules of one ignore file: paths relative to ``folder`` (absolute, as a string, so
    that the walk compares strings rather than building paths); directories are checked
    against ``dirs`` (its patterns with a trailing ``/`` dropped), files against ``files``."""

    folder: str
    files: pathspec.GitIgnoreSpec
    dirs: pathspec.GitIgnoreSpec


class Ignores(NamedTuple):
    """The ignore files in force in one folder of a walk, shallowest first: the repository's
    ``.git/info/exclude``, then each ``.gitignore`` from the repository root down. A deeper
    file's matching pattern decides over a shallower one's, as in git."""

    levels: tuple[_Level, ...] = ()

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Whether git ignores ``path`` (absolute)."""
        for level in reversed(self.levels):
            if not path.startswith(level.folder):
                continue
            relative = path[len(level.folder):].lstrip(os.sep)
            if os.sep != "/":
                relative = relative.replace(os.sep, "/")
            decided = (level.dirs if is_dir else level.files).check_file(relative).include
            if decided is not None:
                return decided
        return False

    def entering(self, folder: str) -> Ignores:
        level = _level(os.path.join(folder, ".gitignore"), folder)
        return self if level is None else Ignores((*self.levels, level))


def _level(ignore_file: str | Path, folder: str) -> _Level | None:
    try:
        with open(ignore_file, "rb") as handle:
            text = handle.read().decode("utf-8", "replace")
    except OSError:  # none here (the usual case), or unreadable: git skips it too
        return None
    lines = text.splitlines()
    return _Level(folder, _lenient(lines), _lenient([_as_dir_pattern(x) for x in lines]))


def _as_dir_pattern(line: str) -> str:
    if not line.endswith("\\ "):
        line = line.rstrip(" ")
    return line[:-1] if line.endswith("/") and not line.endswith("\\/") else line


def _lenient(lines: list[str]) -> pathspec.GitIgnoreSpec:
    """A spec of the lines git can use; like git, a line it cannot is skipped, not an error."""
    try:
        return _compile(lines)
    except (ValueError, re.error):
        usable = []
        for line in lines:
            try:
                _compile([line])
            except (ValueError, re.error):
                continue
            usable.append(line)
        return _compile(usable)


def _repository(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _exclude_file(root: Path) -> Path:
    """``info/exclude`` of the repository at ``root``; a worktree's or submodule's ``.git`` is
    a file naming its git folder, whose ``commondir`` holds the shared one."""
    git = root / ".git"
    if git.is_file():
        try:
            named = git.read_text("utf-8").strip().removeprefix("gitdir:").strip()
            git = root / named
            common = git / "commondir"
            if common.is_file():
                git = git / common.read_text("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            pass
    return git / "info" / "exclude"


def _rules_above(top: Path) -> Ignores:
    """The ignore files that apply to ``top`` from the folders above it (up to its
    repository's root) and the repository's exclude file; none outside a repository."""
    root = _repository(top)
    if root is None:
        return Ignores()
    rules = Ignores()
    exclude = _level(_exclude_file(root), _folder(root))
    if exclude is not None:
        rules = Ignores((exclude,))
    for folder in reversed(top.parents):
        if folder == root or root in folder.parents:
            rules = rules.entering(_folder(folder))
    return rules


def _folder(path: Path) -> str:
    """A folder as a prefix of the paths inside it (``/`` stays ``/``)."""
    text = str(path)
    return text if text.endswith(os.sep) else text + os.sep


def walk(top: Path, respect_gitignore: bool = True) -> Iterator[Path]:
    """The ``*.md`` files below ``top``, sorted, skipping version control, dependency and
    cache folders, and with ``respect_gitignore`` what ``.gitignore`` files (of the tree and
    of the folders above it in its repository) and ``.git/info/exclude`` ignore. A folder
    named outright that its parents' rules ignore is walked all the same, with only its own
    ``.gitignore`` files."""
    absolute_top = Path(os.path.abspath(top))
    above = Ignores()
    if respect_gitignore:
        above = _rules_above(absolute_top)
        if above.ignored(str(absolute_top), is_dir=True):
            above = Ignores()
    # Depth first, each folder's entries by name: the order of sorted paths (a folder's files
    # among its subfolders' by name), without holding every path of the tree to sort.
    stack = [_Folder(os.fspath(top), above, respect_gitignore)]
    while stack:
        folder = stack[-1]
        name = folder.next()
        if name is None:
            stack.pop()
        elif name in folder.folders:
            if name in SKIP_DIRS or (respect_gitignore and
                                     folder.rules.ignored(folder.here + name, True)):
                continue
            if name not in folder.links:  # a link to a folder is not followed (as os.walk)
                stack.append(_Folder(os.path.join(folder.root, name), folder.rules,
                                     respect_gitignore))
        elif not (respect_gitignore and folder.rules.ignored(folder.here + name, False)):
            yield Path(folder.root, name)


class _Folder:
    """A folder being walked: the names of its ``*.md`` files and its folders, in order
    (none when it cannot be listed, which the walk passes over as os.walk does), which of
    them are folders and links to folders, and the ignore rules that hold inside it. Names
    alone: a folder of 10,000 reports holds its names, not 10,000 directory entries."""

    __slots__ = ("_names", "folders", "here", "links", "root", "rules")

    def __init__(self, root: str, inherited: Ignores, respect_gitignore: bool) -> None:
        self.root = root
        self.here = _folder(Path(os.path.abspath(root)))
        self.rules = inherited.entering(self.here) if respect_gitignore else inherited
        self.folders: set[str] = set()
        self.links: set[str] = set()
        found: list[str] = []
        try:
            with os.scandir(root) as listing:
                for entry in listing:
                    if _is_dir(entry):
                        self.folders.add(entry.name)
                        if _is_link(entry):
                            self.links.add(entry.name)
                    elif not entry.name.lower().endswith(".md"):
                        continue
                    found.append(entry.name)
        except OSError:
            found = []
        # Last first, taken from the end: a name given is let go (pathlib interns the names
        # of the paths it makes, and the table of interned strings never shrinks).
        found.sort(key=os.path.normcase, reverse=True)
        self._names = found

    def next(self) -> str | None:
        return self._names.pop() if self._names else None


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # what os.walk then takes as a file
        return False


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False
