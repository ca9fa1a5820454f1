"""OFAC's lists: the SDN CSV set, the consolidated (non-SDN) CSV set and the XML format.

The CSV sets (``sdn.csv`` + ``add.csv``, ``alt.csv``, ``sdn_comments.csv``; the non-SDN
``cons_*.csv`` are the same format) have no header, CRLF line ends, ``-0- `` for null, and end
with a SUB byte (0x1A): OFAC's end-of-file mark, so a file without it was cut short
(IncompleteListError). The XML states its record count (``Record_Count``), returned as the
list's ``declared`` count for the loader to compare. They are ASCII today; a file that is not UTF-8 is read as Windows-1252,
OFAC's historical encoding. Most facts sit in the free-text Remarks column, read by
``ofac_remarks.py``; the XML (``sdnList``) carries them as elements, which are printed back as
remark segments and read by the same code, so both formats give the same entity shape.

Decisions:

- Schemata: ``individual`` -> Person, ``vessel`` -> Vessel, ``aircraft`` -> Airplane, and an
  untyped row (OFAC's "entity") -> Organization: OFAC lists companies, but also armed groups,
  ministries and networks; Organization is the FollowTheMoney parent of Company that fits them
  all and still holds every identifier OFAC gives (IMO company numbers, SWIFT/BIC, ...).
- ``name`` is OFAC's own string (``RIM, Yong Hyok``); for a Person ``lastName`` is the part
  before the comma, ``firstName`` the first word after it and ``middleName`` the rest.
- alt.csv: ``aka``/``nka`` -> ``alias``, ``fka`` -> ``previousName``. The XML marks OFAC's
  low-quality names (the quoted a.k.a.s of the remarks) ``weak`` -> ``weakAlias``; the CSV
  cannot tell them apart, so the same names are ``alias`` there.
- Vessel owner and aircraft operator are names, not entity ids: ``extra["owner"]``,
  ``extra["operator"]``.
- Identifier countries go into ``extra`` (``extra["passport:BD3843329"] = "sk"``; the
  conventions are listed in ``ofac_remarks.py``), for the cross-list linker.
- Crypto addresses become CryptoWallet entities ``ofac-<ent_num>-wallet-<n>`` (n from 1).
- A companion row whose ent_num is not in the primary file is ignored (the bundled companions
  are from another date than sdn.csv: data/lists/PROVENANCE.md); the count is logged.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sanctionwatch.exc import IncompleteListError, ListFileMissing, ListParseError
from sanctionwatch.model import Entity
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.common import build_entity, closing_check, parse_xml, require_path
from sanctionwatch.sources.ofac_remarks import (
    PartyFacts,
    parse_remarks,
    parse_segment,
    split_remarks,
)

log = logging.getLogger(__name__)

#: how OFAC writes an empty field
_NULLS = frozenset({"-0- ", "-0-", ""})
#: OFAC cuts remarks at this length and continues them in sdn_comments.csv
REMARK_LIMIT = 1000
#: a comment holding this many of the cut remark's last characters does not continue it
_OVERLAP = 60
DETAILS_URL = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}"

_CSV_SCHEMATA = {None: "Organization", "entity": "Organization", "individual": "Person",
                 "vessel": "Vessel", "aircraft": "Airplane"}
_XML_SCHEMATA = {"Entity": "Organization", "Individual": "Person", "Vessel": "Vessel",
                 "Aircraft": "Airplane"}
_ALT_PROPS = {"aka": "alias", "nka": "alias", "fka": "previousName"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SDN_WIDTH, _ADD_WIDTH, _ALT_WIDTH, _COMMENT_WIDTH = 12, 6, 5, 2


@dataclass(slots=True)
class _Companions:
    """The companion files' rows by ent_num."""

    addresses: dict[str, list[list[str | None]]] = field(default_factory=dict)
    aliases: dict[str, list[list[str | None]]] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)


