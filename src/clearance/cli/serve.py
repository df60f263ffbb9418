"""``clearance serve``: the HTTP API and the analyst pages in one server.

The API (``clearance.api``) answers at ``/`` and the pages (``clearance.web``) at ``/ui``.
With ``--workers N`` uvicorn runs N processes on one TCP socket without Nagle's algorithm
(:mod:`clearance.api.serving`), each loading the match index (read from the saved index, so
start-up takes seconds). A watcher notices list loads made by other
processes (``clearance lists update`` from cron, say): every worker re-indexes, and one
process, never two, re-screens the customer book for the change (continuous monitoring).
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Annotated

import typer

from clearance.cli.common import DbOption, console, fail, open_store

log = logging.getLogger("clearance.serve")
WATCH_ENV = "CLEARANCE_WATCH_SECONDS"
MONITOR_ENV = "CLEARANCE_WATCH_MONITOR"


def build_app(service, metrics_public: bool = False):  # type: ignore[no-untyped-def]
    """The API with the analyst pages mounted under /ui."""
    from clearance.api.app import create_app

    return _with_pages(create_app(service, metrics_public=metrics_public))


def worker_app():  # type: ignore[no-untyped-def]
    """The app of one uvicorn worker process (``--workers`` > 1), configured by environment
    (:func:`clearance.api.app.app_from_environment`), with the pages and a list watcher."""
    from clearance.api.app import app_from_environment

    app = _with_pages(app_from_environment())
    interval = float(os.environ.get(WATCH_ENV, "30"))
    if interval > 0:
        start_watcher(app.state.service, interval, os.environ.get(MONITOR_ENV) == "1")
    return app


def _with_pages(app):  # type: ignore[no-untyped-def]
    from clearance.web import build_router

    service = app.state.service
    app.include_router(build_router(lambda: service))
    return app


def start_watcher(service, interval: float, run_monitor: bool) -> threading.Thread:  # type: ignore[no-untyped-def]
    """Check for new list snapshots every ``interval`` seconds (see the module doc)."""
    from clearance.cases.principals import Principal
    from clearance.cases.roles import Role

    principal = Principal("service:monitor", Role.ADMIN, "service")

    def watch() -> None:
        stop = threading.Event()
        while not stop.wait(interval):
            try:
                run = service.refresh(principal, run_monitor)
            except Exception:  # keep watching: the next tick tries again
                log.exception("refreshing the lists failed")
                continue
            if run is not None:
                log.info("monitoring after a list change: %s", run.to_dict())

    thread = threading.Thread(target=watch, name="clearance-watch", daemon=True)
    thread.start()
    return thread


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (one per core).")] = 1,
    watch: Annotated[
        float, typer.Option(help="Seconds between checks for new list snapshots (0: never).")
    ] = 30.0,
    metrics_public: Annotated[
        bool, typer.Option(help="Serve /metrics without a key (for a Prometheus scraper).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Serve the HTTP API (yente-compatible /match) and the analyst pages (/ui)."""
    import uvicorn

    from clearance.api import serving
    from clearance.cases.service import ClearanceService

    store = open_store(db)
    if not store.current():
        fail("no lists loaded: load some with `clearance lists load PATH` first")
    if workers < 1:
        fail("--workers must be at least 1")
    console.print(
        f"Clearance on http://{host}:{port} (pages /ui), {workers} worker(s)",
        highlight=False,
    )
    if workers == 1:
        service = ClearanceService(store, freeze_index=True)
        app = build_app(service, metrics_public)
        if watch > 0:
            start_watcher(service, watch, run_monitor=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    os.environ["CLEARANCE_DB"] = store.url
    os.environ["CLEARANCE_API_METRICS_PUBLIC"] = "1" if metrics_public else "0"
    os.environ[WATCH_ENV] = str(watch)
    os.environ[MONITOR_ENV] = "0"  # workers re-index; this process runs the monitoring
    parent = ClearanceService(store, freeze_index=True)
    parent.matcher  # noqa: B018 (builds and saves the index once, before the workers read it)
    if watch > 0:
        start_watcher(parent, watch, run_monitor=True)
    serving.serve(host, port, workers, log_level="warning", app="clearance.cli.serve:worker_app")
