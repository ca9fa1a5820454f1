"""Delta re-screening: stored subjects against only what a list update added or changed.

After an update a few dozen entities differ, while the subjects number in the millions. Instead
of screening every subject against the whole index again, :func:`delta_index` builds a small
index over just the added and changed entities -- weighing name tokens by their rarity in the
whole new list, so that candidates score as they would against it -- and :func:`rescreen_delta`
screens the subjects against it; with :class:`~sanctionwatch.monitor.subjects.SubjectKeys`,
only the few subjects that could get one of those entities as a candidate, without preparing
every subject again.

The screening itself is a step passed in, a :class:`DeltaScreener`: :func:`screen_in_process`
runs :func:`~sanctionwatch.screen.screen` here (the service does), and the batch engines offer
one that runs the same work on worker processes or Spark
(:class:`sanctionwatch.batch.delta.EngineScreener`). Each hit comes back as a
:class:`DeltaHit`; :func:`to_match` turns it into a full :class:`~sanctionwatch.model.Match`
(entity, cross-list datasets and links from the new collection) for the store. Removed
entities need no screening: whoever they alerted on is found by entity id in the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from sanctionwatch.exc import InputError, QueryError
from sanctionwatch.index import Index, build_index
from sanctionwatch.model import Collection, Entity, Explanation, Match
from sanctionwatch.monitor.subjects import SubjectKeys
from sanctionwatch.networks.relations import related_parties
from sanctionwatch.screen import ScreeningConfig, screen

#: subjects as (key, entity): the key is how the caller finds the subject again
Subjects = Sequence[tuple[str, Entity]]


@dataclass(frozen=True, slots=True)
class DeltaHit:
    """One subject matching one listed entity at or above the threshold."""

    subject: str
    entity_id: str
    score: float
    explanation: Explanation


@dataclass(frozen=True, slots=True)
class Screened:
    """What a screening step did: its hits, how many subjects it screened, and the subjects
    it could not screen, as (key, reason)."""

    hits: tuple[DeltaHit, ...]
    screened: int
    rejected: tuple[tuple[str, str], ...] = ()


class DeltaScreener(Protocol):
    """A screening step: the subjects against an index, hits at or above the threshold."""

    def __call__(self, index: Index, subjects: Subjects, config: ScreeningConfig) -> Screened:
        ...


def screen_in_process(index: Index, subjects: Subjects, config: ScreeningConfig) -> Screened:
    """Screen each subject here, one after the other (what the service does)."""
    hits: list[DeltaHit] = []
    rejected: list[tuple[str, str]] = []
    for key, entity in subjects:
        try:
            result = screen(index, entity, config)
        except (InputError, QueryError) as exc:
            rejected.append((key, str(exc)))
            continue
        hits.extend(DeltaHit(key, m.entity.id, m.score, m.explanation)
                    for m in result.matches if m.score >= config.threshold)
    return Screened(tuple(hits), len(subjects) - len(rejected), tuple(rejected))


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


def delta_index(updated: Iterable[Entity], index: Index) -> Index | None:
    """The small index over the updated entities, weighing name tokens by their rarity in the
    whole list (``index``, the new version's) so that a subject's candidates score as they
    would there; None when nothing was added or changed."""
    entities = {e.id: e for e in updated}
    if not entities:
        return None
    small = build_index(Collection(entities=entities, sources=index.collection.sources))
    small.borrow_weights(index)
    return small


def rescreen_delta(
    subjects: Subjects,
    updated: Sequence[Entity],
    index: Index,
    screener: DeltaScreener,
    *,
    config: ScreeningConfig,
    keys: SubjectKeys | None = None,
) -> DeltaResult:
    """Screen subjects (key, entity) against only the updated entities of the new version's
    ``index``, with a screening step; only matches at the threshold are asked for.

    With ``keys`` (the subjects' :class:`SubjectKeys`), only the subjects that could get one
    of the updated entities as a candidate are screened (see :meth:`SubjectKeys.candidates`),
    without preparing every subject again."""
    total = len(subjects)
    small = delta_index(updated, index)
    if small is None:
        return DeltaResult((), total, 0, (), 0)
    if keys is not None:
        wanted = set(keys.candidates(small))
        subjects = [s for s in subjects if s[0] in wanted]
    done = screener(small, subjects, replace(config, min_score=config.threshold))
    hits = sorted(done.hits, key=lambda h: (h.subject, -h.score, h.entity_id))
    return DeltaResult(tuple(hits), total, done.screened, done.rejected, len(updated))


def to_match(hit: DeltaHit, collection: Collection) -> Match:
    """A hit as a full Match: the entity, its cluster's datasets and linked listings."""
    entity = collection.entities[hit.entity_id]
    return Match(
        entity=entity, score=hit.score, is_match=True, explanation=hit.explanation,
        datasets=collection.cluster_datasets(entity.id),
        linked=collection.cluster(entity.id)[1:],
        related=related_parties(collection, entity.id),
    )
