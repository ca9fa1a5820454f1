"""Screening: the use case every edge (CLI, service, batch, web) calls.

``screen(index, query, config)`` asks the index for the few listed entities worth scoring
(by name keys and identifiers, never a scan), scores each with the configured algorithm and
returns them ranked, each with its explanation, the datasets of every listing of the party and
the ids of its other listings, and the listed parties the publishers tie it to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from rapidfuzz import fuzz

from sanctionwatch.exc import QueryError
from sanctionwatch.index import Index
from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD, get_algorithm, prepare
from sanctionwatch.match.prepared import PreparedEntity
from sanctionwatch.match.schemata import schemata_compatible
from sanctionwatch.model import CompareResult, Entity, Match, ScreeningResult
from sanctionwatch.networks.relations import related_parties

#: how many candidates the index proposes for scoring, at least
CANDIDATES = 16
#: candidates whose rough index score is under this share of the best one's are not scored
RELATIVE_FLOOR = 0.6
#: nor those with less than this share of the query's name weight found (of 18,569 such
#: candidates of 4,000 benchmark customers none reached the threshold and 35 scored 0.3 or
#: more; the 0.35 used before cost three times the comparisons for the same matches)
ABSOLUTE_FLOOR = 0.5
#: candidates scoring below this are not worth showing
MIN_SCORE = 0.01

__all__ = ["ScreeningConfig", "prepared_entity", "screen", "warm_index"]


@dataclass(frozen=True, slots=True)
class ScreeningConfig:
    """How to screen: the match threshold, how many matches to return, which algorithm."""

    threshold: float = DEFAULT_THRESHOLD
    limit: int = 10
    algorithm: str = DEFAULT_ALGORITHM
    #: candidates scoring under this (or under MIN_SCORE) are left out; batch and monitoring
    #: want only matches (the threshold), which lets the algorithm skip the candidates its
    #: cheap evidence rules out
    min_score: float = 0.0


def prepared_entity(index: Index, position: int) -> PreparedEntity:
    """The comparison record of a listed entity, prepared once and kept in the index."""
    entity_id = index.entity_ids[position]
    found = index.prepared.get(entity_id)
    if found is None:
        entity = index.collection.entities[entity_id]
        forms = [index.forms[n] for n in index.entity_names[position]]
        found = prepare(entity, forms)
        index.prepared[entity_id] = found
    return cast(PreparedEntity, found)


def warm_index(index: Index) -> None:
    """Prepare every listed entity now (before the index is saved, or a service starts)."""
    for position in range(len(index.entity_ids)):
        prepared_entity(index, position)


def _order_agreement(match: Match) -> float:
    """Ties are broken by how closely the matched name is written in the query's order
    ("HASSAN DAHIR AWEYS" before "AWEYS, Hassan Dahir")."""
    for feature in match.explanation.features:
        if feature.name == "name" and feature.query_values and feature.candidate_values:
            left = feature.query_values[0].casefold()
            return float(fuzz.ratio(left, feature.candidate_values[0].casefold()))
    return 0.0


def _to_match(index: Index, entity_id: str, result: CompareResult, threshold: float) -> Match:
    """A scored candidate with every listing of its party (datasets and linked ids) and the
    listed parties one step away."""
    cluster = index.collection.cluster(entity_id)
    return Match(
        entity=index.collection.entities[entity_id],
        score=result.score,
        is_match=result.score >= threshold,
        explanation=result.explanation,
        datasets=index.collection.cluster_datasets(entity_id),
        linked=tuple(cluster[1:]),
        related=related_parties(index.collection, entity_id),
    )


def _check(config: ScreeningConfig) -> None:
    if config.limit < 1:
        raise QueryError(f"limit must be at least 1, got {config.limit}")
    if not 0.0 <= config.threshold <= 1.0:
        raise QueryError(f"threshold must lie in [0, 1], got {config.threshold}")
    if not 0.0 <= config.min_score <= 1.0:
        raise QueryError(f"min_score must lie in [0, 1], got {config.min_score}")


def screen(
    index: Index, query: Entity, config: ScreeningConfig | None = None
) -> ScreeningResult:
    """The listed parties that may be the queried one, best first, each explained."""
    config = config or ScreeningConfig()
    _check(config)
    algorithm = get_algorithm(config.algorithm)
    left = prepare(query)
    if not left.forms and not left.ids:
        written = [n for n in left.names if any(c.isalnum() for c in n)]
        if written:
            raise QueryError(
                f"query: the name {written[0]!r} has no distinctive word (only legal forms "
                "or stop-words); give the name itself or an identifier"
            )
        raise QueryError("query: give a name or an identifier to screen")
    identifiers = {norm for _, norm, _ in left.ids}
    wanted = max(CANDIDATES, config.limit * 2)
    candidates = index.search(
        left.forms, identifiers, wanted, acronyms=left.schema != "Person", min_share=ABSOLUTE_FLOOR
    )
    scored: list[tuple[float, float, str, Match]] = []
    floor = candidates[0].score * RELATIVE_FLOOR if candidates else 0.0
    for candidate in candidates:
        if candidate.score < floor or candidate.score < ABSOLUTE_FLOOR:
            break
        right = prepared_entity(index, candidate.entity)
        if not schemata_compatible(left.schema, right.schema):
            continue
        forms = [index.forms[n] for n in candidate.names] or None
        result = algorithm.compare_above(left, right, forms, max(config.min_score, MIN_SCORE))
        if result is None:
            continue
        match = _to_match(index, right.id, result, config.threshold)
        scored.append((-round(result.score, 2), -_order_agreement(match), right.id, match))
    scored.sort(key=lambda item: item[:3])
    matches = tuple(item[3] for item in scored[: config.limit])
    return ScreeningResult(
        query=query, matches=matches, threshold=config.threshold, algorithm=algorithm.NAME,
        lists=index.collection.sources,
    )
