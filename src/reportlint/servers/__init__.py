"""reportlint where reports are written: an MCP server for agents (``reportlint mcp``) and a
language server for editors (``reportlint lsp``), each installed with its extra.

Both talk over standard input and output through their SDK (the MCP Python SDK, pygls): that
is the protocol, not printing, and nothing else in them writes to the standard streams. Both
call what the command line calls (:mod:`reportlint.api`, the engine's repairs,
:mod:`reportlint.edits`): there is one implementation of checking.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from reportlint.errors import UsageError

# The packages each extra brings, and what the server is.
_EXTRAS = {
    "mcp": (("mcp", "pydantic"), "the MCP server needs the MCP Python SDK"),
    "lsp": (("pygls", "lsprotocol", "cattrs"), "the language server needs pygls"),
}


def load(name: str) -> ModuleType:
    """The server module ``reportlint.servers.<name>``; UsageError saying which extra to
    install when its SDK is missing."""
    packages, needs = _EXTRAS[name]
    try:
        return importlib.import_module(f"reportlint.servers.{name}")
    except ImportError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing not in packages:
            raise
        raise UsageError(f"{needs} ({missing} is not installed): install reportlint[{name}], "
                         f"as in pip install 'reportlint[{name}]'") from None
