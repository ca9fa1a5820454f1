"""The screening index over every bundled list, built once per test process."""

from __future__ import annotations

import pytest

from sanctionwatch.index import Index, build_index
from sanctionwatch.model import Collection


@pytest.fixture(scope="session")
def index(collection: Collection) -> Index:
    return build_index(collection)
