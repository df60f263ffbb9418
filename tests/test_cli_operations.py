"""The operations commands as a user runs them: keys, users, the customer book, monitoring,
the case queue, and the audit trail (verify, tamper, export, replay)."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import run_clearance

from clearance.cli.demo import sample_dir, sample_list_paths


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ops")
    run_clearance("lists", "load", *map(str, sample_list_paths()), home=folder, code=0)
    return folder


def _json(result: subprocess.CompletedProcess[str]) -> dict:
    return json.loads(result.stdout)


def test_keys_are_shown_once_listed_and_revoked(home: Path) -> None:
    created = _json(
        run_clearance(
            "keys", "create", "--role", "screener", "--user", "gw", "--json", home=home, code=0
        )
    )
    assert created["key"].startswith(created["prefix"]) and created["role"] == "screener"
    listed = _json(run_clearance("keys", "list", "--json", home=home, code=0))
    assert created["prefix"] in [k["prefix"] for k in listed["keys"]]
    assert created["key"] not in json.dumps(listed)
    run_clearance("keys", "revoke", created["prefix"], home=home, code=0)
    again = run_clearance("keys", "revoke", created["prefix"], home=home, code=2)
    assert "no active key" in again.stderr
    bad = run_clearance("keys", "create", "--role", "root", home=home, code=2)
    assert "unknown role 'root'" in bad.stderr


def test_users_get_a_password_from_stdin(home: Path) -> None:
    environment = {**os.environ, "CLEARANCE_HOME": str(home)}
    command = [
        sys.executable,
        "-m",
        "clearance",
        "users",
        "create",
        "alice",
        "--role",
        "analyst",
        "--password-stdin",
    ]
    done = subprocess.run(
        command,
        input="a long enough secret\n",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    short = subprocess.run(
        [*command[:5], "bob", *command[6:]],
        input="short\n",
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert short.returncode == 2 and "10 characters" in short.stderr


def test_book_monitor_cases_and_audit(home: Path, tmp_path: Path) -> None:
    customers = sample_dir() / "customers.csv"
    loaded = _json(run_clearance("book", "load", str(customers), "--json", home=home, code=0))
    assert loaded["added"] == 62 and loaded["bad_rows"] == []
    run = _json(run_clearance("monitor", "--json", home=home, code=1))
    assert run["full"] and run["screening"]["screened"] == 62
    assert run["screening"]["outcomes"]["opened"] >= 24
    idle = _json(run_clearance("monitor", "--json", home=home, code=0))
    assert idle["screening"]["screened"] == 0
    queue = _json(run_clearance("cases", "--json", home=home, code=0))
    assert queue["total"] == run["screening"]["outcomes"]["opened"]
    assert "ofac-27018" in {c["entity_id"] for c in queue["cases"]}
    table = run_clearance("cases", home=home, code=0)
    assert "active cases" in table.stdout

    decided = run_clearance(
        "decide",
        "payment",
        "--party",
        "İsmail Demir",
        "--schema",
        "Person",
        "--birth-date",
        "1960",
        "--json",
        home=home,
        code=1,
    )
    assert _json(decided)["decision"] == "BLOCK"
    verify = run_clearance("audit", "verify", "--json", home=home, code=0)
    assert _json(verify)["ok"]
    exported = tmp_path / "audit.csv"
    run_clearance("audit", "export", "--format", "csv", "-o", str(exported), home=home, code=0)
    with exported.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    actions = [r["action"] for r in rows]
    # What this test did (run alone, the key and user tests have not written to this home).
    assert {"lists.load", "monitor.run", "decide"} <= set(actions)
    decision_seq = next(r["seq"] for r in reversed(rows) if r["action"] == "decide")
    replay = _json(run_clearance("audit", "replay", decision_seq, "--json", home=home, code=0))
    assert replay["same"] and replay["replayed"]["decision"] == "BLOCK"
    only = run_clearance("audit", "export", "--action", "monitor.run", home=home, code=0)
    assert len(only.stdout.splitlines()) == 2

    with sqlite3.connect(home / "clearance.db") as connection:
        connection.execute(
            "UPDATE audit_log SET actor = 'mallory' WHERE seq = ?", (int(decision_seq),)
        )
    broken = run_clearance("audit", "verify", home=home, code=1)
    assert f"record {decision_seq} was edited" in broken.stdout
    bad_date = run_clearance("audit", "export", "--from", "yesterday", home=home, code=2)
    assert "--from must be an ISO date" in bad_date.stderr
