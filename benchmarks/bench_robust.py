"""Robustness: generated entities of every FollowTheMoney schema, and every bundled listing.

    python benchmarks/bench_robust.py [--entities 100000] [--seed 15]

1. ``--entities`` entities drawn as tests/ftm_strategies.py draws them (every schema of the
   model, any subset of its properties, odd values by type; seeded ``random`` rather than
   hypothesis, which is too slow for 100,000), compared in pairs with ``compare()``
   (half of them against another generated entity, half against a listed party);
2. every bundled listed entity compared with itself and with each of its linked listings
   (cross-list links).

Counts what is not a score in [0, 1] or our own error (``SanctionwatchError``): that must be
zero. Prints the counts, the kinds of unexpected exception (if any) with an example, and the
share of our own errors.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from ftm_strategies import random_entity

from sanctionwatch import compare
from sanctionwatch.exc import SanctionwatchError
from sanctionwatch.model import Entity
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources import load_collection


class Tally:
    def __init__(self) -> None:
        self.pairs = 0
        self.own = 0
        self.unexpected: Counter[str] = Counter()
        self.examples: dict[str, str] = {}

    def compare(self, left: Any, right: Any) -> None:
        self.pairs += 1
        try:
            score = compare(left, right).score
            if not 0.0 <= score <= 1.0:
                raise AssertionError(f"score {score} outside [0, 1]")
        except SanctionwatchError:
            self.own += 1
        except Exception as exc:  # noqa: BLE001  (counting every other exception is the point)
            key = f"{type(exc).__name__}: {str(exc)[:80]}"
            self.unexpected[key] += 1
            self.examples.setdefault(key, traceback.format_exc(limit=3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    collection = load_collection(BUNDLED_LISTS)
    listed: list[Entity] = list(collection)

    start = time.perf_counter()
    entities = [random_entity(rng) for _ in range(args.entities)]
    drawn = time.perf_counter() - start
    fuzz = Tally()
    for i, entity in enumerate(entities):
        other = entities[i - 1] if i % 2 else rng.choice(listed)
        fuzz.compare(entity, other)
    fuzz_s = time.perf_counter() - start - drawn

    bundled = Tally()
    for entity in listed:
        bundled.compare(entity, entity)
        for other_id in collection.cluster(entity.id):
            other = collection.get(other_id)
            if other is not None and other_id != entity.id:
                bundled.compare(entity, other)

    for name, tally in (("generated entities", fuzz), ("bundled listings", bundled)):
        print(f"{name}: {tally.pairs:,} compare() calls, our own errors {tally.own:,}, "
              f"unexpected exceptions {sum(tally.unexpected.values())}")
        for key, count in tally.unexpected.most_common():
            print(f"  {count} x {key}\n{tally.examples[key]}")
    print(f"({len(entities):,} entities drawn in {drawn:.0f} s, compared in {fuzz_s:.0f} s)")
    if fuzz.unexpected or bundled.unexpected:
        sys.exit(1)


if __name__ == "__main__":
    main()
