"""Entities prepared for comparison: names as forms, identifiers, dates and countries normalised.

Preparing is the costly part of a comparison, so the index prepares every listed entity once
and screening prepares only the query. :func:`prepare` accepts an :class:`Entity` or a
FollowTheMoney entity dict. It is the one place the query path normalises values: every
country, gender and date by its FollowTheMoney type (``model.values``), every identifier by
its kind (``names.identifiers``); a value that cannot be read is dropped and noted in
``notes``, which the explanation shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from icu import ICUError

from sanctionwatch.model import Entity
from sanctionwatch.model.entity import NAME_PROPERTIES, PASSPORT_EXTRA
from sanctionwatch.model.values import normalize_properties
from sanctionwatch.names import NameForm, entity_name_forms, tokenize
from sanctionwatch.names.identifiers import (
    ID_PROPERTIES,
    MIN_ID_LENGTH,
    normalize_id,
)

DATE_PROPERTIES: tuple[str, ...] = ("birthDate", "incorporationDate", "buildDate")
#: countries that say what a party is: a person's nationality, a company's jurisdiction, a
#: vessel's flag (and a non-person's country)
COUNTRY_PROPERTIES: tuple[str, ...] = (
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "flag",
)
#: a person's countries that say only where they live, do business or come from: weaker
#: evidence than a nationality
LOOSE_COUNTRY_PROPERTIES: tuple[str, ...] = ("country", "mainCountry")
#: properties that are compared on their own for schemata without names (relationships)
IGNORED_RELATION_PROPS = frozenset({"sourceUrl", "publisher", "modifiedAt", "retrievedAt"})
#: the properties that are not compared as "other" properties
NOT_OTHER = frozenset({*NAME_PROPERTIES, *ID_PROPERTIES, *DATE_PROPERTIES, *COUNTRY_PROPERTIES,
                       *LOOSE_COUNTRY_PROPERTIES, *IGNORED_RELATION_PROPS})
#: identifier properties in the order their values are compared
ID_ORDER = {prop: rank for rank, prop in enumerate(ID_PROPERTIES)}



@dataclass(frozen=True, slots=True)
class PreparedEntity:
    """What the features read from one entity."""

    id: str
    schema: str
    names: tuple[str, ...]
    forms: tuple[NameForm, ...]
    #: (property, normalised value, value as written)
    ids: tuple[tuple[str, str, str], ...]
    #: normalised passport number -> its issuing country, where the publisher gives it
    id_countries: Mapping[str, str]
    dates: tuple[str, ...]
    is_date_approx: bool
    #: nationality, citizenship, jurisdiction, flag (and a non-person's country)
    countries: frozenset[str]
    #: a person's country of residence or business
    loose_countries: frozenset[str]
    gender: str | None
    positions: frozenset[str]
    #: property -> normalised values, for schemata compared on their own properties
    other: tuple[tuple[str, frozenset[str]], ...]
    #: values dropped because they could not be read (``gender 'x' is not a gender...``)
    notes: tuple[str, ...] = ()


def entity_forms(
    names: Sequence[str], is_person: bool = False, notes: list[str] | None = None
) -> list[NameForm]:
    """The distinct name forms of a list of names (a person's marked as such); a name ICU
    cannot transliterate (runs of characters no script's rules cover) gives none, and a note
    in ``notes``."""
    readable: list[str] = []
    for name in names:
        try:
            entity_name_forms([name], is_person)  # cached: read again below for free
        except ICUError:
            if notes is not None:
                notes.append(f"name {name[:40]!r} cannot be transliterated: not compared")
            continue
        readable.append(name)
    return entity_name_forms(readable, is_person)


def _id_countries(entity: Entity) -> dict[str, str]:
    """The issuing countries publishers give for passports (``extra["passport:<number>"]``)."""
    out: dict[str, str] = {}
    for key, code in entity.extra.items():
        if key.startswith(PASSPORT_EXTRA) and code:
            out[normalize_id(key.removeprefix(PASSPORT_EXTRA))] = code.lower()
    return out


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
    properties, notes = normalize_properties(entity.properties)
    entity = Entity(entity.id, entity.schema, properties, extra=entity.extra)
    names = entity.names()
    if forms is None:
        unread = list(notes)
        forms = entity_forms(names, entity.schema == "Person", unread)
        notes = tuple(unread)
    ids = []
    for prop in sorted(properties.keys() & ID_ORDER.keys(), key=ID_ORDER.__getitem__):
        for raw in properties[prop]:
            norm = normalize_id(raw, prop)
            if len(norm) >= MIN_ID_LENGTH:
                ids.append((prop, norm, raw))
    get = properties.get
    dates = tuple(dict.fromkeys(d for p in DATE_PROPERTIES for d in get(p, ())))
    is_person = entity.schema == "Person"
    loose = LOOSE_COUNTRY_PROPERTIES if is_person else ()
    countries = frozenset(c for p in COUNTRY_PROPERTIES if p not in loose for c in get(p, ()))
    loose_countries = frozenset(c for p in loose for c in get(p, ()))
    gender = entity.first("gender")
    positions = frozenset(t for p in get("position", ()) for t in tokenize(p) if len(t) > 2)
    other = () if names else tuple(
        (prop, frozenset(v.strip().lower() for v in values))
        for prop, values in sorted(entity.properties.items())
        if prop not in NOT_OTHER and values
    )
    return PreparedEntity(
        id=entity.id,
        schema=entity.schema,
        names=names,
        forms=tuple(forms),
        ids=tuple(ids),
        id_countries=_id_countries(entity),
        dates=dates,
        is_date_approx="birthDateApprox" in entity.extra,
        countries=countries,
        loose_countries=loose_countries,
        gender=gender,
        positions=positions,
        other=other,
        notes=notes,
    )
