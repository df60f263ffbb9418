"""The yente-compatible routes: ``POST /match/{dataset}``, ``GET /search/{dataset}`` and
``GET /entities/{entity_id}``.

``dataset`` is ``default`` (every loaded list; ``sanctions``, which yente clients often
send, means the same) or one source name (``ofac-sdn``) whose entities alone are returned;
any other is 404. Matching goes through :meth:`ClearanceService.screen`, audited as
``match`` or ``search``; no cases are opened (yente's keys correlate a request, they are not
customer ids). The matcher scores the 20 best candidates of each name, so a query returns
at most that many results whatever its ``limit``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from clearance.api.auth import Screener, Service
from clearance.api.errors import ApiError
from clearance.api.listed import ListedEntities, designation_dict, ftm_views
from clearance.api.models import MAX_NAME_LENGTH, Text
from clearance.api.offload import run_sized
from clearance.api.render import JSONBody
from clearance.api.responses import ERRORS
from clearance.api.yente import (
    QUERY_SCHEMAS,
    EntityExample,
    MatchRequest,
    MatchResponse,
    SearchResponse,
    best_per_entity,
    echo,
    example_queries,
    matcher_docs,
    query_schema,
    scored_entity,
)
from clearance.cases.principals import Principal
from clearance.cases.service import ClearanceService
from clearance.matching import DEFAULT_THRESHOLD, REVIEW_THRESHOLD, MatchResult
from clearance.matching import Query as MatchQuery
from clearance.matching.matcher import CANDIDATES

router = APIRouter(tags=["yente-compatible"])

ALL_LISTS = ("default", "sanctions")  # yente's names for everything loaded
Dataset = Annotated[
    str,
    Path(
        max_length=100,
        description="`default` or `sanctions` (every loaded list), or a source: `ofac-sdn`.",
        examples=["default", "ofac-sdn"],
    ),
]
Names = Annotated[list[Text], Query(max_length=100)]


def _listed(request: Request) -> ListedEntities:
    return request.app.state.listed  # type: ignore[no-any-return]


def _sources_for(
    listed: ListedEntities, dataset: str, include: list[str], exclude: list[str]
) -> set[str]:
    sources = set(listed.sources())
    if dataset not in ALL_LISTS:
        if dataset not in sources:
            known = ", ".join(sorted(sources)) or "none loaded"
            raise ApiError(404, f"unknown dataset {dataset!r}; use default or one of: {known}")
        sources = {dataset}
    if include:
        sources &= set(include)
    return sources - set(exclude)


def _screen(
    service: ClearanceService,
    principal: Principal,
    queries: list[MatchQuery],
    floor: float,
    action: str,
) -> list[list[MatchResult]]:
    answers = service.screen(
        principal, queries, threshold=floor, limit=CANDIDATES, record_cases=False, action=action
    )
    return [matches for matches, _ in answers]


def _render(
    listed: ListedEntities,
    results: list[MatchResult],
    threshold: float,
    explain: bool,
) -> list[dict[str, Any]]:
    views = listed.main_views((r.entity_id, r.source) for r in results)
    return [
        scored_entity(
            r,
            views.get((r.entity_id, r.source)),
            listed.last_seen(r.source),
            threshold,
            explain,
        )
        for r in results
    ]


@dataclass(frozen=True)
class _MatchOptions:
    dataset: str
    include_dataset: list[str]
    exclude_dataset: list[str]
    limit: int
    threshold: float
    floor: float
    algorithm: str
    excluded_schemas: set[str]
    excluded_ids: set[str]
    explain: bool


Plan = list[tuple[str, EntityExample, list[MatchQuery]]]


def _answer(
    service: ClearanceService,
    principal: Principal,
    listed: ListedEntities,
    plan: Plan,
    options: _MatchOptions,
) -> JSONBody:
    """Screen every query of the plan once, then answer per key in yente's shape."""
    sources = _sources_for(
        listed, options.dataset, options.include_dataset, options.exclude_dataset
    )
    flat = [query for _, _, queries in plan for query in queries]
    answers = _screen(service, principal, flat, options.floor, "match")
    position = 0
    picked: list[tuple[str, EntityExample, list[MatchResult], int]] = []
    for key, example, queries in plan:
        merged = best_per_entity(answers[position : position + len(queries)])
        position += len(queries)
        kept = [
            r
            for r in merged
            if r.source in sources
            and r.schema not in options.excluded_schemas
            and r.entity_id not in options.excluded_ids
        ]
        picked.append((key, example, kept[: options.limit], len(kept)))
    shown = [r for _, _, top, _ in picked for r in top]
    rendered = _render(listed, shown, options.threshold, options.explain)
    responses: dict[str, Any] = {}
    position = 0
    for key, example, top, total in picked:
        responses[key] = {
            "status": 200,
            "results": rendered[position : position + len(top)],
            "total": {"value": total, "relation": "eq"},
            "query": echo(example),
        }
        position += len(top)
    body = {
        "responses": responses,
        "matcher": matcher_docs(options.algorithm, options.threshold, options.floor),
        "limit": options.limit,
    }
    return JSONBody(body, headers={"x-batch-size": str(len(responses))})


