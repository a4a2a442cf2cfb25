'''The catalogue of finding codes: each code's name, default severity and documentation.

Codes are ``RL`` and three digits, grouped by area; a code is never reused:

- ``RL0xx``: the input itself (unreadable, binary, not UTF-8, empty, no report in it);
- ``RL1xx``: the report's structure, as its template (a JSON Schema) requires;
- ``RL9xx``: reportlint itself.

Each entry's documentation is written in ruff's shape (what it checks, *Why is this bad?*,
*Example*, *Use instead*); ``reportlint rule CODE`` and the generated docs print it as is.
'''

from __future__ import annotations

import inspect
from dataclasses import dataclass

from reportlint.diagnostics import Severity


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    doc: str

    @property
    def summary(self) -> str:
        return " ".join(self.doc.strip().split("\n\n")[0].split()).rstrip(".")


CODES: dict[str, Code] = {}


def _define(code: str, name: str, severity: Severity, doc: str) -> Code:
    if code in CODES:  # pragma: no cover - a programming error caught by the tests
        raise ValueError(f"code {code} defined twice")
    entry = Code(code, name, severity, inspect.cleandoc(doc))
    CODES[code] = entry
    return entry


def by_name(name: str) -> Code | None:
    return next((c for c in CODES.values() if c.name == name), None)


E, W = Severity.ERROR, Severity.WARNING

UNREADABLE_FILE = _define("RL001", "unreadable-file", E, """
    Checks that every file given to reportlint can be read.

    ## Why is this bad?
    A report nobody can open cannot be reviewed; the file is missing, a directory loop, or its
    permissions keep reportlint (and your reviewers' tools) out.

    ## Example
    A report file with mode `000`.

    ## Use instead
    Make the file readable (`chmod 644 report.md`) or stop passing it to reportlint.
    """)

BINARY_FILE = _define("RL002", "binary-file", E, """
    Checks that a report is text, not binary data.

    ## Why is this bad?
    A file with NUL bytes is an image, an archive or a corrupted write, not a Markdown report.
    It renders as garbage and nothing in it can be checked.

    ## Example
    A `report.md` that is really a PNG screenshot.

    ## Use instead
    Commit the report as Markdown text and link the screenshot from it.
    """)

INVALID_ENCODING = _define("RL003", "invalid-encoding", E, """
    Checks that a report is valid UTF-8 (a UTF-16 file with a byte-order mark is accepted).

    ## Why is this bad?
    Bytes that are not UTF-8 show as replacement characters on GitHub and in most editors; the
    finding gives the byte offset of the first bad byte so it can be found and fixed.

    ## Example
    A report saved as Latin-1 with `Café` in it.

    ## Use instead
    Save the file as UTF-8.
    """)

EMPTY_FILE = _define("RL004", "empty-file", E, """
    Checks that a report file is not empty (or only white space).

    ## Why is this bad?
    An empty report is usually a failed write by the agent: the work it describes is unreported.

    ## Example
    A zero-byte `BE-001-completion.md`.

    ## Use instead
    Write the report, starting from `reportlint new completion` or the template.
    """)

NO_REPORT = _define("RL005", "no-report", E, """
    Checks that a file contains at least one report reportlint recognises.

    ## Why is this bad?
    A report is recognised by its title heading (`## Task Acknowledged: ...`,
    `## Progress Update: ...`, `## Task Completion Report: ...`). Without one, the orchestrator
    and reviewers cannot tell which kind of report this is, and nothing in it is checked.

    ## Example
    ```markdown
    # Work summary for the login endpoint
    ```

    ## Use instead
    ```markdown
    ## Task Completion Report: BE-001 - Login endpoint
    ```
    or pass `--template NAME` to check the whole file against one template.
    """)

