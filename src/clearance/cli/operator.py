"""Who a command acts as: the local operator, with the admin role.

Whoever runs ``clearance`` on the server holds the store itself, so the CLI acts with full
rights; its audit records name the operating-system user (``cli:alice``).
"""

from __future__ import annotations

import getpass

from clearance.cases.principals import Principal
from clearance.cases.roles import Role


def operator() -> Principal:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        user = "unknown"
    return Principal(f"cli:{user}", Role.ADMIN, "cli")
