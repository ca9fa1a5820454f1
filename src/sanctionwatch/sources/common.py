"""Helpers every list parser shares: text, dates, identifiers, XML, entities.

Publishers write the same facts in different shapes (``1966``, ``00/05/1966``, ``Nov. 1973``).
These helpers turn them into the forms DEVELOPERS.md fixes: dates as ISO prefixes, ranges of
birth years as one value per year. Countries are read by ``model.values.country_code``, the
one reader the query path shares.

Conventions shared by the parsers (the linker in ``index/links.py`` reads them):

- ``extra["unReference"]``: the UN Security Council reference number (``KPe.001``) that a
  listing carries or quotes.
- ``extra["passport:<number>"] = "<country code>"``: the issuing country of a passport
  number, where the publisher gives it (``""`` when it does not).
- ``extra["birthDateApprox"]``: the birth dates the publisher marks as approximate
  (``circa``), joined by ``"; "``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from lxml import etree

from sanctionwatch.exc import IncompleteListError, ListFileMissing, ListParseError
from sanctionwatch.model import Entity, make_properties

#: (property, value) pairs a parser collects for one entity; None and "" values are dropped
Pairs = list[tuple[str, str | None]]

#: what a record's own parsing may raise on malformed content; parsers turn these into
#: ListParseError naming the record (nothing else may escape a parser)
PARSE_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError)


#: a range of birth years longer than this keeps only its two ends (DEVELOPERS.md)
MAX_YEAR_RANGE = 10

_SPACE = re.compile(r"\s+")
_QUOTES = "\"'“”‘’«»"
_IMO = re.compile(r"\bIMO(?:\s+(?:number|no\.?|#))?\s*[:.]?\s*(\d{7})\b", re.IGNORECASE)
_GENDER = re.compile(r"\bGender\s*:\s*(male|female)\b", re.IGNORECASE)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_LOOSE_DATE = re.compile(
    r"^(?:(?P<day>\d{1,2})\s+)?(?:(?P<month>[a-z]+)\.?\s+)?(?P<year>\d{4})$", re.IGNORECASE
)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def clean_text(value: str | None) -> str | None:
    """Collapse whitespace (publishers wrap long values over lines); None when empty."""
    if not value:
        return None
    if value.isprintable() and "  " not in value:  # the common case, without a regex
        return value.strip() or None
    return _SPACE.sub(" ", value).strip() or None


def strip_quotes(value: str | None) -> str | None:
    """A name without the quotes a publisher wrapped it in (``"KOMID"`` -> ``KOMID``)."""
    text = clean_text(value)
    if text is None:
        return None
    return clean_text(text.strip(_QUOTES))


def parse_date_parts(
    year: str | int | None, month: str | int | None = None, day: str | int | None = None
) -> str | None:
    """An ISO date prefix from parts; ``0``/``00``/empty parts are unknown and cut the date.

    ``(1966, 5, 7)`` -> ``1966-05-07``; ``(1966, 0, 7)`` -> ``1966``; an impossible date
    (``1966-02-30``) keeps only what is valid (``1966-02``).
    """
    parts = [_as_int(year), _as_int(month), _as_int(day)]
    y, m, d = parts
    if y is None or not 1000 <= y <= 2999:
        return None
    if m is None or not 1 <= m <= 12:
        return f"{y:04d}"
    if d is None or not _is_valid_date(y, m, d):
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _is_valid_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _as_int(value: str | int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value or None
    text = value.strip()
    if not (text.isdigit() and len(text) <= 4):
        return None
    return int(text) or None


def parse_loose_date(text: str | None) -> str | None:
    """An ISO prefix from ``1973``, ``Nov. 1973``, ``12 Nov 1973`` or ``1973-11-12``."""
    value = clean_text(text)
    if value is None:
        return None
    iso = _ISO_DATE.match(value)
    if iso:
        return parse_date_parts(*iso.groups())
    loose = _LOOSE_DATE.match(value)
    if loose is None:
        return None
    month_name = loose.group("month")
    month = _MONTHS.get(month_name.lower()) if month_name else None
    if month_name and month is None:
        return None
    return parse_date_parts(loose.group("year"), month, loose.group("day") if month else None)


def year_range(start: int, end: int) -> tuple[str, ...]:
    """Birth years of a range: one per year, or the two ends when longer than 10 years."""
    low, high = min(start, end), max(start, end)
    if high - low > MAX_YEAR_RANGE:
        return (f"{low:04d}", f"{high:04d}")
    return tuple(f"{y:04d}" for y in range(low, high + 1))


def find_imo_numbers(text: str | None) -> tuple[str, ...]:
    """IMO ship or company numbers quoted in free text (``IMO number: 5342883``)."""
    if not text:
        return ()
    return tuple(dict.fromkeys(_IMO.findall(text)))


def find_gender(text: str | None) -> str | None:
    """``male``/``female`` from a ``Gender: male`` note, as FollowTheMoney writes gender."""
    match = _GENDER.search(text or "")
    return match.group(1).lower() if match else None


def require_path(files: Mapping[str, Path], role: str = "primary") -> Path:
    """The file for a role; ListFileMissing when the caller gave none."""
    path = files.get(role)
    if path is None:
        raise ListFileMissing(f"no {role!r} file given (roles given: {', '.join(files) or 'none'})")
    return Path(path)


def parse_xml(path: Path) -> Any:
    """Parse an XML file safely (no entities, no DTD, no network) into its root element.

    Malformed XML raises ListParseError naming the line; an empty file, or one that ends
    before its closing element (cut short), IncompleteListError; an unreadable file
    ListFileMissing.
    """
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
        remove_pis=True,
    )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListFileMissing(f"{path}: cannot read list file: {exc}") from exc
    if not data.strip():
        raise IncompleteListError(str(path), "line 1", "the file is empty")
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno is not None else 0
        if line >= data.rstrip().count(b"\n") + 1:  # failed on its last line: it stops early
            raise IncompleteListError(
                str(path), f"line {line}",
                f"the file ends before its closing element (cut short?): {exc.msg}") from exc
        raise ListParseError(str(path), f"line {line or '?'}", f"malformed XML: {exc.msg}") from exc


def closing_check(path: Path, root: Any) -> str:
    """What showed an XML list file complete: it parsed up to its root's closing element."""
    tag = str(root.tag).rpartition("}")[2]
    return f"{path.name}: well-formed XML up to its closing </{tag}>"


