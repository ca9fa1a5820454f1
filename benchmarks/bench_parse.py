"""How long parsing the bundled lists takes: each source, linking, and the whole collection.

    python benchmarks/bench_parse.py [--runs 5]

Prints the median (and min/max) of N runs, in one process, per source and for the whole
``load_collection`` (parsing + cross-list linking), plus record counts and links by reason.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Callable

from sanctionwatch.index.links import link_entities
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources import load_collection, load_specs, parse_source

DATA_DIR = BUNDLED_LISTS


def timed(func: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def report(label: str, times: list[float]) -> None:
    print(
        f"{label:<28} median {statistics.median(times):7.3f} s"
        f"   min {min(times):7.3f}   max {max(times):7.3f}   (n={len(times)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for spec in load_specs():
        if spec.is_available(DATA_DIR):
            info, entities = parse_source(spec, DATA_DIR)
            report(f"parse {spec.name}", timed(lambda s=spec: parse_source(s, DATA_DIR), args.runs))
            print(f"    {info.total:,} entities {dict(info.counts)} version {info.version}")
    collection = load_collection(DATA_DIR)
    entities = list(collection)
    report("link_entities", timed(lambda: link_entities(entities), args.runs))
    report("load_collection (all)", timed(lambda: load_collection(DATA_DIR), args.runs))
    reasons = Counter(link.reason for link in collection.links)
    print(
        f"entities {len(collection):,}; links {len(collection.links)} {dict(reasons)};"
        f" linked clusters {len(set(collection.clusters.values()))}"
    )


if __name__ == "__main__":
    main()
