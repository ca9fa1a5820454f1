"""Tables derived from the data of the libraries below us, built once and carried by the cache.

The core reads a few tables it derives from its libraries' data: every name of every country
from rigour's territories, transliterated and cut into tokens (``names.countries``); the codes
and names of every territory, with CLDR's numeric codes (``model.values``). Building them costs
a new process most of a second, though they depend only on that data and this code. Each is a
:class:`DerivedTable`, registered by name: it is built on first use, or handed in by
:func:`use_tables` from the index cache (``sources/snapshot.py`` stores :func:`built_tables`
beside the index it built with them), so a process that reads the cache never builds them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_REGISTRY: dict[str, DerivedTable[Any]] = {}


class DerivedTable(Generic[T]):
    """A table built by ``build`` on first use (once per process), or handed in."""

    __slots__ = ("_build", "_value", "name")

    def __init__(self, name: str, build: Callable[[], T]) -> None:
        if name in _REGISTRY:
            raise ValueError(f"a derived table named {name!r} is registered already")
        self.name = name
        self._build = build
        self._value: T | None = None
        _REGISTRY[name] = self

    def get(self) -> T:
        if self._value is None:
            self._value = self._build()
        return self._value


def built_tables() -> dict[str, object]:
    """The tables built (or handed in) so far in this process, by name."""
    return {name: table._value for name, table in _REGISTRY.items() if table._value is not None}


def use_tables(tables: Mapping[str, object]) -> None:
    """Use these tables, which :func:`built_tables` gave in a process with the same library
    data and code, instead of building them; a name no table registers is ignored."""
    for name, value in tables.items():
        table = _REGISTRY.get(name)
        if table is not None:
            table._value = value
