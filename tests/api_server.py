"""A real Clearance API server for the API tests: uvicorn on 127.0.0.1 in a background thread,
over a service whose store (SQLite file, or PostgreSQL when CLEARANCE_TEST_PG_URL is set)
holds the bundled sample lists, with one API key per role."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from tests.conftest import free_port, fresh_store_url

from clearance.api import create_app
from clearance.cases import ClearanceService, Role
from clearance.cli.demo import sample_list_paths
from clearance.sources import open_list
from clearance.store import Store

USERS = {
    "gateway": Role.SCREENER,
    "alice": Role.ANALYST,
    "dave": Role.ANALYST,
    "bob": Role.APPROVER,
    "carol": Role.APPROVER,
    "root": Role.ADMIN,
}


@dataclass
class ApiServer:
    url: str
    app: FastAPI
    service: ClearanceService
    keys: dict[str, str]  # user name -> API key

    def client(self, user: str | None = None, scheme: str = "ApiKey") -> httpx.Client:
        headers = {"Authorization": f"{scheme} {self.keys[user]}"} if user else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)

    def headers(self, user: str) -> dict[str, str]:
        return {"Authorization": f"ApiKey {self.keys[user]}"}


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port until the block ends."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="api-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the API test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@contextmanager
def api_server(backend: str, folder: Path, **options: Any) -> Iterator[ApiServer]:
    """A service on a fresh store with the sample lists loaded, served over HTTP."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLEARANCE_HOME", str(folder))
        store = Store(fresh_store_url(backend, folder))
        service = ClearanceService(store)
        keys = {}
        for user, role in USERS.items():
            keys[user], _ = service.principals.create_key(role, user)
        admin = service.principals.authenticate(keys["root"])
        assert admin is not None
        service.load_lists(admin, [open_list(path) for path in sample_list_paths()])
        app = create_app(service, **options)
        try:
            with running(app) as url:
                yield ApiServer(url, app, service, keys)
        finally:
            store.close()


BACKENDS = ["sqlite", "postgresql"]


def server_fixture(name: str, folder: str) -> Any:
    """A module-scoped fixture ``name``: the API server over the sample lists, once per
    backend, its files under a temporary ``folder``."""

    @pytest.fixture(scope="module", params=BACKENDS, name=name)
    def server(
        request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
    ) -> Iterator[ApiServer]:
        with api_server(request.param, tmp_path_factory.mktemp(folder)) as running:
            yield running

    return server
