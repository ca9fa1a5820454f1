"""Speed of screening against the whole bundled index, with a brute-force baseline.

    python benchmarks/bench_speed.py [--queries 3000] [--repeat 3] [--json PATH]

Prints, each a median over ``--repeat`` runs where it is repeated:

- latency per query on one core (p50, p99; wall clock and CPU time) over real-looking queries: yente's synthetic US
  persons (on no list), yente's perturbed UN records and listed names with typos;
- the same queries through a brute-force scan (rapidfuzz ``token_sort_ratio`` over every listed
  name, ``process.extractOne``), and the ratio;
- queries per second with 2 processes (one core each, each with its own index);
- cold start: a new process (interpreter start included) loading the index from a warm cache
  and answering one query, wall clock and CPU time;
- index build time (from a parsed collection) and list parsing time;
- peak RSS of a screening process (one of the two above: index loaded, half the queries run).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "data" / "eval-fixtures" / "yente-candidate-generation"
OUT = ROOT / "benchmarks" / "out"
from rapidfuzz import fuzz, process
from rigour.text import ascii_text

from sanctionwatch.index import Index, build_index
from sanctionwatch.model import Collection, Entity
from sanctionwatch.names import clean_text, name_forms
from sanctionwatch.screen import ScreeningConfig, screen
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources import load_collection
from sanctionwatch.sources.snapshot import load_index

LISTS = BUNDLED_LISTS

COLD = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from sanctionwatch.model import Entity
from sanctionwatch.screen import screen
from sanctionwatch.sources.snapshot import load_index
index = load_index(Path(sys.argv[1]), Path(sys.argv[2]))
screen(index, Entity("q", "Person", {"name": ("Mkrtchychev Ashot",)}))
print(time.perf_counter() - start)
"""


def pin(core: int) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {core % (os.cpu_count() or 1)})


