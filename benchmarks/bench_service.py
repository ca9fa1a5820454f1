"""Load benchmark of the screening service: POST /match with one query per request.

    python benchmarks/bench_service.py --clients 8 --workers 2 --duration 20
    python benchmarks/bench_service.py --clients 8 --workers 2 --duration 20 --tool wrk
    python benchmarks/bench_service.py --heavy --clients 4 --workers 1 --duration 15 --warmup 5

``--heavy``: every request is the biggest body the limits allow (5 queries x 50 names, 250
names in all: about a second of scoring each) while one more connection sends ``GET /healthz``
every 20 ms; prints the health checks' latency too (the target: p99 <= 50 ms).

Starts ``uvicorn sanctionwatch.cli.service:app_from_env`` (the app ``sanctionwatch serve``
runs) on 127.0.0.1 with a throw-away SQLite store and one viewer key, waits for /readyz (the
lists load from the index cache under SANCTIONWATCH_HOME, built on the first run), warms up,
then keeps ``--clients`` keep-alive connections busy for ``--duration`` seconds, each sending
its next request as soon as the last one is answered. Queries: Faker names in six locales
(most customers are on no list) and every tenth a listed name. Prints requests/s and the
p50/p90/p99/max latency, the status counts, the CPU time the server's processes spent per
request (a figure that the machine's other load disturbs less) and how it split between the
worker processes, and the load generator's own CPU per request; exits 1 if any request failed.

Load generators (client and server share the machine: loopback only): ``python`` (default) is
a minimal asyncio HTTP/1.1 client in this process; ``wrk`` (the C tool, ``apt-get install
wrk``) runs a Lua script posting the same bodies, with ``--clients`` connections on two threads,
and costs the server's cores less.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

LOCALES = ("en_US", "ru_RU", "ko_KR", "zh_CN", "ar_AA", "de_DE")
LISTED = (
    "Kim Jong Un",
    "KOMID",
    "Korea Mining Development Trading Corporation",
    "Ri Song Hyok",
    "Banco Nacional de Cuba",
    "Viktor Bout",
    "Ким Чен Ын",
    "김정은",
    "Islamic Revolutionary Guard Corps",
    "Ali Khamenei",
)
PATH = "/match/default"
#: wrk's Lua script: the bodies in turn (each thread from a random one) and a parseable summary
WRK_SCRIPT = """
local bodies = {%(bodies)s}
local headers = {["Authorization"] = "ApiKey %(key)s", ["Content-Type"] = "application/json"}
local i = 0
init = function(args) i = math.random(0, #bodies - 1) end
request = function()
  i = i %% #bodies + 1
  return wrk.format("POST", "%(path)s", headers, bodies[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %%d %%d %%d %%d %%d %%d %%d %%d %%.1f\\n", summary.requests,
    e.status, e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
"""


@dataclass
class Load:
    """One load run: requests answered, how they went, and what the load generator cost."""

    requests: int
    seconds: float
    #: ms: p50, p90, p99, max, mean
    latency: dict[str, float]
    statuses: dict[str, int]
    client_cpu: float
    failed: int


def make_heavy_bodies(count: int, seed: int) -> list[bytes]:
    fake = Faker("en_US")
    fake.seed_instance(seed)
    return [json.dumps({"queries": {f"q{q}": {"schema": "Person", "properties": {
        "name": [fake.name() for _ in range(50)]}} for q in range(5)}}).encode()
        for _ in range(count)]


def probe_health(port: int, stop_at: float, latencies: list[float]) -> None:
    """GET /healthz every 20 ms on a connection of its own until stop_at (in a thread)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.perf_counter() < stop_at:
        started = time.perf_counter()
        conn.request("GET", "/healthz")
        conn.getresponse().read()
        latencies.append(time.perf_counter() - started)
        time.sleep(0.02)
    conn.close()


def make_bodies(count: int, seed: int) -> list[bytes]:
    fakers = [Faker(locale) for locale in LOCALES]
    for i, fake in enumerate(fakers):
        fake.seed_instance(seed + i)
    bodies = []
    for i in range(count):
        name = LISTED[i // 10 % len(LISTED)] if i % 10 == 0 else fakers[i % len(fakers)].name()
        query = {"schema": "Person", "properties": {"name": [name]}}
        bodies.append(json.dumps({"queries": {"q": query}}).encode())
    return bodies


async def client(
    host: str,
    port: int,
    key: str,
    bodies: list[bytes],
    offset: int,
    stop_at: float,
    latencies: list[float],
    statuses: Counter[int],
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = offset
    head = (
        f"POST {PATH} HTTP/1.1\r\nHost: {host}\r\nAuthorization: ApiKey {key}\r\n"
        "Content-Type: application/json\r\n"
    )
    try:
        while time.perf_counter() < stop_at:
            body = bodies[i % len(bodies)]
            i += 1
            started = time.perf_counter()
            writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            statuses[int(status_line.split()[1])] += 1
    finally:
        writer.close()


async def gather_clients(
    port: int, key: str, bodies: list[bytes], clients: int, seconds: float
) -> tuple[list[float], Counter[int], float]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    started = time.perf_counter()
    stop_at = started + seconds
    await asyncio.gather(
        *(
            client("127.0.0.1", port, key, bodies, n * 997, stop_at, latencies, statuses)
            for n in range(clients)
        )
    )
    return latencies, statuses, time.perf_counter() - started


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def load_python(port: int, key: str, bodies: list[bytes], clients: int, seconds: float) -> Load:
    cpu = cpu_seconds(resource.RUSAGE_SELF)
    latencies, statuses, elapsed = asyncio.run(gather_clients(port, key, bodies, clients, seconds))
    cpu = cpu_seconds(resource.RUSAGE_SELF) - cpu
    ms = sorted(v * 1000 for v in latencies)
    latency = {
        "p50": percentile(ms, 0.50), "p90": percentile(ms, 0.90), "p99": percentile(ms, 0.99),
        "max": ms[-1], "mean": statistics.fmean(ms),
    }
    failed = sum(n for status, n in statuses.items() if status != 200)
    return Load(len(ms), elapsed, latency, {str(s): n for s, n in statuses.items()}, cpu, failed)


def load_wrk(script: Path, port: int, clients: int, seconds: float) -> Load:
    command = ["wrk", "-t", str(min(2, clients)), "-c", str(clients), "-d", f"{seconds:.0f}s",
               "-s", str(script), f"http://127.0.0.1:{port}"]
    cpu = cpu_seconds(resource.RUSAGE_CHILDREN)  # the server is not reaped yet: wrk's alone
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
    found = re.search(r"^WRK (.+)$", out, re.MULTILINE)
    if found is None:
        raise SystemExit(f"wrk printed no summary:\n{out}")
    count, non2xx, errors, micros, *us = found.group(1).split()
    latency = dict(zip(("p50", "p90", "p99", "max", "mean"), (float(v) / 1000 for v in us)))
    statuses = {"non-2xx": int(non2xx), "socket errors": int(errors)}
    return Load(int(count), int(micros) / 1e6, latency, statuses, cpu, int(non2xx) + int(errors))


def write_wrk_script(path: Path, key: str, bodies: list[bytes]) -> Path:
    quoted = ",\n".join(json.dumps(b.decode()) for b in bodies)
    path.write_text(WRK_SCRIPT % {"bodies": quoted, "key": key, "path": PATH})
    return path


def wait_ready(base: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the service at {base} was not ready after {timeout:.0f} s")


def tree_cpu_seconds(root: int) -> dict[int, float]:
    """User + system CPU seconds of a process and each of its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, frontier = {root}, [root]
    while frontier:
        current = frontier.pop()
        children = [pid for pid, parent in parents.items() if parent == current]
        tree.update(children)
        frontier.extend(children)
    return {pid: times[pid] for pid in tree if pid in times}


def percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def report(args: argparse.Namespace, load: Load, server_cpu: dict[int, float]) -> None:
    ms = load.latency
    print(
        f"POST {PATH}, one query per request, {args.clients} clients ({args.tool}), "
        f"{load.seconds:.1f} s, {os.cpu_count()} cores"
    )
    print(f"requests: {load.requests}  ({load.requests / load.seconds:.0f} req/s)  "
          f"statuses: {load.statuses}")
    print(
        f"latency ms: p50 {ms['p50']:.1f}  p90 {ms['p90']:.1f}  p99 {ms['p99']:.1f}  "
        f"max {ms['max']:.1f}  mean {ms['mean']:.1f}"
    )
    total = sum(server_cpu.values())
    per_request = total / max(1, load.requests) * 1000
    busiest = sorted((s for s in server_cpu.values() if s >= 0.05), reverse=True)
    print(
        f"server CPU: {total:.1f} s = {per_request:.2f} ms per request "
        f"(so at most {2000 / per_request:.0f} req/s on 2 idle cores); by process: "
        + ", ".join(f"{s:.1f} s" for s in busiest)
    )
    print(
        f"client CPU: {load.client_cpu:.1f} s = "
        f"{load.client_cpu / max(1, load.requests) * 1000:.2f} ms per request; "
        f"load average after: {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--duration", type=float, default=20.0, help="measured seconds")
    parser.add_argument(
        "--warmup",
        type=float,
        default=20.0,
        help="unmeasured seconds first (the workers also build the text screener)",
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--queries", type=int, default=2000, help="distinct request bodies")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tool", choices=("python", "wrk"), default="python",
                        help="load generator")
    parser.add_argument("--heavy", action="store_true",
                        help="the biggest bodies the limits allow, and /healthz meanwhile")
    args = parser.parse_args()
    if args.tool == "wrk" and shutil.which("wrk") is None:
        raise SystemExit("--tool wrk: wrk is not installed (apt-get install wrk)")

    from sanctionwatch.store import Role, add_user, open_store

    workdir = Path(tempfile.mkdtemp(prefix="sw-bench-"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    store = open_store(url)
    key = add_user(store, "bench", Role.VIEWER)[1]
    store.close()
    bodies = (make_heavy_bodies(50, args.seed) if args.heavy
              else make_bodies(args.queries, args.seed))
    script = write_wrk_script(workdir / "post.lua", key, bodies)

    def run_load(seconds: float) -> Load:
        if args.tool == "wrk":
            return load_wrk(script, args.port, args.clients, seconds)
        return load_python(args.port, key, bodies, args.clients, seconds)

    env = {**os.environ, "SANCTIONWATCH_DATABASE_URL": url}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "sanctionwatch.cli.service:app_from_env",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(args.port),
        "--workers",
        str(args.workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    server = subprocess.Popen(command, env=env)
    try:
        t0 = time.perf_counter()
        wait_ready(f"http://127.0.0.1:{args.port}", timeout=600)
        print(f"service ready in {time.perf_counter() - t0:.1f} s ({args.workers} workers)")
        run_load(args.warmup)
        health: list[float] = []
        import threading

        prober = threading.Thread(target=probe_health, args=(
            args.port, time.perf_counter() + args.duration, health))
        if args.heavy:
            prober.start()
        before = tree_cpu_seconds(server.pid)
        load = run_load(args.duration)
        after = tree_cpu_seconds(server.pid)
        if args.heavy:
            prober.join()
            ms = sorted(v * 1000 for v in health)
            print(f"/healthz meanwhile: {len(ms)} checks, p50 {percentile(ms, 0.5):.1f} ms, "
                  f"p99 {percentile(ms, 0.99):.1f} ms, max {ms[-1]:.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(args, load, {pid: after[pid] - before.get(pid, 0.0) for pid in after})
    if load.failed or not load.requests:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
