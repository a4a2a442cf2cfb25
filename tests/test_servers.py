"""What the servers promise without their SDKs running: a clear message when an extra is
missing, a core that never imports them, servers that never write to the standard streams."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Callable

import pytest
from click.testing import Result

from reportlint import servers

from conftest import ROOT


@pytest.mark.parametrize(("command", "hidden", "needs"), [
    ("mcp", ("mcp",), "the MCP server needs the MCP Python SDK"),
    # The first of its packages the server imports is the one named.
    ("lsp", ("lsprotocol", "pygls"), "the language server needs pygls"),
])
def test_a_server_without_its_extra_says_what_to_install(
        run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, command: str,
        hidden: tuple[str, ...], needs: str) -> None:
    monkeypatch.delitem(sys.modules, f"reportlint.servers.{command}", raising=False)
    # `import package` (and of any module of it, imported or not) now fails.
    for package in hidden:
        for name in [package, *(m for m in sys.modules if m.startswith(f"{package}."))]:
            monkeypatch.setitem(sys.modules, name, None)
    result = run(command)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"error: {needs} ({hidden[0]} is not installed): install "
                             f"reportlint[{command}], as in pip install "
                             f"'reportlint[{command}]'\n")


def test_an_import_error_inside_a_server_is_not_taken_for_a_missing_extra(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str) -> None:
        raise ImportError("cannot import name 'x' from 'yaml'", name="yaml")

    monkeypatch.setattr(servers.importlib, "import_module", broken)
    with pytest.raises(ImportError, match="from 'yaml'"):
        servers.load("lsp")


def test_the_core_never_imports_a_server_sdk() -> None:
    code = ("import sys; import reportlint.cli, reportlint.api, reportlint.servers; "
            "from reportlint.cli import cli; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'mcp', 'pygls', 'lsprotocol', 'pydantic', 'cattrs', 'anyio', 'starlette'}))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, timeout=60)
    assert found.stdout == "[]\n"


def test_servers_leave_the_standard_streams_to_their_sdk() -> None:
    """On standard output the protocol's messages are the only thing allowed: one stray
    write breaks the client's reading. The rule every module but the CLI keeps (no print, no
    exit, no sys.stdout) matters twice here; tests/test_api.py checks the whole package, and
    this the servers' own listing."""
    folder = ROOT / "src/reportlint/servers"
    modules = sorted(p.name for p in folder.glob("*.py"))
    assert modules == ["__init__.py", "lsp.py", "mcp.py"]
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        assert not names & {"print", "sys", "input", "exit"}, path.name
