"""What the publishers state about who a listed party is tied to, as relationship entities.

Statements read from the parsed records:

- OFAC's ``Linked To: NAME`` remarks (``extra["linkedTo"]``) -> ``UnknownLink``;
- a vessel's owner (``extra["owner"]``) -> ``Ownership``; an aircraft's operator
  (``extra["operator"]``) -> ``UnknownLink`` with the role "operator";
- a position that names a listed organisation ("Chief Representative, KOMID", "Former Korea
  Mining Development Trading Corporation (KOMID) Representative in Syria") -> ``Employment``
  (``Directorship`` for a director, chairman or president);
- the UN's narrative (``notes``) naming another UN listing by its reference number
  ("KPe.001") or by a listed organisation's name -> ``UnknownLink``.

Each named party is resolved to a listed entity of the SAME publisher only (its name or alias
written alike, as sorted tokens), never guessed across lists by name alone; the cross-list
links then show its other listings. A name that fits no listing, or more than one party, stays
unresolved and is counted. Pure code: no I/O.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sanctionwatch.index.links import name_key
from sanctionwatch.model import Collection, Entity, Related, Relation
from sanctionwatch.model.relation import RELATION_PROPERTIES, REVERSE_PROPERTIES

__all__ = ["RelationStats", "extract_relations", "nested_relations", "related_parties"]

_SEPARATOR = "; "
_UN_REFERENCE = re.compile(r"\b[A-Z]{2}[ei]\.\d{3}\b")
_SENTENCE = re.compile(r"(?<=[.;])\s+")
_WORD = re.compile(r"[\w’'.-]+")
_DIRECTOR = re.compile(r"\b(director|chairman|chairwoman|president|head)\b", re.IGNORECASE)
#: an organisation's name found in free text must have this many letters at least
_MIN_NAME = 4
#: the longest organisation name (in words) looked for in a position or note
_MAX_WORDS = 10
_ORGANISATIONS = frozenset({"Organization", "Company", "LegalEntity", "PublicBody"})


@dataclass(slots=True)
class RelationStats:
    """Per source (dataset): statements read, resolved to a listed entity, and not."""

    stated: Counter[str] = field(default_factory=Counter)
    resolved: Counter[str] = field(default_factory=Counter)
    unresolved: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


@dataclass(frozen=True, slots=True)
class _Statement:
    entity: Entity
    schema: str
    role: str
    name: str
    reason: str
    #: the entity stating it is the target side (a vessel's owner owns the vessel)
    is_reversed: bool = False


def _publisher(entity: Entity) -> str:
    return entity.datasets[0].split("_", 1)[0] if entity.datasets else ""


class _Names:
    """Listed names by publisher, for resolving a named party on the same list."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection
        self.by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.references: dict[str, str] = {}
        #: (publisher, first word) -> organisation name keys as word tuples
        self.phrases: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
        for entity in collection:
            publisher = _publisher(entity)
            for name in entity.names()[:1] + entity.get("alias"):
                key = name_key(name)
                if key:
                    self.by_name[(publisher, key)].add(entity.id)
                    if entity.schema in _ORGANISATIONS:
                        self._add_phrase(publisher, name)
            reference = entity.extra.get("unReference")
            if reference:
                self.references[reference] = entity.id

    def _add_phrase(self, publisher: str, name: str) -> None:
        words = tuple(w.casefold() for w in _WORD.findall(name))
        letters = sum(len(w) for w in words)
        if letters >= _MIN_NAME and len(words) <= _MAX_WORDS and (
                len(words) > 1 or name.isupper()):
            self.phrases[(publisher, words[0])].add(words)

    def resolve(self, publisher: str, name: str, exclude: str) -> str | None:
        """The one listed party (of this publisher) the name stands for, or None."""
        found = self.by_name.get((publisher, name_key(name)), set()) - {exclude}
        clusters = {min(self.collection.cluster(i)) for i in found}
        return min(found) if len(clusters) == 1 else None

    def named_in(self, publisher: str, text: str) -> Iterator[str]:
        """Listed organisations' names written in a text, longest at each place."""
        words = [w.casefold() for w in _WORD.findall(text)]
        written = set(_WORD.findall(text))
        for start, word in enumerate(words):
            phrases = self.phrases.get((publisher, word), ())
            best = max((p for p in phrases if tuple(words[start:start + len(p)]) == p),
                       key=len, default=None)
            if best is not None and (len(best) > 1 or best[0].upper() in written):
                yield " ".join(best)


def _statements(entity: Entity, names: _Names) -> Iterator[_Statement]:
    own = {name_key(n) for n in entity.names()}
    for statement in _stated(entity, names):
        if name_key(statement.name) not in own:
            yield statement


