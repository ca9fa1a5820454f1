"""The engine-free batch plan and the per-chunk work every engine runs.

A :class:`BatchPlan` says everything a worker needs, as plain data that serialises to JSON: the
index snapshot (a pickled :class:`~sanctionwatch.index.Index` file and its SHA-256), the
algorithm, threshold and limit, and how input columns map onto FollowTheMoney properties.
:func:`screen_chunk` is the one function an engine calls, in whatever process or executor it
runs, so every engine gives the same rows for the same input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from sanctionwatch.exc import InputError, QueryError
from sanctionwatch.model import Entity
from sanctionwatch.model.query import is_query_property
from sanctionwatch.model.schema import check_schema

if TYPE_CHECKING:
    from sanctionwatch.index import Index

#: mapping targets that are not properties: the record's id and its schema
ID_TARGET = "id"
SCHEMA_TARGET = "schema"


@dataclass(frozen=True, slots=True)
class BatchPlan:
    """Everything a worker needs to screen records: plain data, JSON round-trip."""

    #: path of the pickled index snapshot (local engine workers read it; Spark ships its bytes)
    snapshot: str
    snapshot_sha256: str
    algorithm: str
    threshold: float
    limit: int = 10
    #: (input column, target) pairs; target is a property, ``id`` or ``schema``
    mapping: tuple[tuple[str, str], ...] = ()
    #: the query schema when no column gives one; ``Thing`` = any kind of party
    schema: str = "Thing"
    #: the lists in the snapshot (each loaded complete), as results report them:
    #: ``{"name", "version", "records"}`` (``model.records.list_stamps``)
    lists: tuple[Mapping[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BatchPlan:
        values = dict(data)
        values["mapping"] = tuple((str(c), str(t)) for c, t in values.get("mapping", ()))
        values["lists"] = tuple(dict(stamp) for stamp in values.get("lists", ()))
        return cls(**values)

    def to_json(self) -> str:
        return orjson.dumps(self.to_dict()).decode()

    @classmethod
    def from_json(cls, text: str | bytes) -> BatchPlan:
        return cls.from_dict(orjson.loads(text))

    def fingerprint(self) -> str:
        """A hash of what decides the results (not where the snapshot file sits)."""
        data = asdict(self)
        data.pop("snapshot")
        return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One input row: its key (id column or 1-based row number), its values, or why not."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)
    #: set when the row could not even be read (bad JSON, wrong shape)
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Chunk:
    """A numbered run of consecutive input records: the unit of work and of checkpoints."""

    number: int
    records: tuple[InputRecord, ...]


#: one output row: record, entity_id, caption, score, datasets, explanation (JSON text)
Row = tuple[str, str, str, float, tuple[str, ...], str]
#: one rejected record: record, reason
Reject = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """What screening one chunk produced."""

    number: int
    rows: tuple[Row, ...]
    rejects: tuple[Reject, ...]
    read: int
    screened: int
    with_matches: int


def parse_mapping(pairs: list[str] | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``column=property`` strings into pairs, each target checked; InputError naming a bad one."""
    out: list[tuple[str, str]] = []
    for pair in pairs:
        column, sep, target = pair.partition("=")
        column, target = column.strip(), target.strip()
        if not sep or not column or not target:
            raise InputError(f"--map {pair!r}: expected column=property")
        check_target(target)
        out.append((column, target))
    return tuple(out)


def check_target(target: str) -> None:
    """InputError unless target is ``id``, ``schema`` or a property of some party schema."""
    if target in (ID_TARGET, SCHEMA_TARGET):
        return
    if not is_query_property("Thing", target):
        raise InputError(
            f"--map: {target!r} is not a FollowTheMoney property of a party "
            f"(e.g. name, alias, birthDate, nationality, country, idNumber, imoNumber)"
        )


def default_mapping(columns: list[str]) -> tuple[tuple[str, str], ...]:
    """Columns named like a property (or ``id``/``schema``) map onto themselves."""
    out: list[tuple[str, str]] = []
    for column in columns:
        try:
            check_target(column)
        except InputError:
            continue
        out.append((column, column))
    return tuple(out)


def _values(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, (list, tuple)):
        return tuple(v for item in raw for v in _values(item))
    text = str(raw).strip()
    return (text,) if text else ()


#: the properties that name a party: a record needs a value in one of them
NAME_TARGETS = ("name", "alias", "previousName")


