"""No well-formed entity crashes a door: entities drawn from the whole FollowTheMoney model
(tests/ftm_strategies.py) through make_query, screen() over the real index and a batch chunk
give ranked matches with scores in [0, 1] or our own error with a message, nothing else."""

from __future__ import annotations

from typing import Any

from ftm_strategies import ftm_queries
from hypothesis import HealthCheck, given, settings

from sanctionwatch.batch.plan import BatchPlan, Chunk, InputRecord, default_mapping, screen_chunk
from sanctionwatch.exc import SanctionwatchError
from sanctionwatch.index import Index
from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD
from sanctionwatch.model import make_query
from sanctionwatch.screen import screen

SLOW = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SLOW
@given(ftm_queries())
def test_make_query_then_screen_scores_or_raises_our_error(index: Index,
                                                           data: dict[str, Any]) -> None:
    try:
        query = make_query("q", data["schema"], data["properties"])
        result = screen(index, query)
    except SanctionwatchError as exc:
        assert str(exc)
        return
    assert all(0.0 <= m.score <= 1.0 for m in result.matches)


@SLOW
@given(ftm_queries())
def test_a_batch_chunk_screens_or_rejects_every_record(index: Index,
                                                       data: dict[str, Any]) -> None:
    plan = BatchPlan(snapshot="", snapshot_sha256="", algorithm=DEFAULT_ALGORITHM,
                     threshold=DEFAULT_THRESHOLD,
                     mapping=default_mapping(sorted(data["properties"])), schema=data["schema"])
    chunk = Chunk(0, (InputRecord("r1", data["properties"]),))
    result = screen_chunk(plan, index, chunk)
    assert result.screened + len(result.rejects) == 1
    assert all(reason for _, reason in result.rejects)
    assert all(0.0 <= row[3] <= 1.0 for row in result.rows)
