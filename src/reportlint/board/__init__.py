"""The product manager's board: one row per task of a run, from the same facts and findings
the lifecycle rules read (:func:`model.build`), rendered as JSON (:mod:`.jsonout`), Markdown
(:mod:`.markdown`, the GitHub step summary) or one self-contained HTML page (:mod:`.html`).
docs/board.md describes the model; ``board.schema.json`` beside this file is its JSON Schema.
"""

from __future__ import annotations

from reportlint.board.model import Board, build

FORMATS = ("json", "markdown", "html")

__all__ = ["FORMATS", "Board", "build", "render"]


def render(board: Board, output_format: str, max_bytes: int | None = None) -> str:
    if output_format == "json":
        from reportlint.board import jsonout

        return jsonout.render(board)
    if output_format == "markdown":
        from reportlint.board import markdown

        return markdown.render(board) if max_bytes is None else markdown.render(board, max_bytes)
    if output_format == "html":
        from reportlint.board import html

        return html.render(board)
    raise ValueError(f"unknown board format {output_format!r}")