INVALID_FRONT_MATTER = _define("RL006", "invalid-front-matter", E, """
    Checks that YAML front matter, when a report has it, is a valid mapping of keys.

    ## Why is this bad?
    Front matter that does not parse is dropped by every tool that reads it, so its status and
    dates are silently lost. Aliases (`*name`) are refused: they can expand without bound.

    ## Example
    ```markdown
    ---
    status: [COMPLETED
    ---
    ```

    ## Use instead
    ```markdown
    ---
    status: COMPLETED
    ---
    ```
    """)

MISSING_SECTION = _define("RL101", "missing-section", E, """
    Checks that every section and sub-section the template requires is present.

    ## Why is this bad?
    The product manager reads reports by their sections. A missing *Acceptance Criteria
    Verification* or *Quality Gates Status* section hides whether the work was verified at all.
    Sections match by name: numbering (`3.`), a trailing `(if any)`, emoji, case and spacing do
    not matter, so a finding means the section is absent or renamed.

    ## Example
    ```markdown
    ## Task Completion Report: BE-001 - Login endpoint
    ### 1. Implementation Summary
    ### 3. Acceptance Criteria Verification
    ```

    ## Use instead
    ```markdown
    ## Task Completion Report: BE-001 - Login endpoint
    ### 1. Implementation Summary
    ### 2. PRD Alignment Check
    ### 3. Acceptance Criteria Verification
    ```
    """)

MISSING_FIELD = _define("RL102", "missing-field", E, """
    Checks that every field the template requires (`**Status**:`, `**Started**:`, ...) is present.

    ## Why is this bad?
    Fields are what the orchestrator parses: a report without **Status** cannot be routed, and
    one without **Started**/**Completed** cannot be tracked.

    ## Example
    ```markdown
    ## Task Acknowledged: BE-001 - Login endpoint
    **Started**: 2025-01-15 09:00
    ```

    ## Use instead
    ```markdown
    ## Task Acknowledged: BE-001 - Login endpoint
    **Status**: IN PROGRESS
    **Started**: 2025-01-15 09:00
    ```
    """)

INVALID_FIELD_VALUE = _define("RL103", "invalid-field-value", E, """
    Checks that each field's value has the form the template requires.

    ## Why is this bad?
    `DONE`, `Complete ✅` and `finished` all mean something to a person and nothing to the tools
    that route reports. Statuses come from a fixed set, percentages are 0-100, dates are
    `YYYY-MM-DD` (optionally with a time).

    ## Example
    ```markdown
    **Status**: Done
    ```

    ## Use instead
    ```markdown
    **Status**: COMPLETED
    ```
    """)

MISSING_TABLE = _define("RL104", "missing-table", E, """
    Checks that a section the template defines as a table has a table.

    ## Why is this bad?
    Tables such as *Files Changed* or *Quality Gates Status* are compared row by row by reviewers
    and tools; the same facts in prose cannot be checked.

    ## Example
    ```markdown
    #### Files Changed
    I changed the auth service and its tests.
    ```

    ## Use instead
    ```markdown
    #### Files Changed
    | File | Change Type | Description |
    |------|-------------|-------------|
    | `src/auth/service.ts` | Modified | Token rotation |
    ```
    """)

MISSING_COLUMN = _define("RL105", "missing-column", E, """
    Checks that a table has every column the template requires.

    ## Why is this bad?
    A *Files Changed* table without *Change Type*, or a migrations table without *Reversible*,
    drops exactly the fact a reviewer needs.

    ## Example
    ```markdown
    | File | Description |
    |------|-------------|
    | `src/auth/service.ts` | Token rotation |
    ```

    ## Use instead
    ```markdown
    | File | Change Type | Description |
    |------|-------------|-------------|
    | `src/auth/service.ts` | Modified | Token rotation |
    ```
    """)

