"""Shared test fixtures: where the real list files live, and a skip when they are absent."""

from __future__ import annotations

import os
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
