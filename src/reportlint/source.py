"""Bytes to text: decoding, and the reasons a file cannot be read as a report."""

from __future__ import annotations

import codecs
from typing import NamedTuple

from reportlint.diagnostics import Finding

_SNIFF = 8192
# The byte-order marks of the encodings read besides UTF-8, UTF-32's first: its
# little-endian mark starts with UTF-16's (`FF FE`), and was read as UTF-16 before.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Text in these is checked but never rewritten by --fix (which writes UTF-8).
UNICODE_BOMS = tuple(bom for bom, _ in _BOMS)


class Text(NamedTuple):
    """Decoded report text; line endings are left for the parser, which treats CR,
    LF and CRLF alike, so line numbers match what an editor shows."""

    text: str


def decode(data: bytes) -> Text | Finding:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    else:
        encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
        if encoding is not None:
            try:
                return _nonempty(data.decode(encoding))
            except UnicodeDecodeError as exc:
                from reportlint.rules.input import invalid_encoding  # its finding's module

                return invalid_encoding.with_bom(encoding, exc.start, exc.reason)
    if b"\x00" in data[:_SNIFF]:
        from reportlint.rules.input import binary_file

        return binary_file.finding()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from reportlint.rules.input import invalid_encoding

        line, column = _place(data, exc.start)
        return invalid_encoding.utf8(line, column, exc.start, data[exc.start:exc.start + 1].hex())
    return _nonempty(text)


def _nonempty(text: str) -> Text | Finding:
    if not text or text.isspace():
        from reportlint.rules.input import empty_file

        return empty_file.finding()
    return Text(text)


def _place(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset, counting CR, LF and CRLF as one break each."""
    head = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line = head.count(b"\n") + 1
    column = len(head) - (head.rfind(b"\n") + 1) + 1
    return line, column
