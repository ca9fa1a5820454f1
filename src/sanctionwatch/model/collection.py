"""A loaded set of lists: the entities, where each list came from, and cross-list links.

The same party listed by several publishers (KOMID by the UN and by OFAC) stays as one entity
per listing; a *cluster* groups the listings that the publishers' own evidence links, so a hit on
any of them shows every listing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from sanctionwatch.model.entity import Entity
from sanctionwatch.model.relation import Relation


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """One loaded list: its source name, version date, files, entity counts by schema, its
    publisher's records (one party and its crypto wallets are one record) and what showed
    each file complete. A source is loaded complete or not at all, so every SourceInfo is of
    a complete list."""

    name: str
    title: str
    version: str
    paths: tuple[str, ...]
    counts: Mapping[str, int]
    records: int = 0
    checks: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Link:
    """Evidence that two listings describe the same party."""

    left: str
    right: str
    #: what the publishers gave: "un_reference", "imoNumber", "passportNumber", "swiftBic",
    #: "name_birthdate"
    reason: str
    value: str


@dataclass(slots=True)
class Collection:
    """Entities by id, the sources they came from, and the links between listings."""

    #: a dict, or (in an index read from the cache) a PackedMapping rebuilding each on first read
    entities: Mapping[str, Entity]
    sources: tuple[SourceInfo, ...]
    links: tuple[Link, ...] = ()
    #: entity id -> ids of every listing in its cluster (itself included); absent = alone
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the relationships the publishers state between listed entities (networks/relations.py)
    relations: tuple[Relation, ...] = ()
    #: entity id -> its relations (either side), built on first use
    _by_entity: dict[str, tuple[Relation, ...]] | None = None

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities.values())

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def cluster(self, entity_id: str) -> tuple[str, ...]:
        """Ids of every listing of the same party, the entity itself first."""
        others = self.clusters.get(entity_id)
        if not others:
            return (entity_id,)
        return (entity_id, *[o for o in others if o != entity_id])

    def relations_of(self, entity_id: str) -> tuple[Relation, ...]:
        """The stated relationships of an entity and of every other listing of its party."""
        if self._by_entity is None:
            table: dict[str, list[Relation]] = {}
            for relation in self.relations:
                table.setdefault(relation.source, []).append(relation)
                if relation.target != relation.source:
                    table.setdefault(relation.target, []).append(relation)
            self._by_entity = {k: tuple(v) for k, v in table.items()}
        out: list[Relation] = []
        for member in self.cluster(entity_id):
            out.extend(r for r in self._by_entity.get(member, ()) if r not in out)
        return tuple(out)

    def cluster_datasets(self, entity_id: str) -> tuple[str, ...]:
        """Datasets of every listing of the same party, sorted."""
        out: set[str] = set()
        for member in self.cluster(entity_id):
            entity = self.entities.get(member)
            if entity is not None:
                out.update(entity.datasets)
        return tuple(sorted(out))
