"""The facts OFAC packs into one free-text remark, as FollowTheMoney properties.

An SDN remark reads ``DOB 07 May 1966; POB Baku, Azerbaijan; citizen Slovakia; Passport
BD3843329 (Slovakia) expires 08 Apr 2029; a.k.a. 'KOMID'.``: segments split on ``"; "``, each
a label and a value. :func:`parse_remarks` reads them into a :class:`PartyFacts`. OFAC's XML
carries the same facts as elements; ``ofac.py`` prints each element back as the segment the CSV
would hold (``Passport BD3843329 (Slovakia)``) and feeds it to :func:`parse_segment`, so both
formats share one mapping.

What becomes of a segment (the conventions of ``sources/common.py`` apply):

- ``DOB``: ``birthDate`` ISO prefixes; ``01 Jan 1961 to 31 Dec 1962`` gives one year per year
  (the two ends when longer than 10 years); ``circa 1970`` gives ``1970`` and adds the value to
  ``extra["birthDateApprox"]``. ``POB`` -> ``birthPlace``.
- ``nationality``/``citizen`` -> ``nationality``/``citizenship`` as country codes.
- identifiers (``Passport``, ``National ID No.``, ``Tax ID No.``, ...): the number goes into
  the property (``passportNumber``, ``idNumber``, ``taxNumber``, ...); the issuing country of a
  passport into ``extra["passport:<number>"]`` (``""`` when OFAC gives none), of any other
  identifier into ``extra["<property>:<number>"]``. IMO numbers read ``IMO9187629``.
- ``a.k.a. 'X'``/``n.k.a.`` -> ``alias``, ``f.k.a.`` -> ``previousName``: one pair of outer
  quotes removed, inner quotes kept (``PRIVATE MILITARY COMPANY 'WAGNER'``).
- ``Linked To: NAME`` -> ``extra["linkedTo"]`` (names joined by ``"; "``).
- ``Digital Currency Address - XBT <address>`` -> :attr:`PartyFacts.wallets`.
- ``Listing Date (...): <date>``: the earliest one is the listing date; the text stays in notes.
- A property the schema lacks (a passport of an Organization) falls back to ``idNumber`` or
  ``registrationNumber``; else, like every segment not understood, the segment goes verbatim
  into ``notes``: no text is lost. Country names FollowTheMoney does not know stay out of the
  country properties; they are noted and counted in :attr:`PartyFacts.unmapped_countries`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sanctionwatch.model.schema import has_property
from sanctionwatch.model.values import country_code
from sanctionwatch.sources.common import parse_loose_date, year_range

#: remark segments are separated by this
SEPARATOR = "; "

_QUOTED_NAME = re.compile(r"^(?P<kind>[afn])\.k\.a\.,?\s+(?P<value>.*)$")
_IMO_VALUE = re.compile(r"^IMO\s*(\d{7})$")
_ID_VALUE = re.compile(
    r"^(?P<value>.+?)(?:\s+\((?P<country>[^()]*)\))?"
    r"(?:,?\s+issued\s+(?P<issued>.+?))?(?:,?\s+expires\s+(?P<expires>.+?))?$"
)
#: a period that ends an abbreviation (``S.A.``, ``C.V.``) belongs to the name
_ABBREVIATION_END = re.compile(r"(?:^|[\s.])[A-Za-z]\.$")


@dataclass(slots=True)
class PartyFacts:
    """What the remarks (and the structured fields) say about one listed party."""

    schema: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    #: (currency code, address) of each crypto wallet, in the list's order
    wallets: list[tuple[str, str]] = field(default_factory=list)
    listing_dates: list[str] = field(default_factory=list)
    unmapped_countries: list[str] = field(default_factory=list)

    def add(self, prop: str, value: str | None, raw: str) -> None:
        """Add a value to the property, or a fallback the schema has, or ``raw`` to notes."""
        target = _target(self.schema, prop)
        if target is None or not value or value.isspace():
            self.note(raw)
        else:
            self.pairs.append((target, value))  # build_entity strips it

    def add_country(self, prop: str, name: str, raw: str | None) -> str | None:
        """Add a country by name; an unknown name is counted and ``raw`` (if any) noted.
        Returns the code."""
        code = _country(name)
        if code is None:
            self.unmapped_countries.append(name)
            self.note(raw or "")
            return None
        self.add(prop, code, raw or name)
        return code

    def add_extra(self, key: str, value: str) -> None:
        """Add a free fact; several values of one key are joined by ``"; "``."""
        old = self.extra.get(key)
        if old is None:
            self.extra[key] = value
        elif value not in old.split(SEPARATOR):
            self.extra[key] = f"{old}{SEPARATOR}{value}"

    def note(self, text: str) -> None:
        """Keep text verbatim in ``notes`` (less the remark's closing period)."""
        text = _strip_name_period(text)
        if text:
            self.pairs.append(("notes", text))


#: property -> the properties tried, in order, when the schema lacks it
_FALLBACKS: dict[str, tuple[str, ...]] = {
    **{p: ("country",) for p in ("nationality", "citizenship", "flag", "pastFlags")},
    **{
        p: ("idNumber", "registrationNumber")
        for p in (
            "passportNumber", "socialSecurityNumber", "taxNumber", "vatCode", "leiCode",
            "dunsCode", "swiftBic", "mmsi", "imoNumber", "callSign",
        )
    },
    "idNumber": ("registrationNumber",),
}


@lru_cache(maxsize=1024)
def _target(schema: str, prop: str) -> str | None:
    """The property (or its first fallback) that the schema has; None when it has none."""
    for candidate in (prop, *_FALLBACKS.get(prop, ())):
        if has_property(schema, candidate):
            return candidate
    return None


@lru_cache(maxsize=2048)
def _country(name: str) -> str | None:
    """A country code; OFAC's ``Region: West Bank`` names the region after the prefix."""
    return country_code(name.removeprefix("Region: "))


def split_remarks(text: str) -> list[str]:
    """The segments of a remark: split on ``"; "``, except inside a quoted a.k.a. that a later
    segment closes (a truncated remark may leave a quote open: that one is not joined)."""
    parts = [p.strip() for p in text.split(SEPARATOR)]
    if ".k.a." not in text:
        return [p for p in parts if p]
    out: list[str] = []
    i = 0
    while i < len(parts):
        end = _closing_part(parts, i)
        out.append(SEPARATOR.join(parts[i : end + 1]))
        i = end + 1
    return [p for p in out if p]


def _closing_part(parts: list[str], start: int) -> int:
    """The index of the part that closes a quote opened by ``parts[start]`` (else start)."""
    quote = _open_quote(parts[start])
    if quote is None:
        return start
    for j in range(start + 1, len(parts)):
        if parts[j].rstrip(".").endswith(quote):
            return j
    return start


def _without_alt(segment: str) -> str:
    """The segment without OFAC's ``alt.`` (another value of the same kind)."""
    return segment[5:].lstrip() if segment[:5].lower() == "alt. " else segment


def _open_quote(part: str) -> str | None:
    """The quote a quoted a.k.a. opens and does not close in this part (else None)."""
    match = _QUOTED_NAME.match(_without_alt(part))
    if match is None:
        return None
    value = match.group("value").rstrip(".")
    quote = value[:1]
    if quote not in ("'", '"') or (len(value) > 1 and value.endswith(quote)):
        return None
    return quote


def parse_remarks(
    facts: PartyFacts, text: str | None, *, skip: Iterable[str] = (), is_cut: bool = False
) -> None:
    """Read every segment of a remark into ``facts``.

    ``skip``: segments already held elsewhere (the Title column repeated in the remark).
    ``is_cut``: the remark was cut short; its last segment is kept as a note, never parsed
    (a cut ``Passport 12`` must not become a passport number).
    """
    if not text:
        return
    skipped = {s.strip().rstrip(".") for s in skip}
    segments = split_remarks(text)
    for index, segment in enumerate(segments):
        if segment.rstrip(".") in skipped:
            continue
        if is_cut and index == len(segments) - 1:
            facts.note(segment)
        else:
            parse_segment(facts, segment)


def parse_segment(facts: PartyFacts, segment: str) -> None:
    """Read one remark segment (``DOB 1970``, ``alt. Passport X (Y)``, ...) into ``facts``."""
    body = _without_alt(segment.strip())
    head = body.split(" ", 1)[0].rstrip(":#")
    handler = _HANDLERS.get(head)
    if handler is not None:
        match = handler[0].match(body)
        if match is not None:
            handler[1](facts, match, segment)
            return
    for label in _LABELS_BY_HEAD.get(head, ()):
        rest = body[len(label) :] if body.startswith(label) else ""
        if rest[:1] in (" ", "#", ":") and rest.strip(" #:"):
            prop, kind = _ID_TYPES[label]
            _ID_KINDS[kind](facts, prop, _strip_period(rest.strip(" #:")), segment)
            return
    facts.note(segment)


def _strip_period(text: str) -> str:
    """The text without one closing period."""
    text = text.strip()
    return text[:-1].rstrip() if text.endswith(".") else text


def _strip_name_period(text: str) -> str:
    """A name without the remark's closing period; an abbreviation's period stays."""
    text = text.strip()
    if text.endswith(".") and not _ABBREVIATION_END.search(text):
        return text[:-1].rstrip()
    return text


def birth_dates(text: str) -> tuple[list[str], bool]:
    """ISO birth dates of ``07 May 1966``, ``Mar 1972``, ``circa 1970`` or a ``to`` range,
    and whether OFAC marks them as approximate. Empty when the text is no date."""
    value = _strip_period(text)
    is_approx = value.lower().startswith("circa ")
    if is_approx:
        value = value[6:]
    if " to " in value:
        start, end = (parse_loose_date(v) for v in value.split(" to ", 1))
        if start is None or end is None:
            return [], is_approx
        return list(year_range(int(start[:4]), int(end[:4]))), is_approx
    date = parse_loose_date(value)
    return ([date] if date else []), is_approx


def _on_dob(facts: PartyFacts, match: re.Match[str], raw: str) -> None:
    """``DOB 07 May 1966``, ``DOB circa 1970``, ``DOB 1951 to 1953``."""
    dates, is_approx = birth_dates(match.group("value"))
    if not dates:
        facts.note(raw)
        return
    for date in dates:
        facts.add("birthDate", date, raw)
        if is_approx:
            facts.add_extra("birthDateApprox", date)


def _on_place(facts: PartyFacts, match: re.Match[str], raw: str) -> None:
    """``POB Baku, Azerbaijan``."""
    facts.add("birthPlace", _strip_period(match.group("value")), raw)


def _on_country(prop: str) -> Callable[[PartyFacts, re.Match[str], str], None]:
    """A handler for ``nationality X``/``citizen X`` into ``prop``."""

    def handle(facts: PartyFacts, match: re.Match[str], raw: str) -> None:
        facts.add_country(prop, _strip_period(match.group("value")), raw)

    return handle


def _on_gender(facts: PartyFacts, match: re.Match[str], raw: str) -> None:
    """``Gender Male`` -> ``male``."""
    facts.add("gender", match.group("value").lower(), raw)


def _on_quoted_name(facts: PartyFacts, match: re.Match[str], raw: str) -> None:
    """``a.k.a. 'KOMID'``, ``f.k.a. "X"``: one pair of outer quotes removed."""
    value = match.group("value").strip()
    if value.endswith(".") and value[:1] != value[-1:]:
        value = value[:-1]
    quote = value[:1]
    if len(value) < 3 or quote not in ("'", '"') or not value.endswith(quote):
        facts.note(raw)  # an unclosed quote: a remark cut short
        return
    name = value[1:-1].strip()
    if not name:
        facts.note(raw)  # quotes around nothing
        return
    prop = "previousName" if match.group("kind") == "f" else "alias"
    facts.add(prop, name, raw)


def _on_linked(facts: PartyFacts, match: re.Match[str], raw: str) -> None:
    """``Linked To: NAME`` -> ``extra["linkedTo"]``."""
    facts.add_extra("linkedTo", _strip_name_period(match.group("value")))


def _on_wallet(facts: PartyFacts, match: re.Match[str], raw: str) -> None:
    """``Digital Currency Address - XBT <address>``."""
    facts.wallets.append((match.group("currency"), _strip_period(match.group("value"))))


def _on_listing_date(facts: PartyFacts, match: re.Match[str], raw: str) -> None:
    """``Listing Date (EO 14024 Directive 2): 24 Feb 2022``: kept as a note too."""
    date = parse_loose_date(_strip_period(match.group("value")))
    if date is not None:
        facts.listing_dates.append(date)
    facts.note(raw)


_Handler = Callable[[PartyFacts, re.Match[str], str], None]

#: first word of a segment -> (its pattern, its handler)
_HANDLERS: dict[str, tuple[re.Pattern[str], _Handler]] = {
    "DOB": (re.compile(r"^DOB\s+(?P<value>.+)$"), _on_dob),
    "POB": (re.compile(r"^POB\s+(?P<value>.+)$"), _on_place),
    "nationality": (re.compile(r"^nationality\s+(?P<value>.+)$"), _on_country("nationality")),
    "citizen": (re.compile(r"^citizen\s+(?P<value>.+)$"), _on_country("citizenship")),
    "Gender": (re.compile(r"^Gender\s+(?P<value>Male|Female)\.?$"), _on_gender),
    **{f"{k}.k.a.": (_QUOTED_NAME, _on_quoted_name) for k in "afn"},
    **{f"{k}.k.a.,": (_QUOTED_NAME, _on_quoted_name) for k in "afn"},
    "Linked": (re.compile(r"^Linked To:\s*(?P<value>.+)$"), _on_linked),
    # the XML's remarks wrap it: "(Linked To: HAMAS)"
    "(Linked": (re.compile(r"^\(Linked To:\s*(?P<value>.+)\)$"), _on_linked),
    "Digital": (
        re.compile(r"^Digital Currency Address - (?P<currency>\S+)\s+(?P<value>\S+)$"),
        _on_wallet,
    ),
    "Listing": (re.compile(r"^Listing Date \([^)]*\):?\s+(?P<value>.+)$"), _on_listing_date),
}


def _id_value(facts: PartyFacts, prop: str, text: str, raw: str) -> None:
    """``BD3843329 (Slovakia) issued 01 Jan 2019 expires 08 Apr 2029`` and the like."""
    match = _ID_VALUE.match(text)
    if match is None:
        facts.note(raw)
        return
    value = match.group("value")
    imo = _IMO_VALUE.match(value)
    if imo is not None:
        prop, value = "imoNumber", f"IMO{imo.group(1)}"
    country = match.group("country")
    code = _country(country) if country else None
    facts.add(prop, value, raw)
    if prop == "passportNumber":
        facts.extra[f"passport:{value}"] = code or ""
    elif code is not None:
        facts.extra[f"{prop}:{value}"] = code
    if (country and code is None) or match.group("issued") or match.group("expires"):
        facts.note(raw)  # the dates (or an unknown place) are not lost
        if country and code is None:
            facts.unmapped_countries.append(country)


def _text_value(facts: PartyFacts, prop: str, text: str, raw: str) -> None:
    """The value as OFAC writes it (a model, an e-mail address, a phone number)."""
    facts.add(prop, text, raw)


def _date_value(facts: PartyFacts, prop: str, text: str, raw: str) -> None:
    """A date (``Organization Established Date 1969``)."""
    facts.add(prop, parse_loose_date(text), raw)


def _country_value(facts: PartyFacts, prop: str, text: str, raw: str) -> None:
    """A country name (``Former Vessel Flag Malta``)."""
    facts.add_country(prop, text, raw)


def _extra_value(facts: PartyFacts, prop: str, text: str, raw: str) -> None:
    """A name that fits no property (``Aircraft Operator YAS AIR``)."""
    facts.add_extra(prop, text)


_ID_KINDS: dict[str, Callable[[PartyFacts, str, str, str], None]] = {
    "id": _id_value,
    "text": _text_value,
    "date": _date_value,
    "country": _country_value,
    "extra": _extra_value,
}

#: label as OFAC writes it (in remarks, and as ``idType`` in the XML) -> (property, kind);
#: securities of the party (ISIN, Equity Ticker) identify no party: they stay in notes
_ID_TYPES: dict[str, tuple[str, str]] = {
    label: (prop, kind)
    for prop, kind, labels in (
        ("passportNumber", "id", ("Passport", "Diplomatic Passport", "Passport Booklet")),
        ("idNumber", "id", (
            "National ID No.", "Cedula No.", "Identification Number", "D.N.I.", "C.U.R.P.",
            "Personal ID Card", "National Foreign ID Number", "Turkish Identification Number",
            "Numero de Identidad", "Kenyan ID No.", "Citizen's Card Number", "I.F.E.",
            "Tazkira National ID Card", "UAE Identification", "Residency Number", "C.U.I.",
            "Refugee ID Card", "Travel Document Number", "Birth Certificate Number", "C.U.I.P.",
            "Electoral Registry No.", "Credencial electoral", "Driver's License No.",
            "Cartilla de Servicio Militar Nacional", "VisaNumberID", "Immigration No.",
            "SRE Permit No.", "Military Registration Number", "Pilot License Number",
        )),
        ("socialSecurityNumber", "id", ("SSN",)),
        ("taxNumber", "id", (
            "Tax ID No.", "R.F.C.", "RFC", "NIT", "RUC", "RIF", "Italian Fiscal Code", "US FEIN",
            "C.U.I.T.", "C.I.F.", "Paraguayan tax identification number", "RTN",
            "Numero Unico de Identificacao Tributaria (NUIT)",
        )),
        ("vatCode", "id", ("V.A.T. Number",)),
        ("registrationNumber", "id", (
            "Registration Number", "Registration ID", "Business Registration Number",
            "Commercial Registry Number", "Company Number", "UK Company Number",
            "Government Gazette Number", "Folio Mercantil No.", "Matricula Mercantil No",
            "Chamber of Commerce Number", "Istanbul Chamber of Comm. No.", "Trade License No.",
            "Dubai Chamber of Commerce Membership No.", "License", "Business Number",
            "Economic Register Number (CBLS)", "Central Registration System Number",
            "Public Registration Number", "Enterprise Number", "Branch Unit Number",
            "Certificate of Incorporation Number", "C.R. No.", "Romanian C.R.", "LE Number",
            "Business Registration Document", "Registered Charity No.", "Permit Number",
            "File Number", "Organization Code", "Afghan Money Service Provider License Number",
            "Unified Social Credit Code (USCC)", "United Social Credit Code Certificate (USCCC)",
            "Vessel Registration Identification", "BIK (RU)",
        )),
        ("leiCode", "id", ("Legal Entity Number",)),
        ("dunsCode", "id", ("D-U-N-S Number",)),
        ("swiftBic", "id", ("SWIFT/BIC",)),
        ("mmsi", "id", ("MMSI",)),
        ("callSign", "id", ("Other Vessel Call Sign",)),
        ("registrationNumber", "text", ("Aircraft Tail Number", "Previous Aircraft Tail Number")),
        ("serialNumber", "text", (
            "Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Serial Identification",
            "Aircraft Construction Number (also called L/N or S/N or F/N)",
        )),
        ("model", "text", ("Aircraft Model",)),
        ("email", "text", ("Email Address",)),
        ("website", "text", ("Website",)),
        ("phone", "text", ("Telephone", "Telephone No.", "Phone Number", "PHONE")),
        ("sector", "text", ("Organization Type",)),
        ("classification", "text", ("Target Type",)),
        ("incorporationDate", "date", ("Organization Established Date",)),
        ("buildDate", "date", ("Aircraft Manufacture Date", "Vessel Year of Build")),
        ("pastFlags", "country", ("Former Vessel Flag",)),
        ("flag", "country", ("Other Vessel Flag",)),
        ("country", "country", ("Nationality of Registration", "Registration Country")),
        ("operator", "extra", ("Aircraft Operator",)),
    )
    for label in labels
}

#: first word -> the labels that start with it, longest first
_LABELS_BY_HEAD: dict[str, tuple[str, ...]] = {
    head: tuple(sorted((lb for lb in _ID_TYPES if lb.split(" ", 1)[0] == head), key=len)[::-1])
    for head in {label.split(" ", 1)[0] for label in _ID_TYPES}
}
