"""The HTTP API: a yente-compatible ``/match`` and Clearance's own screening, decisions,
payments, cases, lists and operations endpoints, each behind an API key.

:func:`clearance.api.app.create_app` builds the FastAPI application over a
:class:`~clearance.cases.service.ClearanceService`; :func:`clearance.api.serving.serve` runs
it with uvicorn in one or several worker processes. The API holds no business rule: it
validates and translates requests, calls the service, and renders what it returns.
"""

from clearance.api.app import create_app

__all__ = ["create_app"]
