"""A/B speed of two source trees, interleaved: the machine's load moves both alike.

    python benchmarks/bench_ab.py --base /tmp/before/src [--new src] [--rounds 6]

Starts one worker process per tree (its ``src`` on the path, the index loaded once), pinned to
the same core, and has them take turns: each round, each worker screens bench_speed's queries
(``screen()``, its caches of query tokens forgotten first, as bench_speed does) and compares
bench_compare's entity pairs (``compare()``, after an untimed pass: their names' forms
known, as bench_compare has them), one worker after the other, never both at once.
Prints per workload the median over rounds of each tree's per-call median and mean (CPU time
of the worker's thread) and the median of the per-round ratios base / new.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent

WORKER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from bench_compare import entity_pairs
from bench_speed import WARM_UP, forget_queries, make_queries, pin
from sanctionwatch.match import compare
from sanctionwatch.screen import screen
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.snapshot import load_index
pin(int(sys.argv[3]))
index = load_index(BUNDLED_LISTS)
everything = make_queries(index.collection, int(sys.argv[2]) + WARM_UP)
queries, warm = everything[:-WARM_UP], everything[-WARM_UP:]
for query in warm:
    screen(index, query)
pairs = entity_pairs(index)
for left, right in pairs:
    compare(left, right)
jobs = {"screen": (lambda q: screen(index, q), queries),
        "compare": (lambda p: compare(p[0], p[1]), pairs)}
print("ready", flush=True)
for line in sys.stdin:
    func, items = jobs[line.strip()]
    if line.strip() == "screen":  # unseen queries
        forget_queries(index)
    else:  # the pairs' names known (screening forgot them)
        for item in items:
            func(item)
    times = []
    for item in items:
        start = time.thread_time()
        func(item)
        times.append(time.thread_time() - start)
    print(json.dumps(times), flush=True)
"""


class Worker:
    """One tree's worker process."""

    def __init__(self, src: Path, queries: int, core: int) -> None:
        env = dict(os.environ, PYTHONPATH=str(src.resolve()))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(ROOT), str(queries), str(core)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )
        if self._read() != "ready":
            raise RuntimeError(f"worker for {src} did not start")

    def _read(self) -> str:
        out: IO[str] | None = self.proc.stdout
        assert out is not None
        return out.readline().strip()

    def run(self, job: str) -> list[float]:
        stdin = self.proc.stdin
        assert stdin is not None
        stdin.write(job + "\n")
        stdin.flush()
        times: list[float] = json.loads(self._read())
        return times

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()


def summary(rounds: list[list[float]]) -> tuple[float, float]:
    """Median over rounds of the per-call median and mean, in microseconds."""
    return (statistics.median(statistics.median(r) for r in rounds) * 1e6,
            statistics.median(statistics.fmean(r) for r in rounds) * 1e6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the old tree's src folder")
    parser.add_argument("--new", type=Path, default=ROOT.parent / "src")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--core", type=int, default=0)
    args = parser.parse_args()
    workers = {"base": Worker(args.base, args.queries, args.core),
               "new": Worker(args.new, args.queries, args.core)}
    times: dict[tuple[str, str], list[list[float]]] = {}
    try:
        for _ in range(args.rounds):
            for job in ("screen", "compare"):
                for name, worker in workers.items():
                    times.setdefault((job, name), []).append(worker.run(job))
    finally:
        for worker in workers.values():
            worker.close()
    report: dict[str, Any] = {"load_average": round(os.getloadavg()[0], 1)}
    for job in ("screen", "compare"):
        base, new = times[(job, "base")], times[(job, "new")]
        ratios = [statistics.median(b) / statistics.median(n) for b, n in zip(base, new)]
        (b50, bmean), (n50, nmean) = summary(base), summary(new)
        print(f"{job:8s} base p50 {b50:7.1f} us mean {bmean:7.1f} | new p50 {n50:7.1f} us "
              f"mean {nmean:7.1f} | p50 ratio base/new {statistics.median(ratios):.2f} "
              f"(rounds {min(ratios):.2f}-{max(ratios):.2f})")
        report[job] = {"base_p50_us": b50, "new_p50_us": n50, "ratio": statistics.median(ratios)}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
