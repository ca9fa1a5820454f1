"""How many of the relationships the publishers state resolve to a listed entity, per source.

    python benchmarks/bench_relations.py [--unresolved 10]

Reads the bundled lists, extracts the stated relationships (networks/relations.py) and prints,
per source, the statements read, resolved (to a listed entity of the same publisher) and not,
the relations by schema, and a few unresolved statements.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from sanctionwatch.networks.relations import extract_relations
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources import load_collection


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--unresolved", type=int, default=10)
    args = parser.parse_args()
    collection = load_collection(BUNDLED_LISTS)
    start = time.perf_counter()
    relations, stats = extract_relations(collection)
    print(f"extracted in {time.perf_counter() - start:.2f} s: {len(relations)} relations")
    print("by schema:", dict(Counter(r.schema for r in relations)))
    print("by role:", dict(Counter(r.role for r in relations
                                   if r.schema == "UnknownLink").most_common(5)))
    print(f"{'source':<14} {'stated':>7} {'resolved':>9} {'unresolved':>11} {'share':>6}")
    for source in sorted(stats.stated):
        stated, resolved = stats.stated[source], stats.resolved[source]
        print(f"{source:<14} {stated:>7} {resolved:>9} {stated - resolved:>11} "
              f"{resolved / stated:>6.1%}")
    for source, missed in sorted(stats.unresolved.items()):
        for line in missed[: args.unresolved]:
            print(f"  unresolved {source}: {line}")


if __name__ == "__main__":
    main()
