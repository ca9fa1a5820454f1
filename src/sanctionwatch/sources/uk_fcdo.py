"""The FCDO UK Sanctions List, XML (``UK-Sanctions-List.xml``): the UK's single list since the
OFSI Consolidated List closed.

Written from the publisher's documentation of the format and from code that reads it; no
copy of the file was available to test it on, so the test fixture is a small file written
by hand in the documented shape. Elements as documented:

``<Designations>`` holds ``<DateGenerated>`` and one ``<Designation>`` per designated party:
``UniqueID`` (the FCDO's reference, ``RUS0123``; our id ``ukfcdo-<UniqueID>``), ``OFSIGroupID``
(the old OFSI ``Group ID``), ``UNReferenceNumber`` (-> ``extra["unReference"]``, which links
the party to its UN listing), ``DateDesignated`` and ``LastUpdated`` (``dd/mm/yyyy``; ``dd`` or
``mm`` when unknown), ``RegimeName``, ``IndividualEntityShip`` (Individual -> Person, Entity ->
Organization, Ship -> Vessel), ``OtherInformation``, ``Names/Name`` (``Name1``..``Name6``,
Name6 the family name or an entity's whole name; ``NameType`` "Primary Name" or "Alias"),
``NonLatinNames/NonLatinName/NameNonLatinScript``, ``Addresses/Address`` (``AddressLine1``..6,
``AddressPostalCode``, ``AddressCountry``), ``IndividualDetails/Individual`` (``DOBs/DOB``,
``Nationalities/Nationality``, ``Positions/Position``, ``Genders/Gender``,
``BirthDetails/Location/TownOfBirth``, ``CountryOfBirth``), ``ShipDetails/Ship``
(``IMONumbers/IMONumber``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sanctionwatch.exc import ListParseError
from sanctionwatch.model import Entity
from sanctionwatch.model.schema import has_property
from sanctionwatch.model.values import country_code
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.common import (
    PARSE_ERRORS,
    build_entity,
    clean_text,
    closing_check,
    find_imo_numbers,
    iso_version,
    parse_date_parts,
    parse_xml,
    require_path,
)

NAME = "uk_fcdo_xml"
_SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
Pairs = list[tuple[str, str | None]]


def parse_fcdo_xml(files: Mapping[str, Path], dataset: str, version: str | None) -> ParsedList:
    """Parse the FCDO UK Sanctions List XML into Person, Organization and Vessel entities."""
    path = require_path(files)
    root = parse_xml(path)
    if root.tag != "Designations":
        raise ListParseError(str(path), f"line {root.sourceline} <{root.tag}>",
                             "root element is not the UK Sanctions List's <Designations>")
    stamp = clean_text(root.findtext("DateGenerated"))
    list_version = (iso_version(stamp, path, "DateGenerated") if stamp else None) or version
    entities = [_designation(el, path, dataset, list_version)
                for el in root.iterchildren("Designation")]
    return ParsedList(entities=entities, version=list_version, checks=(closing_check(path, root),))


def _text(el: Any, path: str) -> str | None:
    return clean_text(el.findtext(path))


def _texts(el: Any, path: str) -> Iterator[str]:
    for node in el.iterfind(path):
        value = clean_text(node.text)
        if value:
            yield value


def _date(text: str | None) -> str | None:
    """``dd/mm/yyyy``, ``dd`` and ``mm`` standing for an unknown day or month."""
    parts = (text or "").split("/")
    if len(parts) != 3:
        return None
    day, month, year = (p if p.isdigit() else None for p in parts)
    return parse_date_parts(year, month, day) if year else None


def _designation(el: Any, path: Path, dataset: str, version: str | None) -> Entity:
    unique_id = _text(el, "UniqueID")
    location = f"line {el.sourceline} <Designation UniqueID={unique_id!r}>"
    try:
        if unique_id is None:
            raise ValueError("no UniqueID")
        kind = (_text(el, "IndividualEntityShip") or "").lower()
        if kind not in _SCHEMATA:
            raise ValueError(f"IndividualEntityShip {kind!r} is not Individual, Entity or Ship")
        schema = _SCHEMATA[kind]
        pairs = _names(el, schema)
        if not any(p == "name" and v for p, v in pairs):
            raise ValueError("no name in Names/Name")
        pairs += _facts(el, schema)
    except PARSE_ERRORS as exc:
        raise ListParseError(str(path), location, str(exc)) from exc
    extra = {key: value for key, value in (("unReference", _text(el, "UNReferenceNumber")),
                                           ("ofsiGroupId", _text(el, "OFSIGroupID"))) if value}
    return build_entity(
        f"ukfcdo-{unique_id}", schema, [(p, v) for p, v in pairs if has_property(schema, p)],
        dataset=dataset, record_id=unique_id, version=version,
        listing_date=_date(_text(el, "DateDesignated")), extra=extra)


def _full_name(node: Any) -> str | None:
    parts = [_text(node, f"Name{i}") for i in range(1, 7)]
    return " ".join(p for p in parts if p) or None


def _names(el: Any, schema: str) -> Pairs:
    """The primary name (the first name when none is marked) with its parts, and aliases."""
    nodes = list(el.iterfind("Names/Name"))
    if not nodes:
        return []
    primary = next((n for n in nodes if (_text(n, "NameType") or "").lower() == "primary name"),
                   nodes[0])
    pairs: Pairs = [("name", _full_name(primary))]
    if schema == "Person":
        pairs += [("firstName", _text(primary, "Name1")), ("lastName", _text(primary, "Name6"))]
        pairs += [("middleName", _text(primary, f"Name{i}")) for i in range(2, 6)]
    pairs += [("alias", _full_name(n)) for n in nodes if n is not primary]
    pairs += [("alias", v) for v in _texts(el, "NonLatinNames/NonLatinName/NameNonLatinScript")]
    return pairs


def _facts(el: Any, schema: str) -> Pairs:
    pairs: Pairs = [("program", _text(el, "RegimeName")), ("notes", _text(el, "OtherInformation"))]
    for address in el.iterfind("Addresses/Address"):
        lines = [_text(address, f"AddressLine{i}") for i in range(1, 7)]
        lines += [_text(address, "AddressPostalCode"), _text(address, "AddressCountry")]
        pairs.append(("address", ", ".join(v for v in lines if v) or None))
        pairs.append(("country", country_code(_text(address, "AddressCountry"))))
    person = el.find("IndividualDetails/Individual")
    if schema == "Person" and person is not None:
        pairs += [("birthDate", _date(v)) for v in _texts(person, "DOBs/DOB")]
        pairs += [("nationality", country_code(v)) for v in _texts(person, "Nationalities/Nationality")]
        pairs += [("position", v) for v in _texts(person, "Positions/Position")]
        pairs += [("gender", v.lower()) for v in _texts(person, "Genders/Gender")]
        pairs += [("birthPlace", v) for v in _texts(person, "BirthDetails/Location/TownOfBirth")]
        pairs += [("birthCountry", country_code(v))
                  for v in _texts(person, "BirthDetails/Location/CountryOfBirth")]
    for imo in _texts(el, "ShipDetails/Ship/IMONumbers/IMONumber"):
        pairs += [("imoNumber", n) for n in (find_imo_numbers(f"IMO {imo}") or (imo,))]
    return pairs
