"""Every regular expression a user writes is matched by RE2: linear time in the text, whatever
the pattern; what RE2 cannot compile is refused with the reason."""

from __future__ import annotations

import functools
import pickle
import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, validators

from reportlint import saferegex, schema, templates

# The shapes behind catastrophic backtracking, and the text that makes a backtracking engine
# try every way to split it: stdlib `re` takes seconds on 25 characters of it, doubling with
# each one more.
HOSTILE = [("(a|a)*b", "a"), ("(a+)+$", "a"), (r"(\w+\s?)*$", "a"), ("(x+x+)+y", "x")]


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, if the block runs for more than ``seconds`` (a generous bound:
    the tests assert linear growth, not speed). `re` and RE2 both return to Python often
    enough for the alarm to be delivered."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def best_time(call: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize(("pattern", "unit"), HOSTILE)
def test_hostile_patterns_take_linear_time(pattern: str, unit: str) -> None:
    regex = saferegex.compile(pattern)
    small, large = unit * 400_000 + "!", unit * 800_000 + "!"
    with deadline(60):
        assert regex.test(large) is (pattern == r"(\w+\s?)*$")  # the one that may match empty
        one = best_time(lambda: regex.test(small))
        two = best_time(lambda: regex.test(large))
        spans = best_time(lambda: list(regex.finditer(large)), repeat=3)
    # Twice the text, about twice the time (quadratic would be 4x, exponential unbounded);
    # or too little time to measure a ratio at all (RE2 gives up on `(a+)+$` at once).
    assert two < 3 * one or two < 0.05, (one, two)
    assert spans < 10


def test_matches_like_re_on_ordinary_text() -> None:
    regex = saferegex.compile(r"(?P<id>[A-Z]+-\d+)")
    text = "see BE-014 and FE-2, not be-3"
    assert [m.span() for m in regex.finditer(text)] == [(4, 10), (15, 19)]
    assert regex.test(text)
    assert not regex.test("none here")
    found = regex.search("éé BE-1")
    assert found is not None
    assert found.span() == (3, 7)
    assert saferegex.compile("^progress", ignorecase=True).test("PROGRESS Update")
    assert not saferegex.compile("^progress").test("PROGRESS Update")


def test_lone_surrogates_are_matched_not_fatal() -> None:
    # YAML front matter can carry "\ud800"; strict UTF-8 would fail on it.
    regex = saferegex.compile("a+")
    assert regex.test("\ud800aa")
    found = regex.search("\ud800aa")
    assert found is not None
    assert found.span() == (1, 3)


def test_compiled_patterns_pickle() -> None:
    regex = saferegex.compile("^x", ignorecase=True)
    again = pickle.loads(pickle.dumps(regex))
    assert (again.pattern, again.ignorecase) == ("^x", True)
    assert again.test("X")


