"""The board as GitHub-flavoured Markdown, for the job summary: a table of every task, then
each task's findings under a heading the table links to. GitHub takes at most 1 MiB of
summary per step; a board that would be larger keeps the worst tasks (see
:func:`reportlint.board.model.badness`) and says how many it left out."""

from __future__ import annotations

from reportlint.board.model import Board, Row, badness
from reportlint.formats.github import _cell

LIMIT = 1024 * 1024 - 4096  # GitHub's limit, less room for what else a step writes
_STATE = {"blocked": "🟥 blocked", "needs-clarification": "🟧 needs clarification",
          "in-progress": "🟦 in progress", "reopened": "🟪 reopened",
          "assigned": "⬜ assigned", "completed": "🟩 completed"}


def _anchor(task: str) -> str:
    """The id GitHub gives the heading ``Findings: TASK``."""
    return "findings-" + "".join(c for c in task.lower() if c.isalnum() or c in "-_ ")


def _progress(row: Row) -> str:
    return f"{row['progress']:g}%" if row["progress"] is not None else "–"


def _list(texts: list[str]) -> str:
    return "<br>".join(_cell(t) for t in texts) if texts else "–"


def _line(row: Row) -> str:
    criteria = row["criteria"]
    count = len(row["findings"])
    found = f"[{count}](#{_anchor(row['id'])})" if count else "0"
    cells = [
        _cell(row["id"]), _cell(row["name"]) or "–", _cell(row["role"]) or "–",
        _STATE[row["state"]] + (f" ({_cell(row['status'])})" if row["status"] else ""),
        _progress(row), _cell(row["started"] or "") or "–",
        _cell(row["last_update"] or "") or "–", _cell(row["completed"] or "") or "–",
        _list([b["text"] for b in row["blockers"]]),
        _list([q["text"] for q in row["questions"]]),
        f"{criteria['verified']}/{criteria['total']}" if criteria else "–",
        _list(row["handoff"]), found,
    ]
    return "| " + " | ".join(cells) + " |"


_HEAD = ("| task | name | role | status | progress | started | last update | completed | "
         "open blockers | questions for PM | criteria verified | handoff | findings |\n"
         "| --- | --- | --- | --- | ---: | --- | --- | --- | --- | --- | ---: | --- | ---: |")


def _findings(row: Row) -> str:
    out = [f"### Findings: {_cell(row['id'])}", "", "| file | line | code | message |",
           "| --- | ---: | --- | --- |"]
    out += [f"| {_cell(f['path'])} | {f['line']} | {f['code']} | {_cell(f['message'])} |"
            for f in row["findings"]]
    return "\n".join(out) + "\n"


def _summary(board: Board) -> str:
    totals = board["totals"]
    return (f"{totals['tasks']} task(s): {totals['completed']} completed, "
            f"{totals['in-progress'] + totals['reopened']} in progress, {totals['blocked']} "
            f"blocked, {totals['needs-clarification']} needing clarification, "
            f"{totals['assigned']} assigned; {totals['findings']} finding(s).")


def render(board: Board, limit: int = LIMIT) -> str:
    head = f"## reportlint board\n\n{_summary(board)}\n\n"
    if not board["tasks"]:
        return head
    rows = board["tasks"]
    lines = {row["id"]: _line(row) + "\n" for row in rows}
    details = {row["id"]: _findings(row) for row in rows if row["findings"]}
    size = len(head) + len(_HEAD) + 1 + sum(len(x.encode()) for x in lines.values()) + sum(
        len(x.encode()) + 1 for x in details.values())
    kept = rows
    note = ""
    if size > limit:
        kept = []
        budget = limit - len(head.encode()) - len(_HEAD) - 200
        for row in sorted(rows, key=badness):
            cost = len(lines[row["id"]].encode()) + len(details.get(row["id"], "").encode()) + 1
            if cost > budget:
                break
            budget -= cost
            kept.append(row)
        note = (f"\n{len(rows) - len(kept)} of {len(rows)} task(s) left out to stay under the "
                "step summary's size limit; the worst are shown first.\n")
    out = [head, _HEAD, "\n", *(lines[row["id"]] for row in kept), note]
    for row in kept:
        if row["id"] in details:
            out += ["\n", details[row["id"]]]
    return "".join(out)
