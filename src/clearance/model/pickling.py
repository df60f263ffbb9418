"""Fast pickling for the frozen, slotted dataclasses a saved match index holds by the
hundred thousand.

By default such an object is unpickled through ``dataclasses``' generic ``__setstate__``,
which looks its fields up again for every object; :func:`pickled_by_fields` pickles it as a
call of its constructor over its field values instead, which loads a saved index in about
half the time. The constructor runs, so ``__post_init__`` checks still hold.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def pickled_by_fields(cls: T) -> T:
    names = tuple(f.name for f in dataclasses.fields(cls))
    values = attrgetter(*names)
    if len(names) == 1:

        def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
            return cls, (values(self),)
    else:

        def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
            return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls
