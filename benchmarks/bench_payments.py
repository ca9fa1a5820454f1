"""Payment screening benchmark: planted recall, false holds, latency and throughput.

    $ python benchmarks/bench_payments.py                     # 3,000 messages (about a minute)
    $ python benchmarks/bench_payments.py --messages 100000   # the full run

A stream of generated messages: templates are real samples from ../shared/data/payments (the
MT103 with 50F/59F, its ISO 20022 pacs.008 form, and the MT202COV), their customers' names
and towns replaced by Faker parties in several locales (Latin-script locales for MT, whose
character set is Latin; any for ISO 20022). About one message in 300 has something listed
planted (at least 30): a listed person's or organisation's name as the beneficiary, a listed
bank's BIC as the creditor's agent, or a listed vessel's IMO number in the remittance text.

Printed: planted recall (planted messages held), false holds (clean messages held, each
listed with its first reason), latency per message (p50, p99) and messages/s on one core,
after a warm-up, with parsing alone as the baseline measured in the same process. The index
is read from the bundled lists (cached under --cache).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import textwrap
import time
from dataclasses import dataclass
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


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(screener: PaymentScreener, messages: list[Message]) -> None:
    for message in messages[:200]:  # warm-up: caches, lazy tables
        screener.screen_bytes(message.data, "warm")
    parse_times: list[float] = []
    for message in messages:
        start = time.perf_counter()
        list(read_payments(message.data, "bench"))
        parse_times.append(time.perf_counter() - start)
    times: list[float] = []
    held_planted = planted = false_holds = clean = 0
    misses: list[str] = []
    wall, cpu = time.perf_counter(), time.process_time()
    for message in messages:
        start = time.perf_counter()
        (result,) = screener.screen_bytes(message.data, "bench")
        times.append(time.perf_counter() - start)
        if message.planted:
            planted += 1
            held_planted += result.is_held
            if not result.is_held:
                misses.append(f"missed {message.planted} in {message.template}: {message.entity}")
        else:
            clean += 1
            if result.is_held:
                false_holds += 1
                misses.append(f"false hold ({message.template}): {result.reasons[0]}")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"messages {len(messages):,}: planted {planted}, clean {clean:,}")
    print(f"planted recall {held_planted / max(planted, 1):.4f} ({held_planted}/{planted})")
    print(f"false holds {false_holds / max(clean, 1):.4%} ({false_holds}/{clean:,})")
    p50, p99 = _percentile(times, 0.5) * 1000, _percentile(times, 0.99) * 1000
    base = statistics.median(parse_times) * 1000
    print(f"latency p50 {p50:.2f} ms, p99 {p99:.2f} ms (parse only p50 {base:.3f} ms: "
          f"screening is {p50 / base:.1f}x parsing)")
    print(f"throughput {len(messages) / wall:,.0f} messages/s wall, "
          f"{len(messages) / cpu:,.0f} messages/s of CPU (one core)")
    missed = [m for m in misses if m.startswith("missed")]
    for line in missed[:20] + [m for m in misses if not m.startswith("missed")][:20]:
        print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/sanctionwatch-bench-cache"))
    args = parser.parse_args(argv)
    if not SAMPLES.is_dir():
        print(f"{SAMPLES} is absent: the templates are the shared samples", file=sys.stderr)
        return 2
    index = load_index(BUNDLED_LISTS, args.cache)
    screener = PaymentScreener(index, TextScreener.from_collection(index.collection))
    messages = generate(args.messages, args.seed, index.collection)
    run(screener, messages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
