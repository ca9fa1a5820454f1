"""The screening index of a list directory, built once per list version and cached on disk.

``load_index(data_dir, cache_dir)`` parses the lists and builds the index, or reads the index
cached for exactly the same list files: the cache key hashes every list file's size, mtime and
content (and the cache format version), so a changed list is never answered from a stale index.
The cache file is written atomically (temporary file, then rename); a corrupt or unreadable one
is ignored and rebuilt. Pickled with compact reducers (entities as constructor arguments, posting
arrays as bytes) so that a new process answers its first query quickly; listed entities are prepared
for comparison lazily, when first proposed as candidates.

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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sanctionwatch.index import Index, build_index
from sanctionwatch.match.prepared import PreparedEntity
from sanctionwatch.model import Entity
from sanctionwatch.sources.catalog import SourceSpec, load_collection, load_specs

if TYPE_CHECKING:
    from sanctionwatch.sources.fetch import ListStore

log = logging.getLogger(__name__)

#: bump when the index or its records change shape: old cache files are then ignored
CACHE_FORMAT = "sw-index-9"
_PREFIX = "index-"
_CHUNK = 1 << 20


def list_files(data_dir: Path, specs: Iterable[SourceSpec] | None = None) -> list[Path]:
    """The files of every available source under data_dir, in catalogue order."""
    out: list[Path] = []
    for spec in specs if specs is not None else load_specs():
        if spec.is_available(data_dir):
            out.extend(p for p in spec.paths(data_dir).values() if p.is_file())
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


def _reduce_entity(entity: Entity) -> tuple[Any, tuple[Any, ...]]:
    return Entity, (
        entity.id,
        entity.schema,
        entity.properties,
        entity.datasets,
        entity.record_id,
        entity.version,
        entity.listing_date,
        entity.extra,
    )


def _reduce_prepared(record: PreparedEntity) -> tuple[Any, tuple[Any, ...]]:
    return PreparedEntity, tuple(getattr(record, f) for f in PreparedEntity.__slots__)


def _reduce_array(values: array[int]) -> tuple[Any, tuple[Any, ...]]:
    return array, (values.typecode, values.tobytes())


def dump_index(index: Index) -> bytes:
    """The index as compact pickle bytes."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    table = copyreg.dispatch_table.copy()
    table[Entity] = _reduce_entity
    table[PreparedEntity] = _reduce_prepared
    table[array] = _reduce_array
    pickler.dispatch_table = table
    pickler.dump(index)
    return buffer.getvalue()


def _read_cache(path: Path) -> Index | None:
    enabled = gc.isenabled()
    gc.disable()  # millions of fresh objects: the cyclic collector would rescan them all
    try:
        with path.open("rb") as handle:
            index = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - any damage to the cache means: rebuild it
        log.warning("%s: ignoring unreadable index cache (%s)", path, exc)
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(index, Index):
        log.warning("%s: ignoring index cache holding %s", path, type(index).__name__)
        return None
    gc.freeze()  # the index lives as long as the process: keep it out of every collection
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


def load_index(data_dir: Path, cache_dir: Path | None = None) -> Index:
    """The screening index over the lists in data_dir, from the cache when it is current."""
    if cache_dir is None:
        return build_index(load_collection(data_dir))
    path = cache_dir / f"{_PREFIX}{cache_key(list_files(data_dir))}.pickle"
    index = _read_cache(path)
    if index is not None:
        return index
    index = build_index(load_collection(data_dir))
    try:
        _write_cache(cache_dir, path, index)
    except OSError as exc:
        log.warning("%s: could not write the index cache (%s)", cache_dir, exc)
    gc.collect()
    gc.freeze()
    return index


@dataclass(frozen=True, slots=True)
class ListVersions:
    """The lists as versions: which one is current (cheap to ask) and the index of one."""

    lists: ListStore
    cache_dir: Path | None = None

    def current(self) -> str:
        return self.lists.active_version()

    def load(self, version: str) -> Index:
        return load_index(self.lists.version_dir(version), self.cache_dir)
