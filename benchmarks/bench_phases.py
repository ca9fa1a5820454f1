"""Where screen()'s time goes: CPU time per query of each phase, in one process.

    python benchmarks/bench_phases.py [--queries 2000] [--runs 2]

Screens bench_speed's queries once (listed entities prepared, token caches warm), then per run
forgets the queries (as bench_speed does) and screens them again, timing with the thread's
CPU clock: preparing the query (its name forms), the candidate search, scoring the candidates
(``compare_above``; the name alignment within it apart) and building the matches. Prints the
microseconds per query of each phase and its share of ``screen()``. Timers wrap the phases
(a few hundred nanoseconds each): compare trees with bench_ab.py, not with this.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from bench_speed import WARM_UP, forget_queries, make_queries

import sanctionwatch.screen as screening
from sanctionwatch.index import Index
from sanctionwatch.match.logic import LogicV1
from sanctionwatch.screen import screen
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.snapshot import load_index

SPENT: Counter[str] = Counter()
PHASES = ("query preparation", "candidate search", "listed entity", "scoring",
          "  of it name alignment", "match building")


def timed(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time_ns()
        try:
            return func(*args, **kwargs)
        finally:
            SPENT[label] += time.thread_time_ns() - start
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    index = load_index(BUNDLED_LISTS)
    queries = make_queries(index.collection, args.queries + WARM_UP)
    for query in queries:
        screen(index, query)
    screening.prepare = timed("query preparation", screening.prepare)
    Index.search = timed("candidate search", Index.search)
    LogicV1.compare_above = timed("scoring", LogicV1.compare_above)
    LogicV1.name_score = timed("  of it name alignment", LogicV1.name_score)
    screening.prepared_entity = timed("listed entity", screening.prepared_entity)
    screening._to_match = timed("match building", screening._to_match)
    timed_queries = queries[: args.queries]
    for run in range(args.runs):
        SPENT.clear()
        forget_queries(index)
        start = time.thread_time_ns()
        for query in timed_queries:
            screen(index, query)
        total = (time.thread_time_ns() - start) / len(timed_queries) / 1e3
        print(f"run {run + 1}: screen() {total:.1f} us per query")
        for label in PHASES:
            per_query = SPENT[label] / len(timed_queries) / 1e3
            print(f"  {label:24s} {per_query:7.1f} us  {per_query / total:6.1%}")


if __name__ == "__main__":
    main()
