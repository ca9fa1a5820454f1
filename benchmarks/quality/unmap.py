"""Which UN listing each of yente's perturbed UN records is.

yente's fixture gives, row-aligned with the perturbed ("treated") records, the untreated UN
person: full name, birth date, nationality — but no UN reference number. We find the ``un-*``
entity of our index from the untreated row, strictest rule first:

1. ``name``: the untreated name's sorted tokens equal one UN person's name or alias, uniquely;
2. ``name+dob``: several UN persons carry that name; the birth date leaves exactly one — or
   leaves several that are one person listed twice (same name and birth date: the UN lists
   Hassan Dahir Aweys as QDi.042 and SOi.002), any of which counts as found;
3. ``dob+fuzzy``: no exact name; among UN persons whose birth date agrees, one name scores
   ``token_sort_ratio >= 90`` and beats the runner-up.

Everything else is reported unmapped (delisted since the fixture was made, or ambiguous) and
left out of recall.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from quality.fixtures import PersonRecord
from quality.parties import dates_agree, name_key

if TYPE_CHECKING:
    from sanctionwatch.model import Collection, Entity

FUZZY_MIN = 90


@dataclass(slots=True)
class Mapping:
    """Target entity ids per row (None = unmapped) and how each was found."""

    targets: list[frozenset[str] | None]
    methods: Counter[str] = field(default_factory=Counter)

    @property
    def mapped(self) -> int:
        return sum(1 for t in self.targets if t is not None)

    def to_dict(self) -> dict[str, object]:
        return {"rows": len(self.targets), "mapped": self.mapped, "by_method": dict(self.methods)}


def _un_persons(collection: Collection) -> list[Entity]:
    return [e for e in collection if e.id.startswith("un-") and e.schema == "Person"]


def map_un_records(collection: Collection, rows: Sequence[PersonRecord]) -> Mapping:
    """Map each untreated UN row to its ``un-*`` Person entity."""
    persons = _un_persons(collection)
    by_key: dict[str, set[str]] = {}
    for person in persons:
        for name in person.names():
            by_key.setdefault(name_key(name), set()).add(person.id)
    births = {p.id: p.get("birthDate") for p in persons}
    result = Mapping(targets=[])
    for row in rows:
        target, method = _map_one(row, by_key, births, persons)
        result.targets.append(target)
        result.methods[method] += 1
    return result


def _map_one(
    row: PersonRecord,
    by_key: dict[str, set[str]],
    births: dict[str, tuple[str, ...]],
    persons: Sequence[Entity],
) -> tuple[frozenset[str] | None, str]:
    exact = by_key.get(name_key(row.full_name), set())
    if len(exact) == 1:
        return frozenset(exact), "name"
    if exact:
        dated = [i for i in exact if dates_agree(row.birth_date, births[i])]
        if len(dated) == 1:
            return frozenset(dated), "name+dob"
        if dated and len({births[i] for i in dated}) == 1:
            return frozenset(dated), "name+dob (one person listed twice)"
        return None, "unmapped: same name, birth date does not decide"
    query = name_key(row.full_name)
    scored = sorted(
        (
            (max(fuzz.token_sort_ratio(query, name_key(n)) for n in p.names()), p.id)
            for p in persons
            if p.names() and dates_agree(row.birth_date, births[p.id])
        ),
        reverse=True,
    )
    if scored and scored[0][0] >= FUZZY_MIN and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return frozenset({scored[0][1]}), "dob+fuzzy"
    return None, "unmapped: no UN person with this name and birth date"