@pytest.mark.parametrize(("pattern", "message"), [
    ("(a)\\1", "invalid escape sequence: \\1 (reportlint matches patterns with RE2, which never "
     "takes more than linear time but has no look-around, backreferences, possessive repeats "
     "or atomic groups)"),
    ("(?<=a)b", "invalid perl operator: (?<= (reportlint matches patterns with RE2, which never "
     "takes more than linear time but has no look-around, backreferences, possessive repeats "
     "or atomic groups)"),
    ("a\\Z", "invalid escape sequence: \\Z (write `\\z` for the end of the text; reportlint "
     "matches patterns with RE2, which never takes more than linear time but has no "
     "look-around, backreferences, possessive repeats or atomic groups)"),
    ("\\u2013", "invalid escape sequence: \\u (write a code point as `\\x{2013}`; reportlint "
     "matches patterns with RE2, which never takes more than linear time but has no "
     "look-around, backreferences, possessive repeats or atomic groups)"),
    # Invalid for any engine: RE2's reason alone.
    ("(a", "missing ): (a"),
    ("a{2000}", "invalid repetition size: {2000} (RE2 counts repeats up to 1000; reportlint "
     "matches patterns with RE2, which never takes more than linear time but has no "
     "look-around, backreferences, possessive repeats or atomic groups)"),
    ("[z-a]", "invalid character class range: z-a"),
])
def test_what_re2_cannot_compile_is_refused(pattern: str, message: str,
                                            capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(saferegex.RegexError) as caught:
        saferegex.compile(pattern)
    assert str(caught.value) == message
    assert capfd.readouterr().err == ""  # RE2's own logging is off


def test_the_schema_validator_matches_with_re2() -> None:
    template = {"type": "object",
                "properties": {"v": {"pattern": "(a|a)*b"}},
                "patternProperties": {"(x+x+)+y": {"type": "string"}},
                "additionalProperties": False}
    hostile = {"v": "a" * 200_000, "x" * 200_000: 1}
    with deadline(60):
        errors = sorted(e.message for e in schema.validator(template).iter_errors(hostile))
    assert errors == [f"'{'a' * 200_000}' does not match '(a|a)*b'",
                      f"'{'x' * 200_000}' does not match any of the regexes: '(x+x+)+y'"]


@pytest.mark.parametrize("instance", [
    {"abc": "x", "other": 1, "n": 2},
    {"abc": 1, "zzz": "no"},
    {"other": "y"},
    {"v": "BE-1"},
    {"v": "nothing"},
    {},
])
@pytest.mark.parametrize("additional", [False, {"type": "integer"}])
def test_re2_keywords_give_jsonschemas_errors(instance: dict[str, Any], additional: Any) -> None:
    template = {"properties": {"v": {"pattern": "^[A-Z]+-\\d+$"}, "n": {}},
                "patternProperties": {"^a": {"type": "string"}, "z$": {"type": "integer"}},
                "additionalProperties": additional}
    ours = validators.extend(Draft202012Validator,  # type: ignore[no-untyped-call]
                             schema._RE2_KEYWORDS)(template)
    theirs = Draft202012Validator(template)

    def errors(validator: Any) -> list[tuple[list[Any], str, str]]:
        return sorted((list(e.absolute_path), e.validator, e.message)
                      for e in validator.iter_errors(instance))

    assert errors(ours) == errors(theirs)
    no_patterns = {"properties": {"n": {}}, "additionalProperties": additional}
    assert errors(validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, schema._RE2_KEYWORDS)(no_patterns)) == errors(
        Draft202012Validator(no_patterns))


HEAD = "x-reportlint: {name: t, title-pattern: '^t'}\n"


def test_re2_syntax_is_accepted_by_template_check(run: Callable[..., Result],
                                                  tmp_path: Path) -> None:
    # Python's `re` knows neither `\p{Lu}` nor `\z`: the metaschema's `regex` format is RE2's.
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + "properties: {a: {pattern: '^\\p{Lu}+\\z'}}\n"
                    "patternProperties: {'\\pL': true}\n", "utf-8")
    result = run("template", "check", path)
    assert result.stdout == f"{path}: ok: template `t`, titles matching `^t`\n"
    assert result.exit_code == 0


def test_unevaluated_properties_beside_pattern_properties_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + "patternProperties: {'^a': true}\nunevaluatedProperties: false\n",
                    "utf-8")
    problem = templates.parse_file(path)
    assert isinstance(problem, templates.TemplateProblem)
    assert (problem.line, problem.message) == (
        3, "`unevaluatedProperties` at /unevaluatedProperties cannot be used in a template "
        "with `patternProperties`: jsonschema would match those patterns itself, with a "
        "backtracking engine")


