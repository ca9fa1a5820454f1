"""Between the yente-shaped API and the screening use case: queries in, scored entities out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sanctionwatch.exc import NotFound
from sanctionwatch.model import Collection, Entity, Match
from sanctionwatch.networks.relations import nested_relations

if TYPE_CHECKING:
    from sanctionwatch.index import Index

DEFAULT_DATASET = "default"
MAX_LIMIT = 100


def dataset_names(collection: Collection) -> list[str]:
    return [DEFAULT_DATASET, *(s.name for s in collection.sources)]


def resolve_datasets(
    collection: Collection, dataset: str, include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> frozenset[str] | None:
    """The source names to keep (None: all); NotFound naming the known datasets."""
    known = dataset_names(collection)
    for name in (dataset, *include, *exclude):
        if name not in known:
            raise NotFound(f"dataset {name!r} does not exist; known: {', '.join(known)}")
    sources = {s.name for s in collection.sources}
    chosen = sources if dataset == DEFAULT_DATASET else {dataset}
    chosen = chosen | ({*include} - {DEFAULT_DATASET}) if include else chosen
    chosen = chosen - set(exclude)
    return None if chosen == sources else frozenset(chosen)


def keep(match: Match, datasets: frozenset[str] | None, exclude_ids: frozenset[str],
         exclude_schemata: frozenset[str]) -> bool:
    entity = match.entity
    if entity.id in exclude_ids or entity.schema in exclude_schemata:
        return False
    return datasets is None or any(d in datasets for d in entity.datasets)


def entity_body(entity: Entity, collection: Collection, nested: bool = False) -> dict[str, Any]:
    """FollowTheMoney JSON plus ``referents``: the other listings of the same party; nested:
    with the stated relationships in yente's nested form (``unknownLinkFrom``, ...)."""
    data = entity.to_ftm()
    data.pop("extra", None)
    if nested:
        data["properties"].update(nested_relations(collection, entity.id))
    data["referents"] = [i for i in collection.cluster(entity.id) if i != entity.id]
    data["target"] = True
    return data


def scored_body(match: Match, collection: Collection) -> dict[str, Any]:
    data = entity_body(match.entity, collection)
    data["datasets"] = list(match.datasets) or data["datasets"]
    features = match.explanation.features
    data.update(
        related=[r.to_dict() for r in match.related],
        score=round(match.score, 4),
        match=match.is_match,
        features={f.name: round(f.value, 4) for f in features},
        explanations={
            f.name: {
                "score": round(f.value, 4),
                "weight": round(f.weight, 4),
                "detail": f.note or None,
                "query": "; ".join(f.query_values) or None,
                "candidate": "; ".join(f.candidate_values) or None,
            }
            for f in features
        },
        explanation=match.explanation.to_dict(),
    )
    return data


def get_entity(index: Index, entity_id: str) -> Entity:
    entity = index.collection.get(entity_id)
    if entity is None:
        raise NotFound(f"entity {entity_id!r} is not on any loaded list")
    return entity
