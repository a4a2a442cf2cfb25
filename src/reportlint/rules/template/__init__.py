"""RL1xx: the report against its template. These codes word the failures of a template's JSON Schema
(:mod:`reportlint.explain` dispatches each failure to the module that words it)."""
