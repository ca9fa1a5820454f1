"""The EU Financial Sanctions Files consolidated list, XML 1.1 (``xmlFullSanctionsList_1_1``).

The format (default namespace ``http://eu.europa.ec/fpi/fsd/export``) holds everything in
attributes::

    <export generationDate="2026-01-28T..." globalFileId="...">
      <sanctionEntity logicalId="13" euReferenceNumber="EU.27.28" unitedNationId="IQi.001"
                      designationDate="..." designationDetails="...">
        <remark>...</remark>
        <regulation programme="IRQ" publicationDate="2003-07-08" numberTitle="..."/>
        <subjectType code="person|enterprise" classificationCode="P|E"/>
        <nameAlias wholeName="..." firstName="..." middleName="..." lastName="..." gender="M"
                   function="..." title="..." nameLanguage="" strong="true"/>
        <citizenship countryIso2Code="IQ"/>
        <birthdate birthdate="1937-04-28" year="1937" monthOfYear="4" dayOfMonth="28"
                   yearRangeFrom="" yearRangeTo="" circa="false" city="..." countryIso2Code=""/>
        <identification identificationTypeCode="passport|id|..." number="..."
                        countryIso2Code="IQ"/>
        <address street="..." city="..." zipCode="..." poBox="..." region="..." place="..."
                 countryIso2Code="KP" countryDescription="..."/>
      </sanctionEntity>
    </export>

``person`` becomes ``Person``, ``enterprise`` ``Organization`` (the EU lists companies, banks
and armed groups alike under it). Ids are ``eu-<logicalId>``; ``unitedNationId`` goes to
``extra["unReference"]`` so the EU listing links to the UN's. The first name alias is the
name; ``strong="false"`` aliases are weak aliases. Country code ``00`` means unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sanctionwatch.exc import ListParseError
from sanctionwatch.model import Entity
from sanctionwatch.model.schema import has_property
from sanctionwatch.model.values import country_code
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.common import (
    PARSE_ERRORS,
    Pairs,
    add_extra,
    build_entity,
    clean_text,
    closing_check,
    iso_version,
    parse_date_parts,
    parse_loose_date,
    parse_xml,
    require_path,
    year_range,
)

NAME = "eu_xml"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

#: a sanctionEntity's child elements by tag
Children = dict[str, list[Any]]

_SCHEMATA = {"person": "Person", "enterprise": "Organization"}
#: identificationTypeCode -> property; any other code is an idNumber
_ID_PROPS = {"passport": "passportNumber", "swiftbic": "swiftBic", "regnumber":
             "registrationNumber", "fiscalcode": "taxNumber", "imo": "imoNumber"}


def parse_eu_xml(files: Mapping[str, Path], dataset: str, version: str | None) -> ParsedList:
    """Parse the EU FSF XML 1.1 file into Person and Organization entities."""
    path = require_path(files)
    root = parse_xml(path)
    ns = _namespace(root.tag)
    if root.tag != f"{ns}export":
        raise ListParseError(str(path), f"line {root.sourceline} <{root.tag}>",
                             "root element is not an FSF <export>")
    list_version = iso_version(root.get("generationDate"), path, "generationDate") or version
    entities = [
        _parse_entity(el, ns, path, dataset, list_version)
        for el in root.iterchildren(f"{ns}sanctionEntity")
    ]
    return ParsedList(entities=entities, version=list_version, checks=(closing_check(path, root),))


def _namespace(tag: Any) -> str:
    """``{uri}`` of a tag, or ``""``: the parser reads the file with or without namespace."""
    text = str(tag)
    return text[: text.index("}") + 1] if text.startswith("{") else ""


def _parse_entity(el: Any, ns: str, path: Path, dataset: str, version: str | None) -> Entity:
    """One sanctionEntity; a problem raises ListParseError naming its line and logicalId."""
    logical_id = _attr(el, "logicalId")
    location = f"line {el.sourceline} <sanctionEntity logicalId={logical_id!r}>"
    if logical_id is None:
        raise ListParseError(str(path), location, "no logicalId")
    try:
        kids = _group(el, ns)
        schema = _schema(kids)
        pairs, extra = _facts(el, kids, schema)
        if not any(prop == "name" for prop, value in pairs if value):
            raise ValueError("no nameAlias with a wholeName")
    except PARSE_ERRORS as exc:
        raise ListParseError(str(path), location, str(exc)) from exc
    return build_entity(
        f"eu-{logical_id}", schema, pairs, dataset=dataset, record_id=logical_id,
        version=version, listing_date=_listing_date(el, kids), extra=extra,
    )


def _attr(el: Any, name: str) -> str | None:
    return clean_text(el.get(name))


def _group(el: Any, ns: str) -> Children:
    """The child elements of a sanctionEntity by tag (without namespace), in file order."""
    kids: Children = {}
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag.startswith(ns):
            kids.setdefault(tag[len(ns) :], []).append(child)
    return kids


def _schema(kids: Children) -> str:
    subject = next(iter(kids.get("subjectType", ())), None)
    code = (_attr(subject, "code") or "").lower() if subject is not None else ""
    if code not in _SCHEMATA:
        raise ValueError(f"subjectType code {code!r} is not person or enterprise")
    return _SCHEMATA[code]


def _facts(el: Any, kids: Children, schema: str) -> tuple[Pairs, dict[str, str]]:
    """Every property of the entity, and the extra facts the links read."""
    pairs = _names(kids, schema)
    pairs.append(("programId", _attr(el, "euReferenceNumber")))
    pairs.extend(("program", _attr(r, "programme")) for r in kids.get("regulation", ()))
    pairs.extend(("notes", clean_text(r.text)) for r in kids.get("remark", ()))
    pairs.append(("notes", _attr(el, "designationDetails")))
    for address in kids.get("address", ()):
        pairs.extend(_address(address))
    extra: dict[str, str] = {}
    un_reference = _attr(el, "unitedNationId")
    if un_reference:
        extra["unReference"] = un_reference
    for ident in kids.get("identification", ()):
        pairs.append(_identification(ident, schema, extra))
    if schema == "Person":
        pairs.extend(("nationality", _country(c)) for c in kids.get("citizenship", ()))
        for birth in kids.get("birthdate", ()):
            pairs.extend(_birth(birth, extra))
    return pairs, extra


def _names(kids: Children, schema: str) -> Pairs:
    """The first nameAlias is the name (with its parts); the others aliases."""
    pairs: Pairs = []
    for index, alias in enumerate(kids.get("nameAlias", ())):
        whole = _attr(alias, "wholeName")
        is_strong = (_attr(alias, "strong") or "true").lower() != "false"
        pairs.append(("name" if index == 0 else "alias" if is_strong else "weakAlias", whole))
        if schema != "Person":
            continue
        if index == 0:
            pairs.extend((prop, _attr(alias, attr)) for prop, attr in (
                ("firstName", "firstName"), ("middleName", "middleName"),
                ("lastName", "lastName")))
        gender = {"M": "male", "F": "female"}.get(_attr(alias, "gender") or "")
        pairs.extend([("gender", gender), ("position", _attr(alias, "function")),
                      ("title", _attr(alias, "title"))])
    return pairs


def _country(el: Any) -> str | None:
    """The country of an element by its ISO code (``00`` = unknown), else its description."""
    code = _attr(el, "countryIso2Code")
    if code and code != "00":
        return country_code(code)
    description = _attr(el, "countryDescription")
    return None if description in (None, "UNKNOWN") else country_code(description)


def _address(el: Any) -> Pairs:
    parts = [_attr(el, a) for a in ("street", "poBox", "zipCode", "city", "region", "place")]
    country = _country(el)
    description = _attr(el, "countryDescription")
    if description and description != "UNKNOWN":
        parts.append(description)
    return [("address", ", ".join(p for p in parts if p) or None), ("country", country)]


def _identification(el: Any, schema: str, extra: dict[str, str]) -> tuple[str, str | None]:
    """(property, number) of an identification; a passport's country goes to extra."""
    number = _attr(el, "number") or _attr(el, "latinNumber")
    kind = (_attr(el, "identificationTypeCode") or "").lower()
    prop = _ID_PROPS.get(kind, "idNumber")
    if number and prop == "passportNumber":
        extra[f"passport:{number}"] = _country(el) or ""
    return (prop if has_property(schema, prop) else "idNumber"), number


