"""Identifiers: the numbers and codes that name a party (IMO, passport, SWIFT/BIC, INN, LEI...).

Shared by the index (exact look-ups) and the matcher (identifier agreement), so both compare
identifiers the same way: without case, spaces or punctuation, the ``IMO`` prefix and a BIC's
``XXX`` branch dropped. Each FollowTheMoney identifier property that names a party has an
:class:`IdKind`: whether one party alone holds a value (so that two valid values mean two
parties), how strongly a shared value speaks for a match, and the rigour format whose checksum
tells a valid value (an IMO's check digit, an LEI's, an INN's, an OGRN's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class IdKind:
    """How one identifier property is compared."""

    #: one party alone holds a value: two valid values that differ mean two parties
    is_unique: bool
    #: how much a shared value supports a match, in (0, 1]
    strength: float
    #: the rigour identifier format that checks a value (checksums), when there is one
    format: str | None = None


_UNIQUE = IdKind(True, 1.0)
#: issued per country and often reused or reissued: a shared value supports, two differ says
#: nothing (a party holds several)
_NATIONAL = IdKind(False, 0.7)
#: identifier properties that name a party, and how each compares
ID_KINDS: dict[str, IdKind] = {
    "imoNumber": IdKind(True, 1.0, "imo"),
    "mmsi": _UNIQUE,
    "swiftBic": IdKind(True, 1.0, "bic"),
    "bic": IdKind(True, 1.0, "bic"),
    "innCode": IdKind(True, 1.0, "inn"),
    "ogrnCode": IdKind(True, 1.0, "ogrn"),
    "leiCode": IdKind(True, 1.0, "lei"),
    "okpoCode": _UNIQUE,
    "uniqueEntityId": IdKind(True, 1.0, "uei"),
    "dunsCode": _UNIQUE,
    "uscCode": IdKind(True, 1.0, "uscc"),
    "npiCode": IdKind(True, 1.0, "npi"),
    "cikCode": _UNIQUE,
    "permId": _UNIQUE,
    "wikidataId": IdKind(True, 1.0, "wikidata"),
    "publicKey": _UNIQUE,
    #: a person holds several passports over a life: a shared number is theirs, two differ
    #: says nothing
    "passportNumber": IdKind(False, 1.0),
    "socialSecurityNumber": IdKind(False, 1.0, "ssn"),
    "idNumber": _NATIONAL,
    "personalNumber": _NATIONAL,
    "taxNumber": _NATIONAL,
    "registrationNumber": _NATIONAL,
    "vatCode": _NATIONAL,
    "callSign": _NATIONAL,
    "serialNumber": _NATIONAL,
    "icaoCode": _NATIONAL,
    #: a Russian tax registration reason code: a branch's and its parent's may agree
    "kppCode": IdKind(False, 0.4),
}
#: identifier properties: a shared value is evidence of the same party
ID_PROPERTIES: tuple[str, ...] = tuple(ID_KINDS)
#: identifier kinds unique to one party: two different valid values mean two parties
CONFLICTING_IDS = frozenset(p for p, k in ID_KINDS.items() if k.is_unique)
#: shorter identifiers collide by chance
MIN_ID_LENGTH = 4
#: a BIC's institution (4 letters) and country (2): the same bank, whatever the branch
BIC_BANK = 6
_ID_CLEAN = re.compile(r"[^0-9A-Z]")
_BIC = re.compile(r"^[A-Z]{6}[0-9A-Z]{2}([0-9A-Z]{3})?$")


def normalize_id(value: str, prop: str = "") -> str:
    """An identifier compared without case, spaces or punctuation (the IMO prefix and the
    ``XXX`` branch suffix of a BIC dropped)."""
    text = _ID_CLEAN.sub("", value.upper())
    if text.startswith("IMO") and text[3:].isdigit():
        text = text[3:]
    if prop in ("swiftBic", "bic", "") and len(text) == 11 and text.endswith("XXX") and \
            is_bic(text):
        text = text[:8]
    return text


def id_kind(prop: str) -> IdKind:
    """How a property's identifiers compare (a national number's kind when not listed)."""
    return ID_KINDS.get(prop, _NATIONAL)


@lru_cache(maxsize=16384)
def is_valid_id(norm: str, prop: str) -> bool:
    """Whether a normalised identifier passes its kind's check (checksum, shape); True for
    kinds without a check."""
    # rigour.ids imports python-stdnum's modules (about 20 ms): only a checked kind needs them
    from rigour.ids import get_identifier_format

    name = id_kind(prop).format
    checker = get_identifier_format(name) if name is not None else None
    if checker is None:
        return True
    return bool(checker.is_valid(f"IMO{norm}" if name == "imo" else norm))


def is_bic(norm: str) -> bool:
    """Whether a normalised value has the shape of a SWIFT/BIC code."""
    return _BIC.match(norm) is not None


def same_bank(left: str, right: str) -> bool:
    """Two BICs of one bank: the same institution and country, another location or branch
    (``FIDQUS3B`` and ``FIDQUS3F``)."""
    return is_bic(left) and is_bic(right) and left[:BIC_BANK] == right[:BIC_BANK]
