"""Load benchmark of the service's held-payment round trip: POST /screen/payment, then GET the
hold it opened.

    python benchmarks/bench_payment_service.py --clients 8 --workers 2 --duration 20

Starts the service as bench_service.py does (``uvicorn sanctionwatch.cli.service:app_from_env``,
a throw-away SQLite store, here one analyst key: a held payment opens a hold, an analyst's
write), waits for /readyz, warms up, then keeps ``--clients`` keep-alive connections busy for
``--duration`` seconds. Each round trip posts a held message (the real MT103 sample of
../shared/data/payments with a listed name as the beneficiary and a Faker ordering customer,
every body different) and, with the hold id of the answer, gets ``/payments/holds/{id}``.
Prints round trips/s, the latency of the round trip and of its POST alone (p50/p90/p99/max),
the statuses, the server's CPU per round trip; exits 1 if any request failed or a payment
was not held.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench_service import LISTED, percentile, tree_cpu_seconds, wait_ready
from faker import Faker

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "payments" / "mt" / "ballerina_p.2.3.1.b_MT103_A_D.fin"
#: Latin-script listed names (an MT message is in the SWIFT X character set); "Ali Khamenei"
#: scores 0.66 against KHAMENEI, Ali Husseini (the middle name missing): under the threshold
HELD_NAMES = tuple(n for n in LISTED if n.isascii() and n != "Ali Khamenei")


def make_messages(count: int, seed: int) -> list[bytes]:
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    text = SAMPLE.read_text("utf-8")
    return [text.replace("1/A Debiter", f"1/{fake.name()[:33]}").replace(
        "1/B Creditor Co", f"1/{HELD_NAMES[i % len(HELD_NAMES)]}").encode()
        for i in range(count)]


@dataclass
class Trips:
    round_trips: list[float] = field(default_factory=list)
    posts: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    not_held: int = 0


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, head: str,
                    body: bytes = b"") -> tuple[int, bytes]:
    writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return status, await reader.readexactly(length)


async def client(port: int, key: str, messages: list[bytes], offset: int, stop_at: float,
                 trips: Trips) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    auth = f"Host: 127.0.0.1\r\nAuthorization: ApiKey {key}\r\n"
    i = offset
    try:
        while time.perf_counter() < stop_at:
            body = messages[i % len(messages)]
            i += 1
            started = time.perf_counter()
            status, answer = await _exchange(
                reader, writer, f"POST /screen/payment HTTP/1.1\r\n{auth}"
                "Content-Type: text/plain\r\n", body)
            trips.posts.append(time.perf_counter() - started)
            trips.statuses[status] += 1
            hold = json.loads(answer).get("hold") if status == 200 else None
            if hold is None:
                trips.not_held += 1
                continue
            status, _ = await _exchange(
                reader, writer, f"GET /payments/holds/{hold} HTTP/1.1\r\n{auth}")
            trips.statuses[status] += 1
            trips.round_trips.append(time.perf_counter() - started)
    finally:
        writer.close()


async def load(port: int, key: str, messages: list[bytes], clients: int, seconds: float
               ) -> tuple[Trips, float]:
    trips = Trips()
    started = time.perf_counter()
    await asyncio.gather(*(client(port, key, messages, n * 997, started + seconds, trips)
                           for n in range(clients)))
    return trips, time.perf_counter() - started


def _ms(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values) or [0.0]
    return (f"p50 {percentile(ms, 0.5):.1f}  p90 {percentile(ms, 0.9):.1f}  "
            f"p99 {percentile(ms, 0.99):.1f}  max {ms[-1]:.1f}")


def report(args: argparse.Namespace, trips: Trips, seconds: float, cpu: float) -> None:
    count = len(trips.round_trips)
    print(f"held-payment round trips (POST /screen/payment + GET /payments/holds/{{id}}), "
          f"{args.clients} clients, {args.workers} workers, {seconds:.1f} s, "
          f"{os.cpu_count()} cores")
    print(f"round trips: {count} ({count / seconds:.0f}/s), statuses {dict(trips.statuses)}, "
          f"not held {trips.not_held}")
    print(f"round trip ms: {_ms(trips.round_trips)}")
    print(f"POST alone ms: {_ms(trips.posts)}")
    print(f"server CPU: {cpu:.1f} s = {cpu / max(1, count) * 1000:.2f} ms per round trip; "
          f"load average after: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--duration", type=float, default=20.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=20.0, help="unmeasured seconds first")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--messages", type=int, default=2000, help="distinct message bodies")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if not SAMPLE.is_file():
        raise SystemExit(f"{SAMPLE} is absent: the messages are made from the shared sample")

    from sanctionwatch.store import Role, add_user, open_store

    workdir = Path(tempfile.mkdtemp(prefix="sw-bench-pay-"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    store = open_store(url)
    key = add_user(store, "bench", Role.ANALYST)[1]
    store.close()
    messages = make_messages(args.messages, args.seed)
    env = {**os.environ, "SANCTIONWATCH_DATABASE_URL": url}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "sanctionwatch.cli.service:app_from_env", "--factory",
         "--host", "127.0.0.1", "--port", str(args.port), "--workers", str(args.workers),
         "--log-level", "warning", "--no-access-log"], env=env)
    try:
        wait_ready(f"http://127.0.0.1:{args.port}", timeout=600)
        asyncio.run(load(args.port, key, messages, args.clients, args.warmup))
        before = tree_cpu_seconds(server.pid)
        trips, seconds = asyncio.run(load(args.port, key, messages, args.clients,
                                          args.duration))
        after = tree_cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    cpu = sum(after[pid] - before.get(pid, 0.0) for pid in after)
    report(args, trips, seconds, cpu)
    failed = sum(n for status, n in trips.statuses.items() if status != 200)
    if failed or trips.not_held or not trips.round_trips:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
