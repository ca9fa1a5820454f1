"""Load benchmark of the screening service: POST /match with one query per request.

    python benchmarks/bench_service.py --clients 8 --workers 2 --duration 20

Starts ``uvicorn sanctionwatch.cli.service:app_from_env`` (the app ``sanctionwatch serve``
runs) on 127.0.0.1 with a throw-away SQLite store and one viewer key, waits for /readyz (the
lists load from the index cache under SANCTIONWATCH_HOME, built on the first run), warms up,
then keeps ``--clients`` keep-alive connections busy for ``--duration`` seconds, each sending
its next request as soon as the last one is answered. Queries: Faker names in six locales
(most customers are on no list) and every tenth a listed name. Prints requests/s and the
p50/p90/p99/max latency, the status counts, and the CPU time the server's processes spent per
request (a figure that the machine's other load disturbs less); exits 1 if any request failed.
The load generator is a minimal asyncio HTTP/1.1 client in this process, so that it costs the
server's cores as little as possible (client and server share the machine: loopback only).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
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
    record: bool,
    latencies: list[float],
    statuses: Counter[int],
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = offset
    head = (
        f"POST /match/default HTTP/1.1\r\nHost: {host}\r\nAuthorization: ApiKey {key}\r\n"
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
            if record:
                latencies.append(time.perf_counter() - started)
                statuses[int(status_line.split()[1])] += 1
    finally:
        writer.close()


async def run_load(
    host: str, port: int, key: str, bodies: list[bytes], clients: int, seconds: float, record: bool
) -> tuple[list[float], Counter[int], float]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    started = time.perf_counter()
    stop_at = started + seconds
    await asyncio.gather(
        *(
            client(host, port, key, bodies, n * 997, stop_at, record, latencies, statuses)
            for n in range(clients)
        )
    )
    return latencies, statuses, time.perf_counter() - started


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


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of a process and all its descendants (Linux /proc)."""
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
    return sum(times.get(pid, 0.0) for pid in tree)


def percentile(sorted_values: list[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


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
    args = parser.parse_args()

    from sanctionwatch.store import Role, add_user, open_store

    workdir = Path(tempfile.mkdtemp(prefix="sw-bench-"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    store = open_store(url)
    key = add_user(store, "bench", Role.VIEWER)[1]
    store.close()
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
    base = f"http://127.0.0.1:{args.port}"
    try:
        t0 = time.perf_counter()
        wait_ready(base, timeout=600)
        print(f"service ready in {time.perf_counter() - t0:.1f} s ({args.workers} workers)")
        bodies = make_bodies(args.queries, args.seed)
        asyncio.run(
            run_load("127.0.0.1", args.port, key, bodies, args.clients, args.warmup, record=False)
        )
        cpu_before = tree_cpu_seconds(server.pid)
        latencies, statuses, elapsed = asyncio.run(
            run_load("127.0.0.1", args.port, key, bodies, args.clients, args.duration, record=True)
        )
        server_cpu = tree_cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    ms = [v * 1000 for v in latencies]
    print(
        f"POST /match/default, one query per request, {args.clients} clients, "
        f"{elapsed:.1f} s, {os.cpu_count()} cores"
    )
    print(f"requests: {len(ms)}  ({len(ms) / elapsed:.0f} req/s)  statuses: {dict(statuses)}")
    print(
        f"latency ms: p50 {percentile(ms, 0.50):.1f}  p90 {percentile(ms, 0.90):.1f}  "
        f"p99 {percentile(ms, 0.99):.1f}  max {ms[-1]:.1f}  mean {statistics.fmean(ms):.1f}"
    )
    per_request = server_cpu / max(1, len(ms)) * 1000
    print(
        f"server CPU: {server_cpu:.1f} s = {per_request:.2f} ms per request "
        f"(so at most {2000 / per_request:.0f} req/s on 2 idle cores); "
        f"load average before/after: {os.getloadavg()[0]:.1f}"
    )
    if set(statuses) != {200}:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
