"""Benchmark: sustained HTTP load on ``clearance serve`` from a second process on 127.0.0.1.

The server runs ``clearance serve --workers 2`` over every list (OFAC SDN 2024 + consolidated
+ UN + UK, ~30,000 entities) with a screener key. ``wrk`` (Debian's package; install it with
``apt-get install wrk``) sends yente-shaped ``POST /match/default`` requests, one query each,
cycling through 2,000 names (95% yente negatives, 5% UN treated positives, persons with birth
dates), and reports throughput and the latency distribution. Beside it in the same run:
``GET /healthz`` at the same concurrency, the floor of the HTTP stack on this machine, and the
matcher alone in process on the same queries (the floor of the work itself). Every /match
request is authenticated and appended to the audit chain, as in production.

Usage: ``python bench/bench_api_load.py [--seconds 20] [--connections 8] [--shared ../shared/data]``
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import (
    NEGATIVES,
    RESULTS,
    STORE_FILE,
    UN_TREATED,
    argument_parser,
    bench_matcher,
    read_csv,
    require,
    table,
    write_json,
)

QUERIES = 2000


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument("--seconds", type=int, default=20, help="duration of each load run")
    parser.add_argument(
        "--connections", type=int, nargs="+", default=[4, 16], help="concurrent connections"
    )
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("skipped: wrk is not installed (apt-get install wrk)", file=sys.stderr)
        raise SystemExit(0)
    negatives, positives = require(args.shared, NEGATIVES, UN_TREATED)
    store, matcher, _ = bench_matcher(args.shared)  # loads the lists and saves the index
    queries = _queries(negatives, positives)
    floor = _in_process(matcher, queries)
    del matcher

    from clearance.cases import Role
    from clearance.cases.principals import Principals

    key, _ = Principals(store.engine).create_key(Role.SCREENER, "bench-load")
    port = _free_port()
    environment = {**os.environ, "CLEARANCE_HOME": str(RESULTS)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clearance",
            "serve",
            "--db",
            str(STORE_FILE),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--watch",
            "0",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, server)
        script = _wrk_script(queries, key)
        runs = []
        for connections in args.connections:
            health = _wrk(base + "/healthz", None, connections, args.seconds)
            match = _wrk(base + "/match/default", script, connections, args.seconds)
            runs.append({"connections": connections, "healthz": health, "match": match})
            print(runs[-1], file=sys.stderr)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    print(
        table(
            [
                "connections",
                "/match req/s",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "errors",
                "/healthz req/s",
                "/match ÷ /healthz",
            ],
            [
                (
                    r["connections"],
                    r["match"]["requests_per_second"],
                    r["match"]["latency_ms"]["50"],
                    r["match"]["latency_ms"]["90"],
                    r["match"]["latency_ms"]["99"],
                    r["match"]["errors"],
                    r["healthz"]["requests_per_second"],
                    round(
                        r["match"]["requests_per_second"] / r["healthz"]["requests_per_second"], 3
                    ),
                )
                for r in runs
            ],
        )
    )
    print(
        f"\nmatcher alone, in process, one core: {floor['queries_per_second']:.0f} queries/s "
        f"(p50 {floor['p50_ms']:.2f} ms, p99 {floor['p99_ms']:.2f} ms)"
    )
    write_json("api_load", {"workers": args.workers, "in_process": floor, "runs": runs})


def _queries(negatives: Path, positives: Path) -> list[dict]:
    rng = random.Random(3)
    negative_rows = rng.sample(read_csv(negatives), int(QUERIES * 0.95))
    positive_rows = rng.sample(read_csv(positives), QUERIES - len(negative_rows))
    rows = negative_rows + positive_rows
    rng.shuffle(rows)
    queries = []
    for row in rows:
        properties = {"name": [row["full_name"]]}
        if row.get("date_of_birth"):
            properties["birthDate"] = [row["date_of_birth"]]
        queries.append({"schema": "Person", "properties": properties})
    return queries


def _in_process(matcher, queries: list[dict]) -> dict:  # type: ignore[no-untyped-def]
    from clearance.matching import Query

    parsed = [
        Query(
            name=q["properties"]["name"][0],
            schema="Person",
            birth_date=(q["properties"].get("birthDate") or [None])[0],
        )
        for q in queries
    ]
    times = []
    started = time.perf_counter()
    for query in parsed:
        begin = time.perf_counter()
        matcher.match(query, limit=5)
        times.append((time.perf_counter() - begin) * 1000)
    elapsed = time.perf_counter() - started
    times.sort()
    return {
        "queries_per_second": round(len(parsed) / elapsed, 1),
        "p50_ms": round(statistics.median(times), 3),
        "p99_ms": round(times[int(len(times) * 0.99)], 3),
    }


def _wrk_script(queries: list[dict], key: str) -> Path:
    bodies = [json.dumps({"queries": {"q": q}}, ensure_ascii=False) for q in queries]
    lines = ["local bodies = {"]
    lines += ["  " + _lua_string(body) + "," for body in bodies]
    lines += [
        "}",
        "local n = 0",
        'wrk.method = "POST"',
        'wrk.headers["Content-Type"] = "application/json"',
        f'wrk.headers["Authorization"] = "ApiKey {key}"',
        "request = function()",
        "  n = n + 1",
        "  return wrk.format(nil, nil, nil, bodies[(n % #bodies) + 1])",
        "end",
        "done = function(summary, latency, requests)",
        '  io.write(string.format("NON2XX %d\\n", summary.errors.status))',
        "end",
    ]
    path = Path(tempfile.mkdtemp()) / "match.lua"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _lua_string(text: str) -> str:
    # Lua long brackets take the text as it is; pick a level the text does not contain.
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def _wrk(url: str, script: Path | None, connections: int, seconds: int) -> dict:
    command = ["wrk", "--latency", "-t", "2", "-c", str(connections), "-d", f"{seconds}s"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    latency = {
        p: _ms(re.search(rf"^\s+{p}%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
        for p in ("50", "75", "90", "99")
    }
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests_per_second": round(rate, 1),
        "latency_ms": latency,
        "errors": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(1) if errors else None,
    }


def _ms(text: str) -> float:
    value = float(re.match(r"[\d.]+", text).group(0))  # type: ignore[union-attr]
    if text.endswith("us"):
        return round(value / 1000, 3)
    if text.endswith("ms"):
        return round(value, 3)
    if text.endswith("s"):
        return round(value * 1000, 3)
    return value


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    ready_in_a_row = 0
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stderr.read() if server.stderr else ''}")
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                ready_in_a_row = ready_in_a_row + 1 if response.status == 200 else 0
        except OSError:
            ready_in_a_row = 0
        if ready_in_a_row >= 6:  # both workers answered ready
            return
        time.sleep(0.5)
    raise SystemExit("the server did not become ready in 300 s")


if __name__ == "__main__":
    main()
