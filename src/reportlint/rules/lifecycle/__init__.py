"""RL4xx: lifecycle rules, what no single report can say. Each module's ``check`` reads one
task's reports over the whole run (``SCOPE = "run"``): the task assignment, the
acknowledgement, the progress updates and the completion report, in the order of their dates,
and yields marks on the later report."""
