"""Regular expressions compiled the first time they are used, not when their module is imported.

A module-level pattern costs its compilation (0.05 to 1 ms each) in every process, whether the
run needs it or not; most runs need few of them. ``lazyre.compile`` takes the arguments of
``re.compile`` and returns a stand-in with the methods of the compiled pattern: the first
method looked up compiles it and puts the compiled pattern's bound methods on the stand-in,
so later calls cost what calls on the compiled pattern cost. See docs/architecture.md
(*What a module may do when it is imported*).
"""

from __future__ import annotations

import re
from typing import Any, cast

# What a stand-in forwards: everything rules ask of a pattern.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
            "groups", "groupindex", "flags", "scanner")


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only called for what the instance does not hold yet: the first use.
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazyre.compile({self.pattern!r}, {self._flags})"

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return compile, (self.pattern, self._flags)


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done on first use."""
    return cast("re.Pattern[str]", _Lazy(pattern, int(flags)))
