"""Report templates: JSON Schema documents written in YAML, and how a title picks one."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from reportlint import cache, fastschema, lazyre, names, recognition, saferegex, shape
from reportlint.shape import Shape


class Template:
    """A loaded template: its name, file, schema and the title pattern that picks it."""

    def __init__(self, name: str, path: Path, schema: dict[str, Any],
                 title_pattern: saferegex.Regex | saferegex.Trusted, digest: str = "",
                 builtin: bool = False) -> None:
        self.name, self.path, self.schema = name, path, schema
        self.title_pattern = title_pattern
        self.digest = digest  # content hash of the template file
        # A built-in template as compiled when reportlint was built: its patterns are
        # reportlint's own (saferegex.trusted), not input that RE2 must guard against.
        self.builtin = builtin

    @cached_property
    def quick_check(self) -> fastschema.Check | None:
        """The yes/no validator, or None when only jsonschema can judge this template."""
        return fastschema.build(self.schema, trusted=self.builtin)

    @cached_property
    def shape(self) -> Shape:
        """What the template declares: its fields, sections, tables, allowed values."""
        return Shape(self.schema)

    @property
    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = self.schema.get("x-reportlint", {})
        return meta

    @property
    def title(self) -> str:
        return str(self.schema.get("title", self.name))

    @cached_property
    def vocabulary(self) -> dict[str, tuple[str, ...]]:
        """Words that mean each status the template allows, its own added to the built-in
        ones (`x-reportlint.status-vocabulary`)."""
        own = self.meta.get("status-vocabulary")
        return recognition.vocabulary(own if isinstance(own, dict) else {})

    @cached_property
    def kind(self) -> str | None:
        """The kind of report (completion, progress, acknowledgement) its title names."""
        kind = self.meta.get("kind")
        return kind if isinstance(kind, str) else recognition.title_kind(self.title, True)

    @property
    def example_title(self) -> str:
        return str(self.meta.get("example-title", f"{self.title}: BE-001 - Task name"))


class TemplateProblem(NamedTuple):
    """A template that cannot be used; reportlint stops with exit code 2."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def builtin_dir() -> Path:
    # Inside an installed wheel the schemas sit in the package; in a source checkout they
    # are the repository's top-level schemas/ folder.
    packaged = Path(__file__).with_name("schemas")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"


_WORDS = lazyre.compile(r"[a-z]+")
_LAST_DASH = lazyre.compile(r"^(?P<head>.*\S)\s+[-–—]\s+(?P<tail>\S.*)$")
# Words agents title their reports with, by the six-letter stem of a template title's word.
_SYNONYMS = {"summar": "comple", "eviden": "comple", "finish": "comple", "done": "comple",
             "status": "progre", "acknow": "acknow", "plan": "acknow"}


# A role a title names by its first word (`QA Tasks Complete Report`), by template role.
_ROLE_WORDS = {"qa": "qa", "devops": "devops", "frontend": "frontend", "fe": "frontend",
               "backend": "backend", "be": "backend"}


def _role_word(heading: str) -> str | None:
    first = _WORDS.match(names.lead_trimmed(heading).lower())
    return _ROLE_WORDS.get(first.group()) if first else None


def _stem(word: str) -> str:
    return _SYNONYMS.get(word[:6], word[:6])


def _title_stems(title: str) -> set[str]:
    return {w[:6] for w in _WORDS.findall(title.lower())} - {"task", "report"}


# How many headings a registry remembers the reading of: the section headings that repeat from
# report to report are among the first; a run's report titles (each its own) would otherwise
# make a long run's memory grow with its files.
_MEMO = 1024


