"""Evidence: what the tools' outputs pasted in a report say (:func:`parse_output`), and what
the files a CI run produced say (:func:`load_artefact`). Pure readers: the checks of a
report's claims against them live with the rules."""

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
from reportlint.evidence.outputs import Result
from reportlint.evidence.outputs import parse as parse_output

__all__ = ["Artefact", "ArtefactError", "Case", "Coverage", "Findings", "Result", "Suite",
           "Tests", "load_artefact", "parse_output"]
