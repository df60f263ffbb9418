"""Listed entities as the API shows them: FollowTheMoney views, cached per loaded index.

A match result carries what scoring needs, not the listed entity's whole record; the
yente-shaped responses show its FtM properties. :class:`ListedEntities` reads the records a
response needs in one store query and keeps their FtM views, so a busy ``/match`` reads the
store only for entities it has not shown before. The cache, and the current snapshots it
reports, start afresh whenever the service swaps in a new index.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from clearance.cases.service import ClearanceService
from clearance.enforcement.measures import measures_of
from clearance.matching import Matcher
from clearance.model import Designation, Entity
from clearance.model.codec import to_dict
from clearance.model.ftm import entity_to_ftm
from clearance.store import SnapshotInfo
from clearance.store.lookup import current_entities

CACHE_SIZE = 20_000

EntityKey = tuple[str, str]  # (entity id, source)


def ftm_views(entity: Entity) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The main FtM entity and its adjacent ones (sanctions, addresses, documents, links)."""
    main, *adjacent = entity_to_ftm(entity)
    return main, adjacent


def designation_dict(designation: Designation) -> dict[str, Any]:
    """A designation with every measure it imposes (named, and its list's defaults)."""
    return {
        "authority": designation.authority.value,
        "list": designation.list_code.value,
        "programs": list(designation.programs),
        "listed_on": to_dict(designation.listed_on) if designation.listed_on else None,
        "legal_basis": list(designation.legal_basis),
        "source_ref": designation.source_ref,
        "measures": [
            {
                "code": bound.measure.code,
                "label": bound.measure.label,
                "legal_basis": bound.measure.legal_basis,
                "from_list_default": bound.from_list_default,
            }
            for bound in measures_of(designation)
        ],
    }


class _Generation:
    """What is known about the lists behind one matcher."""

    def __init__(self, matcher: Matcher, sources: dict[str, SnapshotInfo]) -> None:
        self.matcher = matcher
        self.sources = sources
        self.last_seen = {s: info.loaded_at.isoformat() for s, info in sources.items()}
        self.views: OrderedDict[EntityKey, dict[str, Any]] = OrderedDict()


class ListedEntities:
    """FtM views of listed entities and the current snapshots, for one service."""

    def __init__(self, service: ClearanceService, cache_size: int = CACHE_SIZE) -> None:
        self.service = service
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._generation: _Generation | None = None

    def _current(self) -> _Generation:
        matcher = self.service.matcher
        generation = self._generation
        if generation is None or generation.matcher is not matcher:
            sources = {s.source: s for s in self.service.store.current()}
            generation = _Generation(matcher, sources)
            with self._lock:
                self._generation = generation
        return generation

    def sources(self) -> dict[str, SnapshotInfo]:
        """The current snapshot of every loaded source."""
        return self._current().sources

    def last_seen(self, source: str) -> str | None:
        return self._current().last_seen.get(source)

    def main_views(self, keys: Iterable[EntityKey]) -> dict[EntityKey, dict[str, Any]]:
        """The main FtM entity of each (id, source) found; unknown ones are left out."""
        generation = self._current()
        wanted = list(dict.fromkeys(keys))
        found: dict[EntityKey, dict[str, Any]] = {}
        missing: list[EntityKey] = []
        with self._lock:
            for key in wanted:
                view = generation.views.get(key)
                if view is None:
                    missing.append(key)
                else:
                    generation.views.move_to_end(key)
                    found[key] = view
        if not missing:
            return found
        fetched = current_entities(self.service.store.engine, [i for i, _ in missing])
        fresh = {(e.id, e.source): ftm_views(e)[0] for e in fetched}
        with self._lock:
            for key, view in fresh.items():
                generation.views[key] = view
            while len(generation.views) > self.cache_size:
                generation.views.popitem(last=False)
        found.update((k, fresh[k]) for k in missing if k in fresh)
        return found
