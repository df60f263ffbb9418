"""Prometheus metrics of one application: requests and latency per route, list and case gauges.

``clearance_http_requests_total{method,route,status}`` counts answered requests (413s and
errors included), ``clearance_http_request_seconds{method,route}`` is their latency, by the
route's template (``/cases/{case_id}``), so the label set stays small whatever is requested.
At scrape time ``clearance_matcher_entities`` gives the number of listed entities indexed
(0 until the index is loaded) and ``clearance_cases{status}`` the cases by status.

One process keeps its counts in its own registry. Several worker processes (``serve`` with
``workers`` > 1 sets ``PROMETHEUS_MULTIPROC_DIR``) write them to shared files, and a scrape,
whichever worker answers it, reports the sum over all of them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.routing import BaseRoute, Match

from clearance.api.limits import ASGIApp, Message, Receive, Scope, Send
from clearance.cases.service import ClearanceService

UNMATCHED = "<unmatched>"
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class ServiceCollector(Collector):
    """Gauges read from the service when Prometheus scrapes."""

    def __init__(self, service: ClearanceService) -> None:
        self.service = service

    def collect(self) -> Iterator[GaugeMetricFamily]:
        entities = GaugeMetricFamily(
            "clearance_matcher_entities", "Listed entities in the loaded match index"
        )
        loaded = len(self.service.matcher.index.entities) if self.service.ready else 0
        entities.add_metric([], loaded)
        yield entities
        cases = GaugeMetricFamily("clearance_cases", "Cases by status", labels=["status"])
        for status, count in sorted(self.service.cases.counts().items()):
            cases.add_metric([status], count)
        yield cases


class Metrics:
    """The registry and instruments of one application."""

    def __init__(self, service: ClearanceService) -> None:
        self.registry = CollectorRegistry()
        shared = bool(os.environ.get(MULTIPROCESS_DIR))
        # Shared: the instruments write to the worker files and the registry reads them all.
        own = None if shared else self.registry
        self.requests = Counter(
            "clearance_http_requests_total",
            "HTTP requests answered",
            ["method", "route", "status"],
            registry=own,
        )
        self.latency = Histogram(
            "clearance_http_request_seconds",
            "HTTP request latency",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=own,
        )
        if shared:
            MultiProcessCollector(self.registry)
        self.registry.register(ServiceCollector(service))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class RequestMetrics:
    """ASGI middleware timing every HTTP request and counting it by route and status."""

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: list[BaseRoute]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            self.metrics.observe(
                scope["method"], self._route(scope), status, time.perf_counter() - started
            )

    def _route(self, scope: Scope) -> str:
        route: Any = scope.get("route")
        if route is None:  # older Starlette does not note the route: match it again
            for candidate in self.routes:
                matched, child = candidate.matches(scope)
                if matched is Match.FULL:
                    route = child.get("route", candidate)
                    break
        return getattr(route, "path", None) or UNMATCHED