def _stated(entity: Entity, names: _Names) -> Iterator[_Statement]:
    for name in _split(entity.extra.get("linkedTo", "")):
        yield _Statement(entity, "UnknownLink", "linked to", name, f"Linked To: {name}")
    for name in _split(entity.extra.get("owner", "")):
        yield _Statement(entity, "Ownership", "owner", name, f"Vessel Owner {name}", True)
    for name in _split(entity.extra.get("operator", "")):
        yield _Statement(entity, "UnknownLink", "operator", name, f"Operator {name}")
    publisher = _publisher(entity)
    for position in entity.get("position"):
        schema = "Directorship" if _DIRECTOR.search(position) else "Employment"
        for name in dict.fromkeys(names.named_in(publisher, position)):
            yield _Statement(entity, schema, position, name, position)
    if publisher == "un":
        yield from _un_notes(entity, names)


def _un_notes(entity: Entity, names: _Names) -> Iterator[_Statement]:
    """The UN narrative's references to other UN listings, by number or by name."""
    for note in entity.get("notes"):
        for sentence in _SENTENCE.split(note):
            for reference in dict.fromkeys(_UN_REFERENCE.findall(sentence)):
                if reference != entity.extra.get("unReference"):
                    yield _Statement(entity, "UnknownLink", "associated with",
                                     f"#{reference}", sentence)
            for name in dict.fromkeys(names.named_in("un", sentence)):
                yield _Statement(entity, "UnknownLink", "associated with", name, sentence)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(_SEPARATOR) if v.strip()] if value else []


def _resolve(statement: _Statement, names: _Names) -> str | None:
    entity = statement.entity
    if statement.name.startswith("#"):
        found = names.references.get(statement.name[1:])
        return found if found != entity.id else None
    return names.resolve(_publisher(entity), statement.name, entity.id)


def _relation_id(schema: str, source: str, target: str, reason: str) -> str:
    digest = hashlib.sha1(f"{schema}|{source}|{target}|{reason}".encode()).hexdigest()[:16]
    return f"rel-{digest}"


def extract_relations(collection: Collection) -> tuple[tuple[Relation, ...], RelationStats]:
    """The relationships every listed entity's publisher states, resolved on its own list,
    and what was read and resolved per source."""
    names = _Names(collection)
    stats = RelationStats()
    out: dict[tuple[str, str, str], Relation] = {}
    for entity in collection:
        dataset = entity.datasets[0] if entity.datasets else ""
        for statement in _statements(entity, names):
            stats.stated[dataset] += 1
            target = _resolve(statement, names)
            if target is None:
                stats.unresolved[dataset].append(f"{entity.id}: {statement.reason[:120]}")
                continue
            stats.resolved[dataset] += 1
            source, other = (target, entity.id) if statement.is_reversed else (entity.id, target)
            low, high = sorted((source, other))
            key = (statement.schema, low, high)
            if key not in out:
                out[key] = Relation(
                    id=_relation_id(statement.schema, source, other, statement.reason),
                    schema=statement.schema, source=source, target=other,
                    reason=statement.reason, dataset=dataset, role=statement.role)
    return tuple(sorted(out.values(), key=lambda r: r.id)), stats


def related_parties(collection: Collection, entity_id: str) -> tuple[Related, ...]:
    """The listed parties one step away from an entity (any listing of its party), each with
    the relation, its direction and the publisher's words."""
    cluster = set(collection.cluster(entity_id))
    out: dict[tuple[str, str], Related] = {}
    for relation in collection.relations_of(entity_id):
        is_source = relation.source in cluster
        other_id = relation.target if is_source else relation.source
        other = collection.get(other_id)
        if other is None or other_id in cluster:
            continue
        out.setdefault((other_id, relation.schema), Related(
            entity_id=other_id, caption=other.caption, schema=other.schema,
            datasets=collection.cluster_datasets(other_id), relation=relation.schema,
            role=relation.role, direction="outgoing" if is_source else "incoming",
            reason=relation.reason, dataset=relation.dataset, relation_id=relation.id))
    return tuple(sorted(out.values(), key=lambda r: (r.relation, r.caption, r.entity_id)))


def nested_relations(collection: Collection, entity_id: str) -> dict[str, list[dict[str, Any]]]:
    """yente's nested form: reverse property -> the relationship entities, each with the
    other party nested in it (its FtM JSON) and this one by id."""
    cluster = set(collection.cluster(entity_id))
    out: dict[str, list[dict[str, Any]]] = {}
    for relation in collection.relations_of(entity_id):
        is_source = relation.source in cluster
        other = collection.get(relation.target if is_source else relation.source)
        if other is None or other.id in cluster:
            continue
        data = relation.to_ftm()
        nested = other.to_ftm()
        nested.pop("extra", None)
        data["properties"][RELATION_PROPERTIES[relation.schema][1 if is_source else 0]] = [nested]
        data["properties"][RELATION_PROPERTIES[relation.schema][0 if is_source else 1]] = [
            entity_id]
        out.setdefault(REVERSE_PROPERTIES[relation.schema][0 if is_source else 1], []).append(data)
    return out
