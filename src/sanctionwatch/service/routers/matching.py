"""The yente-compatible matching API: /match, /search, /entities, /catalog, /algorithms."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Path, Query, Response

from sanctionwatch.match import ALGORITHMS, DEFAULT_ALGORITHM, DEFAULT_THRESHOLD, get_algorithm
from sanctionwatch.model import Match, make_query
from sanctionwatch.model.records import list_stamps
from sanctionwatch.screen import ScreeningConfig, screen
from sanctionwatch.service.auth import Reader
from sanctionwatch.service.matching import (
    DEFAULT_DATASET,
    MAX_LIMIT,
    entity_body,
    get_entity,
    keep,
    resolve_datasets,
    scored_body,
)
from sanctionwatch.service.schemas import (
    AlgorithmResponse,
    AlgorithmsResponse,
    CatalogResponse,
    DatasetResponse,
    EntityMatchQuery,
    EntityMatchResponse,
    EntityResponse,
    ErrorResponse,
    SearchResponse,
    TotalSpec,
)
from sanctionwatch.service.scoring import Budget, check_limits
from sanctionwatch.service.state import StateDep

router = APIRouter(tags=["Matching"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 403, 404, 413, 422, 503)
}
DatasetPath = Annotated[str, Path(max_length=100, description="`default` or a source name",
                                  examples=[DEFAULT_DATASET])]
BEST = "best"
#: candidates screened per requested result when filtering by dataset
OVERFETCH = 4


def _algorithm(name: str | None) -> str:
    if name is None or name == BEST:
        return DEFAULT_ALGORITHM
    return get_algorithm(name).NAME


# /match is the hot path: parsed and checked on the event loop, scored on the scoring pool
# (service/scoring.py), its body serialised with orjson directly.
@router.post("/match/{dataset}", response_model=EntityMatchResponse, responses=ERRORS,
             summary="Query by example")
async def match(
    state: StateDep,
    _user: Reader,
    body: EntityMatchQuery,
    dataset: DatasetPath,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 5,
    threshold: Annotated[float, Query(ge=0.0, le=1.0)] = DEFAULT_THRESHOLD,
    cutoff: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    algorithm: Annotated[str | None, Query(max_length=50)] = None,
    include_dataset: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006 (FastAPI copies it)
    exclude_dataset: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006
    exclude_schema: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006
    exclude_entity_ids: Annotated[list[str], Query(max_length=100)] = [],  # noqa: B006
) -> Response:
    """Match each query entity (schema and properties, like the entities we return) against
    the lists. Results are ranked by score; ``match`` is true at or above ``threshold``;
    results below ``cutoff`` are left out. Every result explains its score feature by feature.
    413 past the per-request limits (queries, values per property, names in all); 503 with
    ``Retry-After`` when the service is too busy or the request runs out of its time budget.
    """
    index = state.index.get()
    collection = index.collection
    chosen = resolve_datasets(collection, dataset, include_dataset, exclude_dataset)
    algo = _algorithm(algorithm)
    fetch = limit * OVERFETCH if chosen is not None or exclude_entity_ids else limit
    config = ScreeningConfig(threshold=threshold, limit=fetch, algorithm=algo)
    ids, schemata = frozenset(exclude_entity_ids), frozenset(exclude_schema)
    queries = {key: make_query(key, example.schema_, example.properties)
               for key, example in body.queries.items()}
    check_limits(queries, state.config.limits)

    def score(budget: Budget) -> bytes:
        responses: dict[str, dict[str, Any]] = {}
        for done, (key, query) in enumerate(queries.items()):
            budget.check(f"{done} of {len(queries)} queries scored")
            result = screen(index, query, config)
            found: list[Match] = [
                m for m in result.matches
                if m.score >= cutoff and keep(m, chosen, ids, schemata)
            ][:limit]
            responses[key] = {
                "status": 200,
                "query": {"id": key, "schema": query.schema,
                          "properties": {k: list(v) for k, v in query.properties.items()}},
                "results": [scored_body(m, collection) for m in found],
                "total": {"value": len(found), "relation": "eq"},
            }
        # the shape is EntityMatchResponse's, pinned by
        # test_match_response_has_the_documented_shape
        return orjson.dumps({
            "responses": responses,
            "matcher": {"algorithm": algo, "threshold": threshold, "cutoff": cutoff,
                        "lists": list_stamps(collection.sources)},
            "limit": limit,
        })

    return Response(await state.pool.run(score), media_type="application/json")


@router.get("/search/{dataset}", response_model=SearchResponse, responses=ERRORS,
            summary="Search by name")
async def search(
    state: StateDep,
    _user: Reader,
    dataset: DatasetPath,
    q: Annotated[str, Query(min_length=1, max_length=500, description="a name")],
    schema: Annotated[str, Query(max_length=50)] = "Thing",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
    offset: Annotated[int, Query(ge=0, le=MAX_LIMIT)] = 0,
) -> SearchResponse:
    """Listed entities whose names resemble ``q``, best first."""
    index = state.index.get()
    chosen = resolve_datasets(index.collection, dataset)
    query = make_query("search", schema, {"name": [q]})
    fetch = (limit + offset) * (OVERFETCH if chosen is not None else 1)
    config = ScreeningConfig(threshold=DEFAULT_THRESHOLD, limit=fetch, algorithm=DEFAULT_ALGORITHM)
    result = await state.pool.run(lambda _budget: screen(index, query, config))
    found = [m for m in result.matches if keep(m, chosen, frozenset(), frozenset())]
    page = found[offset: offset + limit]
    return SearchResponse(
        results=[EntityResponse.model_validate(entity_body(m.entity, index.collection))
                 for m in page],
        total=TotalSpec(value=len(found)), limit=limit, offset=offset,
    )


@router.get("/entities/{entity_id}", response_model=EntityResponse, responses=ERRORS,
            summary="One listed entity", tags=["Data access"])
def fetch_entity(
    state: StateDep,
    _user: Reader,
    entity_id: Annotated[str, Path(max_length=200, examples=["un-KPe.001"])],
) -> EntityResponse:
    """A listed entity by id, with ``referents``: its listings on other lists, and the stated
    relationships in yente's nested form."""
    index = state.index.get()
    return EntityResponse.model_validate(entity_body(get_entity(index, entity_id),
                                                     index.collection, nested=True))


