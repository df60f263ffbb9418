"""Shared test fixtures: where the real list files live, and a skip when they are absent."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("CLEARANCE_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))


def shared_path(*parts: str) -> Path:
    """Path under ../shared/data; skips the calling test with a clear reason if absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared data file {path} (../shared/data is not present here)")
    return path


@pytest.fixture
def shared() -> type:
    """Access to ../shared/data: ``shared.path("lists", "un-2026", "UN_consolidated.xml")``."""

    class _Shared:
        root = SHARED_DATA
        path = staticmethod(shared_path)

    return _Shared


@pytest.fixture(scope="session")
def sample_matcher():  # type: ignore[no-untyped-def]
    """A matcher over the lists bundled for the demo, shared by the tests that only read it."""
    from clearance.cli.demo import sample_list_paths
    from clearance.matching import Matcher
    from clearance.sources import open_list

    entities = []
    for path in sample_list_paths():
        entities.extend(open_list(path).entities)
    return Matcher.from_entities(entities)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 for a test server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_clearance(
    *args: str, home: Path, code: int | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run the ``clearance`` command as a user would: a real process, its own home folder.

    With ``code``, assert the exit code (showing stdout and stderr when it differs)."""
    environment = {**os.environ, "CLEARANCE_HOME": str(home), "COLUMNS": "200"}
    environment.pop("CLEARANCE_DB", None)
    result = subprocess.run(
        [sys.executable, "-m", "clearance", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
    )
    if code is not None:
        assert result.returncode == code, result.stdout + result.stderr
    return result


PG_URL = os.environ.get("CLEARANCE_TEST_PG_URL")


def fresh_store_url(backend: str, folder: Path) -> str:
    """A new, empty store: a SQLite file in ``folder``, or the test PostgreSQL database wiped
    (skips with a reason when CLEARANCE_TEST_PG_URL is not set)."""
    if backend == "sqlite":
        return str(folder / "clearance.db")
    if not PG_URL:
        pytest.skip("set CLEARANCE_TEST_PG_URL (scripts/start-test-postgres) for PostgreSQL")
    from sqlalchemy import create_engine, text

    from clearance.store.engine import resolve_url

    engine = create_engine(resolve_url(PG_URL))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return PG_URL


def requires_kernel(name: str) -> pytest.MarkDecorator:
    """Skip a test of the compiled ``clearance.matching.<name>`` where it was not built (no
    C compiler at install): there its Python twin serves alone."""
    from clearance.matching import compiled

    return pytest.mark.skipif(
        compiled.load(name) is None,
        reason=f"clearance.matching.{name} was not built (no C compiler at install): "
        "its Python twin serves alone",
    )
