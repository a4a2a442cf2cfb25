"""RL0xx: the input itself (unreadable, binary, not UTF-8, empty, too large, no report, bad
front matter)."""
