"""load_index: built from the list files, cached on disk, rebuilt when the cache is stale or
damaged. Uses a copy of the real UN list alone (a small directory), so it runs quickly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sanctionwatch.model.packed import PackedMapping
from sanctionwatch.sources.snapshot import LoadPolicy, lists_key, load_index

UN_ONLY = LoadPolicy(sources=("un_sc",))


@pytest.fixture()
def un_only(tmp_path: Path, data_dir: Path) -> Path:
    target = tmp_path / "lists" / "un"
    target.mkdir(parents=True)
    shutil.copy(data_dir / "un" / "consolidated.xml", target / "consolidated.xml")
    return tmp_path / "lists"


def test_the_cache_is_written_once_and_read_back(un_only: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_index(un_only, cache, UN_ONLY)
    files = list(cache.glob("index-*.pickle"))
    assert len(files) == 1
    assert not list(cache.glob(".tmp-*"))
    again = load_index(un_only, cache, UN_ONLY)
    assert again.entity_ids == first.entity_ids
    assert "un-KPe.001" in again.collection.entities


def test_a_changed_list_file_changes_the_key(un_only: Path) -> None:
    before = lists_key(un_only, ["un_sc"])
    path = un_only / "un" / "consolidated.xml"
    path.write_bytes(path.read_bytes() + b"\n")
    assert lists_key(un_only, ["un_sc"]) != before


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(un_only: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_index(un_only, cache, UN_ONLY)
    (path,) = cache.glob("index-*.pickle")
    path.write_bytes(b"not a pickle at all")
    index = load_index(un_only, cache, UN_ONLY)
    assert "un-KPe.001" in index.collection.entities
    assert path.read_bytes()[:2] != b"no"


def test_without_a_cache_dir_nothing_is_written(un_only: Path) -> None:
    index = load_index(un_only, None, UN_ONLY)
    assert len(index.entity_ids) == len(index.collection)


def test_the_cached_index_screens_exactly_as_the_built_one(un_only: Path, tmp_path: Path) -> None:
    from sanctionwatch.match import DEFAULT_ALGORITHM
    from sanctionwatch.model import make_query
    from sanctionwatch.screen import ScreeningConfig, screen

    built = load_index(un_only, tmp_path / "cache", UN_ONLY)
    cached = load_index(un_only, tmp_path / "cache", UN_ONLY)
    assert isinstance(cached.collection.entities, PackedMapping)
    assert not isinstance(built.collection.entities, PackedMapping)
    config = ScreeningConfig(threshold=0.0, limit=10, algorithm=DEFAULT_ALGORITHM)
    # exact, typo (reads the typo neighbourhood), Hangul, and an identifier-only query
    for name in ("Kim Jong Un", "Kim Yong Chul", "Korea Minning Development", "김영철"):
        query = make_query("q", "Thing", {"name": (name,)})
        assert screen(cached, query, config).to_dict() == screen(built, query, config).to_dict()
    assert list(cached.collection) == list(built.collection)
    assert list(cached.forms) == list(built.forms)
    assert dict(cached.neighbours) == dict(built.neighbours)


def test_progress_hears_every_stage_of_a_first_build(un_only: Path, tmp_path: Path) -> None:
    heard: list[tuple[str, int, int | None]] = []
    index = load_index(un_only, tmp_path / "cache", UN_ONLY, lambda *call: heard.append(call))
    stages = [stage for stage, _, _ in heard]
    assert stages[0] == "parse" and stages[-1] == "cache"
    filed = [(done, total) for stage, done, total in heard if stage == "index"]
    assert filed[-1] == (len(index.entity_ids), len(index.entity_ids))
    assert [done for done, _ in filed] == sorted(done for done, _ in filed)
    heard.clear()
    load_index(un_only, tmp_path / "cache", UN_ONLY, lambda *call: heard.append(call))
    assert heard == []  # a warm cache builds nothing


def test_a_process_reading_the_cache_takes_the_derived_tables_from_it(
        un_only: Path, tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    from sanctionwatch.model.tables import built_tables

    load_index(un_only, tmp_path / "cache", UN_ONLY)
    probe = ("import json, sys; from pathlib import Path\n"
             "from sanctionwatch.model.tables import built_tables\n"
             "from sanctionwatch.sources.snapshot import LoadPolicy, load_index\n"
             "load_index(Path(sys.argv[1]), Path(sys.argv[2]), LoadPolicy(sources=('un_sc',)))\n"
             "print(json.dumps(sorted(built_tables())))\n")
    src = Path(__file__).resolve().parents[2] / "src"
    proc = subprocess.run([sys.executable, "-c", probe, str(un_only), str(tmp_path / "cache")],
                          env={**os.environ, "PYTHONPATH": str(src)}, capture_output=True,
                          text=True, timeout=300, check=True)
    # nothing in the new process used a table: each is there because the cache handed it in
    handed = json.loads(proc.stdout)
    assert "country_phrases" in handed and "country_names" in handed
    assert set(handed) <= set(built_tables())


def test_parsing_and_indexing_leave_no_reference_cycles(un_only: Path) -> None:
    """A build freezes what it made without a full collection: it must make no garbage that
    only the cyclic collector could free (a recursive closure per name did, 70,000 objects)."""
    import gc

    from sanctionwatch.index import build_index
    from sanctionwatch.match.names import acronym_similarity
    from sanctionwatch.names import name_forms
    from sanctionwatch.sources.catalog import load_collection

    build_index(load_collection(un_only, only=["un_sc"]))  # what imports leave is not ours
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        build_index(load_collection(un_only, only=["un_sc"]))
        komid, = name_forms("KOMID")
        long, = name_forms("Korea Mining Development Trading Corporation")
        assert acronym_similarity(komid._replace(is_acronym=True), long) > 0
        gc.collect()
        garbage = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert garbage == []
