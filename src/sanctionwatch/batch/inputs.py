"""Screening input: CSV, Parquet or JSON lines, read as records (or numbered chunks of them).

The one reader of ``batch`` and ``screen --input``. The format follows the file extension
(``.csv``, ``.parquet``/``.pq``, ``.jsonl``/``.ndjson``/``.json``). A JSON line is a flat record
(``{"id", "name", "birthDate", ...}``) or a FollowTheMoney entity (``{"id", "schema",
"properties": {"name": [...], ...}}``), read as the flat record of its id, schema and
properties; the columns of a JSON lines file are the union of every record's fields, in order
of first appearance (a field first seen in record 3 is a column too). A record's key is its id
column's value, else its 1-based row number. A row that cannot be read (bad JSON, not an
object) becomes a record carrying its error, so the run goes on and the row is reported.

A record of schema ``Ownership`` (``owner``, ``asset``, ``percentage``: parties' ids) states who
owns whom (:func:`is_ownership`, :func:`ownership_entity`); it is not screened itself, the
ownership screening (networks/ownership.py) reads it.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

from sanctionwatch.batch.plan import (
    ID_TARGET,
    OWNERSHIP_SCHEMA,
    Chunk,
    InputRecord,
)
from sanctionwatch.exc import InputError

FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}


#: the properties read from an Ownership record
OWNERSHIP_PROPERTIES = ("owner", "asset", "percentage")


def ownership_entity(record: InputRecord) -> dict[str, Any]:
    """An Ownership record as FtM entity JSON: its owner, asset and percentage."""
    props: dict[str, list[str]] = {}
    for prop in OWNERSHIP_PROPERTIES:
        raw = record.values.get(prop)
        values = raw if isinstance(raw, (list, tuple)) else [raw]
        props[prop] = [str(v).strip() for v in values if v is not None and str(v).strip()]
    return {"id": record.key, "schema": OWNERSHIP_SCHEMA, "properties": props}


def input_format(path: Path) -> str:
    """The input format named by the file extension; InputError for others."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown input format {path.suffix!r}; "
                         f"use one of {', '.join(sorted(FORMATS))}")
    return fmt


@dataclass(frozen=True, slots=True)
class InputFile:
    """A batch input file: path, format, and the column that holds each record's id."""

    path: Path
    format: str
    id_column: str | None = None

    @classmethod
    def open(cls, path: Path, id_column: str | None = None) -> InputFile:
        if not path.is_file():
            raise InputError(f"{path}: input file not found")
        return cls(path=path, format=input_format(path), id_column=id_column)

    def identity(self) -> dict[str, object]:
        """What identifies this input for resuming: path, size, and a hash of its head."""
        stat = self.path.stat()
        with self.path.open("rb") as fh:
            head = hashlib.sha256(fh.read(1 << 20)).hexdigest()
        return {"path": str(self.path.resolve()), "size": stat.st_size, "head": head,
                "format": self.format, "id_column": self.id_column}

    def columns(self) -> list[str]:
        """The column names (CSV header, Parquet schema, or the first JSON object's keys)."""
        if self.format == "csv":
            with self.path.open(newline="", encoding="utf-8-sig") as fh:
                return next(csv.reader(fh), [])
        if self.format == "parquet":
            import pyarrow.parquet as pq

            return list(pq.ParquetFile(self.path).schema_arrow.names)
        columns: dict[str, None] = {}
        for record in self._rows():
            columns.update(dict.fromkeys(record.values))
        return list(columns)

    def count(self) -> int:
        """How many records the file holds (for the progress bar's ETA)."""
        if self.format == "parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(self.path).metadata.num_rows)
        if self.format == "jsonl":
            with self.path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        _raise_csv_limit()
        with self.path.open(newline="", encoding="utf-8-sig") as fh:
            return max(sum(1 for _ in csv.reader(fh)) - 1, 0)

    def records(self) -> Iterator[InputRecord]:
        """Every record in file order."""
        return self._rows()

    def chunks(self, size: int) -> Iterator[Chunk]:
        """The records in numbered chunks of ``size`` (the last may be shorter)."""
        if size < 1:
            raise InputError(f"chunk size must be at least 1, got {size}")
        rows = self._rows()
        number = 0
        while batch := tuple(islice(rows, size)):
            yield Chunk(number, batch)
            number += 1

    def _rows(self) -> Iterator[InputRecord]:
        if self.format == "csv":
            return self._csv()
        if self.format == "parquet":
            return self._parquet()
        return self._jsonl()

    def _record(self, number: int, values: dict[str, Any]) -> InputRecord:
        key = str(number)
        if self.id_column is not None:
            raw = values.get(self.id_column)
            if raw is not None and str(raw).strip():
                key = str(raw).strip()
        return InputRecord(key=key, values=values)

    def _csv(self) -> Iterator[InputRecord]:
        _raise_csv_limit()
        try:
            with self.path.open(newline="", encoding="utf-8-sig") as fh:
                reader = csv.DictReader(fh)
                for number, row in enumerate(reader, start=1):
                    if None in row:  # more fields than the header names
                        yield InputRecord(str(number), error=f"line {reader.line_num}: "
                                          f"{len(row[None]) + len(reader.fieldnames or [])} "
                                          f"fields, the header names "
                                          f"{len(reader.fieldnames or [])}")
                        continue
                    yield self._record(number, {k: v for k, v in row.items() if v})
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(f"{self.path}: not a readable UTF-8 CSV file: {exc}") from exc

    def _parquet(self) -> Iterator[InputRecord]:
        import pyarrow.parquet as pq

        try:
            source = pq.ParquetFile(self.path)
        except Exception as exc:  # pyarrow raises its own error types for a bad file
            raise InputError(f"{self.path}: not a readable Parquet file: {exc}") from exc
        number = 0
        for batch in source.iter_batches(batch_size=10_000):
            for row in batch.to_pylist():
                number += 1
                yield self._record(number, row)

    def _jsonl(self) -> Iterator[InputRecord]:
        number = 0
        with self.path.open("rb") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                number += 1
                try:
                    data = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    yield InputRecord(str(number), error=f"line {lineno}: bad JSON at column "
                                        f"{exc.colno}: {exc.msg}")
                    continue
                if not isinstance(data, dict):
                    yield InputRecord(str(number), error=f"line {lineno}: expected a JSON "
                                      f"object, got {type(data).__name__}")
                    continue
                yield self._record(number, flat_record(data))


def flat_record(data: dict[str, Any]) -> dict[str, Any]:
    """A JSON record as flat fields: a FollowTheMoney entity (``schema`` and a ``properties``
    object) becomes its id, schema and properties; any other object stays as it is."""
    properties = data.get("properties")
    if "schema" not in data or not isinstance(properties, dict):
        return data
    head = {k: data[k] for k in ("id", "schema") if data.get(k) is not None}
    return {**head, **properties}


def _raise_csv_limit() -> None:
    # customer files hold long free-text columns; the csv module's default cap is 128 KiB
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def id_column_of(mapping: tuple[tuple[str, str], ...]) -> str | None:
    """The column mapped to ``id``, if any."""
    for column, target in mapping:
        if target == ID_TARGET:
            return column
    return None


def walk_paths(paths: Iterable[str], keep: Callable[[Path], bool]) -> Iterator[str]:
    """Named files and ``-`` as given, directories walked (sorted; hidden files skipped, and
    the files ``keep`` refuses): the files a command over many inputs reads."""
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.is_dir():
            yield raw
            continue
        for child in sorted(path.rglob("*")):
            hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
            if child.is_file() and not hidden and keep(child):
                yield str(child)
