"""How many UN listings with an OFAC counterpart are linked to it, and a sample to review.

    python benchmarks/bench_sameas.py [--sample 100] [--dump links.tsv] [--seed 12]

A UN listing *has an OFAC counterpart* when screening it against the OFAC lists alone finds an
OFAC listing scoring 0.9 or more (the engine's own judgement, independent of any link). It is
*linked* when that listing is in its cluster. Prints the counts by the reason of the links, the
time the evidence linking takes, and writes ``--sample`` links made by the shared evidence (not
by the publishers' keys), drawn at random, with both records side by side for review.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from sanctionwatch.index import build_index
from sanctionwatch.index.links import link_entities
from sanctionwatch.model import Collection, Entity
from sanctionwatch.networks.sameas import REASON, link_on_evidence
from sanctionwatch.screen import ScreeningConfig, screen
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources import load_collection

COUNTERPART = 0.9


def _record(entity: Entity) -> str:
    parts = [entity.id, " | ".join(entity.names()[:4])]
    for prop in ("birthDate", "nationality", "country", "program"):
        if entity.get(prop):
            parts.append(f"{prop}={','.join(entity.get(prop))}")
    return "; ".join(parts)


def counterparts(collection: Collection) -> dict[str, str]:
    """UN id -> the best OFAC listing scoring COUNTERPART or more, screened on OFAC alone."""
    ofac = {k: e for k, e in collection.entities.items() if e.id.startswith("ofac-")}
    index = build_index(Collection(entities=ofac, sources=collection.sources))
    out: dict[str, str] = {}
    for entity in collection:
        if "un_sc" in entity.datasets:
            result = screen(index, entity, ScreeningConfig(limit=3))
            best = [m for m in result.matches if m.score >= COUNTERPART]
            if best:
                out[entity.id] = best[0].entity.id
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--dump", default="")
    args = parser.parse_args()
    collection = load_collection(BUNDLED_LISTS)
    _, keyed = link_entities(collection)
    start = time.perf_counter()
    scored = link_on_evidence(collection, keyed)
    print(f"evidence linking: {time.perf_counter() - start:.2f} s, {len(scored)} new links")
    print("links by reason:", dict(Counter(k.reason for k in collection.links)))
    pairs = counterparts(collection)
    linked = sum(1 for u, o in pairs.items() if o in collection.cluster(u))
    before = sum(1 for u, o in pairs.items() if o in keyed.get(u, ()))
    un = sum(1 for e in collection if "un_sc" in e.datasets)
    print(f"UN listings {un}; with an OFAC counterpart >= {COUNTERPART}: {len(pairs)}")
    print(f"linked to it: publishers' keys {before} ({before / len(pairs):.1%}), "
          f"with shared evidence {linked} ({linked / len(pairs):.1%})")
    for u, o in sorted(pairs.items()):
        if o not in collection.cluster(u):
            print("  not linked:", _record(collection.entities[u]), "<->",
                  _record(collection.entities[o]))
    new = [k for k in collection.links if k.reason == REASON]
    sample = random.Random(args.seed).sample(new, min(args.sample, len(new)))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for link in sorted(sample, key=lambda k: k.left):
                left, right = collection.entities[link.left], collection.entities[link.right]
                out.write(f"{link.value}\n  {_record(left)}\n  {_record(right)}\n")
        print(f"{len(sample)} evidence links for review written to {args.dump}")


if __name__ == "__main__":
    main()
