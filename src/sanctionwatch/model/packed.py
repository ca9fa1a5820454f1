"""Records packed into one bytes object and rebuilt one at a time, when first read.

A cached index holds tens of thousands of entities and name forms, of which a screening reads a
handful. Rebuilding every one of them as Python objects when a process loads the cache costs
more than the screening itself, so the cache stores them packed: each record's constructor
arguments pickled on their own, end to end in one ``bytes``, with an array of where each one
ends. :class:`PackedRecords` (a sequence) and :class:`PackedMapping` (records by key) unpickle
a record on its first read and keep it; they pickle back as the same bytes, so a packed index
ships to batch workers as compactly as it loads. :class:`LazyMapping` is one pickled mapping
unpickled whole on its first read (for tables a search reads only sometimes).

The bytes are only ever pickles this package wrote into its own cache: read them from nowhere
else.
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")
V = TypeVar("V")

_PROTOCOL = pickle.HIGHEST_PROTOCOL


class PackedRecords(Sequence[T], Generic[T]):
    """An immutable sequence of records, each rebuilt as ``factory(*args)`` on first read."""

    __slots__ = ("_blob", "_decoded", "_ends", "_factory")

    def __init__(self, factory: Callable[..., T], blob: bytes, ends: bytes) -> None:
        self._factory = factory
        self._blob = blob
        self._ends = memoryview(ends).cast("Q")
        self._decoded: list[T | None] = [None] * len(self._ends)

    @classmethod
    def pack(cls, factory: Callable[..., T], rows: Iterable[tuple[Any, ...]]) -> PackedRecords[T]:
        """Pack constructor-argument tuples (``factory(*row)`` rebuilds each record)."""
        parts: list[bytes] = []
        ends = array("Q")
        end = 0
        for row in rows:
            data = pickle.dumps(row, protocol=_PROTOCOL)
            parts.append(data)
            end += len(data)
            ends.append(end)
        return cls(factory, b"".join(parts), ends.tobytes())

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, position: int) -> T: ...

    @overload
    def __getitem__(self, position: slice) -> list[T]: ...

    def __getitem__(self, position: int | slice) -> T | list[T]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        record = self._decoded[position]
        if record is None:
            if position < 0:
                position += len(self._ends)
            start = self._ends[position - 1] if position else 0
            args = pickle.loads(self._blob[start:self._ends[position]])
            record = self._factory(*args)
            self._decoded[position] = record
        return record

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self)))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return type(self), (self._factory, self._blob, self._ends.tobytes())


class PackedMapping(Mapping[str, T], Generic[T]):
    """Records by key, in packing order, each rebuilt on its first read (see PackedRecords)."""

    __slots__ = ("_keys", "_positions", "_records")

    def __init__(self, keys: Sequence[str], records: PackedRecords[T]) -> None:
        if len(keys) != len(records):
            raise ValueError(f"{len(keys)} keys for {len(records)} packed records")
        self._keys = list(keys)
        self._positions = {key: i for i, key in enumerate(self._keys)}
        self._records = records

    @classmethod
    def pack(cls, factory: Callable[..., T], rows: Mapping[str, tuple[Any, ...]]
             ) -> PackedMapping[T]:
        return cls(list(rows), PackedRecords.pack(factory, rows.values()))

    def __getitem__(self, key: str) -> T:
        return self._records[self._positions[key]]

    def __contains__(self, key: object) -> bool:
        return key in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return type(self), (self._keys, self._records)


class LazyMapping(Mapping[str, V], Generic[V]):
    """A pickled mapping, unpickled whole the first time it is read."""

    __slots__ = ("_data", "_loaded")

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._loaded: Mapping[str, V] | None = None

    @classmethod
    def pack(cls, mapping: Mapping[str, V]) -> LazyMapping[V]:
        return cls(pickle.dumps(dict(mapping), protocol=_PROTOCOL))

    @property
    def _mapping(self) -> Mapping[str, V]:
        if self._loaded is None:
            self._loaded = pickle.loads(self._data)
        return self._loaded

    def __getitem__(self, key: str) -> V:
        return self._mapping[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._mapping.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._mapping

    def __iter__(self) -> Iterator[str]:
        return iter(self._mapping)

    def __len__(self) -> int:
        return len(self._mapping)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return type(self), (self._data,)
