"""The Spark engine: the same plan on Apache Spark. The only module that imports pyspark,
and only when the engine runs (``pip install 'sanctionwatch[spark]'``).

The index snapshot is broadcast once per run: each executor's Python worker unpickles it once
(the broadcast value *is* the index) and keeps it for every partition it screens. Chunks go
out in waves of a few per core (``sc.parallelize``, one chunk per partition, ``mapPartitions``
calling :func:`~sanctionwatch.batch.plan.screen_chunk`); each wave's results come back to the
driver, which checkpoints them, so an interrupted run resumes where it stopped. On a cluster,
run the ``batch`` command under ``spark-submit`` (see BENCHMARKS.md): the master comes
from spark-submit; outside it the default is ``local[*]``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, ClassVar

from sanctionwatch.batch.engine import BatchEngine
from sanctionwatch.batch.plan import (
    BatchPlan,
    Chunk,
    ChunkResult,
    screen_chunk,
    snapshot_from_bytes,
)


class _Shipped:
    """The snapshot bytes, unpickling on the executor straight into the (cached) index."""

    __slots__ = ("data", "sha256")

    def __init__(self, data: bytes, sha256: str) -> None:
        self.data = data
        self.sha256 = sha256

    def __reduce__(self) -> tuple[Any, tuple[bytes, str]]:
        return (snapshot_from_bytes, (self.data, self.sha256))


def _screen_partition(plan_json: str, shipped: Any, chunks: Iterable[Chunk],
                      ) -> Iterator[ChunkResult]:
    plan = BatchPlan.from_json(plan_json)
    index = shipped.value
    for chunk in chunks:
        yield screen_chunk(plan, index, chunk)


def _waves(chunks: Iterable[Chunk], size: int) -> Iterator[list[Chunk]]:
    it = iter(chunks)
    while wave := list(islice(it, size)):
        yield wave


class SparkEngine(BatchEngine):
    """Chunks as partitions on Spark; pass ``spark`` to reuse a running SparkSession."""

    NAME: ClassVar[str] = "spark"

    def __init__(self, master: str | None = None, spark: Any = None,
                 wave: int | None = None, workers: int | None = None) -> None:
        self.master = master
        self.wave = wave
        self.workers = workers
        self._spark = spark
        self._owned = False

    def session(self) -> Any:
        """The SparkSession: the one given, else one built here (lazily)."""
        if self._spark is None:
            from pyspark.sql import SparkSession

            master = self.master
            if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
                # not under spark-submit (which sets the master): use this machine's cores
                master = f"local[{self.workers or '*'}]"
            builder = SparkSession.builder.appName("sanctionwatch-batch")
            if master is not None:
                builder = builder.master(master)
                if master.startswith("local"):
                    # local workers run this interpreter (pyspark would take `python3` from
                    # PATH, which need not have sanctionwatch: e.g. an unactivated venv)
                    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            # Python workers hash with seed 0 (pyspark's default, also the local engine's)
            builder = builder.config("spark.executorEnv.PYTHONHASHSEED", "0")
            self._spark = builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()
            self._owned = True
        return self._spark

    def _run_chunks(self, plan: BatchPlan, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        context = self.session().sparkContext
        shipped = context.broadcast(_Shipped(Path(plan.snapshot).read_bytes(),
                                             plan.snapshot_sha256))
        work = partial(_screen_partition, plan.to_json(), shipped)
        size = self.wave or max(int(context.defaultParallelism) * 4, 1)
        try:
            for wave in _waves(chunks, size):
                rdd = context.parallelize(wave, len(wave))
                yield from rdd.mapPartitions(work).collect()
        finally:
            shipped.unpersist()

    def close(self) -> None:
        if self._owned and self._spark is not None:
            self._spark.stop()
            self._spark = None
            self._owned = False
