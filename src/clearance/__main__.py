"""``python -m clearance``: the same as the ``clearance`` command."""

from clearance.cli.main import app

app(prog_name="clearance")