@router.get("/catalog", response_model=CatalogResponse, responses=ERRORS,
            summary="The loaded lists", tags=["System information"])
def catalog(state: StateDep, _user: Reader) -> CatalogResponse:
    """``default`` (every list) and one dataset per loaded list, with versions and counts."""
    collection = state.index.get().collection
    sources = [
        DatasetResponse(name=s.name, title=s.title, version=s.version, entity_count=s.total,
                        counts=dict(s.counts), index_version=s.version)
        for s in collection.sources
    ]
    everything = DatasetResponse(
        name=DEFAULT_DATASET, title="All loaded lists", entity_count=len(collection),
        children=[s.name for s in sources],
        version=max((s.version for s in collection.sources), default=None),
    )
    datasets = [everything, *sources]
    return CatalogResponse(datasets=datasets, current=[d.name for d in datasets])


@router.get("/algorithms", response_model=AlgorithmsResponse, responses=ERRORS,
            summary="Matching algorithms", tags=["System information"])
def algorithms(_user: Reader) -> AlgorithmsResponse:
    """The algorithms ``/match`` accepts, each with its features and weights."""
    items = []
    for name, algo in ALGORITHMS.items():
        docs = algo.explain()
        items.append(AlgorithmResponse(name=name, description=str(docs.get("description", "")),
                                       docs=docs))
    return AlgorithmsResponse(algorithms=items, default=DEFAULT_ALGORITHM, best=DEFAULT_ALGORITHM)
