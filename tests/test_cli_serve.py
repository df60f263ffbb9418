"""``clearance serve`` as an operator runs it: a real server process on 127.0.0.1 with the API
and the pages, which notices a list loaded by another process, re-indexes, and re-screens the
customer book for the change (continuous monitoring)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.conftest import free_port, run_clearance

from clearance.cli.demo import sample_dir


def _until(check, seconds: float = 90.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = check()
        except httpx.HTTPError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError("timed out waiting for the server")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    home = tmp_path_factory.mktemp("serve")
    folder = sample_dir()
    run_clearance("lists", "load", str(folder / "sdn.csv"), home=home, code=0)
    run_clearance("book", "load", str(folder / "customers.csv"), home=home, code=0)
    run_clearance("monitor", home=home)
    key = run_clearance("keys", "create", "--role", "admin", home=home, code=0).stdout.strip()
    port = free_port()
    environment = {**os.environ, "CLEARANCE_HOME": str(home)}
    environment.pop("CLEARANCE_DB", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "clearance", "serve", "--port", str(port), "--watch", "1"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _until(lambda: httpx.get(base + "/readyz").status_code == 200)
        yield {"base": base, "key": key, "home": home, "folder": folder}
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_api_and_the_pages_answer(server: dict) -> None:
    headers = {"Authorization": f"ApiKey {server['key']}"}
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["İsmail DEMİR"]}}}}
    answer = httpx.post(server["base"] + "/match/default", json=body, headers=headers)
    assert answer.status_code == 200
    assert answer.json()["responses"]["q"]["results"][0]["id"] == "ofac-27018"
    assert httpx.post(server["base"] + "/match/default", json=body).status_code == 401
    login = httpx.get(server["base"] + "/ui/login")
    assert login.status_code == 200 and "<form" in login.text


def test_a_list_loaded_elsewhere_is_indexed_and_monitored(server: dict) -> None:
    headers = {"Authorization": f"ApiKey {server['key']}"}
    home: Path = server["home"]
    run_clearance("lists", "load", str(server["folder"] / "cons_prim.csv"), home=home, code=0)
    body = {
        "queries": {
            "q": {
                "schema": "Organization",
                "properties": {"name": ["Presidency of Defence Industries"]},
            }
        }
    }

    def ssb_found() -> bool:
        answer = httpx.post(server["base"] + "/match/ofac-cons", json=body, headers=headers)
        if answer.status_code != 200:
            return False
        results = answer.json()["responses"]["q"]["results"]
        return bool(results) and results[0]["id"] == "ofac-27016"

    _until(ssb_found)

    def monitored() -> bool:
        exported = run_clearance("audit", "export", "--action", "monitor.run", home=home, code=0)
        return "service:monitor" in exported.stdout

    _until(monitored)
    run_clearance("audit", "verify", home=home, code=0)
