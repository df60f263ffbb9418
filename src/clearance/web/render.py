"""Rendering pages: the Jinja2 environment (autoescaped), display filters and page headers.

Templates live in ``clearance/web/templates``. Every page goes out with a strict Content
Security Policy (nothing from outside this server, no scripts), ``no-store`` caching and the
usual hardening headers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.responses import HTMLResponse

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def when(value: object) -> str:
    """An ISO timestamp as ``2026-04-01 09:30 UTC``; other values unchanged."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
    else:
        return "" if value is None else str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def score(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) else ""


def signed(value: object) -> str:
    """A log-odds contribution with its sign (``+1.027``, ``-0.210``)."""
    if not isinstance(value, int | float):
        return ""
    return f"{value:+.3f}" if value else "0"


def words(value: object) -> str:
    """``false_positive`` → ``false positive``."""
    return "" if value is None else str(value).replace("_", " ")


def short_hash(value: object) -> str:
    return str(value)[:12] if value else ""


def make_environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("clearance.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        when=when, score=score, signed=signed, words=words, short_hash=short_hash
    )
    return environment


class Renderer:
    def __init__(self) -> None:
        self.environment = make_environment()

    def page(self, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        html = self.environment.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