def make_queries(collection: Collection, n: int, seed: int = 7) -> list[Entity]:
    rng = random.Random(seed)
    names: list[str] = []
    for path in ("negatives_us.csv", "positives_un_treated.csv"):
        with (FIXTURES / path).open(encoding="utf-8") as fh:
            names.extend(row["full_name"] for row in csv.DictReader(fh))
    listed = [e.caption for e in collection if e.names()]
    for name in rng.sample(listed, min(len(listed), n // 4)):
        i = rng.randrange(len(name))
        names.append(name[:i] + name[i + 1 :])
    rng.shuffle(names)
    return [Entity("q", "Thing", {"name": (name,)}) for name in names[:n]]


def percentiles(seconds: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    return ordered[len(ordered) // 2] * 1e3, ordered[int(len(ordered) * 0.99)] * 1e3


def time_engine(index: Index, queries: Sequence[Entity]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds per query (CPU time tells the cost on a busy machine)."""
    config = ScreeningConfig()
    wall, cpu = [], []
    for query in queries:
        start, start_cpu = time.perf_counter(), time.thread_time()
        screen(index, query, config)
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return wall, cpu


def forget_queries(index: Index) -> None:
    """Drop what earlier runs remembered about the queries themselves."""
    name_forms.cache_clear()
    clean_text.cache_clear()
    index.clear_caches()


def time_scan(collection: Collection, queries: Sequence[Entity]) -> list[float]:
    choices = [ascii_text(n).lower() for e in collection for n in e.names()]
    out = []
    for query in queries:
        start = time.perf_counter()
        process.extractOne(ascii_text(query.caption).lower(), choices, scorer=fuzz.token_sort_ratio)
        out.append(time.perf_counter() - start)
    return out


#: queries screened before timing starts, in every process
WARM_UP = 200


def _worker(args: tuple[int, str, str, list[str]]) -> tuple[float, float]:
    """Load the index from the cache, screen every query: (seconds, peak RSS in MB)."""
    core, data_dir, cache_dir, names = args
    pin(core)
    names, warm_names = names[:-WARM_UP], names[-WARM_UP:]
    warm = [Entity("q", "Thing", {"name": (n,)}) for n in warm_names]
    index = load_index(Path(data_dir), Path(cache_dir))
    queries = [Entity("q", "Thing", {"name": (n,)}) for n in names]
    for query in warm:  # as for the one-core figures: listed entities met are prepared
        screen(index, query)
    start = time.perf_counter()
    for query in queries:
        screen(index, query)
    seconds = time.perf_counter() - start
    return seconds, peak_rss_mb()


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it is not inherited from
    the parent a spawned process was forked from)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_worker(args: tuple[int, str, str, list[str]], results: Any) -> None:
    results.put(_worker(args))


def throughput(queries: Sequence[Entity], cache_dir: Path, workers: int = 2) -> float:
    """Queries per second over ``workers`` processes, one job each; records their peak RSS."""
    names = [q.caption for q in queries]
    extra = [q.caption for q in WARM_QUERIES]
    context = get_context("spawn")
    results = context.Queue()
    procs = [
        context.Process(
            target=_run_worker, args=((i, str(LISTS), str(cache_dir), names[i::workers] + extra), results)
        )
        for i in range(workers)
    ]
    for proc in procs:
        proc.start()
    outcome = [results.get() for _ in procs]
    for proc in procs:
        proc.join()
    WORKER_RSS.append(max(rss for _, rss in outcome))
    return len(names) / max(seconds for seconds, _ in outcome)


WORKER_RSS: list[float] = []
#: queries each process screens before its timing starts (not among the timed ones)
WARM_QUERIES: list[Entity] = []


def cold_start(cache_dir: Path) -> tuple[float, float]:
    """A new process: import, load the cached index, answer one query. (wall s, CPU s)"""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", COLD, str(LISTS), str(cache_dir)],
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(repeat: int, func: Any, *args: Any) -> Any:
    return statistics.median(func(*args) for _ in range(repeat))


def timed(func: Any, *args: Any) -> float:
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def measure(args: argparse.Namespace, cache_dir: Path) -> dict[str, Any]:
    """Every figure, on this machine, now (the load average says how busy it was)."""
    parse_s = median_of(min(args.repeat, 3), timed, load_collection, LISTS)
    collection = load_collection(LISTS)
    build_s = median_of(args.repeat, timed, build_index, collection)
    index = load_index(LISTS, cache_dir)
    everything = make_queries(collection, args.queries + WARM_UP)
    queries, warm = everything[: args.queries], everything[args.queries :]
    WARM_QUERIES[:] = warm
    time_engine(index, warm)  # listed entities met so far are prepared, as in a service
    runs = []
    for _ in range(args.repeat):
        forget_queries(index)  # every run meets its queries for the first time
        runs.append(time_engine(index, queries))
    wall = [percentiles(r[0]) for r in runs]
    cpu = [percentiles(r[1]) for r in runs]
    p50, p99 = (statistics.median(r[i] for r in wall) for i in (0, 1))
    scan50, scan99 = percentiles(time_scan(collection, queries[: max(200, args.queries // 10)]))
    cold = [cold_start(cache_dir) for _ in range(max(args.repeat, 5))]
    return {
        "queries": len(queries), "entities": len(collection), "name_forms": len(index.forms),
        "latency_ms_p50": round(p50, 3), "latency_ms_p99": round(p99, 3),
        "cpu_ms_p50": round(statistics.median(r[0] for r in cpu), 3),
        "cpu_ms_p99": round(statistics.median(r[1] for r in cpu), 3),
        "scan_latency_ms_p50": round(scan50, 3), "scan_latency_ms_p99": round(scan99, 3),
        "speedup_p50_vs_scan": round(scan50 / p50, 1),
        "queries_per_s_2_processes": round(
            median_of(args.repeat, throughput, queries, cache_dir)),
        "cold_start_s": round(statistics.median(c[0] for c in cold), 3),
        "cold_start_cpu_s": round(statistics.median(c[1] for c in cold), 3),
        "index_build_s": round(build_s, 2), "parse_lists_s": round(parse_s, 2),
        "peak_rss_mb_screening_process": round(max(WORKER_RSS)),
        "cpus": os.cpu_count(), "load_average": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=OUT / "speed.json")
    args = parser.parse_args()
    pin(0)
    cache_dir = Path(tempfile.mkdtemp(prefix="sw-bench-"))
    try:
        figures = measure(args, cache_dir)
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    for key, value in figures.items():
        print(f"{key:30s} {value}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
