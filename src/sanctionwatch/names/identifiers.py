"""Identifiers: the numbers and codes that name a party (IMO, passport, SWIFT/BIC, wallet...).

Shared by the index (exact look-ups) and the matcher (identifier agreement), so both compare
identifiers the same way: without case, spaces or punctuation.
"""

from __future__ import annotations

import re

#: identifier properties: a shared value is strong evidence of the same party
ID_PROPERTIES: tuple[str, ...] = (
    "imoNumber",
    "mmsi",
    "passportNumber",
    "idNumber",
    "taxNumber",
    "registrationNumber",
    "swiftBic",
    "innCode",
    "ogrnCode",
    "leiCode",
    "vatCode",
    "okpoCode",
    "publicKey",
    "callSign",
    "serialNumber",
    "dunsCode",
    "uniqueEntityId",
    "socialSecurityNumber",
)
#: identifier kinds unique to one party: two different values mean two parties
CONFLICTING_IDS = frozenset(
    {"imoNumber", "mmsi", "swiftBic", "innCode", "ogrnCode", "leiCode", "publicKey"}
)
#: shorter identifiers collide by chance
MIN_ID_LENGTH = 4
_ID_CLEAN = re.compile(r"[^0-9A-Z]")


def normalize_id(value: str, prop: str = "") -> str:
    """An identifier compared without case, spaces or punctuation (the IMO prefix and the
    ``XXX`` branch suffix of a BIC dropped)."""
    text = _ID_CLEAN.sub("", value.upper())
    if text.startswith("IMO") and text[3:].isdigit():
        text = text[3:]
    if prop in ("swiftBic", "") and len(text) == 11 and text.endswith("XXX") and text.isalpha():
        text = text[:8]
    return text
