"""Batch fixtures.

- ``un_collection``/``un_index`` (tests/conftest.py): the real bundled UN list and its index.
- ``customers``: ``batchdata.CUSTOMERS`` as a CSV file: real name variants of UN-listed parties
  in several scripts (Eric Badege, Kim Yong Chol, 김영철, KOMID), unrelated names, and rows that
  must be rejected (no name) or screened without an unreadable value (a date that is not
  one, a country that does not exist).
- ``spark``: ONE SparkSession (``local[2]``) per test run, started on first use; tests that
  need it are marked ``spark``.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batchdata import CUSTOMERS


@pytest.fixture
def customers(tmp_path: Path) -> Path:
    path = tmp_path / "customers.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["id", "name", "birth_date", "nationality"])
        writer.writeheader()
        writer.writerows(CUSTOMERS)
    return path


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    # the Python workers must run this interpreter (the venv's), not `python3` from PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("sanctionwatch-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
