"""The application: :func:`create_app` wires routes, authentication, limits, errors, metrics.

The app holds the service in ``app.state.service``. On start-up it loads the match index in
the background (``/readyz`` turns 200 when it is in), so the server answers health checks
at once. Requests pass, outermost first, through the request metrics, the body limit, and
FastAPI's routing with its error handlers.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from clearance import __version__
from clearance.api import routes_cases, routes_lists, routes_match, routes_ops, routes_screen
from clearance.api.errors import install_error_handlers
from clearance.api.limits import BodyLimit
from clearance.api.listed import ListedEntities
from clearance.api.metrics import Metrics, RequestMetrics
from clearance.cases.service import ClearanceService
from clearance.store import Store

log = logging.getLogger("clearance.api")

DESCRIPTION = """Sanctions screening and enforcement over the loaded official lists.

`POST /match/{dataset}` takes yente's request and answers in yente's shape, so a yente client
works unchanged. Clearance's own endpoints screen parties and batches (`/screen`), decide a
context (`/decide`) or a payment message (`/payments`) with citations, and run the case
review (`/cases`). Every endpoint but `/healthz` and `/readyz` needs
`Authorization: ApiKey <key>` (or `Bearer <key>`); the key's role decides what it may do.
"""


def _load_index(service: ClearanceService) -> None:
    try:
        service.matcher  # noqa: B018 (loads the index)
    except Exception:
        log.exception("the match index could not be loaded")


def create_app(
    service: ClearanceService,
    *,
    max_body_bytes: int = 1_000_000,
    max_batch: int = 1000,
    metrics_public: bool = False,
    preload: bool = True,
) -> FastAPI:
    """The HTTP API over ``service``.

    ``max_body_bytes`` bounds every request body (413 past it); ``max_batch`` the parties or
    queries of one request (422 past it). ``metrics_public`` serves ``/metrics`` without a
    key. ``preload`` starts loading the match index when the server starts."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if preload and not service.ready:
            threading.Thread(
                target=_load_index, args=(service,), name="clearance-index", daemon=True
            ).start()
        yield

    app = FastAPI(
        title="Clearance",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_url=None,  # served by routes_ops behind a key: only health answers without one
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = service
    app.state.max_batch = max_batch
    app.state.metrics_public = metrics_public
    app.state.listed = ListedEntities(service)
    app.state.metrics = Metrics(service)
    for module in (routes_match, routes_screen, routes_cases, routes_lists, routes_ops):
        app.include_router(module.router)
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_body_bytes=max_body_bytes)
    app.add_middleware(RequestMetrics, metrics=app.state.metrics, routes=app.routes)
    return app


def app_from_environment() -> FastAPI:
    """:func:`create_app` over the store ``CLEARANCE_DB`` names (default: the home store).

    For ``uvicorn --factory clearance.api.app:app_from_environment --workers N``: each worker
    process builds its own service. ``CLEARANCE_API_MAX_BODY_BYTES``, ``CLEARANCE_API_MAX_BATCH``
    and ``CLEARANCE_API_METRICS_PUBLIC=1`` set the options."""
    return create_app(
        ClearanceService(Store(), freeze_index=True),  # a worker process that only serves
        max_body_bytes=int(os.environ.get("CLEARANCE_API_MAX_BODY_BYTES", 1_000_000)),
        max_batch=int(os.environ.get("CLEARANCE_API_MAX_BATCH", 1000)),
        metrics_public=os.environ.get("CLEARANCE_API_METRICS_PUBLIC", "") in ("1", "true", "yes"),
    )
