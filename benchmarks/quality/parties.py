"""Which listings are one party, for scoring a hit and for keeping negatives honest.

The collection's own clusters (``index.links``) join what the publishers' identifiers say; we
add UN-OFAC links of our own: persons whose birth dates agree and whose names agree
(``token_sort_ratio >= 90`` between one side's name and the other's name or strong alias),
organisations with a name in common that no other listing on either side carries. A screening that ranks OFAC's listing of a UN-listed person first has found the person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from rigour.text import ascii_text

from quality.scripts import script_of

if TYPE_CHECKING:
    from sanctionwatch.model import Collection, Entity

#: names this similar (token_sort_ratio on name keys) are one name
SAME_NAME = 90
STRONG_NAMES = ("name", "alias", "previousName")
ORG_SCHEMATA = frozenset({"Organization", "Company", "LegalEntity", "PublicBody"})
_TOKEN = re.compile(r"[A-Z0-9]+")


def name_key(name: str) -> str:
    """Order-, case-, accent- and punctuation-free form of a name."""
    return " ".join(sorted(_TOKEN.findall(ascii_text(name).upper())))


def dates_agree(date: str, others: Iterable[str]) -> bool:
    """Whether an ISO date prefix agrees with any of ``others`` (one a prefix of the other)."""
    return bool(date) and any(o.startswith(date) or date.startswith(o) for o in others if o)


def kind(schema: str) -> str:
    """Persons, vessels, ... by schema; every kind of organisation as one."""
    return "org" if schema in ORG_SCHEMATA else schema


def latin_names(entity: Entity) -> list[str]:
    """The entity's Latin-script names and strong aliases (weak aliases such as "Abu Ali"
    left out), the name first."""
    return [n for p in STRONG_NAMES for n in entity.get(p) if script_of(n) == "Latin"]


def names_agree(left: Entity, right: Entity) -> bool:
    """Whether one side's name (not merely an alias of each: "Abu Turab" is two men) agrees
    with a name or strong alias of the other."""
    left_keys = [name_key(n) for n in latin_names(left)]
    right_keys = [name_key(n) for n in latin_names(right)]
    return any(
        fuzz.token_sort_ratio(a, b) >= SAME_NAME
        for i, a in enumerate(left_keys)
        for j, b in enumerate(right_keys)
        if i == 0 or j == 0
    )


def cross_list_links(collection: Collection) -> list[tuple[str, str]]:
    """(UN id, OFAC id) pairs that are one party, sorted."""
    by_year: dict[str, list[Entity]] = {}
    org_names: dict[str, dict[str, set[str]]] = {"un": {}, "ofac": {}}
    for entity in collection:
        source = entity.id.split("-", 1)[0]
        if source == "ofac" and entity.schema == "Person":
            for year in {d[:4] for d in entity.get("birthDate")}:
                by_year.setdefault(year, []).append(entity)
        elif source in org_names and kind(entity.schema) == "org":
            for name in latin_names(entity):
                org_names[source].setdefault(name_key(name), set()).add(entity.id)
    links: set[tuple[str, str]] = set()
    for entity in collection:
        if entity.id.startswith("un-") and entity.schema == "Person":
            dates = entity.get("birthDate")
            for year in {d[:4] for d in dates}:
                links.update(
                    (entity.id, other.id)
                    for other in by_year.get(year, [])
                    if any(dates_agree(d, other.get("birthDate")) for d in dates)
                    and names_agree(entity, other)
                )
    # an organisation name links only where it names one listing on each side: "Ansar
    # al-Sharia" is three groups
    for key, un_ids in org_names["un"].items():
        ofac_ids = org_names["ofac"].get(key, set())
        if len(un_ids) == 1 and len(ofac_ids) == 1:
            links.add((next(iter(un_ids)), next(iter(ofac_ids))))
    return sorted(links)


class Parties:
    """Listings grouped into parties: the collection's clusters plus the given links."""

    def __init__(self, collection: Collection, links: Sequence[tuple[str, str]]) -> None:
        self._parent: dict[str, str] = {}
        for entity_id, members in collection.clusters.items():
            for member in members:
                self._union(entity_id, member)
        for left, right in links:
            self._union(left, right)
        self._members: dict[str, list[str]] = {}
        for entity_id in self._parent:
            self._members.setdefault(self.find(entity_id), []).append(entity_id)

    def find(self, entity_id: str) -> str:
        root = entity_id
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        self._parent[entity_id] = root
        return root

    def _union(self, left: str, right: str) -> None:
        self._parent[self.find(left)] = self.find(right)

    def same(self, left: str, right: str) -> bool:
        return self.find(left) == self.find(right)

    def members(self, entity_id: str) -> list[str]:
        """Every listing of the entity's party, itself included, sorted."""
        return sorted(self._members.get(self.find(entity_id), [entity_id]))

    def expand(self, ids: Iterable[str]) -> frozenset[str]:
        """The ids and every other listing of their parties."""
        return frozenset(member for i in ids for member in self.members(i))