@router.post(
    "/match/{dataset}",
    summary="Match example entities (yente-compatible)",
    response_model=MatchResponse,
    responses=ERRORS,
)
async def match(
    request: Request,
    principal: Screener,
    service: Service,
    body: MatchRequest,
    dataset: Dataset,
    limit: Annotated[int, Query(ge=1, le=500, description="Results per query.")] = 5,
    threshold: Annotated[
        float, Query(ge=0.0, le=1.0, description="Score at or above which `match` is true.")
    ] = DEFAULT_THRESHOLD,
    cutoff: Annotated[
        float, Query(ge=0.0, le=1.0, description="Lowest score returned at all.")
    ] = REVIEW_THRESHOLD,
    algorithm: Annotated[
        str, Query(max_length=100, description="Accepted and reported; Clearance has one.")
    ] = "clearance-name-model",
    include_dataset: Names = [],  # noqa: B006 (FastAPI copies defaults)
    exclude_dataset: Names = [],  # noqa: B006
    exclude_schema: Names = [],  # noqa: B006
    exclude_entity_ids: Names = [],  # noqa: B006
    explain: Annotated[bool, Query(description="Include Clearance's explanation.")] = True,
) -> JSONBody:
    """Screen each example against the lists; each key gets its best-scored entities.

    Several names in one example are screened one by one and each entity keeps its best
    score; for birth date, nationality, country and identifier the first valid value is
    used (see `clearance.api.yente`)."""
    max_batch: int = request.app.state.max_batch
    if not any(body.queries.values()):
        raise ApiError(400, "no queries given", "queries")
    if len(body.queries) > max_batch:
        raise ApiError(
            422,
            f"{len(body.queries)} queries in one request; the limit is {max_batch}",
            "queries",
        )
    plan = [
        (key, example, example_queries(key, example))
        for key, example in body.queries.items()
        if example is not None
    ]
    options = _MatchOptions(
        dataset=dataset,
        include_dataset=include_dataset,
        exclude_dataset=exclude_dataset,
        limit=limit,
        threshold=threshold,
        floor=min(cutoff, threshold),
        algorithm=algorithm,
        excluded_schemas={QUERY_SCHEMAS.get(s, s) for s in exclude_schema},
        excluded_ids=set(exclude_entity_ids),
        explain=explain,
    )
    size = sum(len(queries) for _, _, queries in plan)
    work = partial(_answer, service, principal, _listed(request), plan, options)
    return await run_sized(work, size, service.ready)


@router.get(
    "/search/{dataset}",
    summary="Search listed entities by name (yente-like)",
    response_model=SearchResponse,
    responses=ERRORS,
)
def search(
    request: Request,
    principal: Screener,
    service: Service,
    dataset: Dataset,
    q: Annotated[Text, Query(min_length=1, max_length=MAX_NAME_LENGTH, description="A name.")],
    schema: Annotated[str, Query(max_length=100, description="FtM schema.")] = "Thing",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    threshold: Annotated[float, Query(ge=0.0, le=1.0)] = REVIEW_THRESHOLD,
    explain: bool = True,
) -> JSONBody:
    """Listed entities whose names match `q`, best first."""
    listed = _listed(request)
    sources = _sources_for(listed, dataset, [], [])
    if not q.strip():
        raise ApiError(422, "q is empty", "q")
    query = MatchQuery(name=q, schema=query_schema(schema, "schema"))
    [answer] = _screen(service, principal, [query], threshold, "search")
    kept = [r for r in answer if r.source in sources]
    results = _render(listed, kept[:limit], DEFAULT_THRESHOLD, explain)
    return JSONBody(
        {
            "results": results,
            "total": {"value": len(kept), "relation": "eq"},
            "limit": limit,
            "offset": 0,
            "facets": {},
        }
    )


@router.get(
    "/entities/{entity_id}",
    summary="A listed entity as FtM, with its designations",
    responses=ERRORS,
)
def entity(
    principal: Screener,
    service: Service,
    entity_id: Annotated[Text, Path(min_length=1, max_length=200)],
) -> JSONBody:
    """The entity by id (`ofac-27018`) or publisher reference (`27018`): its FtM
    properties, the adjacent FtM entities (sanctions, addresses, documents, links) and
    every designation with the measures it imposes."""
    found = service.store.entity(entity_id)
    if not found:
        raise ApiError(404, f"no listed entity {entity_id!r} in the current lists")
    first = found[0]
    main, adjacent = ftm_views(first.entity)
    designations = [designation_dict(d) for stored in found for d in stored.entity.designations]
    return JSONBody(
        {
            **main,
            "datasets": sorted({stored.entity.source for stored in found}),
            "referents": [],
            "target": True,
            "first_seen": None,
            "last_seen": first.snapshot.loaded_at.isoformat(),
            "last_change": None,
            "lists": sorted({d["list"] for d in designations}),
            "programs": sorted({p for d in designations for p in d["programs"]}),
            "designations": designations,
            "adjacent": adjacent,
        }
    )
