"""What a new user meets in the first minute: wheel size, install time, start-up times.

    python benchmarks/bench_install.py [--runs 7] [--first-runs 3]

Builds the sdist and the wheel from it, pip-installs the wheel into fresh virtual environments
(offline; the dependencies are already installed beside this interpreter, so the install time is
that of sanctionwatch itself: unpacking and byte-compiling it), then runs the installed command
from another folder, as a user would, and reports the median wall time of each:

- ``python -c pass`` in the same environment (the interpreter's own start, the floor);
- ``sanctionwatch --help``;
- the first ``sanctionwatch screen "Kim Jong Un"`` after the install (a fresh
  SANCTIONWATCH_HOME: it parses the lists and builds the index cache);
- ``sanctionwatch screen "Kim Jong Un"`` with that cache warm, and ``sanctionwatch --version``.

The machine's load average is printed with the figures: on a shared machine quote the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from installing import build_dists, new_venv, pip_install, user_env

QUERY = "Kim Jong Un"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{args} exited {proc.returncode}: {proc.stderr.decode()[-2000:]}")


def median_s(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each warm command")
    parser.add_argument("--first-runs", type=int, default=3, help="fresh installs timed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sw-bench-install-") as tmp:
        base = Path(tmp)
        dists = build_dists(base / "dist")
        sizes = {kind: path.stat().st_size for kind, path in dists.items()}
        installs: list[float] = []
        firsts: list[float] = []
        venv = home = elsewhere = base
        for n in range(args.first_runs):
            venv = new_venv(base / f"env-{n}")
            installs.append(timed(lambda v=venv: pip_install(v, dists["wheel"])))
            home = base / f"home-{n}"
            elsewhere = base / f"elsewhere-{n}"
            elsewhere.mkdir()
            env = user_env(venv, home)
            tool = str(venv / "bin" / "sanctionwatch")
            firsts.append(timed(lambda t=tool, c=elsewhere, e=env: run([t, "screen", QUERY], c, e)))
        env = user_env(venv, home)
        tool = str(venv / "bin" / "sanctionwatch")
        python = str(venv / "bin" / "python")
        figures: dict[str, list[float]] = {"python -c pass": [], "sanctionwatch --help": [],
                                           f'sanctionwatch screen "{QUERY}" (warm)': [],
                                           "sanctionwatch --version (warm)": []}
        commands = list(zip(figures, ([python, "-c", "pass"], [tool, "--help"],
                                      [tool, "screen", QUERY], [tool, "--version"]), strict=True))
        for _ in range(args.runs):
            for name, command in commands:
                figures[name].append(timed(lambda c=command: run(c, elsewhere, env)))
        load = os.getloadavg()
    print(f"bench_install: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {os.cpu_count()} cores")
    print(f"wheel  {dists['wheel'].name}: {sizes['wheel'] / 1e6:.2f} MB")
    print(f"sdist  {dists['sdist'].name}: {sizes['sdist'] / 1e6:.2f} MB")
    print(f"pip install of the wheel (offline, dependencies present), median of "
          f"{len(installs)}: {median_s(installs)}")
    print(f'first sanctionwatch screen "{QUERY}" after install (builds the index), median of '
          f"{len(firsts)}: {median_s(firsts)}")
    for name, values in figures.items():
        print(f"{name}, median of {len(values)}: {median_s(values)}")


if __name__ == "__main__":
    main()