class Registry:
    """The templates in use, in the order their title patterns are tried."""

    def __init__(self, templates: Iterable[Template]) -> None:
        self.templates: dict[str, Template] = {}
        # Headings repeat from report to report; each is classified once per run.
        self._classified: dict[tuple[str, str | None], str | None] = {}
        self._agent_titles: dict[tuple[str, str | None],
                                 tuple[str, recognition.AgentTitle] | None] = {}
        for template in templates:
            self.templates.setdefault(template.name, template)

    def __getitem__(self, name: str) -> Template:
        return self.templates[name]

    def __contains__(self, name: object) -> bool:
        return name in self.templates

    def names(self) -> list[str]:
        return list(self.templates)

    def classify(self, heading: str, role: str | None = None) -> str | None:
        """The name of the template for a report title, if any: among the templates whose
        title pattern matches, the one of ``role`` if given, else the one whose
        ``task-prefixes`` hold the title's task-id prefix (``QA`` in ``QA-001``), else one
        that names no prefixes (the backend templates)."""
        if (heading, role) in self._classified:
            return self._classified[heading, role]
        found = self._classify(names.lead_trimmed(heading), role)
        if len(self._classified) < _MEMO:
            self._classified[heading, role] = found
        return found

    def _classify(self, heading: str, role: str | None) -> str | None:
        candidates = [t for t in self.templates.values() if t.title_pattern.test(heading)]
        return self._choose(candidates, names.split_title(heading).task_id or "", role)

    def recognise(self, heading: str, role: str | None = None
                  ) -> tuple[str, recognition.AgentTitle | None] | None:
        """The template of a heading that is a report's title: a template's own title
        pattern (with None), or a title in the shape agents write (with what it says)."""
        canonical = self.classify(heading, role)
        if canonical is not None:
            return canonical, None
        # Headings repeat from report to report: each is read for an agent's title once.
        if (heading, role) in self._agent_titles:
            return self._agent_titles[heading, role]
        agent = recognition.agent_title(names.lead_trimmed(heading))
        chosen = None if agent is None else self.for_kind(agent.kind, agent.task_id,
                                                          role or _role_word(heading))
        found = (chosen, agent) if chosen is not None and agent is not None else None
        if len(self._agent_titles) < _MEMO:
            self._agent_titles[heading, role] = found
        return found

    def for_kind(self, kind: str | None, task_id: str = "", role: str | None = None
                 ) -> str | None:
        """The template of a report kind for a task (its id's prefix picks the role)."""
        return self._choose([t for t in self.templates.values() if kind and t.kind == kind],
                            task_id, role)

    def _choose(self, candidates: list[Template], task_id: str, role: str | None
                ) -> str | None:
        if len(candidates) < 2:
            return candidates[0].name if candidates else None
        if role is not None:
            chosen = next((t for t in candidates if t.meta.get("role") == role), None)
            if chosen is not None:
                return chosen.name
        prefix = task_id.strip("[]").split("-", 1)[0].upper()
        for template in candidates:
            if prefix and prefix in template.meta.get("task-prefixes", ()):
                return template.name
        default = next((t for t in candidates if not t.meta.get("task-prefixes")), candidates[0])
        return default.name

    def suggest_title(self, heading: str | None, role: str | None = None,
                      kind: str | None = None, task: tuple[str, str] | None = None) -> str:
        """A report title for a heading that is not one: of ``kind`` when the caller knows
        it (from the title's words or the report's status), else the template whose title
        shares the most words with the heading's kind (`BA Progress Report: ...`, `BE-011:
        Login - Completion Summary`), else with the whole heading, with the heading's task id
        and name when it has them (else ``task``'s: the id and name of the report's **Task**
        field); else the first template's example title."""
        text = heading or ""
        task_id, name = names.task_in(text)
        task_id = task_id or recognition.task_id(text)
        if task_id is None and task is not None:
            # The field's name, else the heading's (`Summary: Audit trail` -> `Audit trail`).
            task_id, name = task[0], task[1] or names.split_title(text).task_name or ""
        label = names.split_title(text).label or ""
        parted = _LAST_DASH.match(name)  # "Login - Completion Summary", "Catalog API — completion"
        head, tail = (parted["head"], parted["tail"]) if parted else ("", name)
        of_kind = self.for_kind(kind, task_id or "", role or _role_word(text))
        chosen = self[of_kind] if of_kind is not None else None
        for part in (label, tail, text):
            chosen = chosen or self._closest([_stem(w) for w in _WORDS.findall(part.lower())],
                                             role)
        chosen = chosen or self[self.names()[0]]
        if task_id is None:
            return chosen.example_title
        if head and _title_stems(chosen.title) & {_stem(w) for w in _WORDS.findall(tail.lower())}:
            name = head  # "Login - Completion Summary" -> "Login"
        name = name or recognition.task_name(text, task_id)
        name = name or "Task name"
        # Of that kind, the template for the task id's prefix (`QA-` -> the QA templates).
        kind = self.classify(f"{chosen.title}: {task_id} - {name}", role)
        return f"{self[kind].title if kind else chosen.title}: {task_id} - {name}"

    def _closest(self, words: list[str], role: str | None) -> Template | None:
        best: list[Template] = []
        top = (0, 0)
        for template in self.templates.values():
            own = _title_stems(template.title)
            shared = [i for i, word in enumerate(words) if word in own]
            if not shared:
                continue
            score = (len({words[i] for i in shared}), -shared[0])
            if score > top:
                best, top = [template], score
            elif score == top:
                best.append(template)
        if not best:
            return None
        return next((t for t in best if role and t.meta.get("role") == role), None) or next(
            (t for t in best if not t.meta.get("task-prefixes")), best[0])

    def roles(self) -> set[str]:
        return {str(t.meta.get("role")) for t in self.templates.values() if t.meta.get("role")}