def parse_ofac_csv(files: Mapping[str, Path], dataset: str, version: str | None) -> ParsedList:
    """The SDN CSV set: ``primary`` (sdn.csv), ``address``, ``alias``, ``comments``."""
    primary = require_path(files)
    rows = list(_read_csv(primary, _SDN_WIDTH))
    known: set[str] = set()
    for line, row in rows:
        _check_new(primary, f"line {line}", _ent_num(primary, line, row), known)
    companions = _read_companions(files, known)
    entities: list[Entity] = []
    unmapped = Counter[str]()
    for line, row in rows:
        facts = _csv_facts(primary, line, row, companions)
        entities.extend(_entities(facts, str(row[0]), dataset, version))
        unmapped.update(facts.unmapped_countries)
    _log_unmapped(primary, unmapped)
    checks = tuple(f"{Path(files[role]).name}: ends with OFAC's end-of-file mark (0x1A)"
                   for role in ("primary", "address", "alias", "comments") if role in files)
    return ParsedList(entities=entities, version=version, checks=checks)


def parse_ofac_cons_csv(
    files: Mapping[str, Path], dataset: str, version: str | None
) -> ParsedList:
    """The consolidated (non-SDN) CSV set: cons_prim.csv and its companions, same format."""
    return parse_ofac_csv(files, dataset, version)


def _read_companions(files: Mapping[str, Path], known: set[str]) -> _Companions:
    """The companion files given (address, alias, comments) by ent_num; orphans ignored."""
    out = _Companions()
    orphans = Counter[str]()
    for role, width, target in (
        ("address", _ADD_WIDTH, out.addresses),
        ("alias", _ALT_WIDTH, out.aliases),
    ):
        if role in files:
            for line, row in _read_csv(Path(files[role]), width):
                if _ent_num(files[role], line, row) in known:
                    target.setdefault(str(row[0]), []).append(row[2:])
                else:
                    orphans[role] += 1
    if "comments" in files:
        for line, row in _read_csv(Path(files["comments"]), _COMMENT_WIDTH):
            if _ent_num(files["comments"], line, row) in known:
                out.comments[str(row[0])] = out.comments.get(str(row[0]), "") + (row[1] or "")
            else:
                orphans["comments"] += 1
    if orphans:
        log.info("OFAC companion rows for ent_nums not in the primary file: %s", dict(orphans))
    return out


def _check_new(path: Path, location: str, ent: str, seen: set[str]) -> None:
    """Add an ent_num to ``seen``; ListParseError when a file lists it twice."""
    if ent in seen:
        raise ListParseError(str(path), location, f"ent_num {ent} is listed twice")
    seen.add(ent)


def _ent_num(path: Path, line: int, row: list[str | None]) -> str:
    """The row's ent_num; ListParseError naming the line when it is not a number."""
    value = row[0]
    if value is None or not value.isdigit():
        raise ListParseError(str(path), f"line {line}", f"ent_num {value!r} is not a number")
    return value


