"""Checks that a report is valid UTF-8 (a UTF-16 or UTF-32 file with a byte-order mark is
accepted).

## Why is this bad?
Bytes that are not UTF-8 show as replacement characters on GitHub and in most editors; the
finding gives the byte offset of the first bad byte so it can be found and fixed.

## Example
A report saved as Latin-1 with `Café` in it.

## Use instead
Save the file as UTF-8.
"""

from __future__ import annotations

from reportlint.diagnostics import Finding, Severity
from reportlint.rules.base import define

CODE = define("RL003", "invalid-encoding", Severity.ERROR, __name__)


def with_bom(encoding: str, offset: int, reason: str) -> Finding:
    """A file whose byte-order mark says ``encoding`` (``utf-16``, ``utf-32``) that is not."""
    return Finding(CODE.code, 1, f"not valid {encoding.upper()} at byte {offset}: {reason}")


def utf8(line: int, column: int, offset: int, byte: str) -> Finding:
    message = f"not valid UTF-8: byte 0x{byte} at offset {offset}; save the file as UTF-8"
    return Finding(CODE.code, line, message, column=column)
