"""The grammar of SWIFT MT party fields: which line of 50a/59a/52a... is the account, the name,
the address or the BIC, by option letter.

- ``A`` (and ``G``, ``C``): an optional ``/account`` (or ``//RT``, ``/C/...``) line, then a BIC;
- ``F``: an account or party identifier, then numbered lines: ``1/`` name, ``2/`` address,
  ``3/CC/town``, ``4/`` to ``8/`` dates, places, numbers and more name;
- ``K``, ``H``, ``D``, no letter (59): an optional ``/account`` line, the name, the address lines;
- ``B``: an optional account, then a location; ``L``: a party identifier.
"""

from __future__ import annotations

import re

from sanctionwatch.exc import PaymentError
from sanctionwatch.payments.model import (
    AGENT_ROLES,
    Address,
    Located,
    Party,
    free_line_country,
    normalize_bic,
)

_NUMBERED = re.compile(r"^([1-8])/(.*)$")
_COUNTRY_TOWN = re.compile(r"^([A-Z]{2})/(.*)$")


def _line(tag: str, number: int) -> str:
    return f":{tag}: line {number}"


def parse_party(tag: str, lines: list[str], role: str, where: str, *, is_underlying: bool = False
                ) -> Party:
    """The party of one MT field (``lines`` as written, without the tag)."""
    option = tag[2:]
    kind = {"A": _bic_party, "G": _bic_party, "C": _bic_party, "F": _numbered_party,
            "L": _identifier_party, "B": _location_party}.get(option, _free_party)
    party = kind(tag, lines, role, where)
    is_agent = role in AGENT_ROLES or option in ("A", "C", "G") or (
        party.bic is not None and party.name is None)
    return Party(
        role=party.role, field=f":{tag}:", name=party.name, bic=party.bic,
        account=party.account, address=party.address, identifiers=party.identifiers,
        is_agent=is_agent, is_underlying=is_underlying,
    )


def _account(tag: str, lines: list[str]) -> tuple[Located | None, int]:
    """The account line (``/...``), if the field starts with one, and where the rest starts."""
    if lines and lines[0].startswith("/"):
        value = lines[0].lstrip("/").strip()
        return (Located(value, _line(tag, 1)) if value and value != "-" else None), 1
    return None, 0


def _bic_party(tag: str, lines: list[str], role: str, where: str) -> Party:
    account, start = _account(tag, lines)
    rest = [(n, line.strip()) for n, line in enumerate(lines[start:], start + 1) if line.strip()]
    bic = next(((n, v) for n, v in reversed(rest) if normalize_bic(v)), None)
    if bic is None:
        shown = rest[-1][1] if rest else ""
        raise PaymentError(where, f":{tag}:", f"option {tag[2:]} needs a BIC, found {shown!r}")
    return Party(role, f":{tag}:", bic=Located(bic[1], _line(tag, bic[0])), account=account)


def _free_party(tag: str, lines: list[str], role: str, where: str) -> Party:
    account, start = _account(tag, lines)
    rest = [(n, line.strip()) for n, line in enumerate(lines[start:], start + 1) if line.strip()]
    if not rest:
        return Party(role, f":{tag}:", account=account)
    number, name = rest[0]
    parts = tuple(Located(v, _line(tag, n)) for n, v in rest[1:])
    return Party(role, f":{tag}:", name=Located(name, _line(tag, number)), account=account,
                 address=Address(parts, free_line_country(parts)) if parts else None)


def _identifier_party(tag: str, lines: list[str], role: str, where: str) -> Party:
    ids = tuple(Located(v.strip(), _line(tag, n)) for n, v in enumerate(lines, 1) if v.strip())
    return Party(role, f":{tag}:", identifiers=ids)


def _location_party(tag: str, lines: list[str], role: str, where: str) -> Party:
    account, start = _account(tag, lines)
    parts = tuple(Located(v.strip(), _line(tag, n))
                  for n, v in enumerate(lines[start:], start + 1) if v.strip())
    return Party(role, f":{tag}:", account=account,
                 address=Address(parts, free_line_country(parts)) if parts else None)


def _numbered_party(tag: str, lines: list[str], role: str, where: str) -> Party:
    account: Located | None = None
    identifiers: list[Located] = []
    start = 0
    if lines and not _NUMBERED.match(lines[0]):
        first = lines[0].strip()
        if first.startswith("/"):
            account = Located(first.lstrip("/"), _line(tag, 1)) if first != "/NOTPROVIDED" \
                else None
        else:
            identifiers.append(Located(first, _line(tag, 1)))
        start = 1
    names: list[Located] = []
    parts: list[Located] = []
    country: Located | None = None
    for number, raw in enumerate(lines[start:], start + 1):
        found = _NUMBERED.match(raw.strip())
        if found is None:
            raise PaymentError(where, _line(tag, number),
                               f"option F lines start with 1/ to 8/, found {raw.strip()!r}")
        code, value = found.group(1), found.group(2).strip()
        here = _line(tag, number)
        if code in ("1", "8"):
            names.append(Located(value, here))
        elif code == "2":
            parts.append(Located(value, here))
        elif code == "3":
            town = _COUNTRY_TOWN.match(value)
            if town:
                country = Located(town.group(1), here)
                parts.append(Located(town.group(2).strip(), here))
            else:
                parts.append(Located(value, here))
        else:
            identifiers.append(Located(value, here))
    name = Located(" ".join(n.value for n in names), names[0].field) if names else None
    address = Address(tuple(parts), country) if parts or country else None
    return Party(role, f":{tag}:", name=name, account=account, address=address,
                 identifiers=tuple(identifiers))
