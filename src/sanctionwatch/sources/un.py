"""The UN Security Council Consolidated List (``consolidated.xml``).

One ``INDIVIDUAL`` becomes a ``Person``, one ``ENTITY`` an ``Organization``: the UN lists
companies, banks, armed groups and foundations under ENTITY, so ``Organization`` fits them all,
and unlike ``LegalEntity`` it carries ``imoNumber`` (the DPRK shipping companies' IMO company
numbers, quoted in their comments). Ids are ``un-<reference number>`` with the reference
stripped (the file writes ``KPe.045 `` with a trailing space).

Names. The four name slots hold the name in the order the UN writes it, not a fixed
given/family order: for most lists FIRST_NAME is the given name and the last filled slot the
family name (or nisba, ``AL-TIKRITI``), the slots between are middle or patronymic names; for
the DPRK list (``KPi.*``) FIRST_NAME is the family name (``YUN`` / ``HO-JIN``), as in Korean.
``name`` is always the slots joined in file order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sanctionwatch.exc import IncompleteListError, ListParseError
from sanctionwatch.model import Entity
from sanctionwatch.model.values import country_code
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.common import (
    PARSE_ERRORS,
    Pairs,
    add_extra,
    build_entity,
    clean_text,
    closing_check,
    find_gender,
    find_imo_numbers,
    iso_version,
    parse_loose_date,
    parse_xml,
    require_path,
    strip_quotes,
    year_range,
)

NAME = "un_xml"

#: an element's child elements by tag
Kids = dict[str, list[Any]]

#: the groups every consolidated list holds (the list states no record count)
GROUPS = ("INDIVIDUALS", "ENTITIES")
_NAME_SLOTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_ALIAS_PROPS = {"good": "alias", "a.k.a.": "alias", "": "alias", "low": "weakAlias",
                "f.k.a.": "previousName"}
_PASSPORT = re.compile(r"passport|passeport|pasaporte", re.IGNORECASE)


def parse_un_xml(files: Mapping[str, Path], dataset: str, version: str | None) -> ParsedList:
    """Parse the UN consolidated list XML into Person and Organization entities."""
    path = require_path(files)
    root = parse_xml(path)
    if root.tag != "CONSOLIDATED_LIST":
        raise ListParseError(str(path), f"line {root.sourceline} <{root.tag}>",
                             "root element is not CONSOLIDATED_LIST")
    list_version = iso_version(root.get("dateGenerated"), path, "dateGenerated") or version
    groups = {child.tag for child in root}
    for group in GROUPS:
        if group not in groups:
            raise IncompleteListError(str(path), f"line {root.sourceline} <{root.tag}>",
                                      f"no <{group}> group: the list is cut short")
    entities = [_parse_record(el, path, dataset, list_version) for el in _records(root)]
    checks = (f"{closing_check(path, root)}, with its {' and '.join(GROUPS)} groups",)
    return ParsedList(entities=entities, version=list_version, checks=checks)


def _records(root: Any) -> Iterator[Any]:
    for group in root:
        for el in group:
            if el.tag in ("INDIVIDUAL", "ENTITY"):
                yield el


def _group(el: Any) -> Kids:
    """The child elements of an element by tag, in file order (one pass: lxml's find and
    iterchildren(tag) cost a tree walk per call)."""
    kids: Kids = {}
    for child in el:
        if isinstance(child.tag, str):
            kids.setdefault(child.tag, []).append(child)
    return kids


def _text(kids: Kids, tag: str) -> str | None:
    """The collapsed text of the first child named tag."""
    found = kids.get(tag)
    return clean_text(found[0].text) if found else None


def _each(kids: Kids, tag: str) -> Iterator[Kids]:
    """The children of every child named tag (INDIVIDUAL_ALIAS, INDIVIDUAL_DOCUMENT, ...)."""
    return (_group(child) for child in kids.get(tag, ()))


def _parse_record(el: Any, path: Path, dataset: str, version: str | None) -> Entity:
    """One INDIVIDUAL or ENTITY; any problem raises ListParseError naming its line."""
    location = f"line {el.sourceline} <{el.tag}>"
    kids = _group(el)
    ref = _text(kids, "REFERENCE_NUMBER")
    if ref is None:
        raise ListParseError(str(path), location, "no REFERENCE_NUMBER")
    extra = {"unReference": ref}
    try:
        if el.tag == "INDIVIDUAL":
            schema, pairs = "Person", _person(kids, ref, extra)
        else:
            schema, pairs = "Organization", _organization(kids)
        if not any(prop == "name" and value for prop, value in pairs):
            raise ValueError("no name")
    except PARSE_ERRORS as exc:
        raise ListParseError(str(path), f"{location} {ref}", str(exc)) from exc
    return build_entity(
        f"un-{ref}", schema, pairs, dataset=dataset, record_id=ref, version=version,
        listing_date=parse_loose_date(_text(kids, "LISTED_ON")), extra=extra,
    )


def _values(kids: Kids, tag: str) -> list[str]:
    """The VALUE texts of a list element (NATIONALITY, TITLE, DESIGNATION)."""
    texts = (clean_text(v.text) for group in kids.get(tag, ()) for v in group)
    return [t for t in texts if t]


def _common(kids: Kids, alias_tag: str, address_tag: str) -> Pairs:
    """What individuals and entities share: program, aliases, addresses, notes."""
    pairs: Pairs = [("program", _text(kids, "UN_LIST_TYPE")),
                    ("programId", _text(kids, "REFERENCE_NUMBER")),
                    ("alias", _text(kids, "NAME_ORIGINAL_SCRIPT")),
                    ("notes", _text(kids, "COMMENTS1"))]
    for alias in _each(kids, alias_tag):
        quality = (_text(alias, "QUALITY") or "").lower()
        pairs.append((_ALIAS_PROPS.get(quality, "alias"), strip_quotes(_text(alias, "ALIAS_NAME"))))
    for address in _each(kids, address_tag):
        parts = [_text(address, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE",
                                             "COUNTRY")]
        pairs.append(("address", ", ".join(p for p in parts if p) or None))
        pairs.append(("country", country_code(_text(address, "COUNTRY"))))
    return pairs


def _organization(kids: Kids) -> Pairs:
    pairs: Pairs = [("name", strip_quotes(_text(kids, "FIRST_NAME")))]
    pairs.extend(_common(kids, "ENTITY_ALIAS", "ENTITY_ADDRESS"))
    pairs.extend(("imoNumber", imo) for imo in find_imo_numbers(_text(kids, "COMMENTS1")))
    return pairs


def _person(kids: Kids, ref: str, extra: dict[str, str]) -> Pairs:
    """A Person's properties; approximate dates and passport countries go to extra."""
    slots = [_text(kids, tag) for tag in _NAME_SLOTS]
    pairs = _name_parts(slots, is_family_first=ref[:2] == "KP")
    pairs.extend(_common(kids, "INDIVIDUAL_ALIAS", "INDIVIDUAL_ADDRESS"))
    gender = (_text(kids, "GENDER") or "").lower()
    pairs.append(("gender", gender if gender in ("male", "female") else None))
    pairs.append(("gender", find_gender(_text(kids, "COMMENTS1"))))
    pairs.extend(("title", v) for v in _values(kids, "TITLE"))
    pairs.extend(("position", v) for v in _values(kids, "DESIGNATION"))
    pairs.extend(("nationality", country_code(v)) for v in _values(kids, "NATIONALITY"))
    for dob in _each(kids, "INDIVIDUAL_DATE_OF_BIRTH"):
        dates, is_approx = _dob_values(dob)
        pairs.extend(("birthDate", d) for d in dates)
        add_extra(extra, "birthDateApprox", dates if is_approx else [])
    pairs.extend(_birth_places(kids))
    for doc in _each(kids, "INDIVIDUAL_DOCUMENT"):
        pairs.append(_document(doc, extra))
    return pairs


