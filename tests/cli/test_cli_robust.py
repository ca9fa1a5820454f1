"""``screen --input`` over entities from the whole FollowTheMoney model: every party record
gets a line (matches with scores in [0, 1], or an error naming it), an Ownership record is read
as an edge or fails the file by name, the exit code is 0 or 2, never a traceback; ``screen --country`` reads a country as written."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from ftm_strategies import ftm_queries
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.cli import run


def _top(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, float]:
    assert run(["screen", "Vladimir Putin", "--schema", "Person", "--json", *args]) == 0
    top = json.loads(capsys.readouterr().out)["matches"][0]
    return top["id"], top["score"]


@pytest.mark.parametrize("written", ["Russia", "RUS", "643", "Russian"])
def test_screen_country_as_written_scores_as_the_code(capsys: pytest.CaptureFixture[str],
                                                      written: str) -> None:
    assert _top(capsys, "--country", written) == _top(capsys, "--country", "ru")


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(st.lists(ftm_queries(), min_size=1, max_size=4))
def test_screen_input_answers_every_record(capsys: pytest.CaptureFixture[str],
                                           records: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "queries.jsonl"
        path.write_bytes(b"\n".join(orjson.dumps({"id": f"r{i}", **r})
                                    for i, r in enumerate(records)))
        code = run(["screen", "--input", str(path)])
    captured = capsys.readouterr()
    assert code in (0, 2), captured.err
    assert "Traceback" not in captured.err
    lines = [json.loads(line) for line in captured.out.split("\n") if line]
    # an Ownership record is an edge between parties, not a party: it gets no line of its own,
    # and one that cannot be read fails the whole file, named (a missing edge would understate
    # a blocked share), rather than leaving the parties' ownership verdicts silently wrong
    parties = [f"r{i}" for i, r in enumerate(records)
               if str(r.get("schema", "")).strip() != "Ownership"]
    if code == 2 and not lines and len(parties) < len(records):
        assert "ownership" in captured.err, captured.err
    else:
        assert [line["id"] for line in lines] == parties
    for line in lines:
        if "error" in line:
            assert line["error"]
        else:
            assert all(0.0 <= m["score"] <= 1.0 for m in line["matches"])
