"""RL2xx: reviewer rules, what a template's schema cannot say. Each module's ``check`` yields
hits."""
