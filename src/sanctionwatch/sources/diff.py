"""What changed between two versions of the lists: added, removed and changed entities.

Entities are compared by id and by a content hash over what screening sees: the schema, the
properties (values sorted and de-duplicated: their order carries no meaning) and the datasets.
The list's version date and other provenance are left out, so a republished list with the same
entries shows no change. The hash is the same one the store keeps on each alerted match
(``store.hashing.entity_hash``), so a changed entity here is a changed entity there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sanctionwatch.model import Collection, Entity


def content_hash(entity: Entity) -> str:
    """SHA-256 over the entity's schema, properties and datasets (canonical JSON)."""
    data = {
        "schema": entity.schema,
        "properties": {k: sorted(set(v)) for k, v in sorted(entity.properties.items()) if v},
        "datasets": sorted(entity.datasets),
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class EntityChange:
    """One entity listed in both versions with different content."""

    old: Entity
    new: Entity
    #: the properties whose values differ (plus ``schema``/``datasets`` when those do)
    fields: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.new.id,
            "caption": self.new.caption,
            "fields": list(self.fields),
            "old": {f: list(self.old.get(f)) for f in self.fields if f in self.old.properties},
            "new": {f: list(self.new.get(f)) for f in self.fields if f in self.new.properties},
        }


@dataclass(frozen=True, slots=True)
class CollectionDiff:
    """Added, removed and changed entities between an old and a new version (sorted by id)."""

    added: tuple[Entity, ...]
    removed: tuple[Entity, ...]
    changed: tuple[EntityChange, ...]
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def updated(self) -> tuple[Entity, ...]:
        """The entities to screen against again: added ones and the new side of changed ones."""
        return self.added + tuple(c.new for c in self.changed)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed),
                "changed": len(self.changed), "unchanged": self.unchanged}

    def to_dict(self) -> dict[str, Any]:
        def brief(e: Entity) -> dict[str, Any]:
            return {"id": e.id, "caption": e.caption, "schema": e.schema,
                    "datasets": list(e.datasets)}

        return {
            "counts": self.counts(),
            "added": [brief(e) for e in self.added],
            "removed": [brief(e) for e in self.removed],
            "changed": [c.to_dict() for c in self.changed],
        }


def _fields(old: Entity, new: Entity) -> tuple[str, ...]:
    out: list[str] = []
    if old.schema != new.schema:
        out.append("schema")
    if sorted(old.datasets) != sorted(new.datasets):
        out.append("datasets")
    for prop in sorted(set(old.properties) | set(new.properties)):
        if set(old.get(prop)) != set(new.get(prop)):
            out.append(prop)
    return tuple(out)


def diff_entities(old: Mapping[str, Entity], new: Mapping[str, Entity],
                  old_hashes: Mapping[str, str] | None = None) -> CollectionDiff:
    """Compare two sets of entities by id. ``old_hashes`` (id -> content hash), when given,
    saves hashing the old side again."""
    added = tuple(new[i] for i in sorted(new.keys() - old.keys()))
    removed = tuple(old[i] for i in sorted(old.keys() - new.keys()))
    changed: list[EntityChange] = []
    unchanged = 0
    for entity_id in sorted(old.keys() & new.keys()):
        before, after = old[entity_id], new[entity_id]
        before_hash = old_hashes.get(entity_id) if old_hashes else None
        if (before_hash or content_hash(before)) == content_hash(after):
            unchanged += 1
        else:
            changed.append(EntityChange(before, after, _fields(before, after)))
    return CollectionDiff(added, removed, tuple(changed), unchanged)


def diff_collections(old: Collection, new: Collection) -> CollectionDiff:
    """What changed from one loaded set of lists to another."""
    return diff_entities(old.entities, new.entities)
