"""Which settings apply to a file: the configuration found by walking up from its folder,
with the command's own selections on top, and the templates that configuration uses."""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlint import config, engine, selectors
from reportlint.errors import UsageError
from reportlint.templates import Registry, with_folders

if TYPE_CHECKING:
    from reportlint import gitdiff
    from reportlint.evidence.artefacts import Artefact


class SettingsResolver:
    """``engine.Settings`` per configuration file, found by walking up from each checked
    file's folder; each configuration file is loaded once per resolver."""

    def __init__(self, config_file: Path | None = None, isolated: bool = False,
                 template: str | None = None, select: tuple[str, ...] = (),
                 extend_select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                 changes: gitdiff.Changes | None = None, cache_results: bool = True,
                 file_suppressions: bool = True, evidence: tuple[Path, ...] = (),
                 edits: bool = True) -> None:
        self.config_file = config_file
        self.evidence = evidence  # --evidence: for every file, besides the configuration's
        self._artefacts: dict[str, Any] = {}  # each evidence file is read once per run
        self.edits = edits
        self.file_suppressions = file_suppressions
        self.changes = changes
        self.cache_results = cache_results
        self.isolated = isolated
        self.template = template
        self.select, self.extend_select, self.ignore = select, extend_select, ignore
        self._by_file: dict[Path | None, engine.Settings] = {}
        self._by_dir: dict[Path, Path | None] = {}
        self._seen: dict[Path, engine.Settings] = {}
        self._narrowed: dict[tuple[int, tuple[str, ...]], engine.Settings] = {}
        for option, given in (("--select", select), ("--extend-select", extend_select),
                              ("--ignore", ignore)):
            try:
                selectors.parse_all(given)
            except selectors.UnknownSelector as exc:
                raise UsageError(str(exc), param=option) from None

    def _config_path(self, directory: Path) -> Path | None:
        if self.isolated:
            return None
        if self.config_file is not None:
            return self.config_file
        if directory not in self._by_dir:
            self._by_dir[directory] = config.find(directory)
        return self._by_dir[directory]

    def for_dir(self, directory: Path) -> engine.Settings:
        """The settings of the files in ``directory``; raises UsageError when their
        configuration is broken or names a template or role that does not exist."""
        known = self._seen.get(directory)
        if known is not None:  # most files share a folder: skip resolving it again
            return known
        path = self._config_path(Path(os.path.abspath(directory)))
        if path not in self._by_file:
            self._by_file[path] = self._build(path)
        self._seen[directory] = self._by_file[path]
        return self._by_file[path]

    def for_file(self, path: Path) -> engine.Settings:
        """The settings of one file: its folder's, with the codes `per-file-ignores` drops
        for it added to `ignore`. Each dropped code is listed by itself, as specific as any
        selection, so it is dropped whatever selects it (as in ruff)."""
        settings = self.for_dir(path.parent)
        dropped = settings.config.ignored_for(path)
        if not dropped:
            return settings
        key = (id(settings), dropped)
        if key not in self._narrowed:
            config = settings.config
            self._narrowed[key] = engine.Settings(
                settings.registry, config._replace(ignore=config.ignore + dropped),
                settings.template, settings.changes, settings.cache_results,
                settings.file_suppressions, artefacts=settings.artefacts,
                edits=settings.edits)
        return self._narrowed[key]

    def _build(self, path: Path | None) -> engine.Settings:
        loaded = config.load(path) if path is not None else config.Config(root=Path.cwd())
        if isinstance(loaded, config.ConfigProblem):
            raise UsageError(f"invalid configuration: {loaded}")
        loaded = loaded._replace(
            select=self.select or loaded.select,
            extend_select=loaded.extend_select + self.extend_select,
            ignore=loaded.ignore + self.ignore,
        )
        found = registry(loaded.template_dirs, self.cache_results)
        wanted = [self.template] if self.template else []
        wanted += [name for _, name in loaded.per_file_templates]
        for name in wanted:
            if name not in found:
                raise UsageError(unknown_template(found, name))
        if loaded.role is not None and loaded.role not in found.roles():
            raise UsageError(f"invalid configuration: {loaded.path}: `role`: unknown role "
                             f"{loaded.role!r}; known: {', '.join(sorted(found.roles()))}")
        return engine.Settings(found, loaded, self.template, self.changes,
                               self.cache_results, self.file_suppressions,
                               self._evidence(loaded), self.edits)

    def _evidence(self, loaded: config.Config) -> tuple[Artefact, ...]:
        """The evidence files of ``--evidence`` and those of the configuration's `evidence`
        that exist, read (a file none of the formats, or unreadable, stops the run: exit 2
        naming it)."""
        named = [os.fspath(p) for p in self.evidence]
        # The configuration says where a run's results go; before a run writes them there is
        # nothing to read (a missing file named with --evidence is an error, when it is read).
        for pattern in loaded.evidence:
            named += sorted(glob.glob(pattern, recursive=True))
        if not named:
            return ()
        from reportlint.evidence import artefacts  # defusedxml only when evidence is given

        out = []
        for name in dict.fromkeys(named):
            where = os.path.abspath(name)
            if where not in self._artefacts:
                self._artefacts[where] = artefacts.load(name)
            out.append(self._artefacts[where])
        return tuple(out)


def unknown_template(found: Registry, name: str) -> str:
    return f"unknown template {name!r}; known: {', '.join(found.names())}"


def configured_registry() -> Registry:
    """The templates the configuration of the current folder uses (built-ins and its
    `template-dirs`), for the commands that are not about one file."""
    return SettingsResolver().for_dir(Path.cwd()).registry


def registry(folders: tuple[Path, ...] = (), cached: bool = True) -> Registry:
    """The built-in templates and those of ``folders`` (none from the cache unless
    ``cached``); raises UsageError naming every broken one."""
    found, problems = with_folders(folders, cached)
    if problems:
        raise UsageError(*(f"broken template {problem}" for problem in problems))
    return found