def load_folder(folder: Path, cached: bool = True
                ) -> tuple[list[Template], list[TemplateProblem]]:
    templates: list[Template] = []
    problems: list[TemplateProblem] = []
    for path in _template_files(folder):
        loaded = load_file(path, cached=cached)
        if isinstance(loaded, Template):
            templates.append(loaded)
        else:
            problems.append(loaded)
    return templates, problems


def load_file(path: Path, data: bytes | OSError | None = None,
              cached: bool = True) -> Template | TemplateProblem:
    """A template from its file (whose bytes or reading error the caller may have already),
    from the template cache when it holds this content and ``cached``."""
    try:
        if data is None:
            data = path.read_bytes()
        if isinstance(data, OSError):
            raise data
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return TemplateProblem(path, f"cannot read template: {exc}")
    digest = cache.key(data)
    found = _from_cache(path, cache.get("templates", digest) if cached else None, digest)
    if found is not None:
        return found
    loaded = _parse(path, text)
    if isinstance(loaded, Template):
        if cached:
            cache.put("templates", digest, loaded.schema)
        return Template(loaded.name, path, loaded.schema, loaded.title_pattern, digest)
    return loaded


def _from_cache(path: Path, schema: Any, digest: str) -> Template | None:
    """The template a cache entry holds, if it holds one. The entry was checked when it was
    written (no YAML parsing, no metaschema validation now), but its values are checked
    again: the names are strings, and the title pattern is compiled by RE2 like any other."""
    if not isinstance(schema, dict):
        return None
    meta = schema.get("x-reportlint")
    if not isinstance(meta, dict) or _meta_problem(meta) is not None or not isinstance(
            meta.get("name"), str):
        return None
    try:
        return Template(meta["name"], path, schema, _title_regex(meta["title-pattern"]), digest)
    except saferegex.RegexError:
        return None


