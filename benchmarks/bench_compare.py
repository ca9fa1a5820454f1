"""Speed of ``compare()`` on real entity pairs of several schemata, with a rapidfuzz floor.

    python benchmarks/bench_compare.py [--per-schema 150] [--repeat 5]

The pairs are listed entities of the bundled lists (Person, Organization, Vessel, Airplane,
CryptoWallet; a seeded sample of each) against the first listed parties the index proposes
for each of them (its other listings, namesakes, look-alikes): every property they carry, as
FollowTheMoney dicts, the way a client calls ``compare()``. Prints, each a median over
``--repeat`` passes, the per-pair median and mean of ``compare()`` and, as the floor, of a
rapidfuzz ``token_sort_ratio`` of the two captions.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from rapidfuzz import fuzz

from sanctionwatch.index import Index
from sanctionwatch.match import compare
from sanctionwatch.screen import prepared_entity
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.snapshot import load_index

SCHEMATA = ("Person", "Organization", "Vessel", "Airplane", "CryptoWallet")
#: how many of the parties screening a sampled entity finds are paired with it
PER_ENTITY = 3

Pair = tuple[dict[str, Any], dict[str, Any]]


def entity_pairs(index: Index, per_schema: int = 150, seed: int = 7) -> list[Pair]:
    """Sampled listed entities against the candidates the index proposes (itself aside)."""
    rng = random.Random(seed)
    entities = index.collection.entities
    pairs: list[Pair] = []
    for schema in SCHEMATA:
        positions = [p for p, i in enumerate(index.entity_ids) if entities[i].schema == schema]
        for position in rng.sample(positions, min(len(positions), per_schema)):
            left = prepared_entity(index, position)
            ids = {norm for _, norm, _ in left.ids}
            found = [c.entity for c in index.search(left.forms, ids, 8) if c.entity != position]
            entity = entities[left.id]
            pairs.extend((entity.to_ftm(), entities[index.entity_ids[c]].to_ftm())
                         for c in found[:PER_ENTITY])
    return pairs


def per_pair(func: Callable[[Pair], object], pairs: Sequence[Pair]) -> tuple[float, float]:
    """Median and mean seconds per pair."""
    times = []
    for pair in pairs:
        start = time.perf_counter()
        func(pair)
        times.append(time.perf_counter() - start)
    return statistics.median(times), statistics.fmean(times)


def token_sort(pair: Pair) -> float:
    left, right = (side["caption"] for side in pair)
    return fuzz.token_sort_ratio(left, right)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-schema", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pairs = entity_pairs(load_index(BUNDLED_LISTS), args.per_schema)
    counts: dict[str, int] = {}
    for left, _ in pairs:
        counts[left["schema"]] = counts.get(left["schema"], 0) + 1
    runs: dict[str, list[tuple[float, float]]] = {"compare": [], "token_sort": []}
    for _ in range(args.repeat):
        runs["compare"].append(per_pair(lambda p: compare(p[0], p[1]), pairs))
        runs["token_sort"].append(per_pair(token_sort, pairs))
    print(f"{len(pairs)} pairs: {counts}")
    for name, figures in runs.items():
        median = statistics.median(f[0] for f in figures) * 1e6
        mean = statistics.median(f[1] for f in figures) * 1e6
        print(f"{name:12s} median {median:8.1f} us   mean {mean:8.1f} us per pair")


if __name__ == "__main__":
    main()
