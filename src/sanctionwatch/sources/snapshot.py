"""The screening index of a list directory, built once per list version and cached on disk.

``load_index(data_dir, cache_dir, policy)`` parses the lists and builds the index, or reads the
index cached for exactly the same list files (each source complete, or nothing is loaded: see
``catalog``), then compares each source with its last good load (``history``, when the policy
names the record) and refuses a big drop unless the policy allows it. The cache holds only
complete loads: the cache key hashes every list file's size, mtime and
content (and the cache format version), so a changed list is never answered from a stale index.
The cache file is written atomically (temporary file, then rename); a corrupt or unreadable one
is ignored and rebuilt. It is one pickle, read in one go (with the derived tables of
:mod:`~sanctionwatch.model.tables`, so a query need not build them), that rebuilds only what
every search reads (the posting lists, ids, identifiers): the entities and name forms stay packed
(:mod:`sanctionwatch.model.packed`) until a search proposes them, the typo neighbourhood until a
query has a token the lists do not carry; listed entities are prepared for comparison lazily,
when first proposed as candidates. So a new process answers its first query quickly.

The first run parses the lists and builds the index; ``progress`` (a :class:`LoadProgress`)
hears how far it got, for the command line's progress bar.

:class:`ListVersions` offers the downloaded lists (:class:`~sanctionwatch.sources.fetch.ListStore`)
as named versions, each loaded through this cache: what the service watches for list updates.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import io
import logging
import os
import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sanctionwatch.index import Index, build_index
from sanctionwatch.match.prepared import PreparedEntity
from sanctionwatch.model import Collection, Entity
from sanctionwatch.model.packed import LazyMapping, PackedMapping, PackedRecords
from sanctionwatch.model.tables import built_tables, use_tables
from sanctionwatch.names import NameForm
from sanctionwatch.sources.catalog import SourceSpec, load_collection, require_any, select_specs
from sanctionwatch.sources.history import LoadHistory

if TYPE_CHECKING:
    from sanctionwatch.sources.fetch import ListStore

log = logging.getLogger(__name__)

#: bump when the index or its records change shape: old cache files are then ignored
CACHE_FORMAT = "sw-index-17"
_PREFIX = "index-"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class LoadPolicy:
    """Which sources to load and how a load is checked against the last good one."""

    #: the sources to load (None: every bundled source and every other one present)
    sources: tuple[str, ...] | None = None
    #: the record of the last good loads (None: no comparison)
    history: Path | None = None
    #: accept a load that lost more than the limit (and record it as the last good one)
    allow_drop: bool = False


class LoadProgress(Protocol):
    """Told how far building an index got: ``stage`` is ``parse`` (reading the list files),
    ``index`` (``done`` of ``total`` entities filed) or ``cache`` (writing the cache)."""

    def __call__(self, stage: str, done: int, total: int | None) -> None: ...


def list_files(data_dir: Path, specs: Iterable[SourceSpec] | None = None) -> list[Path]:
    """The files of these sources (default: those ``select_specs`` picks), in catalogue
    order; ListFileMissing naming a file that is not there."""
    out: list[Path] = []
    for spec in specs if specs is not None else select_specs(data_dir):
        out.extend(spec.require_files(data_dir).values())
    return out


def cache_key(files: Iterable[Path]) -> str:
    """A hash of the files' names, sizes, mtimes and contents, and of the cache format."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()[:32]


def _entity_args(entity: Entity) -> tuple[Any, ...]:
    return (entity.id, entity.schema, entity.properties, entity.datasets, entity.record_id,
            entity.version, entity.listing_date, entity.extra)


def _reduce_entity(entity: Entity) -> tuple[Any, tuple[Any, ...]]:
    return Entity, _entity_args(entity)


def _reduce_prepared(record: PreparedEntity) -> tuple[Any, tuple[Any, ...]]:
    return PreparedEntity, tuple(getattr(record, f) for f in PreparedEntity.__slots__)


def _reduce_array(values: array[int]) -> tuple[Any, tuple[Any, ...]]:
    return array, (values.typecode, values.tobytes())


def packed(index: Index) -> Index:
    """The same index with its entities, name forms and typo neighbourhood packed (see the
    module's docstring); parts packed already stay as they are."""
    collection = index.collection
    entities = collection.entities
    if not isinstance(entities, PackedMapping):
        entities = PackedMapping.pack(Entity, {k: _entity_args(e) for k, e in entities.items()})
    forms = index.forms
    if not isinstance(forms, PackedRecords):
        forms = PackedRecords.pack(NameForm, forms)
    neighbours = index.neighbours
    if not isinstance(neighbours, LazyMapping):
        neighbours = LazyMapping.pack(neighbours)
    return replace(index, collection=Collection(entities, collection.sources, collection.links,
                                                collection.clusters, collection.relations),
                   forms=forms, neighbours=neighbours)


