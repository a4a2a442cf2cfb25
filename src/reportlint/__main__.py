"""The ``reportlint`` command and ``python -m reportlint``: start-up, then :mod:`reportlint.cli`.

A run is one short process whose start-up makes hundreds of thousands of objects (modules,
classes, compiled templates, tokens) and almost no cyclic garbage, so the cyclic collector's
passes over the youngest objects are wasted work: at the default threshold (700 allocations)
they cost 7-10 ms of a 0.11 s check of one report (measured, ``bench/run.py``), and 0% of a
1,000-report run's memory. Raising the threshold before the imports, as mypy does, keeps the
collector but runs it a seventieth as often. Importing :mod:`reportlint` as a library (the
servers, tests) leaves the collector as the host set it.
"""

from __future__ import annotations

import gc


def main() -> None:
    gc.set_threshold(50_000, 20, 20)
    from reportlint.cli import main as run

    run()


if __name__ == "__main__":
    main()
