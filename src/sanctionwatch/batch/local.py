"""The local engine: worker processes on this machine, each loading the index snapshot once.

Chunks go to a pool of ``workers`` processes (default: every core); at most two chunks per
worker are in flight, so memory stays flat however large the input. Workers are started with
``spawn`` (no state inherited from the parent, safe next to threads such as a progress bar);
each reads the plan's snapshot file in its initializer and keeps the index for every chunk.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing.context import BaseContext
from typing import ClassVar

from sanctionwatch.batch.engine import BatchEngine
from sanctionwatch.batch.plan import BatchPlan, Chunk, ChunkResult, load_snapshot, screen_chunk
from sanctionwatch.exc import InputError

_PLAN: BatchPlan | None = None
HASH_SEED = "PYTHONHASHSEED"


def _init_worker(plan_json: str) -> None:
    global _PLAN
    _PLAN = BatchPlan.from_json(plan_json)
    load_snapshot(_PLAN)


def _work(chunk: Chunk) -> ChunkResult:
    assert _PLAN is not None, "worker not initialised"
    return screen_chunk(_PLAN, load_snapshot(_PLAN), chunk)


class LocalEngine(BatchEngine):
    """Worker processes over chunks; ``workers=0`` screens in this process (no pool)."""

    NAME: ClassVar[str] = "local"

    def __init__(self, workers: int | None = None, in_flight: int = 2) -> None:
        count = (os.cpu_count() or 1) if workers is None else workers
        if count < 0:
            raise InputError(f"--workers must be 0 or more, got {count}")
        self.workers = count
        self.in_flight = max(in_flight, 1)

    def _run_chunks(self, plan: BatchPlan, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        if self.workers == 0:
            index = load_snapshot(plan)
            for chunk in chunks:
                yield screen_chunk(plan, index, chunk)
            return
        context = multiprocessing.get_context("spawn")
        # workers hash strings like Spark's Python workers do (seed 0), so float sums over
        # sets come out bit-identical on both engines; restored when the run ends
        saved = os.environ.get(HASH_SEED)
        os.environ[HASH_SEED] = "0"
        try:
            yield from self._pool(plan, chunks, context)
        finally:
            if saved is None:
                os.environ.pop(HASH_SEED, None)
            else:
                os.environ[HASH_SEED] = saved

    def _pool(self, plan: BatchPlan, chunks: Iterable[Chunk],
              context: BaseContext) -> Iterator[ChunkResult]:
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                 initializer=_init_worker, initargs=(plan.to_json(),)) as pool:
            pending: set[Future[ChunkResult]] = set()
            try:
                for chunk in chunks:
                    pending.add(pool.submit(_work, chunk))
                    if len(pending) >= self.workers * self.in_flight:
                        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                        yield from (f.result() for f in finished)
                while pending:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (f.result() for f in finished)
            finally:
                for future in pending:
                    future.cancel()
