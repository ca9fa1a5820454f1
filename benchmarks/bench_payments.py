"""Payment screening benchmark: planted recall, false holds, latency and throughput.

    $ python benchmarks/bench_payments.py                     # 3,000 messages (about a minute)
    $ python benchmarks/bench_payments.py --messages 100000   # the full run
    $ python benchmarks/bench_payments.py --messages 100000 --workers 2   # on 2 cores

A stream of generated messages: templates are real samples from ../shared/data/payments (the
MT103 with 50F/59F, its ISO 20022 pacs.008 form, and the MT202COV), their customers' names
and towns replaced by Faker parties in several locales (Latin-script locales for MT, whose
character set is Latin; any for ISO 20022). About one message in 300 has something listed
planted (at least 30): a listed person's or organisation's name as the beneficiary, a listed
bank's BIC as the creditor's agent, or a listed vessel's IMO number in the remittance text.

Printed: planted recall (planted messages held), false holds (clean messages held, each
listed with its first reason), latency per message (p50, p99) and messages/s, in a warm
process (every listing prepared, 200 messages first, long-lived objects frozen out of the
cyclic collector), with parsing alone as the baseline measured in the same process. With
``--workers N`` the stream is split between N worker processes forked after the warm-up
(messages/s is then wall-clock over all of them). The index is read from the bundled lists
(cached under --cache).
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import random
import statistics
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from faker import Faker

from sanctionwatch.model import Collection, Entity
from sanctionwatch.payments import PaymentScreener, read_payments
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.snapshot import load_index
from sanctionwatch.text import TextScreener

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "data" / "payments"
TEMPLATES = {
    "mt103": ("mt/ballerina_p.2.3.1.b_MT103_A_D.fin", "A Debiter", "B Creditor Co",
              "Barcelona", ":57A:BSCHGB2L", ":57A:{bic}", ":70:/ROC/pacs008EndToEndId-001",
              ":70:/ROC/{text}"),
    "pacs008": ("iso20022/ballerina_CBPR+_p.2.3.1.b_pacs.008_AtoD.xml", "A Debiter",
                "B Creditor Co", "Barcelona", ("<BICFI>BSCHGB2L</BICFI>\n\t\t\t\t\t</FinInstnId>"
                "\n\t\t\t\t</CdtrAgt>"), ("<BICFI>{bic}</BICFI>\n\t\t\t\t\t</FinInstnId>\n\t\t\t\t"
                "</CdtrAgt>"), "</Cdtr>", "</Cdtr><RmtInf><Ustrd>{text}</Ustrd></RmtInf>"),
    "mt202cov": ("mt/ballerina_p.2.3.1.b_MT202COV_A_B.fin", "A Debiter", "B Creditor Co",
                 "Barcelona", ":57A:BSCHGB2L", ":57A:{bic}", ":72:/INS/BOFSGB2L",
                 ":72:/INS/BOFSGB2L\r\n:70:{text}"),
}
MT_LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL")
ISO_LOCALES = (*MT_LOCALES, "ru_RU", "zh_CN", "ko_KR", "ja_JP")


@dataclass(frozen=True)
class Message:
    data: bytes
    planted: str  # "" for a clean message, else party / bic / vessel
    template: str
    entity: str = ""


def _listed(collection: Collection) -> dict[str, list[Entity]]:
    pools: dict[str, list[Entity]] = {"party": [], "bic": [], "vessel": []}
    for entity in collection:
        if entity.schema in ("Person", "Organization", "Company") and \
                len(entity.caption) >= 8 and entity.caption.isascii():
            pools["party"].append(entity)
        if entity.get("swiftBic"):
            pools["bic"].append(entity)
        if entity.schema == "Vessel" and entity.get("imoNumber"):
            pools["vessel"].append(entity)
    return pools


def _mt_safe(text: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in " -.,'()") else " " for c in text)


def _mt_name(name: str) -> str:
    """A long name over the numbered ``1/`` lines of 50F/59F, 33 characters each, broken
    between words as MT writers do (the parser joins the lines)."""
    return "\r\n1/".join(textwrap.wrap(name, 33)[:3])


def generate(count: int, seed: int, collection: Collection) -> list[Message]:
    rng = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in ISO_LOCALES}
    for i, faker in enumerate(fakers.values()):
        faker.seed_instance(seed + i)
    texts = {k: (SAMPLES / v[0]).read_text("utf-8") for k, v in TEMPLATES.items()}
    pools = _listed(collection)
    planted_every = max(1, min(300, count // 30))
    messages: list[Message] = []
    for number in range(count):
        kind = rng.choice(list(TEMPLATES))
        _, debtor, creditor, town, bic_old, bic_new, text_old, text_new = TEMPLATES[kind]
        is_mt = kind.startswith("mt")
        faker = fakers[rng.choice(MT_LOCALES if is_mt else ISO_LOCALES)]
        names = [faker.company() if rng.random() < 0.5 else faker.name() for _ in range(2)]
        city = faker.city()
        if is_mt:
            names, city = [_mt_safe(n)[:33] for n in names], _mt_safe(city)[:30]
        else:
            names, city = [escape(n) for n in names], escape(city)
        body = texts[kind].replace(debtor, names[0]).replace(creditor, names[1]) \
            .replace(town, city)
        planted = listed = ""
        if number % planted_every == planted_every // 2:
            planted = rng.choice(["party", "bic", "vessel"])
            entity = rng.choice(pools[planted])
            listed = f"{entity.caption} ({entity.id})"
            if planted == "party":
                body = body.replace(names[1], _mt_name(entity.caption) if is_mt else
                                    escape(entity.caption))
            elif planted == "bic":
                body = body.replace(bic_old, bic_new.format(bic=entity.get("swiftBic")[0]))
            else:
                imo = entity.get("imoNumber")[0].removeprefix("IMO").strip()
                body = body.replace(text_old, text_new.format(text=f"FREIGHT IMO {imo}"))
        messages.append(Message(body.encode("utf-8"), planted, kind, listed))
    return messages


@dataclass
class Outcome:
    """What screening a share of the stream found, and how long each message took."""

    times: list[float] = field(default_factory=list)
    #: CPU seconds per message: what the machine's other load does not lengthen
    cpu_times: list[float] = field(default_factory=list)
    planted: int = 0
    held_planted: int = 0
    clean: int = 0
    false_holds: int = 0
    misses: list[str] = field(default_factory=list)
    cpu: float = 0.0

    def add(self, other: Outcome) -> None:
        self.times += other.times
        self.cpu_times += other.cpu_times
        self.misses += other.misses
        self.planted += other.planted
        self.held_planted += other.held_planted
        self.clean += other.clean
        self.false_holds += other.false_holds
        self.cpu += other.cpu


def screen_all(screener: PaymentScreener, messages: list[Message]) -> Outcome:
    out = Outcome()
    cpu = time.process_time()
    for message in messages:
        start, start_cpu = time.perf_counter(), time.process_time()
        (result,) = screener.screen_bytes(message.data, "bench")
        out.times.append(time.perf_counter() - start)
        out.cpu_times.append(time.process_time() - start_cpu)
        if message.planted:
            out.planted += 1
            out.held_planted += result.is_held
            if not result.is_held:
                out.misses.append(f"missed {message.planted} in {message.template}: "
                                  f"{message.entity}")
        else:
            out.clean += 1
            if result.is_held:
                out.false_holds += 1
                out.misses.append(f"false hold ({message.template}): {result.reasons[0]}")
    out.cpu = time.process_time() - cpu
    return out


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def warm(screener: PaymentScreener, messages: list[Message]) -> None:
    """A warm process: every listing prepared, caches and lazy tables filled by 200
    messages, and what lives as long as the process kept out of the cyclic collector."""
    screener.warm()
    for message in messages[:200]:
        screener.screen_bytes(message.data, "warm")
    gc.collect()
    gc.freeze()


_WORKER: dict[str, object] = {}


def _screen_share(share: list[Message]) -> Outcome:
    """In a worker process (forked after the warm-up: the index and caches are shared)."""
    screener = _WORKER["screener"]
    assert isinstance(screener, PaymentScreener)
    return screen_all(screener, share)


def run_workers(screener: PaymentScreener, messages: list[Message], workers: int
                ) -> tuple[Outcome, float]:
    """The stream split into ``workers`` interleaved shares, each screened by a forked
    worker process; the outcome of all and the wall-clock seconds."""
    _WORKER["screener"] = screener
    shares = [messages[i::workers] for i in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(abs, range(workers))  # the workers are started before the clock
        wall = time.perf_counter()
        outcomes = pool.map(_screen_share, shares, chunksize=1)
        wall = time.perf_counter() - wall
    total = Outcome()
    for outcome in outcomes:
        total.add(outcome)
    return total, wall


def run(screener: PaymentScreener, messages: list[Message], workers: int) -> None:
    warm(screener, messages)
    parse_times: list[float] = []
    for message in messages:
        start = time.perf_counter()
        list(read_payments(message.data, "bench"))
        parse_times.append(time.perf_counter() - start)
    if workers > 1:
        out, wall = run_workers(screener, messages, workers)
    else:
        wall = time.perf_counter()
        out = screen_all(screener, messages)
        wall = time.perf_counter() - wall
    print(f"messages {len(messages):,}: planted {out.planted}, clean {out.clean:,}")
    print(f"planted recall {out.held_planted / max(out.planted, 1):.4f} "
          f"({out.held_planted}/{out.planted})")
    print(f"false holds {out.false_holds / max(out.clean, 1):.4%} "
          f"({out.false_holds}/{out.clean:,})")
    p50, p99 = _percentile(out.times, 0.5) * 1000, _percentile(out.times, 0.99) * 1000
    base = statistics.median(parse_times) * 1000
    print(f"latency p50 {p50:.2f} ms, p99 {p99:.2f} ms (parse only p50 {base:.3f} ms: "
          f"screening is {p50 / base:.1f}x parsing)")
    c50, c99 = _percentile(out.cpu_times, 0.5) * 1000, _percentile(out.cpu_times, 0.99) * 1000
    print(f"CPU time per message p50 {c50:.2f} ms, p99 {c99:.2f} ms, max "
          f"{max(out.cpu_times) * 1000:.1f} ms")
    print(f"throughput {len(messages) / wall:,.0f} messages/s wall on {workers} worker "
          f"process(es), {len(messages) / out.cpu:,.0f} messages/s of CPU per core; load "
          f"average after {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    missed = [m for m in out.misses if m.startswith("missed")]
    for line in missed[:20] + [m for m in out.misses if not m.startswith("missed")][:20]:
        print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes screening shares of the stream (forked)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/sanctionwatch-bench-cache"))
    args = parser.parse_args(argv)
    if not SAMPLES.is_dir():
        print(f"{SAMPLES} is absent: the templates are the shared samples", file=sys.stderr)
        return 2
    index = load_index(BUNDLED_LISTS, args.cache)
    screener = PaymentScreener(index, TextScreener.from_collection(index.collection))
    messages = generate(args.messages, args.seed, index.collection)
    run(screener, messages, max(1, args.workers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