INVALID_CELL_VALUE = _define("RL106", "invalid-cell-value", W, """
    Checks that table cells with a fixed vocabulary use it (for example *Change Type*).

    ## Why is this bad?
    `Created`, `New` and `Added` in one column make the table hard to filter and compare with
    the diff.

    ## Example
    ```markdown
    | `src/auth/service.ts` | Created | Token rotation |
    ```

    ## Use instead
    ```markdown
    | `src/auth/service.ts` | Added | Token rotation |
    ```
    """)

WRONG_CHECKBOX_STATE = _define("RL107", "wrong-checkbox-state", E, """
    Checks checkbox items against their section: *Completed Items* are ticked, *In Progress*
    items are not.

    ## Why is this bad?
    An unticked box under *Completed Items* (or a ticked one under *In Progress*) means the
    report disagrees with itself; the reader cannot tell which half is true.

    ## Example
    ```markdown
    ### Completed Items
    - [ ] Database schema
    ```

    ## Use instead
    ```markdown
    ### Completed Items
    - [x] Database schema
    ```
    """)

INVALID_TITLE = _define("RL108", "invalid-title", E, """
    Checks that a report's title carries both a task id and a task name.

    ## Why is this bad?
    The title `Task Completion Report: BE-001 - Login endpoint` is how a report is matched to
    its task; without the id the product manager cannot file it, without the name nobody can
    read the list of reports.

    ## Example
    ```markdown
    ## Task Completion Report: Login endpoint
    ```

    ## Use instead
    ```markdown
    ## Task Completion Report: BE-001 - Login endpoint
    ```
    """)

MISSING_ITEMS = _define("RL109", "missing-items", E, """
    Checks that a section the template defines as a list (or checklist) has items.

    ## Why is this bad?
    An *Execution Plan* with no steps or a *TodoWrite Tracking* section with no checkboxes
    promises structure the report does not deliver.

    ## Example
    ```markdown
    ### Execution Plan
    I will start with the schema.
    ```

    ## Use instead
    ```markdown
    ### Execution Plan
    1. Design the schema - Est: 2 hours
    ```
    """)

INVALID_LIST_ITEM = _define("RL110", "invalid-list-item", W, """
    Checks that list items have the form the template asks for (for example an estimate on
    every *Execution Plan* step).

    ## Why is this bad?
    Steps without estimates cannot be planned against; the template asks for `Est: X hours`
    on each.

    ## Example
    ```markdown
    1. Design the schema
    ```

    ## Use instead
    ```markdown
    1. Design the schema - Est: 2 hours
    ```
    """)

MISSING_CODE_BLOCK = _define("RL111", "missing-code-block", W, """
    Checks that a section the template defines with a code block (such as the test execution
    output in *Test Coverage Report*) has one.

    ## Why is this bad?
    "All tests pass" is a claim; the runner's own output is the evidence. Reviewers who cannot
    see it must either trust the report or rerun everything.

    ## Example
    ```markdown
    ### 4. Test Coverage Report
    All tests pass.
    ```

    ## Use instead
    ````markdown
    ### 4. Test Coverage Report
    **Test Execution Output:**
    ```
    Tests: 42 passed, 42 total
    ```
    ````
    """)

SCHEMA_VIOLATION = _define("RL199", "schema-violation", E, """
    Reports any other way a report breaks its template's schema.

    ## Why is this bad?
    Custom templates can require anything JSON Schema can say; when a failure does not fit
    one of the specific codes above, it is reported here with the template's own wording.

    ## Example
    A custom template requiring at least two rows in *Technical Decisions*, and a report with one.

    ## Use instead
    Follow the message; `reportlint extract FILE` shows the model the template validates.
    """)

INTERNAL_ERROR = _define("RL901", "internal-error", E, """
    Reports a file reportlint itself failed on, so that one file cannot stop a whole run.

    ## Why is this bad?
    It is a bug in reportlint, not in the report: the other files are still checked and the
    run fails, so the problem is not silently skipped.

    ## Example
    Any input that makes a check raise an unexpected exception.

    ## Use instead
    Report it with the file attached; `--ignore RL901` is not a fix.
    """)
