"""Selectors: how codes are named wherever reportlint takes a list of them (``--select``,
``--extend-select``, ``--ignore``, the configuration's ``select``, ``ignore``,
``extend-select`` and ``severity`` keys, and ``<!-- reportlint-disable ... -->`` comments), so
that the same text means the same thing in all of them.

A selector is one of

- ``ALL``: every code;
- a code, ``RL201``;
- a prefix of codes, ``RL2`` or ``RL20`` (``RL`` and up to two digits; some code must start
  with it);
- a rule name, ``unfilled-placeholder``.

Case does not matter (``rl201``, ``all``, ``Unfilled-Placeholder``). A list of selectors is
separated by commas, white space or both.

When several selectors match a code, the most specific one decides, as in ruff: ``ALL`` is the
least specific, then prefixes by their length; a code and its rule name are the most specific
and equal. Where a selection and an ignore list are equally specific, the ignore list wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from reportlint import codes, lazyre

_SEPARATORS = lazyre.compile(r"[,\s]+")
_CODE_SHAPED = lazyre.compile(r"RL\d*")
_LOOK_ALIKES = str.maketrans("OILSB", "01158")


class Selector(NamedTuple):
    """One selector: as written (for messages), and the code prefix it stands for."""

    text: str
    prefix: str  # "" for ALL; a rule name stands for its code

    def matches(self, code: str) -> bool:
        return code.startswith(self.prefix)

    @property
    def specificity(self) -> int:
        return len(self.prefix)


class UnknownSelector(ValueError):
    """A selector that names no code; ``str()`` says why and, if it can, what was meant."""

    def __init__(self, text: str, message: str) -> None:
        super().__init__(message)
        self.text = text


def split(values: str | Iterable[str]) -> list[str]:
    """The selectors of a list written as one string or several, empty ones dropped."""
    parts = [values] if isinstance(values, str) else values
    return [word for part in parts for word in _SEPARATORS.split(part) if word]


@lru_cache(maxsize=512)
def parse(text: str) -> Selector:
    """The selector ``text`` is (one word, as :func:`split` gives); raises
    :class:`UnknownSelector`. Only successes are cached: the catalogue only grows."""
    upper = text.upper()
    if upper == "ALL":
        return Selector(text, "")
    if _CODE_SHAPED.fullmatch(upper):
        if len(upper) > 5:
            raise UnknownSelector(text, f"unknown code {text!r}: a code is RL and three digits")
        if len(upper) == 5:
            if upper not in codes.CODES:
                raise UnknownSelector(text, f"unknown code {text!r}; see `reportlint rules`")
        elif not any(code.startswith(upper) for code in codes.CODES):
            raise UnknownSelector(text, f"no code starts with {text!r}; see `reportlint rules`")
        return Selector(text, upper)
    entry = codes.by_name(text.lower())
    if entry is not None:
        return Selector(text, entry.code)
    raise UnknownSelector(text, f"unknown code or rule name {text!r}; {_hint(text)}")


def _hint(text: str) -> str:
    """A did-you-mean: the code a look-alike letter spells (``RL2O1``), else the closest rule
    name or ``ALL``; or where to look."""
    upper = text.upper()
    if upper.startswith("RL"):
        code = "RL" + upper[2:].translate(_LOOK_ALIKES)
        if code in codes.CODES:
            return f"did you mean {code!r}?"
    spelt = {entry.name: entry.name for entry in codes.CODES.values()}
    spelt["all"] = "ALL"
    import difflib  # only for a diff or a suggestion: not at start-up

    close = difflib.get_close_matches(text.lower(), list(spelt), n=1)
    return f"did you mean {spelt[close[0]]!r}?" if close else "see `reportlint rules`"


def parse_all(values: str | Iterable[str]) -> list[Selector]:
    """Every selector of a list (see :func:`split`); raises :class:`UnknownSelector` for the
    first that names no code."""
    return [parse(word) for word in split(values)]


def specificity(selectors: Iterable[str], code: str) -> int:
    """How specifically the most specific of ``selectors`` (valid ones, as written) matches
    ``code``: -1 when none does."""
    return max((s.specificity for s in map(parse, selectors) if s.matches(code)), default=-1)


def selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """ruff's rule: the most specific selector wins; ``ignore`` wins a tie."""
    chosen = specificity(select, code)
    return chosen >= 0 and chosen > specificity(ignore, code)
