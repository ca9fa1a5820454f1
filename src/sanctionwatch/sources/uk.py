"""The UK OFSI Consolidated List of Asset Freeze Targets, CSV (``ConList.csv``, 2022 format).

The first row reads ``Last Updated,<dd/mm/yyyy>`` (the list's version); the second is the
header (``Name 6``, ``Name 1`` .. ``Name 5``, ``Title``, ``DOB``, ..., ``Group Type``,
``Alias Type``, ``Alias Quality``, ``Regime``, ``Listed On``, ``Group ID``); then one row per
*name* of a listed party, the rows of one party sharing its ``Group ID``. Each row repeats the
party's other facts, sometimes with different values (a second date of birth), so a party is
the union of its rows.

``Group Type`` Individual becomes ``Person``, Entity ``Organization``, Ship ``Vessel``; ids are
``uk-<Group ID>``. Name 6 is the family name (an entity's whole name); Name 1-5 the given names,
written before it. ``Alias Type`` ``Primary name`` (``Prime Alias`` in HM Treasury's sanctionsconlist.csv of
2014, the same format before OFSI) gives ``name``, ``AKA``, ``FKA`` and ``Primary name
variation`` ``alias`` (``weakAlias`` when the quality is low). Dates are ``dd/mm/yyyy`` with
``00`` for an unknown day or month. ``(UN Ref):KPe.001`` in Other Information goes to
``extra["unReference"]``; IMO numbers there to ``imoNumber``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from sanctionwatch.exc import IncompleteListError, ListFileMissing, ListParseError
from sanctionwatch.model import Entity
from sanctionwatch.model.schema import has_property
from sanctionwatch.model.values import country_code
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.common import (
    PARSE_ERRORS,
    Pairs,
    build_entity,
    clean_text,
    find_gender,
    find_imo_numbers,
    parse_date_parts,
    require_path,
    strip_quotes,
)

NAME = "uk_csv"
Row = dict[str, str]

REQUIRED_COLUMNS = ("Name 6", "Group Type", "Group ID")
_SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_UN_REF = re.compile(r"UN\s+Ref\)?\s*:?\s*([A-Z]{2}[ie]\.\d{3})", re.IGNORECASE)
#: ``(1) 12345 (2) 67890``: numbered values inside one cell
_NUMBERED = re.compile(r"\(\d+\)\s*")


def parse_uk_csv(files: Mapping[str, Path], dataset: str, version: str | None) -> ParsedList:
    """Parse the OFSI ConList.csv into Person, Organization and Vessel entities."""
    path = require_path(files)
    rows = read_rows(path)
    first = next(rows, None)
    if first is None:
        raise IncompleteListError(str(path), "line 1", "the file is empty")
    if first[1][0].strip().lower() != "last updated":
        raise ListParseError(str(path), "line 1", "expected 'Last Updated,<date>'")
    list_version = _date(first[1][1] if len(first[1]) > 1 else "") or version
    header_row = next(rows, None)
    if header_row is None:
        raise IncompleteListError(str(path), "line 2", "no header row: the file is cut short")
    header = [h.strip() for h in header_row[1]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ListParseError(str(path), "line 2", f"missing columns: {', '.join(missing)}")
    groups: dict[str, list[tuple[int, Row]]] = {}
    for number, cells in _full_rows(path, rows, len(header)):
        row = dict(zip(header, cells, strict=True))
        group_id = clean_text(row["Group ID"])
        if group_id is None:
            raise ListParseError(str(path), f"line {number}", "empty Group ID")
        groups.setdefault(group_id, []).append((number, row))
    entities = [_parse_group(gid, grp, path, dataset, list_version) for gid, grp in groups.items()]
    check = (f"{path.name}: every row has the header's {len(header)} fields (the format states "
             "no record count or end mark: a cut between two rows shows only as a drop from "
             "the last good load)")
    return ParsedList(entities=entities, version=list_version, checks=(check,))


def _full_rows(
    path: Path, rows: Iterator[tuple[int, list[str]]], width: int
) -> Iterator[tuple[int, list[str]]]:
    """The rows, each as wide as the header: OFSI writes every field of every row, so a short
    last row means the file was cut inside it (IncompleteListError), another odd row is
    malformed (ListParseError)."""
    pending: tuple[int, list[str]] | None = None
    for number, cells in rows:
        if pending is not None:
            _check_width(path, pending, width, is_last=False)
            yield pending
        pending = (number, cells)
    if pending is not None:
        _check_width(path, pending, width, is_last=True)
        yield pending


def _check_width(path: Path, row: tuple[int, list[str]], width: int, is_last: bool) -> None:
    number, cells = row
    if len(cells) == width:
        return
    if is_last and len(cells) < width:
        raise IncompleteListError(str(path), f"line {number}", f"the last row has {len(cells)} "
                                  f"of the header's {width} fields: the file is cut short")
    raise ListParseError(str(path), f"line {number}", f"{len(cells)} fields, the header names "
                         f"{width}")


def read_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every non-empty row; UTF-8, else Windows-1252."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ListFileMissing(f"{path}: cannot read list file: {exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ListParseError(str(path), f"byte {exc.start}", "neither UTF-8 nor "
                                 "Windows-1252 text") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                yield reader.line_num, cells
    except csv.Error as exc:
        raise ListParseError(str(path), f"line {reader.line_num}", f"bad CSV: {exc}") from exc


def _date(text: str | None) -> str | None:
    """``dd/mm/yyyy`` (``00`` = unknown part) as an ISO prefix."""
    value = clean_text(text)
    if value is None:
        return None
    parts = value.split("/")
    if len(parts) != 3:
        return None
    return parse_date_parts(parts[2], parts[1], parts[0])


def _parse_group(
    group_id: str, rows: list[tuple[int, Row]], path: Path, dataset: str, version: str | None
) -> Entity:
    """One listed party from its rows; a problem raises ListParseError naming the first line."""
    location = f"line {rows[0][0]} (Group ID {group_id})"
    try:
        kind = (clean_text(rows[0][1]["Group Type"]) or "").lower()
        if kind not in _SCHEMATA:
            raise ValueError(f"Group Type {kind!r} is not Individual, Entity or Ship")
        schema = _SCHEMATA[kind]
        pairs = _names(schema, [r for _, r in rows])
        extra: dict[str, str] = {}
        for _, row in rows:
            pairs.extend(_facts(schema, row, extra))
        if not any(prop == "name" for prop, value in pairs if value):
            raise ValueError("no name in Name 1-6")
    except PARSE_ERRORS as exc:
        raise ListParseError(str(path), location, str(exc)) from exc
    listed = sorted(d for d in (_date(r.get("Listed On")) for _, r in rows) if d)
    return build_entity(
        f"uk-{group_id}", schema, [(p, v) for p, v in pairs if has_property(schema, p)],
        dataset=dataset, record_id=group_id, version=version,
        listing_date=listed[0] if listed else None, extra=extra,
    )


def _full_name(row: Row) -> str | None:
    parts = [clean_text(row.get(f"Name {i}")) for i in (1, 2, 3, 4, 5, 6)]
    return strip_quotes(" ".join(p for p in parts if p))


def _names(schema: str, rows: list[Row]) -> Pairs:
    """The primary name (the first row's when none is marked) with its parts, and aliases."""
    primary = next((r for r in rows if _alias_type(r) in _PRIMARY), rows[0])
    pairs: Pairs = [("name", _full_name(primary))]
    if schema == "Person":
        pairs.append(("firstName", clean_text(primary.get("Name 1"))))
        pairs.extend(("middleName", clean_text(primary.get(f"Name {i}"))) for i in (2, 3, 4, 5))
        pairs.append(("lastName", clean_text(primary.get("Name 6"))))
    for row in rows:
        if row is primary:
            continue
        is_low = "low" in (row.get("Alias Quality") or "").lower()
        pairs.append(("weakAlias" if is_low else "alias", _full_name(row)))
    return pairs


#: the Alias Type of a party's own name: "Primary name" in ConList.csv since 2022, "Prime
#: Alias" in HM Treasury's earlier sanctionsconlist.csv
_PRIMARY = frozenset({"primary name", "prime alias"})


def _alias_type(row: Row) -> str:
    return (clean_text(row.get("Alias Type")) or "").lower()


def _split(cell: str | None) -> list[str]:
    """The values of a cell that numbers them: ``(1) Russia (2) Ukraine``."""
    return [v for v in (clean_text(p) for p in _NUMBERED.split(cell or "")) if v]


def _facts(schema: str, row: Row, extra: dict[str, str]) -> Pairs:
    """The facts of one row other than its name (the caller drops those the schema lacks)."""
    other = clean_text(row.get("Other Information"))
    pairs: Pairs = [("program", clean_text(row.get("Regime"))), ("notes", other),
                    ("alias", clean_text(row.get("Name Non-Latin Script"))),
                    ("title", clean_text(row.get("Title"))),
                    ("position", clean_text(row.get("Position")))]
    pairs.extend(("imoNumber", imo) for imo in find_imo_numbers(other))
    un_ref = _UN_REF.search(other or "")
    if un_ref:
        extra["unReference"] = un_ref.group(1)
    pairs.extend(_address(row))
    if schema == "Person":
        pairs.append(("gender", find_gender(other)))
        pairs.extend(_person_facts(row, extra))
    return pairs


def _address(row: Row) -> Pairs:
    parts = [clean_text(row.get(f"Address {i}")) for i in range(1, 7)]
    parts += [clean_text(row.get("Post/Zip Code")), clean_text(row.get("Country"))]
    country = clean_text(row.get("Country"))
    return [("address", ", ".join(p for p in parts if p) or None),
            ("country", country_code(country))]


def _person_facts(row: Row, extra: dict[str, str]) -> Pairs:
    birth_country = clean_text(row.get("Country of Birth"))
    place = [clean_text(row.get("Town of Birth")), birth_country]
    pairs: Pairs = [("birthDate", _date(d)) for d in _split(row.get("DOB"))]
    pairs += [("birthPlace", ", ".join(p for p in place if p) or None),
              ("birthCountry", country_code(birth_country))]
    pairs.extend(("nationality", country_code(n)) for n in _split(row.get("Nationality")))
    pairs.extend(("idNumber", n) for n in _split(row.get("National Identification Number")))
    numbers = _split(row.get("Passport Number"))
    details = _split(row.get("Passport Details"))
    for index, number in enumerate(numbers):
        detail = details[index] if index < len(details) else None
        extra[f"passport:{number}"] = _detail_country(detail) or ""
        pairs.append(("passportNumber", number))
    return pairs


def _detail_country(detail: str | None) -> str | None:
    """The issuing country a Passport Details cell names in its first words
    (``North Korea``, ``Russia. Issued 2010``), if any."""
    if not detail:
        return None
    head = re.split(r"[.,;(]", detail, maxsplit=1)[0]
    return country_code(head.removesuffix(" passport").removesuffix(" number"))
