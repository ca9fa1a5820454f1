"""Entities prepared for comparison: names as forms, identifiers, dates and countries normalised.

Preparing is the costly part of a comparison, so the index prepares every listed entity once
and screening prepares only the query. :func:`prepare` accepts an :class:`Entity` or a
FollowTheMoney entity dict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sanctionwatch.model import Entity
from sanctionwatch.model.entity import NAME_PROPERTIES
from sanctionwatch.names import NameForm, entity_name_forms, tokenize
from sanctionwatch.names.identifiers import (
    ID_PROPERTIES,
    MIN_ID_LENGTH,
    normalize_id,
)

DATE_PROPERTIES: tuple[str, ...] = ("birthDate", "incorporationDate", "buildDate")
COUNTRY_PROPERTIES: tuple[str, ...] = (
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "flag",
)
#: properties that are compared on their own for schemata without names (relationships)
IGNORED_RELATION_PROPS = frozenset({"sourceUrl", "publisher", "modifiedAt", "retrievedAt"})


_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True)
class PreparedEntity:
    """What the features read from one entity."""

    id: str
    schema: str
    names: tuple[str, ...]
    forms: tuple[NameForm, ...]
    #: (property, normalised value, value as written)
    ids: tuple[tuple[str, str, str], ...]
    dates: tuple[str, ...]
    is_date_approx: bool
    countries: frozenset[str]
    gender: str | None
    positions: frozenset[str]
    #: property -> normalised values, for schemata compared on their own properties
    other: tuple[tuple[str, frozenset[str]], ...]


def normalize_date(value: str) -> str | None:
    """An ISO date prefix from a loosely written date: ``1982-9-26`` -> ``1982-09-26``; a month
    over 12 with a day that could be one is taken as swapped; nonsense keeps only its year."""
    match = _DATE.match(value.strip())
    if match is None:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if month is None:
        return year
    m = int(month)
    d = int(day) if day is not None else None
    if m > 12 and d is not None and 1 <= d <= 12:
        m, d = d, m
    if not 1 <= m <= 12:
        return year
    if d is None:
        return f"{year}-{m:02d}"
    if not 1 <= d <= 31:
        return f"{year}-{m:02d}"
    return f"{year}-{m:02d}-{d:02d}"


def _as_entity(value: Entity | Mapping[str, Any]) -> Entity:
    if isinstance(value, Entity):
        return value
    return Entity.from_ftm(value)


def prepare(
    value: Entity | Mapping[str, Any], forms: Sequence[NameForm] | None = None
) -> PreparedEntity:
    """Prepare an Entity or a FollowTheMoney entity dict for comparison (``forms``: its name
    forms when already computed, as the index has them)."""
    entity = _as_entity(value)
    names = entity.names()
    if forms is None:
        forms = entity_name_forms(names, entity.schema == "Person")
    ids = []
    for prop in ID_PROPERTIES:
        for raw in entity.get(prop):
            norm = normalize_id(raw, prop)
            if len(norm) >= MIN_ID_LENGTH:
                ids.append((prop, norm, raw))
    dates = tuple(
        dict.fromkeys(n for p in DATE_PROPERTIES for d in entity.get(p) if (n := normalize_date(d)))
    )
    countries = frozenset(c.lower() for p in COUNTRY_PROPERTIES for c in entity.get(p))
    gender = entity.first("gender")
    positions = frozenset(t for p in entity.get("position") for t in tokenize(p) if len(t) > 2)
    skip = {*NAME_PROPERTIES, *ID_PROPERTIES, *DATE_PROPERTIES, *COUNTRY_PROPERTIES}
    other = tuple(
        (prop, frozenset(v.strip().lower() for v in values))
        for prop, values in sorted(entity.properties.items())
        if prop not in skip and prop not in IGNORED_RELATION_PROPS and values and not names
    )
    return PreparedEntity(
        id=entity.id,
        schema=entity.schema,
        names=names,
        forms=tuple(forms),
        ids=tuple(ids),
        dates=dates,
        is_date_approx="birthDateApprox" in entity.extra,
        countries=countries,
        gender=gender.lower() if gender else None,
        positions=positions,
        other=other,
    )