def iso_version(value: str | None, path: Path, location: str) -> str | None:
    """The ISO date of a version stamp (``2026-02-27T00:00:09.554Z`` -> ``2026-02-27``)."""
    text = clean_text(value)
    if text is None:
        return None
    match = _ISO_DATE.match(text)
    date = parse_date_parts(*match.groups()) if match else None
    if date is None:
        raise ListParseError(str(path), location, f"not a date: {text!r}")
    return date


def add_extra(extra: dict[str, str], key: str, values: Iterable[str]) -> None:
    """Add values to a free fact, joined by ``"; "`` without repeats (``birthDateApprox``)."""
    old = extra.get(key)
    merged = dict.fromkeys([*(old.split("; ") if old else []), *values])
    if merged:
        extra[key] = "; ".join(merged)


def build_entity(
    entity_id: str,
    schema: str,
    pairs: Iterable[tuple[str, str | None]],
    *,
    dataset: str,
    record_id: str,
    version: str | None,
    listing_date: str | None = None,
    extra: Mapping[str, str] | None = None,
) -> Entity:
    """An Entity from (property, value) pairs, with the provenance every parser records."""
    return Entity(
        id=entity_id,
        schema=schema,
        properties=make_properties(pairs),
        datasets=(dataset,),
        record_id=record_id,
        version=version,
        listing_date=listing_date,
        extra=dict(extra or {}),
    )
