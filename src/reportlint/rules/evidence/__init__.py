"""RL3xx: a report's claims against its evidence: its own tables, checklists and the tool
output it pastes (read once per report by :mod:`reportlint.claims`), and the files a CI run
produced (``--evidence``). Each module's ``check`` yields hits."""
