"""The API as it is deployed: :func:`clearance.api.serving.serve` with two worker processes,
each building its service from the environment, over one SQLite store: concurrent yente
requests are answered, and a keep-alive connection is not slowed by Nagle's algorithm."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from tests.api_server import free_port

from clearance.cases import ClearanceService, Role
from clearance.cli.demo import sample_list_paths
from clearance.sources import open_list
from clearance.store import Store

QUERY = {
    "queries": {
        "q1": {
            "schema": "Person",
            "properties": {"name": ["Ismail Demir"], "birthDate": ["1960-04-01"]},
        }
    }
}


def _prepared_store(home: Path) -> tuple[str, str]:
    """A store with the sample lists loaded (and its index saved), and a screener's key."""
    database = str(home / "clearance.db")
    store = Store(database)
    service = ClearanceService(store)
    admin_key, _ = service.principals.create_key(Role.ADMIN, "root")
    admin = service.principals.authenticate(admin_key)
    assert admin is not None
    service.load_lists(admin, [open_list(path) for path in sample_list_paths()])
    key, _ = service.principals.create_key(Role.SCREENER, "gateway")
    store.close()
    return database, key


def test_two_worker_processes_answer_concurrent_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLEARANCE_HOME", str(tmp_path))
    database, key = _prepared_store(tmp_path)
    port = free_port()
    environment = {
        **os.environ,
        "CLEARANCE_HOME": str(tmp_path),
        "CLEARANCE_DB": database,
        "CLEARANCE_API_METRICS_PUBLIC": "1",
    }
    code = "from clearance.api.serving import serve; "
    code += f"serve(port={port}, workers=2, log_level='warning')"
    server = subprocess.Popen(
        [sys.executable, "-c", code],
        env=environment,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the workers go with it
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, server)
        headers = {"Authorization": f"Bearer {key}"}

        def match(_: int) -> tuple[int, str]:
            with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
                response = client.post("/match/default", json=QUERY)
                return response.status_code, response.json()["responses"]["q1"]["results"][0]["id"]

        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(match, range(40)))
        assert answers == [(200, "ofac-27018")] * 40
        with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
            took = []
            for _ in range(15):  # one keep-alive connection, request after request
                started = time.perf_counter()
                assert client.post("/match/default", json=QUERY).status_code == 200
                took.append(time.perf_counter() - started)
        # With Nagle's algorithm on, each response waited ~40 ms for a delayed ACK.
        assert statistics.median(took) < 0.03, took
        with httpx.Client(base_url=url) as anonymous:
            for _ in range(4):  # whichever worker answers, the counts are the sum of both
                scraped = anonymous.get("/metrics")
                assert scraped.status_code == 200  # public by the environment
                assert _matches_counted(scraped.text) == 55
            assert anonymous.get("/lists").status_code == 401
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _matches_counted(exposition: str) -> float:
    total = 0.0
    for line in exposition.splitlines():
        counted = line.startswith("clearance_http_requests_total{")
        if counted and 'route="/match/{dataset}"' in line and 'status="200"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def _wait_ready(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(
                f"the server exited: {server.stderr.read() if server.stderr else ''}"
            )
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("the server was not ready within 60 s")