def _name_parts(slots: list[str | None], is_family_first: bool) -> Pairs:
    """name = the slots in file order; firstName/middleName/lastName as the module says."""
    parts = [s for s in slots if s]
    pairs: Pairs = [("name", " ".join(parts) or None)]
    if len(parts) < 2:
        return pairs
    if is_family_first:
        return [*pairs, ("lastName", parts[0]), ("firstName", " ".join(parts[1:]))]
    pairs.append(("firstName", parts[0]))
    pairs.extend(("middleName", p) for p in parts[1:-1])
    pairs.append(("lastName", parts[-1]))
    return pairs


def _dob_values(dob: Kids) -> tuple[list[str], bool]:
    """(dates, whether approximate) of one INDIVIDUAL_DATE_OF_BIRTH, by its TYPE_OF_DATE."""
    kind = (_text(dob, "TYPE_OF_DATE") or "").upper()
    note = _text(dob, "NOTE")
    from_year, to_year = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
    if kind == "BETWEEN" and from_year and to_year and from_year.isdigit() and to_year.isdigit():
        dates = list(year_range(int(from_year), int(to_year)))
        return dates, bool(note and "approx" in note.lower())
    date = parse_loose_date(_text(dob, "DATE"))
    year = _text(dob, "YEAR")
    if date is None and year:
        # "EXACT" year 1958 with NOTE "Sep." means September 1958
        date = parse_loose_date(f"{note} {year}" if note else year) or parse_loose_date(year)
    if date is None:
        date = parse_loose_date(note)  # a date written only in the note: "Nov. 1973"
    return ([date] if date else []), kind == "APPROXIMATELY"


def _birth_places(kids: Kids) -> Pairs:
    """Places of birth, and the dates and places of birth given with aliases."""
    pairs: Pairs = []
    for pob in _each(kids, "INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = [_text(pob, tag) for tag in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
        pairs.append(("birthPlace", ", ".join(p for p in parts if p) or None))
        pairs.append(("birthCountry", country_code(_text(pob, "COUNTRY"))))
    for alias in _each(kids, "INDIVIDUAL_ALIAS"):
        parts = [_text(alias, "CITY_OF_BIRTH"), _text(alias, "COUNTRY_OF_BIRTH")]
        pairs.append(("birthPlace", ", ".join(p for p in parts if p) or None))
        pairs.append(("birthDate", parse_loose_date(_text(alias, "DATE_OF_BIRTH"))))
    return pairs


def _document(doc: Kids, extra: dict[str, str]) -> tuple[str, str | None]:
    """passportNumber or idNumber of an INDIVIDUAL_DOCUMENT; a passport's issuing country
    goes to ``extra["passport:<number>"]`` (sources/common.py)."""
    kinds = " ".join(t for t in (_text(doc, "TYPE_OF_DOCUMENT"), _text(doc, "TYPE_OF_DOCUMENT2"))
                     if t)
    number = _text(doc, "NUMBER")
    if not _PASSPORT.search(kinds):
        return "idNumber", number
    if number:
        country = _text(doc, "ISSUING_COUNTRY") or _text(doc, "COUNTRY_OF_ISSUE")
        extra[f"passport:{number}"] = country_code(country) or ""
    return "passportNumber", number
