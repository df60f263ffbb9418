"""``clearance compare`` and ``clearance screen`` as users run them, on the bundled sample."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.conftest import run_clearance

from clearance.cli.demo import sample_dir


def run(*args: str, home: Path, code: int | None = None) -> subprocess.CompletedProcess[str]:
    return run_clearance(*args, home=home, code=code)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    run(
        "lists",
        "load",
        str(sample_dir() / "sdn.csv"),
        str(sample_dir() / "cons_prim.csv"),
        home=home,
        code=0,
    )
    return home


def test_compare_json_and_text(home: Path) -> None:
    out = json.loads(
        run(
            "compare",
            "İsmail DEMİR",
            "DEMIR, Ismail",
            "--schema",
            "Person",
            "--json",
            home=home,
            code=0,
        ).stdout
    )
    assert out["match"] is True and out["score"] >= 0.7
    assert {p["name"] for p in out["explanation"]["name"]["aligned"]} == {"ismail", "demir"}
    text = run("compare", "Ismail Demir", "Faruk Yigit", home=home, code=0).stdout
    assert "no match" in text


def test_screen_one_name(home: Path) -> None:
    result = run(
        "screen",
        "--name",
        "Исмаил Демир",
        "--schema",
        "Person",
        "--birth-date",
        "1960-04-01",
        "--json",
        home=home,
        code=1,
    )
    top = json.loads(result.stdout)["results"][0]
    assert top["entity_id"] == "ofac-27018"
    assert top["lists"] == ["SDN"] and top["programs"] == ["CAATSA - RUSSIA"]
    readable = run("screen", "--name", "Presidency of Defence Industries", home=home, code=1)
    assert "ofac-27016" in readable.stdout and "NS-MBS" in readable.stdout
    nothing = run("screen", "--name", "Zebulon Quartermaine", home=home, code=0)
    assert "No listed party" in nothing.stdout


def test_screen_the_sample_customers(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "alerts.jsonl"
    result = run("screen", str(sample_dir() / "customers.csv"), "-o", str(out), home=home, code=1)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    with (sample_dir() / "customers.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(lines) == len(rows)
    assert [line["id"] for line in lines] == [row["id"] for row in rows]
    by_id = {line["id"]: line for line in lines}
    for customer, entity in (
        ("C001", "ofac-27018"),
        ("C002", "ofac-27018"),
        ("C003", "ofac-27018"),
    ):
        assert by_id[customer]["alerts"][0]["entity_id"] == entity
        assert by_id[customer]["alerts"][0]["match"] is True
    assert by_id["C001"]["segment"] == "private-banking"  # pass-through column kept
    assert "rows" in result.stderr and "with alerts" in result.stderr


def test_batch_bad_rows_are_reported_and_skipped(home: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch.csv"
    batch.write_text(
        "id,name,schema,birth_date\n"
        "1,Ismail Demir,Person,1960-04-01\n"
        "2,,Person,\n"
        "3,Someone,Spaceship,\n"
        f"4,{'x' * 5000},Person,\n"
        "5,Faruk Yigit,Person,1962\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = run("screen", str(batch), "-o", str(out), "--workers", "2", home=home, code=1)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["1", "5"]
    assert "line 3: name is empty" in result.stderr
    assert "line 4: schema must be one of" in result.stderr
    assert "line 5: name is 5,000 characters" in result.stderr


def test_batch_edge_cases(home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("id,name\n", encoding="utf-8")
    result = run("screen", str(empty), home=home, code=0)
    assert result.stdout == "" and "0 rows" in result.stderr

    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,full_name\n1,Ismail Demir\n", encoding="utf-8")
    result = run("screen", str(wrong), home=home, code=2)
    assert "no 'name' column (columns: id, full_name)" in result.stderr
    mapped = run("screen", str(wrong), "--map", "full_name=name", home=home, code=1)
    assert json.loads(mapped.stdout.splitlines()[0])["alerts"]

    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text('{"id": "a", "name": "Faruk Yigit", "schema": "Person"}\nnot json\n')
    result = run("screen", str(jsonl), home=home, code=1)
    assert "line 2: not a JSON object" in result.stderr

    parquet = tmp_path / "rows.parquet"
    pq.write_table(
        pa.table({"id": ["p1", "p2"], "name": ["Serhat Gencoglu", "Jane Smith"]}), parquet
    )
    result = run("screen", str(parquet), home=home, code=1)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["alerts"][0]["entity_id"] == "ofac-30686" and out[1]["alerts"] == []


def test_screen_usage_errors(home: Path) -> None:
    assert "either --name" in run("screen", home=home, code=2).stderr
    empty_home = home.parent / "nothing-loaded"
    assert "no lists loaded" in run("screen", "--name", "x", home=empty_home, code=2).stderr


def test_repeated_parties_get_the_same_alerts_under_their_own_ids(
    home: Path, tmp_path: Path
) -> None:
    batch = tmp_path / "repeats.csv"
    rows = ["id,name,schema,birth_date,branch"]
    for i in range(300):  # more than a chunk, so both workers see repeats
        rows.append(f"r{i},Ismail Demir,Person,,b{i % 7}")
    rows.append("late,Ismail Demir,Person,1985-01-01,b0")  # same name, other birth date
    batch.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "repeats.jsonl"
    result = run("screen", str(batch), "-o", str(out), "--workers", "2", home=home, code=1)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == [f"r{i}" for i in range(300)] + ["late"]
    assert [line["branch"] for line in lines[:7]] == [f"b{i}" for i in range(7)]
    assert [line["line"] for line in lines[:3]] == [2, 3, 4]
    first = lines[0]["alerts"]
    assert first and first[0]["entity_id"] == "ofac-27018"
    assert all(line["alerts"] == first for line in lines[:300])
    assert not any(a["match"] for a in lines[300]["alerts"])  # born 25 years later
    with_alerts = 300 + bool(lines[300]["alerts"])
    assert f"301 rows, 301 screened, 0 bad, {with_alerts} with alerts" in result.stderr
