"""reportlint: a linter for the Markdown reports that AI coding agents write."""

__version__ = "0.1.0"
# Where the project lives: the rules' documentation URLs (SARIF helpUri, JSON "url") point
# into its docs at the tag of this version. The README's install line and examples name the
# same repository (tests/test_release.py holds them to it).
HOMEPAGE = "https://github.com/OWNER/reportlint"
