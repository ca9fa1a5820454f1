"""Batch screening: a whole customer file against the lists, on this machine or on Spark.

A :class:`BatchPlan` is the engine-free description of the work (an index snapshot, the
algorithm, threshold and limit, and how input columns map onto FollowTheMoney properties); it
serialises to JSON. :func:`run_batch` is the one shared flow: snapshot the index, read the input
(CSV, Parquet, JSON lines) in numbered chunks, skip chunks already checkpointed, have an engine
screen the rest, checkpoint each result, merge into the output (``.jsonl``, ``.csv``,
``.parquet``) and the rejects file. Engines (``local``: worker processes; ``spark``: PySpark,
imported only when used) sit in :data:`ENGINES` by NAME: :func:`get_engine`.

``batch.delta.EngineScreener`` runs the monitoring core's screening step
(:mod:`sanctionwatch.monitor`: stored subjects against only the entities a list update added or
changed) on an engine; it is imported from there, so that workers importing the batch plan do
not load the store.
"""

from sanctionwatch.batch.engine import (
    ENGINES,
    BatchEngine,
    BatchJob,
    BatchSummary,
    get_engine,
    run_batch,
)
from sanctionwatch.batch.inputs import InputFile
from sanctionwatch.batch.plan import BatchPlan, Chunk, ChunkResult, InputRecord, screen_chunk

__all__ = [
    "ENGINES",
    "BatchEngine",
    "BatchJob",
    "BatchPlan",
    "BatchSummary",
    "Chunk",
    "ChunkResult",
    "InputFile",
    "InputRecord",
    "get_engine",
    "run_batch",
    "screen_chunk",
]
