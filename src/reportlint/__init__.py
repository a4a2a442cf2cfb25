"""reportlint: a linter for the Markdown reports that AI coding agents write."""

__version__ = "0.1.0"
