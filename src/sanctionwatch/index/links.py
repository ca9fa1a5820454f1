"""Cross-list links: which listings by different publishers describe the same party.

Two listings in DIFFERENT datasets are linked only on the publishers' own evidence, each a
*key* both carry:

- ``un_reference``: the same UN reference number (``extra["unReference"]``: the UN's own
  listing, the EU's ``unitedNationId``, the UK's "UN Ref" in Other Information);
- ``imoNumber``: the same IMO ship or company number;
- ``passportNumber``: the same passport number issued by the same country
  (``extra["passport:<number>"] = "<country>"``; a number without a country links nothing);
- ``swiftBic``: the same SWIFT/BIC code (``XXX`` branch suffix ignored);
- ``name_birthdate``: the same normalised name (name, alias or previous name; never a weak
  alias) AND the same full birth date
  (``YYYY-MM-DD``);
- ``name_address``: for organisations and other non-persons, the same normalised name AND the
  same street and city (the first two parts of an address): KOMID is on the UN and OFAC lists
  as "KOREA MINING DEVELOPMENT TRADING CORPORATION", Central District, Pyongyang.
A name alone never links.

Listings are indexed by key (no pairwise comparison) and grouped by union-find; each linked
listing maps to every id of its cluster. Pure code: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

from sanctionwatch.model import Entity, Link
from sanctionwatch.model.entity import PASSPORT_EXTRA

__all__ = ["cluster_links", "link_entities", "link_keys", "name_key"]

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NOT_DIGIT = re.compile(r"\D")
_NAME_SPLIT = re.compile(r"[\W_]+")
#: the names a name_birthdate link may use: weak aliases ("Abu Ali") are too common
_LINK_NAMES = ("name", "alias", "previousName")
#: identifiers shorter than this are too likely to collide by chance
_MIN_ID_LENGTH = 5


def link_entities(
    entities: Iterable[Entity],
) -> tuple[tuple[Link, ...], dict[str, tuple[str, ...]]]:
    """Links between listings of the same party in different datasets, and their clusters."""
    groups: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for entity in entities:
        for key in link_keys(entity):
            groups[key].append(entity)
    links: dict[tuple[str, str, str], Link] = {}
    for (reason, value), members in groups.items():
        if len(members) < 2:
            continue
        for left, right in _cross_pairs(members):
            pair = (left, right, reason) if left < right else (right, left, reason)
            links.setdefault(pair, Link(left=pair[0], right=pair[1], reason=reason, value=value))
    ordered = tuple(sorted(links.values(), key=lambda k: (k.left, k.right, k.reason)))
    return ordered, cluster_links(ordered)


def link_keys(entity: Entity) -> set[tuple[str, str]]:
    """The (reason, value) keys an entity can be linked on."""
    keys: set[tuple[str, str]] = set()
    props, extra = entity.properties, entity.extra
    if extra:
        reference = "".join(extra.get("unReference", "").split())
        if reference:
            keys.add(("un_reference", reference))
        for key, country in extra.items():
            if country and key.startswith(PASSPORT_EXTRA):
                number = _identifier(key[len(PASSPORT_EXTRA) :])
                if number:
                    keys.add(("passportNumber", f"{number} ({country})"))
    for imo in props.get("imoNumber", ()):
        digits = _NOT_DIGIT.sub("", imo)
        if len(digits) == 7:
            keys.add(("imoNumber", digits))
    for bic in props.get("swiftBic", ()):
        code = _identifier(bic)
        if len(code) == 11 and code.endswith("XXX"):
            code = code[:8]
        if len(code) in (8, 11):
            keys.add(("swiftBic", code))
    if "birthDate" in props:
        keys.update(_name_birthdate_keys(entity))
    if "address" in props and entity.schema != "Person":
        keys.update(_name_address_keys(entity))
    return keys


def _name_address_keys(entity: Entity) -> Iterator[tuple[str, str]]:
    places = set()
    for address in entity.get("address"):
        parts = [name_key(part) for part in address.split(",")]
        if len(parts) >= 3 and all(parts[:2]):
            places.add(f"{parts[0]}|{parts[1]}")
    names = {name_key(name) for prop in _LINK_NAMES for name in entity.get(prop)}
    for name in names:
        if name:
            for place in places:
                yield "name_address", f"{name} @ {place}"


def _name_birthdate_keys(entity: Entity) -> Iterator[tuple[str, str]]:
    dates = [d for d in entity.get("birthDate") if len(d) == 10 and _FULL_DATE.match(d)]
    if not dates:
        return
    names = {name_key(name) for prop in _LINK_NAMES for name in entity.get(prop)}
    for name in names:
        if name:
            for date in dates:
                yield "name_birthdate", f"{name} {date}"


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Lower-case tokens without accents, in sorted order: ``KIM, Jong Un`` = ``Jong Un KIM``,
    ``JÉRÔME`` = ``Jerome``. Other scripts stay as they are (no transliteration)."""
    text = name.casefold()
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))
    return " ".join(sorted(_NAME_SPLIT.split(text))).strip()


def _identifier(value: str) -> str:
    """An identifier in upper-case letters and digits; empty when too short or digit-less."""
    code = _NOT_ALNUM.sub("", value.upper())
    if len(code) < _MIN_ID_LENGTH or not any(c.isdigit() for c in code):
        return ""
    return code


def _cross_pairs(members: list[Entity]) -> Iterator[tuple[str, str]]:
    """Pairs of listings from different datasets that share a key.

    Each member is paired with the first member of every other dataset, which connects the
    whole group in the clusters without comparing all pairs of a large group.
    """
    firsts: dict[tuple[str, ...], Entity] = {}
    for member in members:
        firsts.setdefault(member.datasets, member)
    if len(firsts) < 2:
        return
    for member in members:
        for datasets, first in firsts.items():
            if first.id != member.id and not set(datasets) & set(member.datasets):
                yield member.id, first.id


def cluster_links(links: Iterable[Link]) -> dict[str, tuple[str, ...]]:
    """Union-find over the links: linked id -> sorted ids of its whole cluster."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        root = parent.setdefault(node, node)
        while root != parent[root]:
            parent[root] = parent[parent[root]]
            root = parent[root]
        return root

    for link in links:
        left, right = find(link.left), find(link.right)
        if left != right:
            parent[max(left, right)] = min(left, right)
    members: dict[str, list[str]] = defaultdict(list)
    for node in parent:
        members[find(node)].append(node)
    return {node: tuple(sorted(group)) for group in members.values() for node in group}
