"""Report text made safe to show: every piece of a report that reportlint puts into output
goes through :func:`display` (a message's quoted value through :func:`quote`, a whole message
through :func:`message`). The board and the servers call :func:`display` for the same
guarantees.

In this order, so that no step undoes another:

1. terminal escape sequences (CSI `ESC [ ... m`, OSC `ESC ] ... BEL`: cursor moves, the
   clipboard (OSC 52), links (OSC 8)) are removed whole, in their 7-bit and 8-bit forms;
   other C0 and C1 controls and DEL become U+FFFD; bidirectional overrides and isolates and
   zero-width characters are removed; line breaks and every other white space become one
   space: the text is one line and shows what it says;
2. secrets are masked (:func:`reportlint.secrets.redact`), on the cleaned text (a secret cut
   by a zero-width character is whole again) and before any cut: no part of a secret survives
   truncation;
3. the text is cut to ``limit`` characters, the last being `…`.
"""

from __future__ import annotations

import re
from typing import Any

from reportlint.secrets import redact

# The longest message reportlint prints (the longest built-in one is about 300 characters).
MESSAGE_MAX = 500
# A quoted value inside a message.
QUOTE_MAX = 60
# A report's title where a format names a report by it (a JUnit test case).
TITLE_MAX = 120

# ESC then a CSI, OSC, DCS, SOS, PM or APC string, or a two-character escape; the 8-bit forms
# start with the C1 character instead. Strings end at BEL or ST (`ESC \` or U+009C), or are
# cut off by the end of the text.
# Compiled when a text first holds one of them (`re` keeps them): not at start-up.
_ESCAPES = (r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
            r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
            r"|\x1b[ -/]*[0-~]?")
_CONTROLS = "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]"  # not white space
# Bidirectional embeddings, overrides, isolates and marks; zero-width characters; the byte-
# order mark; invisible operators. They reorder or hide what a reader sees.
_INVISIBLE = ("[\u061c\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
              "\u2066-\u2069\ufeff]")
_UNSAFE = ("[\x00-\x1f\x7f-\x9f\u061c\u00ad\u180e\u200b-\u200f\u2028-\u202e"
           "\u2060-\u2064\u2066-\u2069\ufeff]")


def display(text: str, limit: int | None = None) -> str:
    """``text`` as one safe line: escapes and controls removed, white space folded, secrets
    masked, at most ``limit`` characters."""
    if re.search(_UNSAFE, text) is not None:
        text = re.sub(_INVISIBLE, "", re.sub(_CONTROLS, "\ufffd", re.sub(_ESCAPES, "", text)))
    text = " ".join(redact(text).split())
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def quote(value: Any, limit: int = QUOTE_MAX) -> str:
    """A piece of report text as a message quotes it."""
    return display(str(value), limit)


def message(text: str) -> str:
    """A whole message, however it was built: one safe line of at most MESSAGE_MAX."""
    return display(text, MESSAGE_MAX)


def printable(text: str) -> str:
    """``text`` with every control and invisible character but the tab shown as an escape
    (``\\x1b``), line breaks included: for a path, or a line of a diff, whose every
    character matters but must not act on a terminal or a log."""
    if re.search(_UNSAFE, text) is None:
        return text
    return re.sub(_UNSAFE, _escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code == 9:
        return "\t"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
