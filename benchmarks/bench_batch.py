"""Batch screening benchmark: local engine, Spark local[N], delta re-screening, recall, memory.

    python benchmarks/bench_batch.py --records 50000 --planted 2000 --workers 2 --spark \
        --delta-subjects 50000 --changed 100

Prints one JSON object. Customers come from ``gen_customers.py`` (cached under
benchmarks/out/ by size and seed); the lists are the bundled snapshot through the same
``load_index`` the CLI uses (its on-disk cache under ``--cache``). Figures:

- ``local``: wall seconds for the whole run (snapshot, worker start, screening, merge), records/s
  over the whole run and over the screening alone (first to last chunk), peak RSS per worker,
  the CPU seconds the workers got and records per worker-CPU-second (on a shared machine the
  wall clock undersells the engine: N idle cores give about N times that rate);
- ``spark``: the same job on ``local[N]`` (session start excluded and given apart), the ratio
  to local, and whether both outputs are byte-identical;
- ``recall``: planted variants whose listed entity (or a linked listing of it) is among the
  record's matches at the threshold; ``alert_rate``: share of the other records with any match;
- ``delta``: N subjects re-screened against ``--changed`` listed entities (half of them ones
  that planted customers are variants of, so that there are hits, half random): the one-off
  cost of keying the subjects (kept between updates), the candidate look-up, the re-screening of
  the candidates; ``--delta-baseline M`` also screens M subjects without keys (same hits?).
Extrapolations to 1,000,000 records are plain division by the measured rates.
"""

from __future__ import annotations

import argparse
import csv
import os
import pickle
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from gen_customers import generate, write

from sanctionwatch.batch import BatchJob, InputFile, run_batch
from sanctionwatch.batch.delta import EngineScreener
from sanctionwatch.batch.local import LocalEngine
from sanctionwatch.batch.plan import build_query
from sanctionwatch.index import Index
from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD
from sanctionwatch.monitor import rescreen_delta
from sanctionwatch.screen import ScreeningConfig

MAPPING = (
    ("id", "id"),
    ("name", "name"),
    ("birth_date", "birthDate"),
    ("nationality", "nationality"),
    ("country", "country"),
)
MILLION = 1_000_000


class Timer:
    """Progress callback noting when the first and the last chunk came back."""

    def __init__(self) -> None:
        self.first: float | None = None
        self.first_done = 0
        self.last = 0.0
        self.done = 0

    def __call__(self, done: int, total: int | None) -> None:
        now = time.perf_counter()
        if done > self.done and self.first is None:
            self.first, self.first_done = now, done
        self.done, self.last = done, now

    def rate(self) -> float:
        if self.first is None or self.last <= self.first:
            return 0.0
        return (self.done - self.first_done) / (self.last - self.first)


def customers(records: int, planted: int, seed: int) -> Path:
    path = ROOT / "out" / f"customers-{records}-{planted}-{seed}.csv"
    if not path.is_file():
        write(generate(records, planted, seed), path)
    return path


def load(cache: Path) -> Index:
    from sanctionwatch.settings import get_settings
    from sanctionwatch.sources.snapshot import load_index

    return load_index(get_settings().data_dir, cache)


def job(path: Path, out: Path, chunk: int) -> BatchJob:
    return BatchJob(
        input=InputFile.open(path, "id"),
        output=out,
        algorithm=DEFAULT_ALGORITHM,
        threshold=DEFAULT_THRESHOLD,
        mapping=MAPPING,
        chunk_size=chunk,
    )


def recall(path: Path, out: Path, index: Index) -> dict[str, Any]:
    hits: dict[str, set[str]] = {}
    for line in out.read_bytes().splitlines():
        row = orjson.loads(line)
        hits.setdefault(row["record"], set()).add(row["entity_id"])
    planted = found = others = alerted = 0
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["planted"]:
                planted += 1
                cluster = set(index.collection.cluster(row["planted"]))
                found += bool(hits.get(row["id"], set()) & cluster)
            else:
                others += 1
                alerted += row["id"] in hits
    return {
        "planted": planted,
        "found": found,
        "recall": round(found / max(planted, 1), 4),
        "alert_rate": round(alerted / max(others, 1), 4),
    }