def parse_file(path: Path) -> Template | TemplateProblem:
    """Load and check a template, never from the cache (for `reportlint template check`)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return TemplateProblem(path, f"cannot read template: {exc}")
    return _parse(path, text)


def _title_regex(pattern: str) -> saferegex.Regex:
    return saferegex.compile(pattern, ignorecase=True)


def _parse(path: Path, text: str) -> Template | TemplateProblem:
    try:
        return _parse_nested(path, text)
    except RecursionError:  # the YAML reader and the metaschema check recurse per level
        return TemplateProblem(path, "nested too deeply to check")


def _parse_nested(path: Path, text: str) -> Template | TemplateProblem:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        schema = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return TemplateProblem(path, f"invalid YAML: {problem}",
                               mark.line + 1 if mark is not None else None)
    if not isinstance(schema, dict):
        return TemplateProblem(path, "a template must be a YAML mapping (a JSON Schema object)")
    meta = schema.get("x-reportlint")
    if not isinstance(meta, dict) or "name" not in meta:
        return TemplateProblem(path, "missing `x-reportlint: {name: ..., title-pattern: ...}`")
    trouble = _meta_problem(meta)
    if trouble is not None:
        pointer, message = trouble
        return TemplateProblem(path, message, line_of(text, pointer))
    for pointer, regex in [("/x-reportlint/title-pattern", meta["title-pattern"]),
                           *_patterns(schema, "")]:
        try:
            saferegex.compile(regex)
        except saferegex.RegexError as exc:
            return TemplateProblem(path, f"regular expression at {pointer} is refused: {exc}",
                                   line_of(text, pointer))
    from reportlint import schema as schema_check

    problem = schema_check.problem(schema)
    if problem is not None:
        message, pointer = problem
        return TemplateProblem(path, message, line_of(text, pointer))
    unknown = unknown_keywords(schema)
    if unknown:
        pointer, keyword = unknown[0]
        return TemplateProblem(path, f"unknown keyword `{keyword}` at {pointer}"
                               f"{_did_you_mean(keyword, KEYWORDS)}", line_of(text, pointer))
    for pointer, keyword, value in shape.keywords(schema):
        wrong = _value_problem(keyword, value, pointer) if keyword in _OURS else None
        if wrong is None and keyword == "unevaluatedProperties" and _patterns(
                schema, "", keys_only=True):
            wrong = (f"`unevaluatedProperties` at {pointer} cannot be used in a template "
                     "with `patternProperties`: jsonschema would match those patterns "
                     "itself, with a backtracking engine")
        if wrong is not None:
            return TemplateProblem(path, wrong, line_of(text, pointer))
    return Template(meta["name"], path, schema, _title_regex(meta["title-pattern"]))


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _shown(value: Any) -> str:
    """A YAML value as a message names it."""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (str, int, float)):
        from reportlint.quote import quote

        return f"`{quote(str(value))}`"
    if value is None:
        return "an empty value"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__} (quote it to make it a string)"


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


# `x-reportlint`'s keys: a check of the value, and what it must be.
_META: dict[str, tuple[Any, str]] = {
    "name": (lambda v: isinstance(v, str), "a string"),
    "role": (lambda v: isinstance(v, str), "a string"),
    "task-prefixes": (_strings, "a list of strings (task-id prefixes such as `QA`)"),
    "title-pattern": (lambda v: isinstance(v, str), "a regular expression (a string)"),
    "example-title": (lambda v: isinstance(v, str), "a string"),
    "placeholders": (_strings, "a list of strings"),
    "kind": (lambda v: v in ("completion", "progress", "acknowledgement", "task"),
             "one of `completion`, `progress`, `acknowledgement`, `task`"),
    "status-vocabulary": (lambda v: isinstance(v, dict) and all(
        isinstance(k, str) and _strings(words) for k, words in v.items()),
        "a mapping from a status the template allows to the words that mean it "
        "(`COMPLETED: [selesai, 완료]`)"),
}


def _meta_problem(meta: dict[str, Any]) -> tuple[str, str] | None:
    """The pointer and message of the first thing wrong in ``x-reportlint``, or None."""
    if "title-pattern" not in meta:
        return "/x-reportlint", "missing `x-reportlint: {name: ..., title-pattern: ...}`"
    for key, value in meta.items():
        pointer = f"/x-reportlint/{key}"
        if key not in _META:
            return pointer, (f"unknown key `{key}` in `x-reportlint`"
                             f"{_did_you_mean(str(key), _META)}")
        valid, wanted = _META[key]
        if valid(value):
            continue
        if isinstance(value, list) and wanted.startswith("a list"):
            index, item = next((i, v) for i, v in enumerate(value) if not isinstance(v, str))
            return f"{pointer}/{index}", (f"`x-reportlint.{key}` must be {wanted}; item "
                                          f"{index + 1} is {_shown(item)}")
        return pointer, f"`x-reportlint.{key}` must be {wanted}, not {_shown(value)}"
    return None


# What explain.py fills into a message.
_FILLED = ("value", "text", "section", "task_id", "task_name")
_SCALAR = "a scalar (a string, number or boolean)"


def _value_problem(keyword: str, value: Any, pointer: str) -> str | None:
    """What is wrong with the value of one of reportlint's keywords, or None."""
    where = f"`{keyword}` at {pointer}"
    if keyword == "x-severity":
        if value in ("error", "warning"):
            return None
        return (f"{where} must be `error` or `warning`, not {_shown(value)}"
                f"{_did_you_mean(value, ('error', 'warning')) if isinstance(value, str) else ''}")
    if keyword == "x-footer":
        if isinstance(value, bool):
            return None
        return f"{where} must be `true` or `false`, not {_shown(value)}"
    if keyword == "x-example":
        if isinstance(value, (str, int, float, bool)):
            return None
        return f"{where} must be {_SCALAR}, not {_shown(value)}"
    if keyword == "x-aliases":
        if isinstance(value, list) and value and all(isinstance(v, str) and v.strip()
                                                     for v in value):
            return None
        return f"{where} must be a list of names (strings), not {_shown(value)}"
    if not isinstance(value, str):
        return f"{where} must be a string, not {_shown(value)}"
    if keyword in ("x-message", "x-missing-message"):
        return _message_problem(where, value)
    return None


