"""Reports any other way a report breaks its template's schema.

## Why is this bad?
Custom templates can require anything JSON Schema can say; when a failure does not fit
one of the specific codes above, it is reported here with the template's own wording.

## Example
A custom template requiring at least two rows in *Technical Decisions*, and a report with one.

## Use instead
Follow the message; `reportlint extract FILE` shows the model the template validates.
"""

from __future__ import annotations

from reportlint.diagnostics import Severity
from reportlint.failures import Explained, Failing, property_title
from reportlint.quote import quote
from reportlint.rules.base import define

CODE = define("RL199", "schema-violation", Severity.ERROR, __name__)


def explain(f: Failing) -> Explained:
    """Any failure no other template code words: the validator's own message."""
    if f.missing is not None:
        title = property_title(f.failure.schema, f.missing, f.template)
        return Explained(f"{f.place.where()} is missing `{title}`")
    return Explained(f"{f.place.where()}: {quote(f.failure.message, 160)}")
