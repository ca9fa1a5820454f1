"""Batch with Ownership records beside the parties: the 50% rule after the run."""

from __future__ import annotations

from pathlib import Path

import orjson

from sanctionwatch.batch import BatchJob, InputFile, run_batch
from sanctionwatch.batch.local import LocalEngine
from sanctionwatch.batch.ownership import ownership_path
from sanctionwatch.batch.plan import default_mapping
from sanctionwatch.index import Index
from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD


def _line(record: dict[str, object]) -> bytes:
    return orjson.dumps(record) + b"\n"


def test_batch_writes_the_ownership_verdicts(un_index: Index, tmp_path: Path) -> None:
    source = tmp_path / "customers.jsonl"
    source.write_bytes(b"".join(_line(r) for r in [
        {"id": "komid", "schema": "Organization",
         "properties": {"name": ["Korea Mining Development Trading Corporation"]}},
        {"id": "holding", "schema": "Company", "properties": {"name": ["Example Holdings Ltd"]}},
        {"id": "customer", "schema": "Company", "properties": {"name": ["Example Trading Ltd"]}},
        {"id": "o1", "schema": "Ownership",
         "properties": {"owner": ["komid"], "asset": ["holding"], "percentage": ["60"]}},
        {"id": "o2", "schema": "Ownership",
         "properties": {"owner": ["holding"], "asset": ["customer"], "percentage": ["50"]}},
    ]))
    columns = InputFile.open(source).columns()
    out = tmp_path / "hits.jsonl"
    job = BatchJob(input=InputFile.open(source, "id"), output=out, algorithm=DEFAULT_ALGORITHM,
                   threshold=DEFAULT_THRESHOLD, mapping=default_mapping(columns), chunk_size=2)
    summary = run_batch(job, LocalEngine(workers=0), lambda: un_index)
    assert summary.rejected == 0 and summary.screened == 3  # ownerships are not screened
    verdicts = {v["record"]: v for v in map(orjson.loads,
                                            ownership_path(out).read_bytes().splitlines())}
    assert verdicts["customer"]["status"] == "blocked by ownership"
    assert verdicts["customer"]["chains"] == [["komid", "holding", "customer"]]
    assert verdicts["holding"]["blocked_share"] == 0.6
