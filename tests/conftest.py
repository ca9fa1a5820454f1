"""Fixture strategy.

- Real data only: the bundled official list snapshot in ``data/lists/`` (see its
  PROVENANCE.md) and slices of it under ``tests/fixtures/`` with their own provenance.
- Expensive objects are session-scoped and built lazily: ``collection`` parses every bundled
  list once per test process; ``index`` builds the screening index over it once.
- Tests that need PostgreSQL use the server at 127.0.0.1:5432 (started by ``make test``) and
  fail, not skip, when it is absent.
- ``SHARED`` is ../shared when it exists (seed articles, evaluation fixtures); tests that read
  it are skipped only when the directory itself is absent (a checkout without it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.model import Collection

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data" / "lists"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(scope="session")
def collection() -> Collection:
    from sanctionwatch.sources import load_collection

    return load_collection(DATA_DIR)
