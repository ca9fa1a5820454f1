"""p50 latency of screen() and compare() for the sanctionwatch on PYTHONPATH, for A/B runs.

    PYTHONPATH=src python benchmarks/bench_latency.py [--queries 2000] [--repeat 3]

Screens yente's synthetic US persons and perturbed UN records (names, birth dates,
nationalities) against the whole bundled index, and compares nomenklatura's 826 name pairs,
after one warm-up pass; prints the median over ``--repeat`` runs of each per-call p50 (ms).
Run it for two checkouts one after the other (say main's ``src`` and a branch's) and quote
the ratio: the machine's load moves both alike.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from pathlib import Path
from typing import Any

from sanctionwatch.match import compare
from sanctionwatch.model import Entity
from sanctionwatch.screen import screen
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.snapshot import load_index

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "data" / "eval-fixtures"


def _person(name: str, birth: str = "", nationality: str = "") -> dict[str, Any]:
    props: dict[str, list[str]] = {"name": [name]}
    if birth:
        props["birthDate"] = [birth]
    if nationality:
        props["nationality"] = [nationality]
    return {"schema": "Person", "properties": props}


def queries(limit: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    yente = FIXTURES / "yente-candidate-generation"
    for name in ("negatives_us.csv", "positives_un_treated.csv"):
        with (yente / name).open(encoding="utf-8") as handle:
            for i, row in enumerate(csv.DictReader(handle)):
                if i >= limit // 2:
                    break
                out.append(_person(row["full_name"], row.get("date_of_birth") or ""))
    return out


def pairs() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    path = FIXTURES / "nomenklatura-name-bench" / "cases.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        ({"schema": r["schema"], "properties": {"name": [r["name1"]]}},
         {"schema": r["schema"], "properties": {"name": [r["name2"]]}})
        for r in rows
    ]


def p50(func: Any, items: list[Any]) -> float:
    times = []
    for item in items:
        start = time.perf_counter()
        func(item)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    index = load_index(BUNDLED_LISTS)
    entities = [Entity.from_ftm(q) for q in queries(args.queries)]
    name_pairs = pairs()
    for entity in entities:  # warm-up: caches filled as in a long-running service
        screen(index, entity)
    screens, compares = [], []
    for _ in range(args.repeat):
        screens.append(p50(lambda e: screen(index, e), entities))
        compares.append(p50(lambda p: compare(p[0], p[1]), name_pairs))
    print(f"screen p50 {statistics.median(screens):.3f} ms ({len(entities)} queries); "
          f"compare p50 {statistics.median(compares):.3f} ms ({len(name_pairs)} pairs)")


if __name__ == "__main__":
    main()