def _read_text(path: Path) -> str:
    """The file's text: UTF-8 (BOM or not), else Windows-1252; without the final SUB byte.

    A file without that end mark is cut short: IncompleteListError (after the encoding checks,
    so that a UTF-16 file says it is not text rather than that it is short).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListFileMissing(f"{path}: cannot read list file: {exc}") from exc
    data = data.rstrip(b"\r\n")
    has_end_mark = data.endswith(b"\x1a")
    if has_end_mark:
        data = data[:-1]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ListParseError(
                str(path), f"byte {exc.start}", "neither UTF-8 nor Windows-1252 text"
            ) from exc
    bad = _CONTROL.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise ListParseError(str(path), f"line {line}", f"control character {bad.group()!r}")
    if not has_end_mark:
        if not text.strip():
            raise IncompleteListError(str(path), "line 1", "the file is empty")
        raise IncompleteListError(
            str(path), f"line {text.count(chr(10)) + 1}",
            "no end-of-file mark (0x1A), which ends every OFAC CSV file: the file is cut short")
    return text


def _read_csv(path: Path, width: int) -> Iterator[tuple[int, list[str | None]]]:
    """(line number, fields) of each row, ``-0- `` as None; a wrong field count is an error."""
    reader = csv.reader(io.StringIO(_read_text(path), newline=""), strict=True)
    try:
        for row in reader:
            if not row:
                continue
            if len(row) != width:
                raise ListParseError(
                    str(path), f"line {reader.line_num}", f"{len(row)} fields, expected {width}"
                )
            yield reader.line_num, [None if v in _NULLS else v for v in row]
    except csv.Error as exc:
        raise ListParseError(str(path), f"line {reader.line_num}", f"bad CSV: {exc}") from exc


def _log_unmapped(path: Path, unmapped: Counter[str]) -> None:
    """One log line per file for the country names FollowTheMoney does not know (info, not
    warning: Python prints unhandled warnings on stderr, which the CLI keeps for errors)."""
    if unmapped:
        log.info(
            "%s: %d country names not mapped to codes (kept in notes): %s",
            path, sum(unmapped.values()), ", ".join(sorted(unmapped)),
        )


def _csv_facts(
    path: Path, line: int, row: list[str | None], companions: _Companions
) -> PartyFacts:
    """The facts of one primary row and its companion rows."""
    ent, name, kind, program, title = str(row[0]), row[1], row[2], row[3], row[4]
    if kind not in _CSV_SCHEMATA:
        raise ListParseError(str(path), f"line {line}", f"unknown SDN_Type {kind!r}")
    if name is None:
        raise ListParseError(str(path), f"line {line}", "the record has no name")
    facts = PartyFacts(_CSV_SCHEMATA[kind])
    last, _, given = name.partition(", ")
    _add_names(facts, name, last if given else None, given)
    _add_programs(facts, (program or "").split("] ["))
    _add_title(facts, title)
    if any(row[5:11]):
        _add_vessel(facts, dict(zip(_VESSEL_FIELDS, row[5:11], strict=True)))
    _add_csv_remarks(facts, row[11], companions.comments.get(ent), title)
    for alt_type, alt_name, alt_remarks in companions.aliases.get(ent, ()):
        facts.add(_ALT_PROPS.get(alt_type or "", "alias"), alt_name, alt_name or "")
        if alt_remarks:
            facts.note(alt_remarks)
    for street, city, country, add_remarks in companions.addresses.get(ent, ()):
        _add_address(facts, (street, city), country)
        if add_remarks:
            facts.note(add_remarks)
    return facts


_VESSEL_FIELDS = ("callSign", "type", "tonnage", "grossRegisteredTonnage", "flag", "owner")


def _add_csv_remarks(
    facts: PartyFacts, remarks: str | None, comment: str | None, title: str | None
) -> None:
    """The remark, continued from sdn_comments.csv where OFAC cut it.

    OFAC cuts a remark at exactly 1,000 characters and puts the rest in sdn_comments.csv. The
    bundled companion files are from another date than sdn.csv (the bundled PROVENANCE.md), so
    a comment may continue a *newer* version of the remark: splice only when the remark is
    exactly 1,000 characters long (it was cut) and the comment does not repeat the remark's
    last 60 characters (the sign that the remark changed in between and the comment starts
    earlier in the text, as ent 17018's does). A cut remark left unspliced keeps its cut last
    segment as a note only, and says so in ``extra["remarksTruncated"]``.
    """
    is_cut = remarks is not None and len(remarks) == REMARK_LIMIT
    if is_cut and comment and (remarks or "")[-_OVERLAP:] not in comment:
        remarks, is_cut = f"{remarks}{comment}", False
    if is_cut:
        facts.extra["remarksTruncated"] = str(REMARK_LIMIT)
    parse_remarks(facts, remarks, skip=split_remarks(title or ""), is_cut=is_cut)


def _add_names(facts: PartyFacts, name: str, last: str | None, given: str | None) -> None:
    """``name`` as OFAC writes it; for a Person also last, first and middle names."""
    facts.add("name", name, name)
    if facts.schema != "Person" or last is None:
        return
    facts.add("lastName", last, last)
    if given:
        first_name, _, middle = given.partition(" ")
        facts.add("firstName", first_name, given)
        if middle:
            facts.add("middleName", middle, given)


def _add_programs(facts: PartyFacts, programs: list[str]) -> None:
    """Program tags (the CSV's ``NPWMD] [DPRK2`` split on ``"] ["``)."""
    for program in programs:
        value = program.strip().strip("[]").strip()
        if value:
            facts.add("program", value, value)


def _add_title(facts: PartyFacts, title: str | None) -> None:
    """OFAC's Title -> ``position``, one per ``"; "``-separated part (a note for schemata
    without one)."""
    for part in split_remarks(title or ""):
        facts.add("position", part.removesuffix("."), part)


def _add_vessel(facts: PartyFacts, fields: Mapping[str, str | None]) -> None:
    """The vessel columns (callSign, type, tonnage, GRT, flag, owner) where OFAC fills them."""
    for prop, value in fields.items():
        if value is None:
            continue
        if prop == "flag":
            facts.add_country("flag", value, f"Vessel flag {value}")
        elif prop == "owner":
            facts.add_extra("owner", value)
        elif prop in ("tonnage", "grossRegisteredTonnage"):
            facts.add(prop, value.replace(",", ""), f"{prop} {value}")
        else:
            facts.add(prop, value, f"{prop} {value}")


def _add_address(facts: PartyFacts, lines: tuple[str | None, ...], country: str | None) -> None:
    """One address: ``address`` is the lines and the country joined; ``country`` its code."""
    parts = [p for p in (*lines, country) if p]
    if parts:
        facts.add("address", ", ".join(parts), ", ".join(parts))
    if country:
        facts.add_country("country", country, None)  # an unknown one stays in the address


def _entities(facts: PartyFacts, ent: str, dataset: str, version: str | None) -> list[Entity]:
    """The party's entity and its crypto wallets."""
    party_id = f"ofac-{ent}"
    facts.add("sourceUrl", DETAILS_URL.format(ent), "")
    party = build_entity(
        party_id,
        facts.schema,
        facts.pairs,
        dataset=dataset,
        record_id=ent,
        version=version,
        listing_date=min(facts.listing_dates) if facts.listing_dates else None,
        extra=facts.extra,
    )
    out = [party]
    for n, (currency, address) in enumerate(facts.wallets, start=1):
        pairs = [("publicKey", address), ("currency", currency), ("holder", party_id)]
        out.append(
            build_entity(f"{party_id}-wallet-{n}", "CryptoWallet", pairs, dataset=dataset,
                         record_id=ent, version=version)
        )
    return out


def parse_ofac_xml(files: Mapping[str, Path], dataset: str, version: str | None) -> ParsedList:
    """OFAC's XML (``sdnList``: SDN.XML, CONSOLIDATED.XML); the version is its Publish_Date."""
    path = require_path(files)
    root = parse_xml(path)
    tag = _XmlTags(root)
    if tag.local(root) != "sdnList":
        raise ListParseError(str(path), f"line {root.sourceline}", "root element is not sdnList")
    version = _xml_version(path, root, tag) or version
    declared = _record_count(path, root, tag)
    entities: list[Entity] = []
    unmapped = Counter[str]()
    seen: set[str] = set()
    for entry in root.iterfind(tag("sdnEntry")):
        uid, facts = _xml_facts(path, entry, tag)
        _check_new(path, f"sdnEntry uid={uid} (line {entry.sourceline})", uid, seen)
        entities.extend(_entities(facts, uid, dataset, version))
        unmapped.update(facts.unmapped_countries)
    _log_unmapped(path, unmapped)
    return ParsedList(entities=entities, version=version, declared=declared,
                      checks=(closing_check(path, root),))


class _XmlTags:
    """Qualified tag names in the document's own namespace (OFAC has changed it over time)."""

    def __init__(self, root: Any) -> None:
        tag = root.tag if isinstance(root.tag, str) else ""
        self.prefix = tag[: tag.index("}") + 1] if tag.startswith("{") else ""

    def __call__(self, *path: str) -> str:
        return "/".join(self.prefix + p for p in path)

    def local(self, element: Any) -> str:
        """The element's tag without its namespace."""
        tag = element.tag if isinstance(element.tag, str) else ""
        return tag.rpartition("}")[2]

    def text(self, element: Any, *path: str) -> str | None:
        """The stripped text of the first element at the path; None when absent or empty."""
        value = element.findtext(self(*path))
        if not isinstance(value, str):
            return None
        return value.strip() or None


def _record_count(path: Path, root: Any, tag: _XmlTags) -> int | None:
    """``<publshInformation><Record_Count>442``: the number of sdnEntry OFAC says it wrote."""
    value = tag.text(root, "publshInformation", "Record_Count")
    if value is None:
        return None
    if not value.isdigit():
        raise ListParseError(str(path), "publshInformation/Record_Count", f"bad count {value!r}")
    return int(value)


def _xml_version(path: Path, root: Any, tag: _XmlTags) -> str | None:
    """``<publshInformation><Publish_Date>01/08/2026`` -> ``2026-01-08``."""
    value = tag.text(root, "publshInformation", "Publish_Date")
    if value is None:
        return None
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    if match is None:
        raise ListParseError(str(path), "publshInformation/Publish_Date", f"bad date {value!r}")
    month, day, year = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _xml_facts(path: Path, entry: Any, tag: _XmlTags) -> tuple[str, PartyFacts]:
    """The ent_num (uid) and the facts of one sdnEntry."""
    uid, kind, last = (tag.text(entry, t) for t in ("uid", "sdnType", "lastName"))
    where = f"sdnEntry uid={uid} (line {entry.sourceline})"
    if uid is None or not uid.isdigit():
        raise ListParseError(str(path), where, f"uid {uid!r} is not a number")
    if kind not in _XML_SCHEMATA:
        raise ListParseError(str(path), where, f"unknown sdnType {kind!r}")
    if last is None:
        raise ListParseError(str(path), where, "the entry has no lastName")
    facts = PartyFacts(_XML_SCHEMATA[kind])
    given = tag.text(entry, "firstName")
    _add_names(facts, f"{last}, {given}" if given else last, last, given)
    _add_programs(facts, [p.text or "" for p in entry.iterfind(tag("programList", "program"))])
    title = tag.text(entry, "title")
    _add_title(facts, title)
    vessel = [tag.text(entry, "vesselInfo", f) for f in _XML_VESSEL_FIELDS]
    _add_vessel(facts, dict(zip(_VESSEL_FIELDS, vessel, strict=True)))
    for segment in _xml_segments(entry, tag):
        parse_segment(facts, segment)
    parse_remarks(facts, tag.text(entry, "remarks"), skip=split_remarks(title or ""))
    _add_xml_akas(facts, entry, tag)
    for address in entry.iterfind(tag("addressList", "address")):
        lines = [tag.text(address, f) for f in ("address1", "address2", "address3")]
        place = _place(*(tag.text(address, f) for f in ("city", "stateOrProvince", "postalCode")))
        _add_address(facts, (*lines, place), tag.text(address, "country"))
    return uid, facts


_XML_VESSEL_FIELDS = ("callSign", "vesselType", "tonnage", "grossRegisteredTonnage",
                      "vesselFlag", "vesselOwner")


def _place(city: str | None, state: str | None, postal: str | None) -> str | None:
    """City, state and postal code as the CSV's one field writes them (``Hebron, West Bank``,
    ``London EC3N 1DY``)."""
    place = ", ".join(v for v in (city, state) if v)
    return " ".join(v for v in (place, postal) if v) or None


def _xml_segments(entry: Any, tag: _XmlTags) -> Iterator[str]:
    """The structured facts of an sdnEntry, printed as the CSV's remark segments."""
    for label, path, field_name in (
        ("DOB", ("dateOfBirthList", "dateOfBirthItem"), "dateOfBirth"),
        ("POB", ("placeOfBirthList", "placeOfBirthItem"), "placeOfBirth"),
        ("nationality", ("nationalityList", "nationality"), "country"),
        ("citizen", ("citizenshipList", "citizenship"), "country"),
    ):
        for item in entry.iterfind(tag(*path)):
            value = tag.text(item, field_name)
            if value:
                yield f"{label} {value}"
    for item in entry.iterfind(tag("idList", "id")):
        kind, number = tag.text(item, "idType"), tag.text(item, "idNumber")
        country = tag.text(item, "idCountry")
        issued, expires = tag.text(item, "issueDate"), tag.text(item, "expirationDate")
        parts = [kind, number, f"({country})" if country else None,
                 f"issued {issued}" if issued else None, f"expires {expires}" if expires else None]
        yield " ".join(p for p in parts if p)


def _add_xml_akas(facts: PartyFacts, entry: Any, tag: _XmlTags) -> None:
    """akaList: strong a.k.a./n.k.a. -> alias, f.k.a. -> previousName, weak -> weakAlias."""
    for aka in entry.iterfind(tag("akaList", "aka")):
        last, first = tag.text(aka, "lastName"), tag.text(aka, "firstName")
        name = f"{last}, {first}" if last and first else last or first
        if name is None:
            continue
        if tag.text(aka, "category") == "weak":
            facts.add("weakAlias", name, name)
        else:
            prop = "previousName" if tag.text(aka, "type") == "f.k.a." else "alias"
            facts.add(prop, name, name)

