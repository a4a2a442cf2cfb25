"""Regular expressions from templates and configuration are input too: they are matched with
RE2, which never backtracks, so no pattern can take more than linear time in the text it
reads, whatever the pattern (`(a|a)*b`, `(a+)+$`) and whatever the text.

The price is RE2's syntax: no look-around, backreferences, possessive repeats or atomic
groups, and `\\d`, `\\s`, `\\w`, `\\b` are ASCII (`\\p{Nd}`, `\\p{L}`, `\\p{Z}` are the Unicode
classes). A pattern RE2 cannot compile is refused when the template or the configuration is
loaded, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from reportlint import lazyre

if TYPE_CHECKING:
    from collections.abc import Callable


class Match(Protocol):
    def span(self) -> tuple[int, int]: ...


class Pattern(Protocol):
    """What a rule may ask of a configured pattern: `Regex` has it, and so has a stdlib
    `re.Pattern` that reportlint writes itself (a built-in default)."""

    @property
    def pattern(self) -> str: ...

    def search(self, string: str) -> Match | None: ...

    def finditer(self, string: str) -> Iterator[Match]: ...


class RegexError(ValueError):
    """A pattern RE2 cannot compile; the message says why, for the user."""


class Regex:
    """A compiled RE2 pattern."""

    __slots__ = ("_compiled", "ignorecase", "pattern")

    def __init__(self, pattern: str, ignorecase: bool, compiled: Any) -> None:
        self.pattern, self.ignorecase, self._compiled = pattern, ignorecase, compiled

    def __reduce__(self) -> tuple[Any, tuple[str, bool]]:
        return _compile_cached, (self.pattern, self.ignorecase)

    def __repr__(self) -> str:
        return f"saferegex.compile({self.pattern!r}, ignorecase={self.ignorecase})"

    def test(self, text: str) -> bool:
        """Whether the pattern matches anywhere in ``text``. Given bytes, the binding skips
        translating byte offsets into character offsets: twice as fast (measured), and this
        is what templates' `pattern`s and title patterns ask for every value and heading."""
        try:
            data = text.encode()
        except UnicodeEncodeError:  # a lone surrogate, from front matter's "\ud800"
            data = text.encode("utf-8", "surrogatepass")
        return self._compiled.search(data) is not None

    def search(self, text: str) -> Match | None:
        found: Match | None = self._compiled.search(_encodable(text))
        return found

    def finditer(self, text: str) -> Iterator[Match]:
        found: Iterator[Match] = self._compiled.finditer(_encodable(text))
        return found


