"""The GitHub event payload a workflow run handles: the pull request description to check."""

from __future__ import annotations

import json
from pathlib import Path

from reportlint import engine
from reportlint.errors import UsageError


def pull_request_body(event_path: str | Path | None) -> engine.Input:
    """The description of the pull request in the event payload at ``event_path`` (GitHub
    Actions sets ``$GITHUB_EVENT_PATH``), as an input; raises UsageError when there is none
    to read."""
    if not event_path:
        raise UsageError("--pr-body needs $GITHUB_EVENT_PATH (set by GitHub Actions)")
    try:
        event = json.loads(Path(event_path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"cannot read the event payload {event_path}: {exc}") from None
    pull = event.get("pull_request") if isinstance(event, dict) else None
    if not isinstance(pull, dict):
        raise UsageError("--pr-body: the event payload has no pull request (run it on "
                         "pull_request events)")
    body = pull.get("body")
    number = pull.get("number", "?")
    text = body if isinstance(body, str) else ""
    return engine.Input(f"pull-request-{number}-description.md", text.encode("utf-8"))
