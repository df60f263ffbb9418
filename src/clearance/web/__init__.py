"""The analyst pages: a server-rendered face over :class:`~clearance.cases.ClearanceService`.

:func:`build_router` returns a FastAPI router with every page under ``/ui``: sign-in, the alert
queue, a case with both records side by side and the four-eyes disposition forms, the lists
with their latest changes, and a dashboard of server-drawn SVG charts. Plain HTML forms,
Jinja2 templates (autoescaped), one stylesheet served from the package; nothing is fetched
from anywhere else. No business rule lives here.
"""

from clearance.web.router import build_router

__all__ = ["build_router"]