def dump_index(index: Index) -> bytes:
    """The index as compact pickle bytes (packed: a new process reads it quickly), with the
    derived tables (:mod:`~sanctionwatch.model.tables`) its name forms and values were made
    with: a query needs them too, and building them anew would cost a new process a second."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    table = copyreg.dispatch_table.copy()
    table[Entity] = _reduce_entity
    table[PreparedEntity] = _reduce_prepared
    table[array] = _reduce_array
    pickler.dispatch_table = table
    pickler.dump((packed(index), built_tables()))
    return buffer.getvalue()


def load_dumped(data: bytes) -> Index:
    """The index :func:`dump_index` wrote, its derived tables put back in use; ValueError
    when the bytes hold something else."""
    with _made_to_last():
        loaded = pickle.loads(data)
    match loaded:
        case (Index() as index, dict() as tables):
            use_tables(tables)
            return index
    raise ValueError(f"not a dumped index but {type(loaded).__name__}")


def _read_cache(path: Path) -> Index | None:
    try:
        index = load_dumped(path.read_bytes())  # one read of the whole file
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - any damage to the cache means: rebuild it
        log.warning("%s: ignoring unreadable index cache (%s)", path, exc)
        return None
    return index


def _write_cache(cache_dir: Path, path: Path, index: Index) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    data = dump_index(index)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=cache_dir)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in cache_dir.glob(f"{_PREFIX}*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def load_index(
    data_dir: Path,
    cache_dir: Path | None = None,
    policy: LoadPolicy | None = None,
    progress: LoadProgress | None = None,
) -> Index:
    """The screening index over the lists in data_dir, from the cache when it is current;
    ListDropped when a source lost much since its last good load and the policy does not
    allow it."""
    policy = policy or LoadPolicy()
    specs = select_specs(data_dir, only=policy.sources)
    index = _load(data_dir, cache_dir, specs, progress)
    if policy.history is not None:
        history = LoadHistory(policy.history)
        if not policy.allow_drop:
            history.check(index.collection.sources)
        history.accept(index.collection.sources)
    return index


def lists_key(data_dir: Path, sources: Iterable[str] | None = None) -> str:
    """The cache key of the lists a load would read (:func:`cache_key` of their files);
    ListFileMissing naming a file that is not there."""
    return cache_key(list_files(data_dir, select_specs(data_dir, only=sources)))


def _build(data_dir: Path, specs: list[SourceSpec], progress: LoadProgress | None) -> Index:
    """Parse the lists and index them without the cyclic collector: they make millions of
    objects that last, which every collection would rescan (it took 40% of a first run).
    Parsing and indexing leave no reference cycles (a test checks it), so the index is frozen
    as it is, without a full collection (half a second over a million objects)."""
    with _made_to_last():
        if progress is not None:
            progress("parse", 0, None)
        collection = load_collection(data_dir, specs, [spec.name for spec in specs])
        if progress is None:
            return build_index(collection)
        return build_index(collection, lambda done, total: progress("index", done, total))


@contextmanager
def _made_to_last() -> Iterator[None]:
    """Objects made in this block live as long as the process (an index): make them without
    the cyclic collector, which would rescan every one of them, and freeze them when the block
    ends well, out of every later collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def _load(
    data_dir: Path, cache_dir: Path | None, specs: list[SourceSpec], progress: LoadProgress | None
) -> Index:
    require_any(data_dir, specs)
    if cache_dir is None:
        return _build(data_dir, specs, progress)
    path = cache_dir / f"{_PREFIX}{cache_key(list_files(data_dir, specs))}.pickle"
    index = _read_cache(path)
    if index is not None:
        return index
    index = _build(data_dir, specs, progress)
    if progress is not None:
        progress("cache", 0, None)
    try:
        _write_cache(cache_dir, path, index)
    except OSError as exc:
        log.warning("%s: could not write the index cache (%s)", cache_dir, exc)
    return index


@dataclass(frozen=True, slots=True)
class ListVersions:
    """The lists as versions: which one is current (cheap to ask) and the index of one."""

    lists: ListStore
    cache_dir: Path | None = None
    policy: LoadPolicy | None = None

    def current(self) -> str:
        return self.lists.active_version()

    def load(self, version: str) -> Index:
        return load_index(self.lists.version_dir(version), self.cache_dir, self.policy)
