"""Delta re-screening: stored subjects against only what a list update added or changed.

After an update a few dozen entities differ, while the subjects number in the millions. Instead
of screening every subject against the whole index again, :func:`delta_index` builds a small
index over just the added and changed entities, and :func:`rescreen_delta` screens the subjects
against it with any batch engine (the same plan, chunks and workers as a batch run) -- with
:class:`~sanctionwatch.batch.subjects.SubjectKeys`, only the few subjects that share a blocking
key with the small index, which gives the same hits without preparing every subject. (The
subjects are screened against the updated entities plus a fixed sample of other listed ones,
:func:`screening_index`, so that name tokens keep realistic weights; hits on the sample are
dropped.) Each hit
comes back as a :class:`DeltaHit`; :func:`to_match` turns it into a full
:class:`~sanctionwatch.model.Match` (entity, cross-list datasets and links from the new
collection) for the store. Removed entities need no screening: whoever they alerted on is
found by entity id in the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

from sanctionwatch.batch.engine import BatchEngine
from sanctionwatch.batch.plan import (
    SCHEMA_TARGET,
    BatchPlan,
    Chunk,
    InputRecord,
    write_snapshot,
)
from sanctionwatch.batch.subjects import SubjectKeys
from sanctionwatch.index import Index
from sanctionwatch.model import Collection, Entity, Explanation, Feature, Match

#: how many other listed entities the delta index carries for realistic token weights
BACKGROUND = 1000


@dataclass(frozen=True, slots=True)
class DeltaHit:
    """One subject matching one added or changed entity at or above the threshold."""

    subject: str
    entity_id: str
    score: float
    explanation: dict[str, Any]


@dataclass(frozen=True, slots=True)
class DeltaResult:
    """The hits of a delta re-screening and its totals."""

    hits: tuple[DeltaHit, ...]
    subjects: int
    screened: int
    rejected: tuple[tuple[str, str], ...]
    entities: int

    def by_subject(self) -> dict[str, list[DeltaHit]]:
        out: dict[str, list[DeltaHit]] = {}
        for hit in self.hits:
            out.setdefault(hit.subject, []).append(hit)
        return out


def delta_collection(updated: Iterable[Entity], collection: Collection) -> Collection:
    """A collection of just the updated entities (their sources as in the full one)."""
    entities = {e.id: e for e in updated}
    return Collection(entities=entities, sources=collection.sources)


def delta_index(updated: Iterable[Entity], collection: Collection) -> Index | None:
    """The small index over the updated entities; None when nothing was added or changed."""
    from sanctionwatch.index import build_index

    small = delta_collection(updated, collection)
    return build_index(small) if small.entities else None


def screening_index(updated: Sequence[Entity], collection: Collection,
                    background: int = BACKGROUND) -> Index:
    """The index the subjects are screened against: the updated entities plus an evenly
    spread, fixed sample of other listed ones. Candidate search weighs name tokens by their
    rarity among the listed names; over a handful of entities every token is everywhere and
    weighs nothing, so the sample keeps the weights close to the full index's. Hits on the
    sample are dropped."""
    from sanctionwatch.index import build_index

    ids = {e.id for e in updated}
    others = sorted(collection.entities.keys() - ids)
    step = max(1, len(others) // max(background, 1))
    sample = {i: collection.entities[i] for i in others[::step][:background]}
    entities = {**sample, **{e.id: e for e in updated}}
    return build_index(Collection(entities=entities, sources=collection.sources))


def subject_chunks(subjects: Sequence[tuple[str, Entity]], size: int) -> Iterator[Chunk]:
    """Subjects (key, entity) as numbered chunks of input records."""
    it = iter(subjects)
    number = 0
    while batch := list(islice(it, size)):
        records = tuple(
            InputRecord(key=key, values={**{p: list(v) for p, v in e.properties.items()},
                                         SCHEMA_TARGET: e.schema})
            for key, e in batch
        )
        yield Chunk(number, records)
        number += 1


def subject_mapping(subjects: Sequence[tuple[str, Entity]]) -> tuple[tuple[str, str], ...]:
    """Every property the subjects use, mapped onto itself, plus their schema."""
    props = sorted({p for _, e in subjects for p in e.properties})
    return ((SCHEMA_TARGET, SCHEMA_TARGET), *((p, p) for p in props))


def rescreen_delta(
    subjects: Sequence[tuple[str, Entity]],
    updated: Sequence[Entity],
    collection: Collection,
    engine: BatchEngine,
    work_dir: Path,
    *,
    algorithm: str,
    threshold: float,
    limit: int = 10,
    chunk_size: int = 2000,
    keys: SubjectKeys | None = None,
) -> DeltaResult:
    """Screen subjects (key, entity) against only the updated entities, with an engine.

    With ``keys`` (the subjects' :class:`SubjectKeys`), only the subjects sharing a key with
    the small index are screened: the same hits, without preparing every subject again."""
    work_dir.mkdir(parents=True, exist_ok=True)
    index = delta_index(updated, collection)
    if index is None:
        return DeltaResult((), len(subjects), 0, (), 0)
    total = len(subjects)
    if keys is not None:
        wanted = set(keys.candidates(index))
        subjects = [s for s in subjects if s[0] in wanted]
    ids = {e.id for e in updated}
    snapshot = work_dir / "delta-index.pkl"
    sha = write_snapshot(screening_index(updated, collection), snapshot)
    plan = BatchPlan(snapshot=str(snapshot.resolve()), snapshot_sha256=sha, algorithm=algorithm,
                     threshold=threshold, limit=limit, mapping=subject_mapping(subjects))
    hits: list[DeltaHit] = []
    rejected: list[tuple[str, str]] = []
    screened = 0
    try:
        for result in engine.run(plan, subject_chunks(subjects, chunk_size)):
            screened += result.screened
            rejected.extend(result.rejects)
            hits.extend(DeltaHit(subject, entity_id, score, orjson.loads(explanation))
                        for subject, entity_id, _, score, _, explanation in result.rows
                        if entity_id in ids)
    finally:
        snapshot.unlink(missing_ok=True)
    hits.sort(key=lambda h: (h.subject, -h.score, h.entity_id))
    return DeltaResult(tuple(hits), total, screened, tuple(rejected), len(updated))


def explanation_from_dict(data: dict[str, Any]) -> Explanation:
    """The inverse of :meth:`Explanation.to_dict`."""
    return Explanation(
        summary=str(data.get("summary", "")),
        features=tuple(
            Feature(name=str(f["name"]), value=float(f["value"]), weight=float(f["weight"]),
                    query_values=tuple(f.get("query", ())),
                    candidate_values=tuple(f.get("candidate", ())), note=str(f.get("note", "")))
            for f in data.get("features", ())
        ),
    )


def to_match(hit: DeltaHit, collection: Collection) -> Match:
    """A hit as a full Match: the entity, its cluster's datasets and linked listings."""
    entity = collection.entities[hit.entity_id]
    return Match(
        entity=entity, score=hit.score, is_match=True,
        explanation=explanation_from_dict(hit.explanation),
        datasets=collection.cluster_datasets(entity.id),
        linked=collection.cluster(entity.id)[1:],
    )