def _message_problem(where: str, message: str) -> str | None:
    """A message is filled in with ``str.format_map``: every ``{...}`` must be one of the
    values reportlint fills in, or the finding would show it raw or fail."""
    import string

    try:
        fields = [(name, conversion, spec) for _, name, spec, conversion
                  in string.Formatter().parse(message) if name is not None]
    except ValueError as exc:
        return f"{where} is not a valid message ({exc}); write `{{{{` and `}}}}` for braces"
    for name, conversion, spec in fields:
        written = "{" + name + (f"!{conversion}" if conversion else "") + (
            f":{spec}" if spec else "") + "}"
        if name not in _FILLED:
            import difflib

            close = difflib.get_close_matches(name, _FILLED, n=1)
            hint = f" (did you mean `{{{close[0]}}}`?)" if close else ""
            return (f"{where} uses `{written}`, which reportlint does not fill in; it fills in "
                    "only `{value}`, `{text}`, `{section}` and `{task_id}`" + hint)
        if written != "{" + name + "}":
            return f"{where} writes `{written}`; a placeholder is only its name, `{{{name}}}`"
    return None


# JSON Schema's own keywords (shape.py knows which hold subschemas) and reportlint's.
_OURS = {"x-message", "x-missing-message", "x-expected", "x-severity", "x-example",
         "x-placeholder", "x-footer", "x-aliases"}
KEYWORDS = shape.SCHEMA_KEYWORDS | _OURS


def unknown_keywords(node: Any, pointer: str = "") -> list[tuple[str, str]]:
    """``(pointer, keyword)`` for every key of a (sub)schema that is no JSON Schema 2020-12
    keyword and none of reportlint's: a typo (``requried``) would otherwise be ignored."""
    return [(here, key) for here, key, _ in shape.keywords(node, pointer)
            if key not in KEYWORDS and not (key == "x-reportlint" and here == "/x-reportlint")]


