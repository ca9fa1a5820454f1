"""Batch engines: one shared flow over a few engine hooks, engines found by NAME.

The flow (:func:`run_batch`) is written once: snapshot the index into the run's work directory,
read the input in numbered chunks, skip the chunks a checkpoint already holds, hand the rest to
an engine, store each result as it comes back, then merge everything into the output. An
engine only turns chunks into results (:meth:`BatchEngine._run_chunks`), calling
:func:`~sanctionwatch.batch.plan.screen_chunk` wherever it runs; any failure inside it
surfaces as :class:`~sanctionwatch.exc.EngineError` naming the engine. Engines sit in
:data:`ENGINES` by NAME and are imported on first use, so ``spark`` (the only module that
imports pyspark) costs nothing unless asked for.
"""

from __future__ import annotations

import importlib
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, final

from sanctionwatch.batch.inputs import InputFile
from sanctionwatch.batch.outputs import (
    Checkpoint,
    Totals,
    output_format,
    write_output,
    write_rejects,
)
from sanctionwatch.batch.ownership import write_ownership
from sanctionwatch.batch.plan import BatchPlan, Chunk, ChunkResult, write_snapshot
from sanctionwatch.exc import EngineError, InputError, SanctionwatchError
from sanctionwatch.model.records import list_stamps

if TYPE_CHECKING:
    from sanctionwatch.index import Index

#: engine NAME -> "module:class"; modules are imported on first use
ENGINES: dict[str, str] = {
    "local": "sanctionwatch.batch.local:LocalEngine",
    "spark": "sanctionwatch.batch.spark:SparkEngine",
}
SNAPSHOT = "index.pkl"


class BatchEngine(ABC):
    """Runs chunks of a plan somewhere; the flow around it is shared."""

    NAME: ClassVar[str]

    @final
    def run(self, plan: BatchPlan, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Results for the chunks (in any order); EngineError naming the engine on failure."""
        try:
            yield from self._run_chunks(plan, chunks)
        except (SanctionwatchError, KeyboardInterrupt):
            raise
        except Exception as exc:
            raise EngineError(f"batch engine {self.NAME!r} failed: "
                              f"{type(exc).__name__}: {exc}") from exc

    @abstractmethod
    def _run_chunks(self, plan: BatchPlan, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Screen each chunk with :func:`screen_chunk`; yield results as they finish."""

    def close(self) -> None:
        """Release what the engine holds (worker pools, sessions)."""


def get_engine(name: str, **options: Any) -> BatchEngine:
    """An engine by NAME, built with its options (``workers``, ``master``, ...)."""
    target = ENGINES.get(name)
    if target is None:
        raise InputError(f"unknown batch engine {name!r}; known: {', '.join(sorted(ENGINES))}")
    module_name, class_name = target.split(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except ImportError as exc:
        raise EngineError(f"batch engine {name!r} is not available: {exc} "
                          f"(install the extra: pip install 'sanctionwatch[{name}]')") from exc
    engine: BatchEngine = cls(**options)
    return engine


@dataclass(frozen=True, slots=True)
class BatchJob:
    """One batch run: what to read, where to write, how to screen."""

    input: InputFile
    output: Path
    algorithm: str
    threshold: float
    limit: int = 10
    mapping: tuple[tuple[str, str], ...] = ()
    schema: str = "Thing"
    chunk_size: int = 1000
    #: default: ``<output>.rejects.jsonl``
    rejects: Path | None = None
    #: default: ``<output>.work`` (checkpoints and the index snapshot)
    work_dir: Path | None = None
    #: the share listed owners must hold to block a company (Ownership records in the input)
    ownership_threshold: float = 0.5

    @property
    def rejects_path(self) -> Path:
        return self.rejects or self.output.with_name(self.output.name + ".rejects.jsonl")

    @property
    def work_path(self) -> Path:
        return self.work_dir or self.output.with_name(self.output.name + ".work")

    def identity(self) -> dict[str, object]:
        """What must match for a run to resume another's checkpoints."""
        return {"input": self.input.identity(), "algorithm": self.algorithm,
                "threshold": self.threshold, "limit": self.limit,
                "mapping": [list(p) for p in self.mapping], "schema": self.schema,
                "chunk_size": self.chunk_size}


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """The totals of a finished run."""

    read: int
    screened: int
    with_matches: int
    rejected: int
    rows: int
    output: str
    rejects: str
    engine: str
    seconds: float
    resumed_chunks: int
    #: the lists screened against (``BatchPlan.lists``)
    lists: tuple[Mapping[str, Any], ...] = ()

    @property
    def rate(self) -> float:
        """Records per second over this invocation."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "lists": [dict(s) for s in self.lists],
                "rate": round(self.rate, 1)}


#: progress(records done, records total or None)
Progress = Callable[[int, int | None], None]


def prepare(job: BatchJob, load_index: Callable[[], Index], restart: bool = False,
            ) -> tuple[BatchPlan, Checkpoint]:
    """The plan and checkpoint of a job: resumed when the work directory is from the same job,
    else fresh (the index loaded and snapshotted once). InputError if the work directory
    belongs to a different job and ``restart`` is not set."""
    output_format(job.output)
    checkpoint = Checkpoint(job.work_path)
    manifest = checkpoint.manifest()
    identity = job.identity()
    snapshot = job.work_path / SNAPSHOT
    if manifest is not None and not restart:
        if manifest.get("job") != identity:
            raise InputError(
                f"{job.work_path}: checkpoints of a different run (input or options changed); "
                f"pass --restart to discard them")
        if snapshot.is_file() and "plan" in manifest:
            plan = BatchPlan.from_dict(manifest["plan"])
            return replace(plan, snapshot=str(snapshot.resolve())), checkpoint
    checkpoint.start({"job": identity})
    index = load_index()
    sha = write_snapshot(index, snapshot)
    plan = BatchPlan(snapshot=str(snapshot.resolve()), snapshot_sha256=sha,
                     algorithm=job.algorithm, threshold=job.threshold, limit=job.limit,
                     mapping=job.mapping, schema=job.schema,
                     lists=tuple(list_stamps(index.collection.sources)))
    checkpoint.save_manifest({"job": identity, "plan": plan.to_dict()})
    return plan, checkpoint


def run_batch(job: BatchJob, engine: BatchEngine, load_index: Callable[[], Index],
              progress: Progress | None = None, restart: bool = False) -> BatchSummary:
    """Run a job to the end with an engine: resume, screen, checkpoint, merge, summarise."""
    started = time.perf_counter()
    plan, checkpoint = prepare(job, load_index, restart=restart)
    done = checkpoint.done()
    totals = Totals()
    for stats in done.values():
        totals.add(stats)
    total = job.input.count() if progress is not None else None
    if progress is not None:
        progress(totals.read, total)
    pending = (c for c in job.input.chunks(job.chunk_size) if c.number not in done)
    for result in engine.run(plan, pending):
        totals.add(checkpoint.write(result))
        if progress is not None:
            progress(totals.read, total)
    rows = write_output(checkpoint.rows(), job.output)
    write_rejects(checkpoint.rejects(), job.rejects_path)
    listed = {row[0] for row in checkpoint.rows()}
    write_ownership(job.input, job.output, listed, job.ownership_threshold)
    checkpoint.clear()
    return BatchSummary(read=totals.read, screened=totals.screened,
                        with_matches=totals.with_matches, rejected=totals.rejected, rows=rows,
                        output=str(job.output), rejects=str(job.rejects_path), engine=engine.NAME,
                        seconds=round(time.perf_counter() - started, 3),
                        resumed_chunks=len(done), lists=plan.lists)
