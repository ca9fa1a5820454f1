"""Score identity: every score and explanation on the evaluation sets, saved or checked.

    PYTHONPATH=<old tree>/src python benchmarks/check_scores.py --save   # before a change
    PYTHONPATH=src python benchmarks/check_scores.py                     # after it

A speed change must not change a single score. This records, with the code on the path, what
``screen()`` and ``compare()`` answer on the evaluation sets and compares it, exactly (the
float's ``repr``), with what the saved run answered:

- screening: bench_speed's queries (yente's US persons and perturbed UN names, listed names
  with a typo), bench_latency's persons with birth dates, and batch customers from
  gen_customers.py screened as the batch engine does (only matches, ``min_score`` at the
  threshold); per query the ranked entity ids, scores and explanations;
- comparing: nomenklatura's 826 name pairs, our labelled pairs (benchmarks/labelled), and
  bench_compare's entity pairs of several schemata; per pair the score and explanation.

Prints how many answers differ (the first few in full) and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from bench_batch import MAPPING
from bench_compare import entity_pairs
from bench_latency import pairs as name_pairs
from bench_latency import queries as dated_queries
from bench_speed import make_queries
from gen_customers import generate

from sanctionwatch.batch.plan import InputRecord, build_query
from sanctionwatch.index import Index
from sanctionwatch.match import DEFAULT_THRESHOLD, compare
from sanctionwatch.model import CompareResult, Entity, Explanation, ScreeningResult
from sanctionwatch.screen import ScreeningConfig, screen
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.snapshot import load_index

SAVED = ROOT / "out" / "scores.json"
LABELLED = ROOT / "labelled"


def _explained(explanation: Explanation) -> list[Any]:
    """The explanation with every feature's value exact."""
    return [explanation.summary] + [
        [f.name, repr(f.value), repr(f.weight), f.query_values, f.candidate_values, f.note]
        for f in explanation.features
    ]


def _screened(result: ScreeningResult) -> list[Any]:
    return [[m.entity.id, repr(m.score), _explained(m.explanation)] for m in result.matches]


def _compared(result: CompareResult) -> list[Any]:
    return [repr(result.score), _explained(result.explanation)]


def _labelled() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    with (LABELLED / "pairs.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield ({"schema": row["schema"], "properties": {"name": [row["name1"]]}},
                   {"schema": row["schema"], "properties": {"name": [row["name2"]]}})


def _customers(n: int) -> list[Entity]:
    out = []
    for i, row in enumerate(generate(n, n // 10, 7)):
        record = InputRecord(key=str(i), values=row)
        out.append(build_query(record, MAPPING))
    return out


def answers(index: Index, queries: int, customers: int) -> dict[str, list[Any]]:
    """Every answer, by evaluation set, in a fixed order."""
    batch = ScreeningConfig(min_score=DEFAULT_THRESHOLD)
    dated = [Entity.from_ftm(q) for q in dated_queries(queries)]
    pairs: dict[str, Sequence[tuple[dict[str, Any], dict[str, Any]]]] = {
        "name_pairs": name_pairs(), "labelled": list(_labelled()),
        "entity_pairs": entity_pairs(index),
    }
    out: dict[str, list[Any]] = {
        "speed_queries": [_screened(screen(index, q)) for q in make_queries(
            index.collection, queries)],
        "dated_queries": [_screened(screen(index, q)) for q in dated],
        "batch_customers": [_screened(screen(index, q, batch)) for q in _customers(customers)],
    }
    for name, items in pairs.items():
        out[name] = [_compared(compare(a, b)) for a, b in items]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", action="store_true", help="write the answers to --path")
    parser.add_argument("--path", type=Path, default=SAVED)
    parser.add_argument("--queries", type=int, default=2200)
    parser.add_argument("--customers", type=int, default=5000)
    args = parser.parse_args()
    found = answers(load_index(BUNDLED_LISTS), args.queries, args.customers)
    if args.save:
        args.path.parent.mkdir(parents=True, exist_ok=True)
        args.path.write_bytes(orjson.dumps(found))
        print(f"saved {sum(map(len, found.values()))} answers to {args.path}")
        return
    saved = orjson.loads(args.path.read_bytes())
    differ = 0
    for name, items in found.items():
        items = orjson.loads(orjson.dumps(items))  # as saved: tuples become lists
        bad = [i for i, (a, b) in enumerate(zip(items, saved[name], strict=True)) if a != b]
        differ += len(bad)
        print(f"{name:16s} {len(items):6d} answers, {len(bad)} differ")
        for i in bad[:3]:
            print(f"  #{i}: saved {saved[name][i]}\n        now   {items[i]}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
