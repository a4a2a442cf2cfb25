"""RL9xx: reportlint itself (internal errors, unused and refused suppressions, stale baseline
entries)."""
