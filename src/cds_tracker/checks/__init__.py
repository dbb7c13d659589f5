"""Every check and the one kind of problem: `problem.py` (Problem, CdsError, fail), the checks
in `text.py`, `plan.py` and `workspace.py`, and their lists in `registry.py`.

Kept empty so that `from cds_tracker.checks.problem import Problem` (every command, `--help`
included) does not import the checks themselves.
"""
