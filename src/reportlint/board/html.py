"""The board as one self-contained HTML page: inline CSS, a little vanilla JavaScript to sort
and filter, nothing fetched (a Content-Security-Policy forbids it). Every string from the
reports is escaped; status colours carry a text label as well; the table is a real table
(caption, header cells with scope, ``aria-sort``), and below 720 px wide each row is a card
so that nothing scrolls sideways on a phone."""

from __future__ import annotations

from html import escape

from reportlint.board.model import STATES, Board, Row

_LABEL = {"blocked": "Blocked", "needs-clarification": "Needs clarification",
          "in-progress": "In progress", "reopened": "Reopened", "assigned": "Assigned",
          "completed": "Completed"}
_COLUMNS = ("Task", "Name", "Role", "Status", "Progress", "Started", "Last update",
            "Completed", "Open blockers", "Questions for PM", "Criteria verified", "Handoff",
            "Findings")

_CSS = """
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de;
  --bg: #ffffff; --head: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
header, main { padding: 0 16px; max-width: 1600px; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: 16px 0 4px; }
.summary { color: var(--muted); margin: 0 0 12px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center;
  margin: 8px 0 12px; }
.controls label { font-weight: 600; }
.controls input, .controls select { font: inherit; padding: 4px 8px; max-width: 100%; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); padding: 4px 0 8px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
thead th { background: var(--head); position: sticky; top: 0; }
thead button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0;
  cursor: pointer; color: inherit; }
thead button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\2191"; }
th[aria-sort="descending"] button::after { content: " \\2193"; }
tbody th { font-weight: 600; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
@media (min-width: 1700px) { .date { white-space: nowrap; } }
ul.cell { margin: 0; padding-left: 1.1em; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .85rem;
  font-weight: 600; border: 1px solid transparent; white-space: nowrap; }
.state-blocked { background: #ffebe9; color: #82071e; border-color: #ff8182; }
.state-needs-clarification { background: #fff1e5; color: #7d3c00; border-color: #ffb77c; }
.state-in-progress { background: #ddf4ff; color: #0a3069; border-color: #80ccff; }
.state-reopened { background: #fbefff; color: #6e2b91; border-color: #d8b9ff; }
.state-assigned { background: #f6f8fa; color: #424a53; border-color: #d0d7de; }
.state-completed { background: #dafbe1; color: #0f5323; border-color: #6fdd8b; }
.status-text { display: block; color: var(--muted); font-size: .85rem; }
.bar { display: block; height: 6px; background: var(--line); border-radius: 3px;
  margin-top: 3px; min-width: 60px; }
.bar span { display: block; height: 100%; background: #0969da; border-radius: 3px; }
section.findings { margin: 24px 0; }
section.findings details { margin: 6px 0; }
section.findings summary { font-weight: 600; cursor: pointer; }
section.findings li { margin: 2px 0; overflow-wrap: anywhere; }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; }
.sev-error { color: #82071e; font-weight: 600; }
.sev-warning { color: #7d3c00; font-weight: 600; }
:target { outline: 2px solid #0969da; outline-offset: 4px; }
@media (max-width: 720px) {
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }
  table, tbody, tr, th, td, caption { display: block; width: 100%; }
  tr { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 12px;
    padding: 4px 0; }
  tbody th, td { border: 0; padding: 3px 10px; white-space: normal; }
  td::before, tbody th::before { content: attr(data-label) ": "; font-weight: 600;
    color: var(--muted); }
  .num { text-align: left; }
}
"""

