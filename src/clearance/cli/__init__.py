"""The ``clearance`` command line (Typer + Rich): a thin face over the library.

Commands translate arguments, call :mod:`clearance.sources` / :mod:`clearance.store`, and
render tables or JSON; no business rule lives here. Exit codes: 0 ok, 1 alerts found,
2 bad input or usage, 3 a publisher or server could not be reached.
"""
