"""The optional compiled twins of the matching engine's hot loops, and whether they serve.

``setup.py`` builds them (Cython) when a C compiler is present at install; each has a pure
Python twin held to the same results by tests. ``load`` gives a built module or None,
``serves`` says whether it runs, ``required`` gives it to a caller that must have it;
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


def serves(module: ModuleType | None) -> bool:
    """Whether a loaded kernel serves (built, and the Python twins not forced)."""
    return module is not None and not PURE_PYTHON


def required(module: ModuleType | None, name: str) -> ModuleType:
    """The kernel, for its ``*_native`` entry points; an error when it was not built."""
    if module is None:
        raise RuntimeError(f"clearance.matching.{name} was not built (no C compiler at install)")
    return module
