"""Fixture strategy.

- Real data only: the bundled official list snapshot in ``src/sanctionwatch/data/lists/``
  (``DATA_DIR``, the ``data_dir`` fixture; see its
  PROVENANCE.md) and slices of it under ``tests/fixtures/`` with their own provenance.
- Expensive objects are session-scoped and built lazily: ``collection`` parses every bundled
  list once per test process; ``index`` builds the screening index over it once;
  ``un_collection``/``un_index`` the same for the UN list alone (small, quick to build);
  ``un_update`` a real update of the UN list (``listupdate.py``): both versions on disk,
  loaded, and their diff.
- ``store``: a fresh, migrated store per test, parametrised over ``sqlite`` and
  ``postgresql`` (a new schema, dropped after). PostgreSQL is the server at 127.0.0.1:5432
  (started by ``make test``); its tests fail, never skip, when it is absent.
- Hypothesis runs without deadlines (profile ``sanctionwatch``): no timing in tests, and the
  first example of a test may load a data table on a shared, busy machine.
- ``gazetteer``/``screener``: the text engine over every bundled list, built once (text and
  payment tests share it).
- ``SHARED`` is ../shared when it exists (seed articles, evaluation fixtures); tests that read
  it are skipped only when the directory itself is absent (a checkout without it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from listupdate import ListUpdate, un_version, write_version

from sanctionwatch.index import Index, build_index
from sanctionwatch.model import Collection
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.diff import diff_collections
from sanctionwatch.store import ReviewPolicy, Store
from sanctionwatch.store.testing import temporary_store
from sanctionwatch.text import Gazetteer, TextScreener, build_gazetteer

settings.register_profile("sanctionwatch", deadline=None)
settings.load_profile("sanctionwatch")

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = BUNDLED_LISTS
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(scope="session")
def collection() -> Collection:
    from sanctionwatch.sources import load_collection

    return load_collection(DATA_DIR)


@pytest.fixture(scope="session")
def index(collection: Collection) -> Index:
    return build_index(collection)


@pytest.fixture(scope="session")
def gazetteer(collection: Collection) -> Gazetteer:
    return build_gazetteer(collection)


@pytest.fixture(scope="session")
def screener(gazetteer: Gazetteer) -> TextScreener:
    return TextScreener(gazetteer)


@pytest.fixture(scope="session")
def un_collection() -> Collection:
    from sanctionwatch.sources import load_collection

    return load_collection(DATA_DIR, only=["un_sc"])


@pytest.fixture(scope="session")
def un_index(un_collection: Collection) -> Index:
    return build_index(un_collection)


@pytest.fixture(scope="session")
def un_update(tmp_path_factory: pytest.TempPathFactory) -> ListUpdate:
    from sanctionwatch.sources import load_collection

    base = tmp_path_factory.mktemp("un-update")
    old_dir = write_version(base / "old", un_version(is_old=True))
    new_dir = write_version(base / "new", un_version(is_old=False))
    old = load_collection(old_dir, only=["un_sc"])
    new = load_collection(new_dir, only=["un_sc"])
    return ListUpdate(old_dir, new_dir, old, new, diff_collections(old, new), build_index(new))


#: every store test runs on both; the PostgreSQL half carries the ``postgres`` marker
BACKEND_PARAMS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKEND_PARAMS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with temporary_store(request.param, tmp_path, policy=ReviewPolicy(high_score=0.9)) as s:
        yield s
