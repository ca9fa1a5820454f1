"""Build our own labelled name pairs from the real bundled lists: benchmarks/labelled/pairs.csv.

    python benchmarks/build_labelled.py [--seed 7] [--show-links 20]

Every pair is two names of one schema and whether they name the same party. Positives come
from what the publishers themselves say is one party, plus names we wrote:

- ``un_original_script``: a UN listing's Latin name vs the original-script name the UN gives
  (Arabic, Cyrillic);
- ``ofac_alias`` / ``un_alias``: a listing's name vs one of its aliases, where the two share a
  word (a spelling variant, not a cover name such as "Abu Ali");
- ``cross_list``: a UN listing's name vs the OFAC listing of the same party (quality/parties.py:
  persons whose birth dates and names agree; organisations with a name in common that no other
  listing carries), where the two names differ;
- ``curated``: native-script names we wrote for listed parties (benchmarks/labelled/
  curated.csv: Hangul and Han for DPRK and Chinese listings, Cyrillic for Russian ones), each
  checked against the listing it names; ``curated_translation`` where the native name
  translates the listed one rather than transliterating it (조선중앙은행, CENTRAL BANK OF THE
  DPRK).

Negatives mirror the positives: for each positive, the same query name against the listed
party (not the same one, not a namesake) whose name shares the most rare words with the true
one (KIM x vs KIM y, BANK x vs BANK y), plus curated unlisted look-alikes
(``curated_lookalike``). Columns: schema, name1 (the query side), name2 (the listed name),
is_match, script, origin.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quality.fixtures import LABELLED, LISTS, NamePair, write_name_pairs
from quality.parties import (
    SAME_NAME,
    Parties,
    cross_list_links,
    dates_agree,
    kind,
    latin_names,
    name_key,
)
from quality.scripts import pair_script, script_of
from rapidfuzz import fuzz
from rigour.text import ascii_text

if TYPE_CHECKING:
    from sanctionwatch.model import Collection, Entity

CURATED = LABELLED.parent / "curated.csv"
#: positives kept per origin and script (the rest are sampled out, seeded); curated pairs and
#: the few UN Cyrillic originals are all kept
CAPS = {"un_original_script": 60, "ofac_alias": 45, "un_alias": 30, "cross_list": 60}
_WORD = re.compile(r"[A-Z0-9]{3,}")


@dataclass(frozen=True, slots=True)
class Sourced:
    """A labelled pair and the listed entity its second name belongs to."""

    pair: NamePair
    entity_id: str


def labelled(
    schema: str, name1: str, name2: str, is_match: bool, origin: str, entity_id: str
) -> Sourced:
    script = pair_script(name1, name2)
    return Sourced(NamePair(schema, name1, name2, is_match, script, origin), entity_id)


def words(name: str) -> set[str]:
    return set(_WORD.findall(ascii_text(name).upper()))


def is_variant(alias: str, name: str) -> bool:
    """Whether an alias is a spelling variant of the name rather than a cover name: they share
    at least half the words of the shorter one."""
    left, right = words(alias), words(name)
    shorter = min(len(left), len(right))
    return shorter > 0 and 2 * len(left & right) >= shorter


def latin_name(entity: Entity) -> str | None:
    return next(iter(latin_names(entity)), None)


def publisher_positives(collection: Collection, links: list[tuple[str, str]]) -> Iterator[Sourced]:
    """Original-script names, spelling-variant aliases and cross-list pairs."""
    for entity in collection:
        primary = latin_name(entity)
        if primary is None:
            continue
        source = "un" if entity.id.startswith("un-") else "ofac"
        for alias in entity.get("alias"):
            if script_of(alias) != "Latin":
                if source == "un":
                    yield labelled(
                        entity.schema, alias, primary, True, "un_original_script", entity.id
                    )
            elif name_key(alias) != name_key(primary) and is_variant(alias, primary):
                yield labelled(entity.schema, alias, primary, True, f"{source}_alias", entity.id)
    for un_id, ofac_id in links:
        un_name = latin_name(collection.entities[un_id])
        ofac = collection.entities[ofac_id]
        ofac_name = latin_name(ofac)
        if un_name and ofac_name and name_key(un_name) != name_key(ofac_name):
            yield labelled(ofac.schema, un_name, ofac_name, True, "cross_list", ofac_id)


def curated_pairs(collection: Collection, parties: Parties) -> Iterator[Sourced]:
    """Our names (curated.csv) for listed parties, and our unlisted look-alikes.

    A name is paired with its ``listed_name`` when the row gives one (the listed spelling it
    transliterates, where the listing's first name is another name: LAM, Carrie vs LAM CHENG,
    Yuet-ngor for 林鄭月娥), else with the first Latin name of every listing of its party. An
    unknown entity id or listed name is an error."""
    with CURATED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        entity = collection.get(row["entity_id"])
        if entity is None:
            raise SystemExit(f"{CURATED}: {row['entity_id']} is not in the bundled lists")
        if row["listed_name"] and row["listed_name"] not in entity.names():
            raise SystemExit(f"{CURATED}: {row['entity_id']} has no name {row['listed_name']!r}")
        primary = row["listed_name"] or latin_name(entity)
        assert primary is not None
        if row["is_match"] != "true":
            yield labelled(
                entity.schema, row["name"], primary, False, "curated_lookalike", entity.id
            )
            continue
        origin = "curated_translation" if row["basis"] == "translation" else "curated"
        yield labelled(entity.schema, row["name"], primary, True, origin, entity.id)
        if row["listed_name"]:
            continue
        seen = {name_key(primary)}
        for other_id in parties.members(entity.id):
            other_name = latin_name(collection.entities[other_id])
            if other_name and name_key(other_name) not in seen:
                seen.add(name_key(other_name))
                yield labelled(entity.schema, row["name"], other_name, True, origin, other_id)


class NegativeFinder:
    """For a listed party, the other listed party whose name shares the most rare words."""

    def __init__(self, collection: Collection, parties: Parties) -> None:
        self._collection = collection
        self._parties = parties
        self._names: dict[str, str] = {}
        self._index: dict[str, list[str]] = {}
        for entity in collection:
            name = latin_name(entity)
            if name is None:
                continue
            self._names[entity.id] = name
            for word in words(name):
                self._index.setdefault(word, []).append(entity.id)
        total = len(self._names)
        self._idf = {w: math.log(total / len(ids)) for w, ids in self._index.items()}
        self._used: Counter[str] = Counter()

    def find(self, entity_id: str, name: str) -> tuple[str, str] | None:
        """(entity id, Latin name) of the listed party, other than ``entity_id``'s, whose name
        shares the most rare words with ``name`` (one of its names); None if none does."""
        entity = self._collection.entities[entity_id]
        shared: dict[str, float] = {}
        for word in words(name):
            for other in self._index.get(word, ()):
                shared[other] = shared.get(other, 0.0) + self._idf[word]
        for other, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
            candidate = self._collection.entities[other]
            other_name = self._names[other]
            if (
                kind(candidate.schema) != kind(entity.schema)
                or self._parties.same(other, entity_id)
                or self._used[other] >= 2
                or fuzz.token_sort_ratio(name_key(name), name_key(other_name)) >= SAME_NAME
                or _same_person_data(entity, candidate)
            ):
                continue
            self._used[other] += 1
            return other, other_name
        return None


def _same_person_data(left: Entity, right: Entity) -> bool:
    """Two person listings with a full birth date in common: maybe one person; never a
    negative."""
    dates = [d for d in left.get("birthDate") if len(d) == 10]
    return left.schema == "Person" and any(dates_agree(d, right.get("birthDate")) for d in dates)


def sample(found: list[Sourced], rng: random.Random) -> list[Sourced]:
    """Cap each publisher origin per script (seeded), keep every curated pair; drop
    duplicates."""
    unique = list({(s.pair.name1, s.pair.name2): s for s in found}.values())
    groups: dict[tuple[str, str], list[Sourced]] = {}
    for item in unique:
        groups.setdefault((item.pair.origin, item.pair.script), []).append(item)
    out: list[Sourced] = []
    for (origin, _), group in sorted(groups.items()):
        cap = CAPS.get(origin)
        out.extend(group if cap is None or len(group) <= cap else rng.sample(group, cap))
    return out


def build(collection: Collection, seed: int) -> tuple[list[NamePair], list[tuple[str, str]]]:
    """The labelled pairs, positives first, and the UN-OFAC links used."""
    links = cross_list_links(collection)
    parties = Parties(collection, links)
    rng = random.Random(seed)
    positives = sample(list(publisher_positives(collection, links)), rng)
    curated = list(curated_pairs(collection, parties))
    positives += [s for s in curated if s.pair.is_match]
    finder = NegativeFinder(collection, parties)
    negatives = [s for s in curated if not s.pair.is_match]
    for positive in positives:
        found = finder.find(positive.entity_id, positive.pair.name2)
        if found is not None:
            other_id, other_name = found
            negatives.append(
                labelled(
                    positive.pair.schema,
                    positive.pair.name1,
                    other_name,
                    False,
                    "shared_words",
                    other_id,
                )
            )
    return [s.pair for s in positives + negatives], links


def summary(pairs: list[NamePair]) -> str:
    counts = Counter((p.script, p.is_match) for p in pairs)
    lines = [f"{'script':10} {'match':>6} {'non-match':>9}"]
    for script in sorted({s for s, _ in counts}):
        lines.append(f"{script:10} {counts[(script, True)]:6} {counts[(script, False)]:9}")
    origins = Counter(p.origin for p in pairs)
    lines.append("origins: " + ", ".join(f"{o} {n}" for o, n in sorted(origins.items())))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=LABELLED)
    parser.add_argument(
        "--show-links",
        type=int,
        default=20,
        metavar="N",
        help="print N random cross-list links to check by eye",
    )
    args = parser.parse_args()
    from sanctionwatch.sources import load_collection

    collection = load_collection(LISTS)
    pairs, links = build(collection, args.seed)
    write_name_pairs(pairs, args.out)
    print(f"{len(pairs)} pairs -> {args.out}")
    print(summary(pairs))
    print(f"{len(links)} UN-OFAC links by birth date + name / organisation name; a sample:")
    for un_id, ofac_id in random.Random(args.seed).sample(links, min(args.show_links, len(links))):
        un, ofac = collection.entities[un_id], collection.entities[ofac_id]
        print(f"  {un_id:14} {un.caption[:38]:38} {ofac_id:11} {ofac.caption[:38]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