_JS = """
(function () {
  "use strict";
  var table = document.getElementById("board");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById("filter");
  var state = document.getElementById("state");
  var shown = document.getElementById("shown");
  function apply() {
    var words = filter.value.toLowerCase().trim();
    var wanted = state.value;
    var count = 0;
    rows.forEach(function (row) {
      var ok = (!words || row.textContent.toLowerCase().indexOf(words) !== -1) &&
        (!wanted || row.getAttribute("data-state") === wanted);
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " task(s) shown";
  }
  function key(row, index) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-sort");
    return value === null ? cell.textContent.trim().toLowerCase() : value;
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (head, index) {
    var button = head.querySelector("button");
    button.addEventListener("click", function () {
      var ascending = head.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = head.getAttribute("data-type") === "number";
      rows.sort(function (a, b) {
        var x = key(a, index), y = key(b, index);
        var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) :
          (x < y ? -1 : x > y ? 1 : 0);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  function reveal() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
  filter.addEventListener("input", apply);
  state.addEventListener("change", apply);
  apply();
}());
"""

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'")
_NUMBER = {"Progress", "Criteria verified", "Findings"}
_DATE = {"Started", "Last update", "Completed"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _list(texts: list[str]) -> str:
    if not texts:
        return "–"
    return '<ul class="cell">' + "".join(f"<li>{_e(t)}</li>" for t in texts) + "</ul>"


def _cells(row: Row) -> list[tuple[str, str, str | None]]:
    """(column, HTML, sort key) for each cell of a row."""
    progress = row["progress"]
    bar = "" if progress is None else (
        f'<span class="bar" aria-hidden="true"><span style="width:{progress:g}%">'
        "</span></span>")
    criteria = row["criteria"]
    count = len(row["findings"])
    found = (f'<a href="#findings-{_e(row["id"])}">{count}</a>' if count else "0")
    status = (f'<span class="badge state-{row["state"]}">{_LABEL[row["state"]]}</span>'
              + (f'<span class="status-text">{_e(row["status"])}</span>' if row["status"]
                 else ""))
    return [
        ("Name", _e(row["name"]) or "–", None),
        ("Role", _e(row["role"]) or "–", None),
        ("Status", status, str(STATES.index(row["state"]))),
        ("Progress", (f"{progress:g}%" if progress is not None else "–") + bar,
         "" if progress is None else f"{progress:g}"),
        ("Started", _e(row["started"] or "–"), row["started"] or ""),
        ("Last update", _e(row["last_update"] or "–"), row["last_update"] or ""),
        ("Completed", _e(row["completed"] or "–"), row["completed"] or ""),
        ("Open blockers", _list([b["text"] for b in row["blockers"]]),
         str(len(row["blockers"]))),
        ("Questions for PM", _list([q["text"] for q in row["questions"]]),
         str(len(row["questions"]))),
        ("Criteria verified", f"{criteria['verified']}/{criteria['total']}" if criteria
         else "–", f"{criteria['verified'] / criteria['total']:.4f}" if criteria and
         criteria["total"] else ""),
        ("Handoff", _e(", ".join(row["handoff"])) or "–", None),
        ("Findings", found, str(count)),
    ]


def _row(row: Row) -> str:
    out = [f'<tr data-state="{row["state"]}"><th scope="row" data-label="Task">'
           f'{_e(row["id"])}</th>']
    for column, html, sort in _cells(row):
        attrs = f' data-label="{_e(column)}"'
        if sort is not None:
            attrs += f' data-sort="{_e(sort)}"'
        if column in _NUMBER:
            attrs += ' class="num"'
        elif column in _DATE:
            attrs += ' class="date"'
        out.append(f"<td{attrs}>{html}</td>")
    return "".join(out) + "</tr>"


def _findings(row: Row) -> str:
    items = "".join(
        f'<li><span class="code">{_e(f["path"])}:{f["line"]}</span> '
        f'<span class="code">{_e(f["code"])}</span> '
        f'<span class="sev-{_e(f["severity"])}">{_e(f["severity"])}</span> {_e(f["message"])}'
        "</li>" for f in row["findings"])
    count = len(row["findings"])
    return (f'<details id="findings-{_e(row["id"])}"><summary>{_e(row["id"])} '
            f'{_e(row["name"])}: {count} finding(s)</summary><ul>{items}</ul></details>')


def _summary(board: Board) -> str:
    totals = board["totals"]
    parts = [f"{totals[state]} {_LABEL[state].lower()}" for state in STATES if totals[state]]
    return (f"{totals['tasks']} task(s) as of {_e(board['today'])}: {', '.join(parts) or 'none'};"
            f" {totals['findings']} finding(s).")


def render(board: Board) -> str:
    number = ' data-type="number"'
    heads = "".join(
        f'<th scope="col"{number if c in _NUMBER else ""}>'
        f'<button type="button">{c}</button></th>' for c in _COLUMNS)
    options = "".join(f'<option value="{s}">{_LABEL[s]}</option>' for s in STATES)
    rows = "".join(_row(row) for row in board["tasks"])
    findings = "".join(_findings(row) for row in board["tasks"] if row["findings"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>reportlint board</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>reportlint board</h1>
<p class="summary">{_summary(board)}</p>
</header>
<main>
<div class="controls" role="search">
<label for="filter">Filter</label>
<input id="filter" type="search" placeholder="task, name, role, blocker…">
<label for="state">Status</label>
<select id="state"><option value="">All</option>{options}</select>
<span id="shown" aria-live="polite"></span>
</div>
<table id="board">
<caption>One row per task; select a column heading to sort by it.</caption>
<thead><tr>{heads}</tr></thead>
<tbody>{rows}</tbody>
</table>
<section class="findings" aria-labelledby="findings-heading">
<h2 id="findings-heading">Findings</h2>
{findings or "<p>No findings.</p>"}
</section>
</main>
<script>{_JS}</script>
</body>
</html>
"""
