"""Delta re-screening on a batch engine: the monitoring core's screening step, run at scale.

:class:`EngineScreener` is a :class:`~sanctionwatch.monitor.DeltaScreener` that hands the work
to any batch engine (worker processes, Spark): it writes the delta index as a snapshot, turns
the subjects into numbered chunks of input records under a plan mapping every property they use
onto itself, and reads the engine's rows back as hits. What to screen, and what to do with the
hits, is the core's (:mod:`sanctionwatch.monitor`): ``sanctionwatch monitor`` passes this step,
the service screens in-process.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

from sanctionwatch.batch.engine import BatchEngine
from sanctionwatch.batch.plan import SCHEMA_TARGET, BatchPlan, Chunk, InputRecord, write_snapshot
from sanctionwatch.index import Index
from sanctionwatch.model import Explanation, Feature
from sanctionwatch.monitor import DeltaHit, Screened, Subjects
from sanctionwatch.screen import ScreeningConfig


def subject_chunks(subjects: Subjects, size: int) -> Iterator[Chunk]:
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


def subject_mapping(subjects: Subjects) -> tuple[tuple[str, str], ...]:
    """Every property the subjects use, mapped onto itself, plus their schema."""
    props = sorted({p for _, e in subjects for p in e.properties})
    return ((SCHEMA_TARGET, SCHEMA_TARGET), *((p, p) for p in props))


def explanation_from_dict(data: dict[str, Any]) -> Explanation:
    """The inverse of :meth:`Explanation.to_dict` (how the engines' rows carry it)."""
    return Explanation(
        summary=str(data.get("summary", "")),
        features=tuple(
            Feature(name=str(f["name"]), value=float(f["value"]), weight=float(f["weight"]),
                    query_values=tuple(f.get("query", ())),
                    candidate_values=tuple(f.get("candidate", ())), note=str(f.get("note", "")))
            for f in data.get("features", ())
        ),
    )


@dataclass(frozen=True, slots=True)
class EngineScreener:
    """Screen subjects on a batch engine; the index snapshot lives in ``work_dir`` meanwhile."""

    engine: BatchEngine
    work_dir: Path
    chunk_size: int = 2000

    def __call__(self, index: Index, subjects: Subjects, config: ScreeningConfig) -> Screened:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        snapshot = self.work_dir / "delta-index.pkl"
        sha = write_snapshot(index, snapshot)
        plan = BatchPlan(snapshot=str(snapshot.resolve()), snapshot_sha256=sha,
                         algorithm=config.algorithm, threshold=config.threshold,
                         limit=config.limit, mapping=subject_mapping(subjects))
        hits: list[DeltaHit] = []
        rejected: list[tuple[str, str]] = []
        screened = 0
        try:
            for result in self.engine.run(plan, subject_chunks(subjects, self.chunk_size)):
                screened += result.screened
                rejected.extend(result.rejects)
                hits.extend(DeltaHit(subject, entity_id, score,
                                     explanation_from_dict(orjson.loads(explanation)))
                            for subject, entity_id, _, score, _, explanation in result.rows)
        finally:
            snapshot.unlink(missing_ok=True)
        return Screened(tuple(hits), screened, tuple(rejected))
