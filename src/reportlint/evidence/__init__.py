"""Evidence: what the tools' outputs pasted in a report say (:func:`parse_output`), and what
the files a CI run produced say (:func:`load_artefact`). Pure readers: the checks of a
report's claims against them live with the rules (``reportlint.rules.evidence``).

The artefact readers (and defusedxml with them) are imported on first use: every check
reads pasted outputs, only ``--evidence`` reads files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlint.evidence.outputs import Result
from reportlint.evidence.outputs import parse as parse_output

if TYPE_CHECKING:
    from reportlint.evidence.artefacts import (
        Artefact,
        ArtefactError,
        Case,
        Coverage,
        Findings,
        Suite,
        Tests,
    )
    from reportlint.evidence.artefacts import load as load_artefact

__all__ = ["Artefact", "ArtefactError", "Case", "Coverage", "Findings", "Result", "Suite",
           "Tests", "load_artefact", "parse_output"]

_LAZY = {"Artefact", "ArtefactError", "Case", "Coverage", "Findings", "Suite", "Tests",
         "load_artefact"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from reportlint.evidence import artefacts

    return artefacts.load if name == "load_artefact" else getattr(artefacts, name)
