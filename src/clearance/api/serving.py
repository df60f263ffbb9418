"""Running the API: :func:`serve` starts uvicorn with one or several worker processes.

With several workers uvicorn binds the listening socket itself, without naming the TCP
protocol, so asyncio does not recognise the accepted connections as TCP and leaves Nagle's
algorithm on: a response's body then waits for the client's delayed ACK of its headers,
about 40 ms per request, and two workers answer fewer requests than one. :func:`serve` binds
the socket as TCP (and sets ``TCP_NODELAY`` on it, which accepted connections inherit), so
every worker answers at full speed. Each worker builds its own service from the environment
(:func:`clearance.api.app.app_from_environment`).
"""

from __future__ import annotations

import inspect
import os
import socket
import tempfile

import uvicorn
from uvicorn.supervisors import Multiprocess

APP_FACTORY = "clearance.api.app:app_from_environment"


class TcpConfig(uvicorn.Config):
    """uvicorn's configuration, binding its listening socket as TCP without Nagle."""

    def bind_socket(self) -> socket.socket:
        bound = super().bind_socket()
        if bound.family not in (socket.AF_INET, socket.AF_INET6):
            return bound  # a Unix socket: nothing to do
        tcp = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
        tcp.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        tcp.set_inheritable(True)
        return tcp


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    log_level: str = "info",
    app: str = APP_FACTORY,
) -> None:
    """Serve ``app`` (an import string of an application factory) until interrupted."""
    config = TcpConfig(
        app, factory=True, host=host, port=port, workers=workers, log_level=log_level
    )
    server = uvicorn.Server(config)
    if config.workers <= 1:
        server.run()
        return
    # Workers count requests in files here, so /metrics sums them whichever worker answers.
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="clearance-metrics-")
    sockets = [config.bind_socket()]
    if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn before 0.30
        Multiprocess(config, target=server.run, sockets=sockets).run()  # type: ignore[call-arg]
    else:
        Multiprocess(config, sockets=sockets).run()