_SURROGATE = lazyre.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    """``text`` with any lone surrogate replaced by U+FFFD: the binding encodes text as strict
    UTF-8, and one code point for another keeps every offset."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def compile(pattern: str, *, ignorecase: bool = False) -> Regex:
    """``pattern`` compiled by RE2, or :class:`RegexError` saying why it cannot be."""
    if not isinstance(pattern, str):
        raise RegexError(f"expected a regular expression, got {pattern!r}")
    return _compile_cached(pattern, ignorecase)


@lru_cache(maxsize=1024)
def _compile_cached(pattern: str, ignorecase: bool) -> Regex:
    import re2  # only for a run that matches a pattern RE2 must match (see trusted)

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own complaint on standard error
    options.case_sensitive = not ignorecase
    try:
        compiled = re2.compile(pattern, options)
    except re2.error as exc:
        raise RegexError(_why(pattern, exc)) from None
    return Regex(pattern, ignorecase, compiled)


class Trusted:
    """A pattern reportlint ships (a built-in template's), with RE2's results: matched by
    ``re`` (no RE2 to load, and several times cheaper per call from Python) on the text
    where the two agree, and by RE2 on any other text. Under ``re.ASCII`` the classes
    (``\\d``, ``\\w``, ``\\s``, ``\\b``) are RE2's on any text but for two things: ``re``'s
    ``$`` matches before a final line feed and its ``\\s`` matches a vertical tab, so text
    with either goes to RE2; and RE2 folds case by Unicode, so a case-insensitive pattern
    goes to RE2 on text with the two characters that fold to ASCII letters (``ſ``, the Kelvin
    sign) or when the pattern itself has a non-ASCII letter with case.
    ``tests/test_saferegex.py`` holds the two to the same answers."""

    __slots__ = ("_folds", "_re2", "_search", "ignorecase", "pattern")

    def __init__(self, pattern: str, ignorecase: bool) -> None:
        self.pattern, self.ignorecase = pattern, ignorecase
        flags = re.ASCII | (re.IGNORECASE if ignorecase else 0)
        self._search: Callable[[str], Any] = re.compile(pattern, flags).search
        self._re2: Regex | None = None
        folding = ignorecase or "(?i" in pattern
        cased = any(not c.isascii() and c.lower() != c.upper() for c in pattern)
        # On non-ASCII text: whether re can agree at all, and the characters RE2 alone folds.
        self._folds: tuple[str, ...] | None = None if folding and cased else (
            ("\u017f", "\u212a") if folding else ())

    def __reduce__(self) -> tuple[Any, tuple[str, bool]]:
        return trusted, (self.pattern, self.ignorecase)

    def __repr__(self) -> str:
        return f"saferegex.trusted({self.pattern!r}, ignorecase={self.ignorecase})"

    def _other(self) -> Regex:
        if self._re2 is None:
            self._re2 = _compile_cached(self.pattern, self.ignorecase)
        return self._re2

    def _agrees(self, text: str) -> bool:
        if "\n" in text or "\v" in text:
            return False
        if text.isascii():
            return True
        folds = self._folds
        if folds is None or any(c in text for c in folds):
            return False
        try:
            text.encode()
        except UnicodeEncodeError:  # a lone surrogate: RE2 reads its bytes
            return False
        return True

    def test(self, text: str) -> bool:
        if self._agrees(text):
            return self._search(text) is not None
        return self._other().test(text)

    def search(self, text: str) -> Match | None:
        if self._agrees(text):
            found: Match | None = self._search(text)
            return found
        return self._other().search(text)

    def finditer(self, text: str) -> Iterator[Match]:
        if self._agrees(text):
            return re.compile(self.pattern, self._flags()).finditer(text)
        return self._other().finditer(text)

    def _flags(self) -> int:
        return re.ASCII | (re.IGNORECASE if self.ignorecase else 0)


@lru_cache(maxsize=1024)
def trusted(pattern: str, ignorecase: bool = False) -> Trusted:
    """One of reportlint's own patterns (see :class:`Trusted`); RE2 must accept it too (the
    built-in templates are checked when reportlint is built)."""
    return Trusted(pattern, ignorecase)


_HINTS = (
    (lazyre.compile(r"\\Z"), "write `\\z` for the end of the text"),
    (lazyre.compile(r"\\[uUN]"), "write a code point as `\\x{2013}`"),
)
_RE2 = ("reportlint matches patterns with RE2, which never takes more than linear time but has "
        "no look-around, backreferences, possessive repeats or atomic groups")


def _why(pattern: str, exc: Exception) -> str:
    reason = exc.args[0] if exc.args else "invalid"
    if isinstance(reason, bytes):
        reason = reason.decode("utf-8", "replace")
    reason = str(reason)
    try:
        re.compile(pattern)
    except Exception:  # noqa: BLE001 - re.error, OverflowError, RecursionError: invalid anyway
        return reason
    # Python's `re` would take it: say what RE2 lacks, and why reportlint uses RE2.
    hint = next((f"{text}; " for shape, text in _HINTS if shape.search(pattern)), "")
    if "repetition size" in reason:
        hint = "RE2 counts repeats up to 1000; "
    return f"{reason} ({hint}{_RE2})"
