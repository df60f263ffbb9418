"""The optional compiled twins of the matching engine's hot loops, and whether they serve.

``setup.py`` builds them (Cython) when a C compiler is present at install; each has a pure
Python twin held to the same results by tests. ``load`` gives a built module or None;
``CLEARANCE_PURE_PYTHON=1`` makes the Python twins serve even where the kernels were built
(the kernels stay loadable, for the tests that compare the two).
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

PURE_PYTHON = bool(os.environ.get("CLEARANCE_PURE_PYTHON"))


def load(name: str) -> ModuleType | None:
    """``clearance.matching.<name>`` when it was compiled, else None."""
    try:
        return importlib.import_module(f"clearance.matching.{name}")
    except ImportError:  # built without a C compiler: the Python twin serves
        return None
