"""The monitoring core's screening step on a batch engine: the same hits as in-process.

The update is the real UN one of ``listupdate.py`` (KIM YONG CHOL listed, KIM KWANG-IL
delisted, ERIC BADEGE's birth date corrected); the subjects are ``listupdate.SUBJECTS`` plus the
batch customers (name variants in several scripts, and rows that cannot be screened).
"""

from __future__ import annotations

from pathlib import Path

from batchdata import CUSTOMERS
from listupdate import ADDED, CHANGED, SUBJECTS, ListUpdate

from sanctionwatch.batch.delta import EngineScreener
from sanctionwatch.batch.local import LocalEngine
from sanctionwatch.exc import QueryError
from sanctionwatch.model import Entity, make_query
from sanctionwatch.monitor import rescreen_delta, screen_in_process
from sanctionwatch.screen import ScreeningConfig


def _subjects() -> list[tuple[str, Entity]]:
    """The customers as the store holds subjects (checked by ``make_query``)."""
    out = list(SUBJECTS.items())
    for row in CUSTOMERS:
        props = {"name": [row["name"]], "birthDate": [row["birth_date"]],
                 "nationality": [row["nationality"]]}
        try:
            out.append((row["id"], make_query("subject", "Person",
                                              {k: v for k, v in props.items() if v[0]})))
        except QueryError:
            continue
    return out


def test_the_engine_gives_the_hits_of_in_process_screening(
        un_update: ListUpdate, tmp_path: Path) -> None:
    subjects, updated = _subjects(), un_update.diff.updated()
    config = ScreeningConfig()
    on_engine = rescreen_delta(subjects, updated, un_update.new_index,
                               EngineScreener(LocalEngine(workers=0), tmp_path, chunk_size=4),
                               config=config)
    here = rescreen_delta(subjects, updated, un_update.new_index, screen_in_process,
                          config=config)

    def brief(hits: object) -> list[tuple[str, str, float, str]]:
        assert isinstance(hits, tuple)
        return [(h.subject, h.entity_id, round(h.score, 4), h.explanation.summary)
                for h in hits]

    assert brief(on_engine.hits) == brief(here.hits)
    assert {(h.subject, h.entity_id) for h in here.hits} >= {("badege", CHANGED),
                                                             ("kim_yong", ADDED)}
    # no name (c8): neither screens it. Both read values in the same place (match.prepare),
    # so the country "Atlantis" (c11) is not compared by either, and both screen the name.
    assert [key for key, _ in here.rejected] == ["c8"]
    assert [key for key, _ in on_engine.rejected] == ["c8"]
    assert on_engine.screened == here.screened
    assert list(tmp_path.iterdir()) == []  # the delta snapshot is removed
