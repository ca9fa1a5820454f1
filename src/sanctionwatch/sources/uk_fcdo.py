"""The FCDO UK Sanctions List, XML (``UK-Sanctions-List.xml``) and CSV (``UK-Sanctions-List.csv``):
the UK's single list since the OFSI Consolidated List closed.

Written from the publisher's documentation of the formats and from code that reads them; no
copy of the files was available to test on, so the test fixtures are small files written by
hand in the documented shape. The XML's elements as documented:

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
from sanctionwatch.sources.uk import read_rows

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


# --- the CSV form (UK-Sanctions-List.csv) -------------------------------------------------
#
# Line 1 reads ``Report Date: 08-Oct-2026``; line 2 is the header (``Last Updated``, ``Unique
# ID``, ``OFSI Group ID``, ``UN Reference Number``, ``Name 6``, ``Name 1`` .. ``Name 5``, ``Name
# type``, ..., ``Regime Name``, ``Designation Type``, ..., ``D.O.B``, ``Nationality(/ies)``,
# ..., ``IMO number``); then one row per name and address of a designation, the rows of one
# designation sharing its Unique ID. The same facts as the XML, so the same entities.

_CSV_REQUIRED = ("Unique ID", "Name 6", "Name type", "Designation Type")
_CSV_FACTS = (("Regime Name", "program"), ("Other Information", "notes"),
              ("Position", "position"), ("Town of birth", "birthPlace"),
              ("Passport number", "passportNumber"), ("IMO number", "imoNumber"))
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def parse_fcdo_csv(files: Mapping[str, Path], dataset: str, version: str | None) -> ParsedList:
    """Parse the FCDO UK Sanctions List CSV into Person, Organization and Vessel entities."""
    path = require_path(files)
    rows = read_rows(path)
    first = next(rows, None)
    if first is None or not first[1][0].lower().startswith("report date"):
        raise ListParseError(str(path), "line 1", "expected 'Report Date: dd-Mon-yyyy'")
    list_version = _report_date(first[1][0]) or version
    header_row = next(rows, None)
    header = [h.strip() for h in header_row[1]] if header_row else []
    missing = [c for c in _CSV_REQUIRED if c not in header]
    if missing:
        raise ListParseError(str(path), "line 2", f"missing columns: {', '.join(missing)}")
    groups: dict[str, list[dict[str, str]]] = {}
    for number, cells in rows:
        row = dict(zip(header, cells, strict=False))
        unique_id = clean_text(row.get("Unique ID"))
        if unique_id is None:
            raise ListParseError(str(path), f"line {number}", "empty Unique ID")
        groups.setdefault(unique_id, []).append(row)
    entities = [_csv_designation(uid, grp, path, dataset, list_version)
                for uid, grp in groups.items()]
    check = (f"{path.name}: parsed to its last row (the format states no record count or end "
             "mark)")
    return ParsedList(entities=entities, version=list_version, checks=(check,))


def _report_date(text: str) -> str | None:
    day, _, rest = text.partition(":")[2].strip().partition("-")
    month, _, year = rest.partition("-")
    number = _MONTHS.get(month[:3].lower())
    return parse_date_parts(year, str(number), day) if number else None


def _csv_designation(unique_id: str, rows: list[dict[str, str]], path: Path, dataset: str,
                     version: str | None) -> Entity:
    try:
        kind = (clean_text(rows[0].get("Designation Type")) or "").lower()
        if kind not in _SCHEMATA:
            raise ValueError(f"Designation Type {kind!r} is not Individual, Entity or Ship")
        schema = _SCHEMATA[kind]
        primary = next((r for r in rows if (r.get("Name type") or "").strip().lower()
                        == "primary name"), rows[0])
        pairs: Pairs = [("name", _csv_name(primary))]
        if schema == "Person":
            pairs += [("firstName", clean_text(primary.get("Name 1"))),
                      ("lastName", clean_text(primary.get("Name 6")))]
        for row in rows:
            pairs += _csv_facts(row, primary)
        if not pairs[0][1]:
            raise ValueError("no name in Name 1-6")
    except PARSE_ERRORS as exc:
        raise ListParseError(str(path), f"Unique ID {unique_id}", str(exc)) from exc
    first = rows[0]
    extra = {k: v for k, v in (("unReference", clean_text(first.get("UN Reference Number"))),
                               ("ofsiGroupId", clean_text(first.get("OFSI Group ID")))) if v}
    return build_entity(
        f"ukfcdo-{unique_id}", schema, [(p, v) for p, v in pairs if has_property(schema, p)],
        dataset=dataset, record_id=unique_id, version=version,
        listing_date=_date(clean_text(first.get("Date Designated"))), extra=extra)


def _csv_name(row: Mapping[str, str]) -> str | None:
    parts = [clean_text(row.get(f"Name {i}")) for i in (1, 2, 3, 4, 5, 6)]
    return " ".join(p for p in parts if p) or None


def _csv_facts(row: Mapping[str, str], primary: Mapping[str, str]) -> Pairs:
    pairs: Pairs = [] if row is primary else [("alias", _csv_name(row))]
    pairs.append(("alias", clean_text(row.get("Name non-latin script"))))
    pairs += [(prop, clean_text(row.get(column))) for column, prop in _CSV_FACTS]
    lines = [clean_text(row.get(f"Address Line {i}")) for i in range(1, 7)]
    lines += [clean_text(row.get("Address Postal Code")), clean_text(row.get("Address Country"))]
    pairs.append(("address", ", ".join(v for v in lines if v) or None))
    pairs.append(("country", country_code(clean_text(row.get("Address Country")))))
    pairs.append(("birthDate", _date(clean_text(row.get("D.O.B")))))
    pairs.append(("nationality", country_code(clean_text(row.get("Nationality(/ies)")))))
    pairs.append(("birthCountry", country_code(clean_text(row.get("Country of birth")))))
    gender = clean_text(row.get("Gender"))
    pairs.append(("gender", gender.lower() if gender else None))
    return pairs
