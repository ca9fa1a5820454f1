"""Batch output: per-chunk checkpoints, then the result file in the format its extension names.

While a run goes on, each finished chunk is written to ``<work>/parts/<chunk>.jsonl``
atomically (temporary file, then rename): a stats line, then its rows and rejects. A resumed
run skips the chunks whose part exists, so no row is ever written twice. When every chunk is
done the parts are merged in chunk order into the output (``.jsonl``, ``.csv`` or
``.parquet``, written to a temporary file and renamed) and the rejects file (JSON lines).
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from sanctionwatch.batch.plan import ChunkResult, Reject, Row
from sanctionwatch.exc import InputError

OUTPUT_FORMATS: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
                                  ".parquet": "parquet", ".pq": "parquet"}
COLUMNS: tuple[str, ...] = ("record", "entity_id", "caption", "score", "datasets", "explanation")
MANIFEST = "manifest.json"


def output_format(path: Path) -> str:
    fmt = OUTPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown output format {path.suffix!r}; "
                         f"use one of {', '.join(sorted(OUTPUT_FORMATS))}")
    return fmt


@dataclass(slots=True)
class Totals:
    """Records read, screened, with at least one match, rejected; output rows."""

    read: int = 0
    screened: int = 0
    with_matches: int = 0
    rejected: int = 0
    rows: int = 0

    def add(self, stats: dict[str, int]) -> None:
        self.read += stats["read"]
        self.screened += stats["screened"]
        self.with_matches += stats["with_matches"]
        self.rejected += stats["rejected"]
        self.rows += stats["rows"]


def _stats(result: ChunkResult) -> dict[str, int]:
    return {"chunk": result.number, "read": result.read, "screened": result.screened,
            "with_matches": result.with_matches, "rejected": len(result.rejects),
            "rows": len(result.rows)}


class Checkpoint:
    """The work directory of one run: its manifest and one part file per finished chunk."""

    def __init__(self, work_dir: Path) -> None:
        self.work_dir = work_dir
        self.parts = work_dir / "parts"

    def manifest(self) -> dict[str, Any] | None:
        path = self.work_dir / MANIFEST
        if not path.is_file():
            return None
        loaded: dict[str, Any] = orjson.loads(path.read_bytes())
        return loaded

    def start(self, manifest: dict[str, Any]) -> None:
        """Create the work directory for a fresh run (removing a stale one)."""
        self.clear()
        self.parts.mkdir(parents=True)
        self.save_manifest(manifest)

    def save_manifest(self, manifest: dict[str, Any]) -> None:
        _atomic_write(self.work_dir / MANIFEST, orjson.dumps(manifest, option=orjson.OPT_INDENT_2))

    def clear(self) -> None:
        if self.work_dir.exists():
            shutil.rmtree(self.work_dir)

    def done(self) -> dict[int, dict[str, int]]:
        """Finished chunks: number -> stats (read from each part's first line)."""
        out: dict[int, dict[str, int]] = {}
        if not self.parts.is_dir():
            return out
        for path in self.parts.glob("*.jsonl"):
            with path.open("rb") as fh:
                stats = orjson.loads(fh.readline())
            out[int(stats["chunk"])] = stats
        return out

    def write(self, result: ChunkResult) -> dict[str, int]:
        """Store one finished chunk atomically; returns its stats."""
        stats = _stats(result)
        lines = [orjson.dumps(stats)]
        lines += [orjson.dumps(["r", *row]) for row in result.rows]
        lines += [orjson.dumps(["x", *reject]) for reject in result.rejects]
        _atomic_write(self.parts / f"{result.number:08d}.jsonl", b"\n".join(lines) + b"\n")
        return stats

    def rows(self) -> Iterator[Row]:
        for kind, payload in self._entries():
            if kind == "r":
                record, entity_id, caption, score, datasets, explanation = payload
                yield (record, entity_id, caption, float(score), tuple(datasets), explanation)

    def rejects(self) -> Iterator[Reject]:
        for kind, payload in self._entries():
            if kind == "x":
                yield (payload[0], payload[1])

    def _entries(self) -> Iterator[tuple[str, list[Any]]]:
        for path in sorted(self.parts.glob("*.jsonl")):
            with path.open("rb") as fh:
                fh.readline()
                for line in fh:
                    entry = orjson.loads(line)
                    yield entry[0], entry[1:]


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def row_dict(row: Row) -> dict[str, Any]:
    record, entity_id, caption, score, datasets, explanation = row
    return {"record": record, "entity_id": entity_id, "caption": caption, "score": score,
            "datasets": list(datasets), "explanation": orjson.loads(explanation)}


def write_output(rows: Iterator[Row], path: Path) -> int:
    """Write rows to path in the format its extension names (atomically); the row count."""
    fmt = output_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if fmt == "parquet":
        count = _write_parquet(rows, tmp)
    else:
        with tmp.open("w", newline="", encoding="utf-8") as fh:
            count = _write_csv(rows, fh) if fmt == "csv" else _write_jsonl(rows, fh)
    tmp.replace(path)
    return count


def _write_jsonl(rows: Iterator[Row], fh: IO[str]) -> int:
    count = 0
    for row in rows:
        fh.write(orjson.dumps(row_dict(row)).decode() + "\n")
        count += 1
    return count


def _write_csv(rows: Iterator[Row], fh: IO[str]) -> int:
    """CSV: datasets joined by ``;``, the explanation as its one-line summary."""
    writer = csv.writer(fh)
    writer.writerow(COLUMNS)
    count = 0
    for record, entity_id, caption, score, datasets, explanation in rows:
        summary = orjson.loads(explanation).get("summary", "")
        writer.writerow([record, entity_id, caption, f"{score:.4f}", ";".join(datasets), summary])
        count += 1
    return count


def _write_parquet(rows: Iterator[Row], path: Path, group: int = 50_000) -> int:
    """Parquet: datasets as list<string>, the explanation as JSON text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("record", pa.string()), ("entity_id", pa.string()),
                        ("caption", pa.string()), ("score", pa.float64()),
                        ("datasets", pa.list_(pa.string())), ("explanation", pa.string())])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        buffer: list[Row] = []
        for row in rows:
            buffer.append(row)
            if len(buffer) >= group:
                writer.write_table(_table(pa, schema, buffer))
                count += len(buffer)
                buffer = []
        if buffer or count == 0:
            writer.write_table(_table(pa, schema, buffer))
            count += len(buffer)
    return count


def _table(pa: Any, schema: Any, rows: list[Row]) -> Any:
    columns: list[tuple[Any, ...]] = (list(zip(*rows, strict=True)) if rows
                                       else [() for _ in COLUMNS])
    return pa.Table.from_arrays([pa.array(list(col), type=schema.field(i).type)
                                 for i, col in enumerate(columns)], schema=schema)


def write_rejects(rejects: Iterator[Reject], path: Path) -> int:
    """The rejected records as JSON lines ``{"record", "reason"}``; the count."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    count = 0
    with tmp.open("wb") as fh:
        for record, reason in rejects:
            fh.write(orjson.dumps({"record": record, "reason": reason}) + b"\n")
            count += 1
    tmp.replace(path)
    return count