def test_cached_templates_compile_their_title_pattern_with_re2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.yaml").write_text("x-reportlint: {name: t, title-pattern: '^standup'}\n",
                                   "utf-8")
    first = templates.load_file(folder / "t.yaml")
    assert isinstance(first, templates.Template)
    entries = list((tmp_path / "cache/templates").glob("*.json"))
    assert len(entries) == 1
    again = templates.load_file(folder / "t.yaml")  # from the template cache
    assert isinstance(again, templates.Template)
    assert isinstance(again.title_pattern, saferegex.Regex)
    assert again.title_pattern.test("STANDUP: BE-1")
    # An entry RE2 cannot use (written by hand, or by another engine) is parsed again.
    entries[0].write_text('{"x-reportlint": {"name": "t", "title-pattern": "(?=x)"}}', "utf-8")
    reparsed = templates.load_file(folder / "t.yaml")
    assert isinstance(reparsed, templates.Template)
    assert reparsed.title_pattern.pattern == "^standup"
    # The registry cache: one entry for the whole set of templates.
    registry, problems = templates.with_folders([folder])
    assert problems == []
    [stored] = (tmp_path / "cache/registries").glob("*.json")
    assert isinstance(templates.with_folders([folder])[0]["t"].title_pattern, saferegex.Regex)
    text = stored.read_text("utf-8").replace('"pattern":"^standup"', '"pattern":"(?=x)"')
    assert "(?=x)" in text
    stored.write_text(text, "utf-8")
    registry, problems = templates.with_folders([folder])
    assert problems == []
    assert registry["t"].title_pattern.pattern == "^standup"


@functools.cache
def _builtin_patterns() -> list[tuple[str, bool]]:
    found: set[tuple[str, bool]] = set()
    for template in templates.builtin()[0].templates.values():
        found.add((template.title_pattern.pattern, True))
        found.update((p, False) for _, p in templates._patterns(template.schema, ""))
    return sorted(found)


# What the built-in patterns look for, and what reports put around it.
_PIECES = st.sampled_from([
    "2025", "-", "01", "15", " ", "T", "10", ":", "30", ".", "5", "Z", "UTC", "+02:00", "%",
    "complete", "100", "✅", "❌", "⚠️", "Yes", "YES", "no", "with conditions", "~", "h", "hours",
    "days", "weeks", "mins", "hrs", "–", "est", "Estimate", "section", "FR", "NFR", "US", "BE",
    "QA-001", "none", "n/a", "progress", "update", "task", "acknowledged", "acknowledgment",
    "completion", "report", "qa", "devops", "assignment", "x", "_", "\t", "!", "#"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.characters(min_codepoint=32, max_codepoint=126), max_size=8))
def test_builtin_patterns_match_as_re_did_on_ascii_text(pieces: list[str]) -> None:
    """The built-in templates' patterns were written for `re`; on text without non-ASCII
    digits, spaces or letters (where RE2's `\\d`, `\\s`, `\\b` are narrower) RE2 agrees."""
    text = "".join(pieces)
    for pattern, ignorecase in _builtin_patterns():
        expected = re.search(pattern, text, re.IGNORECASE if ignorecase else 0) is not None
        assert saferegex.compile(pattern, ignorecase=ignorecase).test(text) is expected, (
            pattern, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.characters() | st.sampled_from(
    ["\n", "\v", "\r", "ſ", "K", "é", "\ud800", "Ǆ"]), max_size=8))
def test_trusted_patterns_answer_as_re2_does(pieces: list[str]) -> None:
    """A built-in template's patterns are matched by `re` where it agrees with RE2 and by RE2
    elsewhere: on any text, the answer is RE2's."""
    text = "".join(pieces)
    for pattern, ignorecase in _builtin_patterns():
        fast = saferegex.trusted(pattern, ignorecase)
        safe = saferegex.compile(pattern, ignorecase=ignorecase)
        assert fast.test(text) is safe.test(text), (pattern, text)
        assert (fast.search(text) is None) is (safe.search(text) is None), (pattern, text)


def test_builtin_templates_use_trusted_patterns_and_no_re2() -> None:
    """A run with only the built-in templates never loads RE2 (nor YAML, nor jsonschema)."""
    import subprocess
    import sys

    code = ("import sys; from reportlint import templates; r = templates.builtin()[0]; "
            "[t.quick_check for t in r.templates.values()]; "
            "r.recognise('## Task Completion Report: BE-1 - x', None); "
            "print(sorted(m for m in ('re2', 'yaml', 'jsonschema') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
    registry = templates.builtin()[0]
    assert all(isinstance(t.title_pattern, saferegex.Trusted) and t.builtin
               for t in registry.templates.values())
