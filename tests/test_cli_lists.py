"""The ``clearance`` command as a user runs it: a real process, a real store file.

Covers the list commands' JSON and readable output, the seed case's entities, exit codes and
one-line errors for bad input, and ``lists update`` against a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import run_clearance, shared_path


def run(*args: str, home: Path, check_code: int | None = 0) -> subprocess.CompletedProcess[str]:
    return run_clearance(*args, home=home, code=check_code, timeout=300)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_load_and_show_as_json(home: Path) -> None:
    sdn = shared_path("lists", "ofac-sdn-2021")
    cons = shared_path("lists", "ofac-cons-2025")
    loaded = json.loads(run("lists", "load", str(sdn), str(cons), "--json", home=home).stdout)
    by_source = {item["source"]: item for item in loaded["loads"]}
    assert by_source["ofac-sdn"]["entity_count"] == 8976
    assert by_source["ofac-cons"]["entity_count"] == 442
    assert not by_source["ofac-sdn"]["unchanged"]

    shown = json.loads(run("lists", "--json", home=home).stdout)
    sources = {s["source"]: s for s in shown["sources"]}
    assert set(sources) == {"ofac-sdn", "ofac-cons"}
    sdn_info = sources["ofac-sdn"]
    assert sdn_info["entity_count"] == 8976
    assert sum(sdn_info["schema_counts"].values()) == 8976
    assert sdn_info["schema_counts"]["Person"] > 3000
    assert sdn_info["schema_counts"]["Vessel"] > 100
    assert len(sdn_info["content_hash"]) == 64
    assert sdn_info["loaded_at"].startswith("20")
    assert "published" in sdn_info
    assert sorted(sdn_info["files"]) == ["add.csv", "alt.csv", "sdn.csv", "sdn_comments.csv"]

    again = json.loads(run("lists", "load", str(cons), "--json", home=home).stdout)
    assert again["loads"][0]["unchanged"] is True

    table = run("lists", home=home).stdout
    assert "ofac-sdn" in table and "8,976" in table


def test_seed_case_entities(home: Path) -> None:
    run(
        "lists",
        "load",
        str(shared_path("lists", "ofac-sdn-2021")),
        str(shared_path("lists", "ofac-cons-2025")),
        home=home,
    )
    ssb = json.loads(run("entity", "27016", "--json", home=home).stdout)["results"][0]
    assert ssb["source"] == "ofac-cons"
    assert ssb["lists"] == ["NS-MBS"]
    assert ssb["programs"] == ["CAATSA - RUSSIA"]
    entity = ssb["entity"]
    (designation,) = entity["designations"]
    codes = {m["code"]: m["label"] for m in designation["measures"]}
    assert sorted(codes) == [f"CAATSA-235(a)({n})" for n in (1, 12, 2, 3, 4)]
    assert codes["CAATSA-235(a)(2)"].startswith("EXPORT SANCTIONS")
    names = {(n["kind"], n["value"]) for n in entity["names"]}
    assert {
        ("primary", "PRESIDENCY OF DEFENSE INDUSTRIES"),
        # OFAC's delimited files carry weak (low-quality) aliases in the remarks.
        ("weak", "SSB"),
        ("weak", "SSM"),
        ("aka", "DEFENSE INDUSTRIES PRESIDENCY"),
        ("fka", "UNDERSECRETARIAT FOR DEFENSE INDUSTRIES"),
    } <= names
    assert any(a.get("city") == "Ankara" and a.get("country") == "tr" for a in entity["addresses"])

    demir = json.loads(run("entity", "27018", "--json", home=home).stdout)["results"][0]["entity"]
    assert demir["names"][0]["value"] == "DEMIR, Ismail"
    assert demir["birth_dates"] == ["1960-04-01"]
    assert any("Elazig" in place for place in demir["birth_places"])
    assert {"kind": "national_id", "number": "37435275130", "country": "tr"}.items() <= next(
        i for i in demir["identifiers"] if i["number"] == "37435275130"
    ).items()
    demir_codes = sorted(m["code"] for m in demir["designations"][0]["measures"])
    assert demir_codes == [f"CAATSA-235(a)({n})" for n in (11, 12, 7, 8, 9)]
    assert any(r["target_id"] == "ofac-27016" for r in demir["relationships"])

    readable = run("entity", "27018", home=home).stdout
    assert "DEMIR, Ismail" in readable and "37435275130" in readable and "ofac-27016" in readable


def test_bad_inputs_give_one_line_errors_and_keep_the_store(home: Path, tmp_path: Path) -> None:
    un = shared_path("lists", "un-2026", "UN_consolidated.xml")
    run("lists", "load", str(un), home=home)
    before = json.loads(run("lists", "--json", home=home).stdout)

    truncated = tmp_path / "consolidated.xml"
    truncated.write_bytes(un.read_bytes()[:200_000])
    broken_csv = tmp_path / "sdn" / "sdn.csv"
    broken_csv.parent.mkdir()
    good = shared_path("lists", "ofac-sdn-2021", "sdn.csv").read_bytes().splitlines(True)
    broken_csv.write_bytes(
        b"".join(good[:100]) + b'27999,"BROKEN ROW",\r\n' + b"".join(good[100:200])
    )
    utf16 = tmp_path / "utf16" / "sdn.csv"
    utf16.parent.mkdir()
    utf16.write_bytes(b"".join(good[:50]).decode("utf-8").encode("utf-16"))
    unknown = tmp_path / "notes.txt"
    unknown.write_text("Just some text, not a sanctions list.\n")

    for bad, where in (
        (truncated, "consolidated.xml line"),
        (broken_csv, "sdn.csv line 101"),
        (utf16, "sdn.csv"),
        (unknown, "notes.txt"),
    ):
        result = run("lists", "load", str(bad), home=home, check_code=2)
        message = result.stderr.strip()
        assert len(message.splitlines()) == 1, message
        assert where in message, message
        assert "Traceback" not in result.stderr
    after = json.loads(run("lists", "--json", home=home).stdout)
    assert after == before


def test_entity_unknown_and_diff_errors(home: Path) -> None:
    result = run("entity", "nope-1", home=home, check_code=2)
    assert "no entity 'nope-1'" in result.stderr
    result = run("lists", "diff", "ofac-sdn", home=home, check_code=2)
    assert "a diff needs two" in result.stderr


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving the shared lists laid out as a mirror."""
    root = tmp_path / "mirror"
    (root / "ofac-cons").mkdir(parents=True)
    for name in ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"):
        shutil.copy(shared_path("lists", "ofac-cons-2025", name), root / "ofac-cons" / name)
    (root / "un-sc").mkdir()
    shutil.copy(
        shared_path("lists", "un-2026", "UN_consolidated.xml"), root / "un-sc" / "consolidated.xml"
    )
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_update_from_a_local_mirror(home: Path, mirror: str) -> None:
    args = ("lists", "update", "-s", "ofac-cons", "-s", "un-sc", "--mirror", mirror, "--json")
    loads = json.loads(run(*args, home=home).stdout)["loads"]
    counts = {item["source"]: item["entity_count"] for item in loads}
    assert counts == {"ofac-cons": 442, "un-sc": 1003}
    again = json.loads(run(*args, home=home).stdout)["loads"]
    assert all(item["unchanged"] for item in again)


def test_update_offline_is_a_clear_error(home: Path, tmp_path: Path) -> None:
    result = run(
        "lists",
        "update",
        "-s",
        "un-sc",
        "--mirror",
        "http://127.0.0.1:9",
        "--timeout",
        "5",
        home=home,
        check_code=3,
    )
    assert "cannot reach http://127.0.0.1:9/un-sc/consolidated.xml" in result.stderr
    assert "nothing was loaded" in result.stderr
    assert json.loads(run("lists", "--json", home=home).stdout) == {"sources": []}
