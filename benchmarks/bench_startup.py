"""Start-up of the command line, two source trees in turn: warm screen, --help and first run.

    python benchmarks/bench_startup.py --base /tmp/main/src [--runs 9] [--first-runs 3]

Each run is a new ``python -m sanctionwatch`` process started from another folder, with
``PYTHONPATH`` set to one tree, the base's and this tree's runs alternating so both see the same
load. Warm runs share one ``SANCTIONWATCH_HOME`` per tree (its cache built before timing); a
first run gets an empty one. Prints the median (and min) wall time and CPU time (user + sys of
the child) per command and tree, and the load average: on a shared machine quote CPU and ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERY = "Kim Jong Un"
HERE = Path(__file__).resolve().parents[1] / "src"


def timed(args: list[str], src: str, home: str, cwd: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one command."""
    env = {**os.environ, "PYTHONPATH": src, "SANCTIONWATCH_HOME": home}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sanctionwatch", *args], env=env, cwd=cwd,
                   stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def report(name: str, figures: dict[str, list[tuple[float, float]]]) -> None:
    for tree, runs in figures.items():
        if not runs:
            continue
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"{name:28s} {tree:4s} wall {statistics.median(walls):7.3f} s (min {min(walls):.3f})"
              f"  CPU {statistics.median(cpus):7.3f} s (min {min(cpus):.3f})  n={len(runs)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the other tree's src folder")
    parser.add_argument("--runs", type=int, default=9, help="runs of each warm command")
    parser.add_argument("--first-runs", type=int, default=3, help="first runs per tree")
    args = parser.parse_args()
    trees = {"base": str(Path(args.base).resolve()), "new": str(HERE)}
    commands = {f'screen "{QUERY}" (warm)': ["screen", QUERY], "--help": ["--help"]}
    with tempfile.TemporaryDirectory(prefix="sw-bench-startup-") as tmp:
        homes = {tree: str(Path(tmp) / f"home-{tree}") for tree in trees}
        for tree, src in trees.items():  # build each warm cache
            timed(["screen", QUERY], src, homes[tree], tmp)
        warm: dict[str, dict[str, list[tuple[float, float]]]] = {
            name: {tree: [] for tree in trees} for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                for tree, src in trees.items():
                    warm[name][tree].append(timed(command, src, homes[tree], tmp))
        first: dict[str, list[tuple[float, float]]] = {tree: [] for tree in trees}
        for n in range(args.first_runs):
            for tree, src in trees.items():
                home = str(Path(tmp) / f"first-{tree}-{n}")
                first[tree].append(timed(["screen", QUERY], src, home, tmp))
    load = os.getloadavg()
    print(f"bench_startup: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cores")
    for name, figures in warm.items():
        report(name, figures)
    report(f'first screen "{QUERY}"', first)


if __name__ == "__main__":
    main()
