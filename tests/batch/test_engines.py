"""The shared batch flow on both engines: same rows, summary, rejects, resume, formats."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import orjson
import pyarrow.parquet as pq
import pytest
from batchdata import MAPPING

from sanctionwatch.batch import (
    BatchEngine,
    BatchJob,
    BatchPlan,
    Chunk,
    ChunkResult,
    InputFile,
    get_engine,
    run_batch,
)
from sanctionwatch.batch.local import LocalEngine
from sanctionwatch.batch.spark import SparkEngine
from sanctionwatch.exc import EngineError, InputError
from sanctionwatch.index import Index
from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD


def _job(customers: Path, out: Path, **changes: Any) -> BatchJob:
    options: dict[str, Any] = {
        "input": InputFile.open(customers, "id"), "output": out, "algorithm": DEFAULT_ALGORITHM,
        "threshold": DEFAULT_THRESHOLD, "mapping": MAPPING, "chunk_size": 4,
    }
    options.update(changes)
    return BatchJob(**options)


def _rows(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_rows_summary_and_rejects(un_index: Index, customers: Path, tmp_path: Path) -> None:
    out = tmp_path / "hits.jsonl"
    summary = run_batch(_job(customers, out), LocalEngine(workers=0), lambda: un_index)
    rows = _rows(out)
    hits = {(r["record"], r["entity_id"]) for r in rows}
    assert ("c1", "un-CDi.001") in hits and ("c2", "un-CDi.001") in hits
    assert ("c3", "un-KPi.024") in hits
    assert not {r for r in hits if r[0] in ("c6", "c7", "c13")}
    assert all(r["score"] >= DEFAULT_THRESHOLD for r in rows)
    assert set(rows[0]) == {"record", "entity_id", "caption", "score", "datasets", "explanation"}
    assert rows[0]["datasets"] == ["un_sc"] and rows[0]["explanation"]["summary"]
    rejects = {r["record"]: r["reason"] for r in _rows(Path(summary.rejects))}
    # an unreadable date or country is not compared (match.prepare notes it); the name is
    # still screened
    assert set(rejects) == {"c8"}
    assert rejects["c8"].startswith("no name")
    assert (summary.read, summary.screened, summary.rejected) == (13, 12, 1)
    assert summary.with_matches == len({r for r, _ in hits}) and summary.rows == len(rows)
    assert not (tmp_path / "hits.jsonl.work").exists()


@pytest.mark.spark
def test_local_processes_and_spark_give_identical_results(
        un_index: Index, customers: Path, tmp_path: Path, spark: Any) -> None:
    local = run_batch(_job(customers, tmp_path / "local.jsonl"), LocalEngine(workers=2),
                      lambda: un_index)
    on_spark = run_batch(_job(customers, tmp_path / "spark.jsonl"), SparkEngine(spark=spark),
                         lambda: un_index)
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "spark.jsonl").read_bytes()
    assert Path(local.rejects).read_bytes() == Path(on_spark.rejects).read_bytes()
    assert local.rows > 0 and (local.read, local.rows) == (on_spark.read, on_spark.rows)


class _Interrupted(BatchEngine):
    """Screens in-process, and is interrupted after ``stop_after`` chunks."""

    NAME: ClassVar[str] = "interrupted"

    def __init__(self, stop_after: int) -> None:
        self.stop_after = stop_after
        self.seen: list[int] = []

    def _run_chunks(self, plan: BatchPlan, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        for result in LocalEngine(workers=0)._run_chunks(plan, chunks):
            if len(self.seen) == self.stop_after:
                raise KeyboardInterrupt
            self.seen.append(result.number)
            yield result


def test_an_interrupted_run_resumes_without_duplicate_rows(
        un_index: Index, customers: Path, tmp_path: Path) -> None:
    whole = run_batch(_job(customers, tmp_path / "whole.jsonl"), LocalEngine(workers=0),
                      lambda: un_index)
    job = _job(customers, tmp_path / "resumed.jsonl")
    first = _Interrupted(stop_after=2)
    with pytest.raises(KeyboardInterrupt):
        run_batch(job, first, lambda: un_index)
    assert first.seen == [0, 1] and not job.output.exists()

    def no_reload() -> Index:
        raise AssertionError("a resumed run reuses the snapshot")

    second = _Interrupted(stop_after=100)
    summary = run_batch(job, second, no_reload)
    assert second.seen == [2, 3]
    assert summary.resumed_chunks == 2 and summary.read == 13
    assert job.output.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()
    assert summary.rows == whole.rows


def test_checkpoints_of_a_different_run_are_refused_unless_restarted(
        un_index: Index, customers: Path, tmp_path: Path) -> None:
    out = tmp_path / "hits.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_batch(_job(customers, out), _Interrupted(stop_after=1), lambda: un_index)
    changed = _job(customers, out, threshold=0.9)
    with pytest.raises(InputError, match="checkpoints of a different run .* pass --restart"):
        run_batch(changed, LocalEngine(workers=0), lambda: un_index)
    summary = run_batch(changed, LocalEngine(workers=0), lambda: un_index, restart=True)
    assert summary.resumed_chunks == 0 and summary.read == 13


def test_every_output_format_holds_the_same_rows(
        un_index: Index, customers: Path, tmp_path: Path) -> None:
    engine = LocalEngine(workers=0)
    run_batch(_job(customers, tmp_path / "h.jsonl"), engine, lambda: un_index)
    run_batch(_job(customers, tmp_path / "h.csv"), engine, lambda: un_index)
    run_batch(_job(customers, tmp_path / "h.parquet"), engine, lambda: un_index)
    expected = [(r["record"], r["entity_id"], r["score"]) for r in _rows(tmp_path / "h.jsonl")]
    lines = (tmp_path / "h.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "record,entity_id,caption,score,datasets,explanation"
    table = pq.read_table(tmp_path / "h.parquet").to_pylist()
    assert [(r["record"], r["entity_id"], r["score"]) for r in table] == expected
    assert table[0]["datasets"] == ["un_sc"]
    assert orjson.loads(table[0]["explanation"])["features"]
    assert len(lines) == len(expected) + 1


def test_parquet_and_json_lines_inputs(un_index: Index, tmp_path: Path) -> None:
    import pyarrow as pa

    pq.write_table(pa.Table.from_pylist([{"ref": "p1", "full_name": "Eric Badege"},
                                         {"ref": "p2", "full_name": None}]),
                   tmp_path / "in.parquet")
    (tmp_path / "in.jsonl").write_text('{"ref": "j1", "full_name": ["Eric Badege"]}\n'
                                       "not json\n[1, 2]\n", encoding="utf-8")
    mapping = (("full_name", "name"), ("ref", "id"))
    for name in ("in.parquet", "in.jsonl"):
        job = BatchJob(input=InputFile.open(tmp_path / name, "ref"),
                       output=tmp_path / f"{name}.out.jsonl", algorithm=DEFAULT_ALGORITHM,
                       threshold=DEFAULT_THRESHOLD, mapping=mapping)
        summary = run_batch(job, LocalEngine(workers=0), lambda: un_index)
        assert {r["record"] for r in _rows(job.output)} == {name[3] + "1"}
        assert summary.screened == 1
    rejects = _rows(tmp_path / "in.jsonl.out.jsonl.rejects.jsonl")
    assert [r["reason"] for r in rejects] == [
        "line 2: bad JSON at column 1: invalid literal, expected 'null'",
        "line 3: expected a JSON object, got list"]


def test_the_plan_round_trips_through_json() -> None:
    plan = BatchPlan(snapshot="/x/index.pkl", snapshot_sha256="ab" * 32, algorithm="a",
                     threshold=0.7, limit=5, mapping=MAPPING, schema="Person")
    assert BatchPlan.from_json(plan.to_json()) == plan
    assert pickle.loads(pickle.dumps(plan)) == plan
    moved = BatchPlan.from_json(plan.to_json().replace("/x/", "/y/"))
    assert moved.fingerprint() == plan.fingerprint()


def test_engine_failures_name_the_engine(un_index: Index, customers: Path,
                                         tmp_path: Path) -> None:
    class Broken(BatchEngine):
        NAME: ClassVar[str] = "broken"

        def _run_chunks(self, plan: BatchPlan, chunks: Iterable[Chunk],
                        ) -> Iterator[ChunkResult]:
            raise RuntimeError("executor lost")

    with pytest.raises(EngineError, match="batch engine 'broken' failed: RuntimeError: "
                                          "executor lost"):
        run_batch(_job(customers, tmp_path / "h.jsonl"), Broken(), lambda: un_index)
    with pytest.raises(InputError, match="unknown batch engine 'dask'; known: local, spark"):
        get_engine("dask")
    with pytest.raises(InputError, match="unknown output format '.xlsx'"):
        run_batch(_job(customers, tmp_path / "h.xlsx"), LocalEngine(workers=0),
                  lambda: un_index)
