"""Release shape: the version reportlint reports, the one it is built as, the newest one the
changelog describes, and the tag the README installs from, pre-commit pins and the Action's
example names are one and the same; the documentation URLs point at that tag of this
repository."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from reportlint import HOMEPAGE, __version__, codes

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

README = (ROOT / "README.md").read_text("utf-8")
CHANGELOG = (ROOT / "CHANGELOG.md").read_text("utf-8")
TAG = f"v{__version__}"


def test_the_package_is_built_as_the_version_it_reports() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["version"] == __version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    shown = subprocess.run([sys.executable, "-m", "reportlint", "--version"],
                           capture_output=True, text=True, check=True).stdout
    assert shown == f"reportlint, version {__version__}\n"


def test_the_changelog_keeps_a_changelog_and_ends_at_this_version() -> None:
    assert CHANGELOG.startswith("# Changelog\n")
    assert "[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)" in CHANGELOG
    versions = re.findall(r"^## \[([^\]]+)\]", CHANGELOG, re.MULTILINE)
    assert versions[0] == "Unreleased"
    assert versions[1] == __version__  # the newest release is this version
    for version in versions[1:]:
        assert re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", CHANGELOG,
                         re.MULTILINE), version
    # Keep a Changelog's kinds of change only.
    kinds = set(re.findall(r"^### (.+)$", CHANGELOG, re.MULTILINE))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    # Every version heading is a link to its tag (or to what came after the last one).
    assert f"[Unreleased]: {HOMEPAGE}/compare/{TAG}...HEAD" in CHANGELOG
    for version in versions[1:]:
        assert f"[{version}]: {HOMEPAGE}/releases/tag/v{version}" in CHANGELOG


def test_the_readme_installs_this_release_from_its_tag() -> None:
    installs = re.findall(r'pip install "reportlint @ git\+(\S+)@(\S+)"', README)
    assert installs == [(f"{HOMEPAGE}", TAG)]


def test_pre_commit_and_the_action_example_name_this_release() -> None:
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", README, re.DOTALL)]
    hook_config, workflow = blocks[:2]
    (repo,) = hook_config["repos"]
    assert repo["repo"] == HOMEPAGE
    assert repo["rev"] == TAG
    # The Action is pinned by commit (zizmor's rule); the comment names its tag, as
    # Dependabot writes it.
    uses = re.findall(r"uses: (OWNER/reportlint)@([0-9a-f]{40})  # (\S+)", README)
    assert uses
    assert {(name, tag) for name, _, tag in uses} == {(HOMEPAGE.split("github.com/")[1], TAG)}
    steps = workflow["jobs"]["reportlint"]["steps"]
    assert any(step.get("uses", "").startswith("OWNER/reportlint@") for step in steps)


def test_documentation_urls_are_this_repository_at_this_tag() -> None:
    for entry in codes.CATALOGUE:
        assert codes.url(entry).startswith(f"{HOMEPAGE}/blob/{TAG}/docs/rules.md#")
    assert (ROOT / "docs/rules.md").read_text("utf-8") == codes.markdown()
