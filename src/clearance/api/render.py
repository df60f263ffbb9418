"""Rendering answers: the JSON response class and Clearance's own match result shape.

Routes build plain dicts and return them as :class:`JSONBody`, serialised once (FastAPI does
not re-validate a returned response); the ``response_model`` a route declares documents the
shape in the OpenAPI schema.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse

from clearance.matching import MatchResult


class JSONBody(JSONResponse):
    """JSON, UTF-8, compact; values JSON has no type for (dates, decimals) as text."""

    def render(self, content: Any) -> bytes:
        return json.dumps(
            content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=str
        ).encode("utf-8")


def match_dict(result: MatchResult, explain: bool = True) -> dict[str, Any]:
    """One match as ``/screen`` returns it."""
    return {
        "entity_id": result.entity_id,
        "caption": result.caption,
        "schema": result.schema,
        "score": round(result.score, 4),
        "match": result.match,
        "lists": list(result.lists),
        "programs": list(result.programs),
        "source": result.source,
        "snapshot_hash": result.snapshot_hash,
        "explanation": result.explanation if explain else None,
    }