def _birth(el: Any, extra: dict[str, str]) -> Pairs:
    """birthDate values (a year range as one value a year), birthPlace and birthCountry."""
    dates = _birth_dates(el)
    if (_attr(el, "circa") or "").lower() == "true":
        add_extra(extra, "birthDateApprox", dates)
    place = [_attr(el, a) for a in ("place", "city", "region")]
    description = _attr(el, "countryDescription")
    if description and description != "UNKNOWN":
        place.append(description)
    pairs: Pairs = [("birthDate", d) for d in dates]
    pairs.append(("birthPlace", ", ".join(p for p in place if p) or None))
    pairs.append(("birthCountry", _country(el)))
    return pairs


def _birth_dates(el: Any) -> list[str]:
    full = parse_loose_date(_attr(el, "birthdate"))
    if full:
        return [full]
    low, high = _attr(el, "yearRangeFrom"), _attr(el, "yearRangeTo")
    if low and high and low.isdigit() and high.isdigit():
        return list(year_range(int(low), int(high)))
    date = parse_date_parts(_attr(el, "year") or low or high, _attr(el, "monthOfYear"),
                            _attr(el, "dayOfMonth"))
    return [date] if date else []


def _listing_date(el: Any, kids: Children) -> str | None:
    """The designation date, else the earliest publication date of its regulations."""
    dates = [parse_loose_date(_attr(el, "designationDate"))]
    if dates[0]:
        return dates[0]
    dates = [parse_loose_date(_attr(r, "publicationDate")) for r in kids.get("regulation", ())]
    found = sorted(d for d in dates if d)
    return found[0] if found else None