def line_of(text: str, pointer: str) -> int | None:
    """The line of ``text`` (YAML) where the node at a JSON pointer starts."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            key = next((k for k, v in node.value if getattr(k, "value", None) == part), None)
            if match is None:
                break
            line = key.start_mark.line + 1 if key is not None else line
            node = match
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(
                node.value):
            node = node.value[int(part)]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _patterns(node: Any, pointer: str, keys_only: bool = False) -> list[tuple[str, str]]:
    """Every regular expression a schema holds (`pattern` values, `patternProperties` keys;
    only the keys with ``keys_only``)."""
    found: list[tuple[str, str]] = []
    for here, key, value in shape.keywords(node, pointer):
        if key == "pattern" and isinstance(value, str) and not keys_only:
            found.append((here, value))
        elif key == "patternProperties" and isinstance(value, dict):
            found += [(f"{here}/{k}", k) for k in value]
    return found


def builtin() -> tuple[Registry, list[TemplateProblem]]:
    return with_folders(())


def with_folders(folders: Iterable[Path], cached: bool = True
                 ) -> tuple[Registry, list[TemplateProblem]]:
    """The templates of ``folders`` (a name found there replaces the built-in one), then the
    built-in ones; with ``cached`` false, none comes from the cache (``--no-cache``)."""
    builtin = builtin_dir()
    folders = (*folders, builtin)
    files = [p for folder in folders for p in _template_files(folder)]
    contents = [_bytes(path) for path in files]
    prebuilt = _prebuilt(builtin, files, contents)
    if len(prebuilt) == len(files):
        # Only built-in templates, as compiled and checked when reportlint was built: no
        # YAML, no metaschema check, no cache (the first run in CI costs what the others do).
        return Registry([prebuilt[i](None) for i in range(len(files))]), []
    # Start-up reads one cache entry for the whole set, keyed by the files' paths and
    # contents, instead of decoding, parsing and checking each template.
    stamp = _stamp(files, contents) if cached else None
    registry = _registry_from_cache(cache.get("registries", stamp), files, contents) if (
        stamp) else None
    if registry is not None:
        return registry, []
    found: list[Template] = []
    problems: list[TemplateProblem] = []
    for index, (path, data) in enumerate(zip(files, contents, strict=True)):
        make = prebuilt.get(index)
        loaded = make(cache.key(data)) if make is not None and isinstance(
            data, bytes) else load_file(path, data, cached)
        if isinstance(loaded, Template):
            found.append(loaded)
        else:
            problems.append(loaded)
    if stamp and not problems:
        cache.put("registries", stamp, [
            {"name": t.name, "path": str(t.path), "schema": t.schema,
             "pattern": t.title_pattern.pattern, "digest": t.digest} for t in found])
    return Registry(found), problems


COMPILED = "compiled-templates.json"  # beside the built-in templates


def compiled_text(folder: Path | None = None) -> str:
    """The built-in templates, each parsed and checked (YAML, metaschema, keywords, regular
    expressions) as ``template check`` does, as the JSON text of :data:`COMPILED`: what
    reportlint's build writes (``python tests/compile_templates.py``) and its tests compare, so
    a run never parses or checks them again."""
    import json
    import zlib

    folder = folder or builtin_dir()
    entries = []
    for path in _template_files(folder):
        data = path.read_bytes()
        loaded = parse_file(path)
        if isinstance(loaded, TemplateProblem):
            raise ValueError(str(loaded))
        entries.append({"file": path.name, "size": len(data), "crc32": zlib.crc32(data),
                        "schema": loaded.schema})
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


_compiled: dict[Path, dict[str, Any]] = {}


def _compiled_entries(folder: Path) -> dict[str, Any]:
    """The compiled built-in templates by file name ({} when the file is missing or is not
    what :func:`compiled_text` writes)."""
    if folder not in _compiled:
        import json

        try:
            entries = json.loads((folder / COMPILED).read_text("utf-8"))
            found = {e["file"]: e for e in entries if isinstance(e["schema"], dict)}
        except (OSError, ValueError, TypeError, KeyError):
            found = {}
        _compiled[folder] = found
    return _compiled[folder]


def _prebuilt(builtin: Path, files: list[Path], contents: list[bytes | OSError]
              ) -> dict[int, Any]:
    """For each built-in template file whose bytes are those it was compiled from (by size
    and CRC-32: an edited template is parsed and checked again), by index, a function of a
    digest making its Template."""
    entries = _compiled_entries(builtin)
    found: dict[int, Any] = {}
    if not entries:
        return found
    import zlib

    for index, (path, data) in enumerate(zip(files, contents, strict=True)):
        entry = entries.get(path.name)
        if (entry is None or path.parent != builtin or not isinstance(data, bytes)
                or entry["size"] != len(data) or entry["crc32"] != zlib.crc32(data)):
            continue
        schema = entry["schema"]
        meta = schema["x-reportlint"]

        def make(digest: str | None, path: Path = path, schema: dict[str, Any] = schema,
                 meta: dict[str, Any] = meta, built: str = f"builtin-{entry['crc32']}-{len(data)}"
                 ) -> Template:
            return Template(meta["name"], path, schema,
                            saferegex.trusted(meta["title-pattern"], ignorecase=True),
                            built if digest is None else digest, builtin=True)

        found[index] = make
    return found


def _bytes(path: Path) -> bytes | OSError:
    try:
        return path.read_bytes()
    except OSError as exc:
        return exc


def _registry_from_cache(entries: Any, files: list[Path], contents: list[bytes | OSError]
                         ) -> Registry | None:
    """The registry a cache entry holds, if it holds one for these files: each template
    is checked as :func:`_from_cache` checks one, and must be one of the files."""
    if not isinstance(entries, list) or len(entries) != len(files):
        return None
    digests = {str(path): cache.key(data) for path, data in zip(files, contents, strict=True)
               if isinstance(data, bytes)}
    found: list[Template] = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            return None
        digest = digests.get(entry["path"])
        template = _from_cache(Path(entry["path"]), entry.get("schema"), digest or "")
        if digest is None or template is None or entry.get("digest") != digest or (
                entry.get("pattern") != template.title_pattern.pattern):
            return None
        found.append(template)
    return Registry(found)


def _template_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))


def _stamp(files: list[Path], contents: list[bytes | OSError]) -> str | None:
    """The registry entry's key: every file's path and content (and, like every key, the
    code's own stamp: a reportlint that checked templates differently wrote other entries).
    None when a file cannot be read: it is reported, not cached."""
    if any(isinstance(data, OSError) for data in contents):
        return None
    parts = [part for path, data in zip(files, contents, strict=True)
             for part in (os.fsencode(path), data) if isinstance(part, bytes)]
    return cache.key(b"registry", *parts)