#: the schema of the input records that state who owns whom (networks/ownership.py)
OWNERSHIP_SCHEMA = "Ownership"


def is_ownership(record: InputRecord) -> bool:
    """Whether the record is an FtM Ownership (who owns whom), not a party to screen."""
    schema = record.values.get("schema")
    return isinstance(schema, str) and schema.strip() == OWNERSHIP_SCHEMA


def build_query(
    record: InputRecord, mapping: tuple[tuple[str, str], ...], schema: str = "Thing"
) -> Entity:
    """The query entity for one record (``schema`` unless a column gives one); InputError
    naming the column and the problem."""
    props: dict[str, list[str]] = {}
    for column, target in mapping:
        values = _values(record.values.get(column))
        if not values or target == ID_TARGET:
            continue
        if target == SCHEMA_TARGET:
            try:
                schema = check_schema(values[0])
            except QueryError as exc:
                raise InputError(f"column {column!r}: {exc}") from exc
            continue
        # values are read by their type where every query is (match.prepare)
        bucket = props.setdefault(target, [])
        for value in values:
            if value not in bucket:
                bucket.append(value)
    if not any(props.get(p) for p in NAME_TARGETS):
        raise InputError("no name: every record needs a value in a column mapped to name")
    return Entity(id=record.key, schema=schema, properties={k: tuple(v) for k, v in props.items()})


def screen_chunk(plan: BatchPlan, index: Index, chunk: Chunk) -> ChunkResult:
    """Screen every record of a chunk: rows at or above the threshold, rejects with reasons."""
    from sanctionwatch.screen import ScreeningConfig, screen

    # only matches are written, so candidates that cannot reach the threshold are skipped
    config = ScreeningConfig(threshold=plan.threshold, limit=plan.limit, algorithm=plan.algorithm,
                             min_score=plan.threshold)
    rows: list[Row] = []
    rejects: list[Reject] = []
    screened = with_matches = 0
    for record in chunk.records:
        if record.error is not None:
            rejects.append((record.key, record.error))
            continue
        if is_ownership(record):  # who owns whom: batch/ownership.py reads it after the run
            continue
        try:
            query = build_query(record, plan.mapping, plan.schema)
            result = screen(index, query, config)
        except (InputError, QueryError) as exc:
            rejects.append((record.key, str(exc)))
            continue
        screened += 1
        # ties (the same party on two lists) in one order, whatever the float's last bits
        hits = sorted((m for m in result.matches if m.score >= plan.threshold),
                      key=lambda m: (-round(m.score, 4), m.entity.id))
        if hits:
            with_matches += 1
        for match in hits:
            explanation = orjson.dumps(match.explanation.to_dict()).decode()
            rows.append((record.key, match.entity.id, match.entity.caption,
                         round(match.score, 4), tuple(match.datasets), explanation))
    return ChunkResult(chunk.number, tuple(rows), tuple(rejects), len(chunk.records),
                       screened, with_matches)


def write_snapshot(index: Index, path: Path) -> str:
    """Pickle the index, every entity prepared, to path (atomically); returns its SHA-256."""
    from sanctionwatch.screen import warm_index
    from sanctionwatch.sources.snapshot import dump_index

    warm_index(index)
    data = dump_index(index)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return hashlib.sha256(data).hexdigest()


_SNAPSHOTS: dict[str, Index] = {}


def snapshot_from_bytes(data: bytes, sha256: str) -> Index:
    """The index in a snapshot, unpickled once per process (cached by its hash)."""
    cached = _SNAPSHOTS.get(sha256)
    if cached is None:
        if hashlib.sha256(data).hexdigest() != sha256:
            raise InputError(f"index snapshot {sha256[:12]}: content does not match its hash")
        from sanctionwatch.sources.snapshot import load_dumped

        cached = load_dumped(data)
        _SNAPSHOTS.clear()  # one index per worker: drop the previous run's
        _SNAPSHOTS[sha256] = cached
    return cached


def load_snapshot(plan: BatchPlan) -> Index:
    """The plan's index, read from its snapshot file once per process."""
    cached = _SNAPSHOTS.get(plan.snapshot_sha256)
    if cached is not None:
        return cached
    return snapshot_from_bytes(Path(plan.snapshot).read_bytes(), plan.snapshot_sha256)
