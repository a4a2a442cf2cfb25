"""RL9xx: reportlint itself (internal errors, unused suppressions, stale baseline entries)."""
