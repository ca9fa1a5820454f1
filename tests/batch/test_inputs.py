"""Every input row is screened or reported: one reader (``batch.inputs.InputFile``) for
``batch`` and ``screen --input``, flat records and FollowTheMoney entity lines alike, with the
union of all records' fields; the counts always add up (read = screened + rejected).
Lists: the bundled UN list (``un_index``)."""

from __future__ import annotations

from pathlib import Path

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.batch import BatchJob, InputFile, run_batch
from sanctionwatch.batch.local import LocalEngine
from sanctionwatch.batch.plan import BatchPlan, Chunk, default_mapping, screen_chunk
from sanctionwatch.index import Index
from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD

#: JSON lines of customers: a field first seen in record 3 (imoNumber), an alias-only record,
#: a FollowTheMoney entity line, and rows that must be rejected
LINES = [
    {"id": "r1", "name": "Chonmyong Shipping"},
    {"id": "r2", "name": "Eric Badege", "birthDate": "1971"},
    {"id": "r3", "name": "Chonmyong Shipping", "imoNumber": "5571322"},
    {"id": "r4", "alias": "Korea Mining Development Trading Corporation"},
    {"id": "r5", "schema": "Person", "properties": {"name": ["Kim Yong Chol"],
                                                    "nationality": ["kp"]}},
    {"id": "r6", "birthDate": "1971"},
]


def _write(path: Path, lines: list[object]) -> Path:
    path.write_bytes(b"\n".join(orjson.dumps(line) for line in lines) + b"\n")
    return path


def _rows(path: Path) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_columns_are_the_union_of_every_record_and_entity_lines_are_flat(tmp_path: Path) -> None:
    source = InputFile.open(_write(tmp_path / "in.jsonl", list(LINES)), "id")
    assert source.columns() == ["id", "name", "birthDate", "imoNumber", "alias", "schema",
                                "nationality"]
    entity = list(source.records())[4]
    assert entity.key == "r5"
    assert entity.values == {"id": "r5", "schema": "Person", "name": ["Kim Yong Chol"],
                             "nationality": ["kp"]}


def test_batch_reads_late_fields_alias_only_and_entity_lines(
        un_index: Index, tmp_path: Path) -> None:
    source = InputFile.open(_write(tmp_path / "in.jsonl", list(LINES)), "id")
    out = tmp_path / "hits.jsonl"
    job = BatchJob(input=source, output=out, algorithm=DEFAULT_ALGORITHM, threshold=0.3,
                   mapping=default_mapping(source.columns()))
    summary = run_batch(job, LocalEngine(workers=0), lambda: un_index)
    best: dict[str, tuple[str, float]] = {}
    for row in _rows(out):
        key, score = str(row["record"]), float(row["score"])  # type: ignore[arg-type]
        if key not in best or score > best[key][1]:
            best[key] = (str(row["entity_id"]), score)
    assert best["r3"][0] == "un-KPe.056"
    assert best["r3"][1] > best.get("r1", ("", 0.0))[1] and best["r3"][1] >= DEFAULT_THRESHOLD
    assert best["r4"][0] == "un-KPe.001"
    assert best["r5"][0] == "un-KPi.024"
    rejects = {r["record"]: r["reason"] for r in _rows(Path(summary.rejects))}
    assert list(rejects) == ["r6"] and str(rejects["r6"]).startswith("no name")
    assert (summary.read, summary.screened, summary.rejected) == (6, 5, 1)
    assert summary.lists == ({"name": "un_sc", "version": "2026-02-27", "records": 1003},)


_KINDS = {
    "good": b'{"name": "Eric Badege"}',
    "entity": b'{"schema": "Person", "properties": {"name": ["Kim Yong Chol"]}}',
    "no name": b'{"birthDate": "1971"}',
    "bad date": b'{"name": "Eric Badege", "birthDate": "31/13/1990"}',
    "bad country": b'{"name": "Eric Badege", "nationality": "Atlantis"}',
    "not json": b"{name: x",
    "not an object": b"[1, 2]",
    "punctuation": b'{"name": "---"}',
    "blank": b"  ",
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(kinds=st.lists(st.sampled_from(sorted(_KINDS)), max_size=12),
       size=st.integers(min_value=1, max_value=5))
def test_read_is_always_screened_plus_rejected(
        un_index: Index, tmp_path_factory: object, kinds: list[str], size: int) -> None:
    directory = tmp_path_factory.mktemp("in")  # type: ignore[attr-defined]
    path = directory / "in.jsonl"
    path.write_bytes(b"\n".join(_KINDS[k] for k in kinds) + b"\n")
    source = InputFile.open(path)
    plan = BatchPlan("", "", DEFAULT_ALGORITHM, DEFAULT_THRESHOLD,
                     mapping=default_mapping(source.columns()))
    results = [screen_chunk(plan, un_index, chunk) for chunk in source.chunks(size)]
    read = sum(r.read for r in results)
    screened = sum(r.screened for r in results)
    rejected = sum(len(r.rejects) for r in results)
    assert read == sum(k != "blank" for k in kinds)
    assert read == screened + rejected
    # an unreadable date or country is dropped with a note (match.prepare), not a rejection
    readable = ("good", "entity", "bad date", "bad country", "blank")
    assert rejected == sum(k not in readable for k in kinds)


def test_chunks_number_consecutively(tmp_path: Path) -> None:
    source = InputFile.open(_write(tmp_path / "in.jsonl", list(LINES)))
    chunks = list(source.chunks(4))
    assert [c.number for c in chunks] == [0, 1]
    assert isinstance(chunks[0], Chunk) and len(chunks[1].records) == 2
