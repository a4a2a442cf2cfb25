"""The board as JSON for other tools: the model as it is (docs/board.md,
``board.schema.json``)."""

from __future__ import annotations

import json

from reportlint.board.model import Board


def render(board: Board) -> str:
    return json.dumps(board, ensure_ascii=False, indent=2) + "\n"