def run_local(args: argparse.Namespace, path: Path, index: Index) -> dict[str, Any]:
    timer = Timer()
    out = ROOT / "out" / "bench-local.jsonl"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    summary = run_batch(
        job(path, out, args.chunk),
        LocalEngine(workers=args.workers),
        lambda: index,
        progress=timer,
        restart=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_rss = after.ru_maxrss / 1024
    # the CPU the workers got: on a busy machine the wall clock undersells the engine
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    rate = timer.rate()
    return {
        "records": summary.read,
        "rows": summary.rows,
        "rejected": summary.rejected,
        "wall_s": round(wall, 1),
        "records_per_s": round(summary.read / wall, 1),
        "screening_records_per_s": round(rate, 1),
        "million_extrapolated_min": round(MILLION / rate / 60, 1) if rate else None,
        "peak_rss_per_worker_mb": round(worker_rss, 1),
        "worker_cpu_s": round(cpu, 1),
        "records_per_worker_cpu_s": round(summary.read / cpu, 1) if cpu else None,
        "load_average": round(os.getloadavg()[0], 2),
        **recall(path, out, index),
    }


def run_spark(
    args: argparse.Namespace, path: Path, index: Index, local: dict[str, Any]
) -> dict[str, Any]:
    from sanctionwatch.batch.spark import SparkEngine

    engine = SparkEngine(master=f"local[{args.workers}]")
    started = time.perf_counter()
    engine.session().sparkContext.setLogLevel("ERROR")
    session_s = time.perf_counter() - started
    timer = Timer()
    out = ROOT / "out" / "bench-spark.jsonl"
    started = time.perf_counter()
    summary = run_batch(
        job(path, out, args.chunk), engine, lambda: index, progress=timer, restart=True
    )
    wall = time.perf_counter() - started
    engine.close()
    same = out.read_bytes() == (ROOT / "out" / "bench-local.jsonl").read_bytes()
    return {
        "records": summary.read,
        "session_start_s": round(session_s, 1),
        "wall_s": round(wall, 1),
        "records_per_s": round(summary.read / wall, 1),
        "ratio_to_local": round(wall / local["wall_s"], 2),
        "identical_to_local": same,
    }


def run_delta(args: argparse.Namespace, path: Path, index: Index) -> dict[str, Any]:
    from sanctionwatch.batch.plan import BatchPlan, InputRecord
    from sanctionwatch.monitor import SubjectKeys
    from sanctionwatch.monitor.delta import delta_index

    plan = BatchPlan("", "", DEFAULT_ALGORITHM, DEFAULT_THRESHOLD, mapping=MAPPING)
    subjects = []
    planted: set[str] = set()
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if len(subjects) >= args.delta_subjects:
                break
            values = {k: v for k, v in row.items() if v and k != "planted"}
            subjects.append((row["id"], build_query(InputRecord(row["id"], values), plan.mapping)))
            if row.get("planted"):
                planted.add(row["planted"])
    # the change: half of it listings some customers are variants of (so that there are hits
    # to compare), half random listings
    rng = random.Random(args.seed)
    ids = rng.sample(sorted(planted), min(len(planted), args.changed // 2))
    others = sorted(index.collection.entities.keys() - set(ids))
    ids += rng.sample(others, args.changed - len(ids))
    changed = [index.collection.entities[i] for i in ids]
    n = len(subjects)
    started = time.perf_counter()
    keys = SubjectKeys.build(subjects)
    keys_s = time.perf_counter() - started
    small = delta_index(changed, index)
    assert small is not None
    started = time.perf_counter()
    candidates = keys.candidates(small)
    candidates_s = time.perf_counter() - started
    screener = EngineScreener(LocalEngine(workers=args.workers), ROOT / "out" / "delta",
                              chunk_size=args.chunk * 2)
    config = ScreeningConfig(threshold=DEFAULT_THRESHOLD, algorithm=DEFAULT_ALGORITHM)
    started = time.perf_counter()
    result = rescreen_delta(subjects, changed, index, screener, config=config,
                            keys=keys)
    wall = time.perf_counter() - started
    scale = MILLION / max(n, 1)
    report: dict[str, Any] = {
        "subjects": n,
        "changed": args.changed,
        "hits": len(result.hits),
        "keys_build_s": round(keys_s, 1),
        "keys_us_per_subject": round(keys_s / n * 1e6, 1),
        "keys_million_extrapolated_s": round(keys_s * scale, 1),
        "keys_mb": round(len(pickle.dumps(keys, protocol=pickle.HIGHEST_PROTOCOL)) / 1e6, 1),
        "candidates": len(candidates),
        "candidates_s": round(candidates_s, 2),
        "wall_s": round(wall, 1),
        "million_extrapolated_s": round(wall * scale, 1),
    }
    if args.delta_baseline:
        sample = subjects[: args.delta_baseline]
        started = time.perf_counter()
        every = rescreen_delta(sample, changed, index, screener, config=config)
        base = time.perf_counter() - started
        same = rescreen_delta(sample, changed, index, screener, config=config,
                              keys=SubjectKeys.build(sample))
        report["baseline"] = {
            "subjects": len(sample),
            "wall_s": round(base, 1),
            "million_extrapolated_s": round(base * MILLION / len(sample), 1),
            "same_hits_with_keys": every.hits == same.hits,
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--planted", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--spark", action="store_true", help="also run Spark local[workers]")
    parser.add_argument("--skip-local", action="store_true", help="no local batch run")
    parser.add_argument("--delta-subjects", type=int, default=0)
    parser.add_argument("--changed", type=int, default=100)
    parser.add_argument(
        "--delta-baseline",
        type=int,
        default=0,
        help="also screen this many subjects against the change without keys",
    )
    parser.add_argument("--cache", type=Path, default=ROOT / "out" / "cache")
    args = parser.parse_args()

    report: dict[str, Any] = {"workers": args.workers}
    started = time.perf_counter()
    path = customers(args.records, args.planted, args.seed)
    report["generate_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    index = load(args.cache)
    report["index"] = {
        "entities": len(index.collection),
        "load_s": round(time.perf_counter() - started, 1),
    }
    _show("index", report["index"])
    if not args.skip_local:
        report["local"] = _show("local", run_local(args, path, index))
    if args.spark:
        local = report.get("local", {"wall_s": float("nan")})
        report["spark"] = _show("spark", run_spark(args, path, index, local))
    if args.delta_subjects:
        report["delta"] = _show("delta", run_delta(args, path, index))
    print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())


def _show(name: str, part: dict[str, Any]) -> dict[str, Any]:
    """Each part on stderr as soon as it is measured (a later failure keeps it)."""
    print(f"{name}: {orjson.dumps(part).decode()}", file=sys.stderr, flush=True)
    return part


if __name__ == "__main__":
    main()
