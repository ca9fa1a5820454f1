"""Entities: one listed party (or a query) in FollowTheMoney's vocabulary.

An :class:`Entity` has a FollowTheMoney schema name (``Person``, ``Organization``, ``Company``,
``LegalEntity``, ``Vessel``, ``Airplane``, ``CryptoWallet``, ...) and FollowTheMoney properties,
each a tuple of string values (dates are ISO prefixes: ``1966``, ``1966-05``, ``1966-05-07``;
countries are ISO 3166-1 alpha-2 codes in lower case, as FollowTheMoney writes them).

Provenance travels with every listed entity: the dataset (our source name, e.g. ``ofac_sdn``),
the list's version date and the publisher's own record id. The JSON form is FollowTheMoney's
entity JSON (``{"id", "schema", "properties", "datasets", ...}``) so OpenSanctions tooling
reads our exports and we read theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from sanctionwatch.exc import QueryError

Properties = Mapping[str, tuple[str, ...]]

#: ``extra["passport:<number>"] = "<country code>"``: a passport's issuing country, where the
#: publisher gives it (sources/common.py)
PASSPORT_EXTRA = "passport:"
#: Properties that hold a name of the entity, strongest first.
NAME_PROPERTIES: tuple[str, ...] = ("name", "alias", "previousName", "weakAlias", "abbreviation")


@dataclass(frozen=True, slots=True)
class Entity:
    """A listed party or a query, with FollowTheMoney schema and properties."""

    id: str
    schema: str
    properties: Properties
    datasets: tuple[str, ...] = ()
    #: the publisher's own record id (OFAC ent_num, UN reference number, EU logical id, ...)
    record_id: str | None = None
    #: the version (publication date, ISO) of the list this record came from
    version: str | None = None
    #: the date the publisher first listed the party, where it says
    listing_date: str | None = None
    #: listing program tags etc. stay in properties; free facts that fit no property go here
    extra: Mapping[str, str] = field(default_factory=dict)

    def get(self, prop: str) -> tuple[str, ...]:
        """All values of a property (empty tuple when absent)."""
        return self.properties.get(prop, ())

    def first(self, prop: str) -> str | None:
        """The first value of a property, or None."""
        values = self.properties.get(prop)
        return values[0] if values else None

    @property
    def caption(self) -> str:
        """The display name: the first name, else the first other name, else the id."""
        for prop in NAME_PROPERTIES:
            value = self.first(prop)
            if value:
                return value
        return self.id

    def names(self) -> tuple[str, ...]:
        """Every name the entity is known by (name, aliases, previous and weak names)."""
        out: list[str] = []
        for prop in NAME_PROPERTIES:
            out.extend(v for v in self.get(prop) if v not in out)
        return tuple(out)

    def to_ftm(self) -> dict[str, Any]:
        """FollowTheMoney entity JSON (plus our provenance keys, which FtM readers ignore)."""
        data: dict[str, Any] = {
            "id": self.id,
            "caption": self.caption,
            "schema": self.schema,
            "properties": {k: list(v) for k, v in self.properties.items() if v},
            "datasets": list(self.datasets),
        }
        if self.record_id is not None:
            data["record_id"] = self.record_id
        if self.version is not None:
            data["version"] = self.version
        if self.listing_date is not None:
            data["listing_date"] = self.listing_date
        if self.extra:
            data["extra"] = dict(self.extra)
        return data

    @classmethod
    def from_ftm(cls, data: Mapping[str, Any], default_id: str = "query") -> Entity:
        """Read FollowTheMoney entity JSON, as written by :meth:`to_ftm` or by OpenSanctions.

        Raises :class:`QueryError` naming the field when the shape is wrong.
        """
        if not isinstance(data, Mapping):
            raise QueryError(f"entity: expected a JSON object, got {type(data).__name__}")
        schema = data.get("schema")
        if not isinstance(schema, str) or not schema:
            raise QueryError("entity: 'schema' must be a non-empty string")
        raw = data.get("properties", {})
        if not isinstance(raw, Mapping):
            raise QueryError("entity: 'properties' must be an object of property -> [values]")
        props: dict[str, tuple[str, ...]] = {}
        for key, values in raw.items():
            if isinstance(values, str):
                values = [values]
            if not isinstance(values, list) or not all(map(isinstance, values, repeat(str))):
                raise QueryError(f"entity: property {key!r} must be a list of strings")
            cleaned = tuple(filter(None, map(str.strip, values)))
            if cleaned:
                props[str(key)] = cleaned
        datasets = data.get("datasets", ())
        extra = data.get("extra", {})
        return cls(
            id=str(data.get("id") or default_id),
            schema=schema,
            properties=props,
            datasets=tuple(str(d) for d in datasets) if isinstance(datasets, list) else (),
            record_id=_opt_str(data.get("record_id")),
            version=_opt_str(data.get("version")),
            listing_date=_opt_str(data.get("listing_date")),
            extra={str(k): str(v) for k, v in extra.items()} if isinstance(extra, Mapping) else {},
        )


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def make_properties(pairs: Iterable[tuple[str, str | None]]) -> dict[str, tuple[str, ...]]:
    """Collect (property, value) pairs into a properties mapping: stripped, de-duplicated,
    in first-seen order, empty values dropped."""
    acc: dict[str, list[str]] = {}
    for prop, value in pairs:
        if value is None:
            continue
        value = value.strip()
        if not value:
            continue
        bucket = acc.setdefault(prop, [])
        if value not in bucket:
            bucket.append(value)
    return {k: tuple(v) for k, v in acc.items()}
