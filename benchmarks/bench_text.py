"""Text screening benchmark: link precision/recall on the annotated sets, and articles/s.

    $ python benchmarks/bench_text.py            # all bundled lists
    $ python benchmarks/bench_text.py --details  # every missed and extra link
    $ python benchmarks/bench_text.py --speed-only  # articles/s only (runs on older trees too)
    $ python benchmarks/bench_text.py --sweep /usr/share/doc .venv/lib/python3.11/site-packages
                                                  # every link found in unrelated documents

Quality: each text of benchmarks/text/annotated.yml (English, Russian, Asian scripts) and
benchmarks/text/languages.yml (the languages of European news) is screened; a (text, party)
pair counts once, and any listing of the same party counts as the expected one (KOMID's OFAC
and UN listings). Figures per language; texts marked ``names`` (a party written only in the
language's own romanisation) are counted apart, and so is how often the language of a text
was told right. Speed: one core, after loading, screening articles of about 4 KB (see
:func:`speed_corpora`), best of three runs, by the wall clock and by this process's CPU time
(the fairer figure on a shared machine). The cost of reading press romanisations is measured
in the same process: the same gazetteer without its romanisation keys, runs alternated, the
median ratio of CPU-time rates printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import yaml

from sanctionwatch.model import Collection
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.text import Document, TextScreener, build_gazetteer

ROOT = Path(__file__).resolve().parents[1]
ANNOTATED = ROOT / "benchmarks" / "text" / "annotated.yml"
LANGUAGES = ROOT / "benchmarks" / "text" / "languages.yml"
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples" / "articles"
ARTICLE_BYTES = 4000


def load_annotated(path: Path = ANNOTATED) -> list[dict[str, object]]:
    """The texts of one evaluation file."""
    data = yaml.safe_load(path.read_text("utf-8"))
    return list(data["texts"])


def evaluate(
    screener: TextScreener, texts: Iterable[dict[str, object]], details: bool = False
) -> dict[str, float]:
    """Link precision and recall over (text, party) pairs, and how many texts' language the
    screener told right."""
    gaz = screener.gazetteer
    cluster_of = {info.id: info.cluster for info in gaz.entities}
    tp = fp = fn = texts_seen = language_right = 0
    for item in texts:
        expected = {cluster_of.get(str(e), str(e)) for e in item["expected"]}  # type: ignore[attr-defined]
        result = screener.screen(Document(str(item["id"]), str(item["body"])))
        texts_seen += 1
        language = getattr(result, "language", None)  # absent before languages were told
        language_right += language is not None and language.code == item.get("lang")
        found = {m.entity.cluster: m for m in result.mentions}
        tp += len(expected & set(found))
        fp += len(set(found) - expected)
        fn += len(expected - set(found))
        if details:
            for cluster in sorted(set(found) - expected):
                m = found[cluster]
                print(
                    f"  extra  {item['id']}: {m.text!r} -> {m.entity.id} {m.entity.caption} "
                    f"({m.score:.2f} {m.method})"
                )
            for cluster in sorted(expected - set(found)):
                print(f"  missed {item['id']}: {cluster}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "pairs": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "texts": texts_seen,
        "language_right": language_right,
    }


def by_language(
    screener: TextScreener, texts: list[dict[str, object]], details: bool
) -> None:
    """Precision and recall per language (texts waiting for the names layer's per-language
    romanisation apart), as a Markdown table."""
    print("| language | texts | links | precision | recall | language told | "
          "+ romanised texts: links, P, R |")
    print("|---|---|---|---|---|---|---|")
    for lang in dict.fromkeys(str(t["lang"]) for t in texts):
        own = [t for t in texts if t["lang"] == lang and not t.get("names")]
        rom = [t for t in texts if t["lang"] == lang and t.get("names")]
        q = evaluate(screener, own, details)
        row = (f"| {lang} | {q['texts']:.0f} | {q['pairs']:.0f} | {q['precision']:.3f} | "
               f"{q['recall']:.3f} | {q['language_right']:.0f}/{q['texts']:.0f} |")
        if rom:
            r = evaluate(screener, own + rom, details)
            row += f" {r['pairs']:.0f}, {r['precision']:.3f}, {r['recall']:.3f} |"
        else:
            row += " – |"
        print(row)


def speed_corpora(texts: list[dict[str, object]]) -> dict[str, list[Document]]:
    """Articles of about 4 KB, two kinds.

    - ``news``: the example articles (examples/articles) and the seed articles
      (../shared/seeds, when present) joined into articles of at least 4 KB; about one listed
      party per 300 bytes, as in sanctions reporting.
    - ``name-dense``: the annotated texts joined the same way; a listed party or a look-alike
      every 100-150 bytes, a stress case.
    """
    news: list[str] = []
    for path in sorted(EXAMPLES.glob("*.txt")) + (
        sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    ):
        news.append(path.read_text("utf-8"))
    dense = [str(item["body"]) for item in texts]
    return {"news": _join(news * 8), "name-dense": _join(dense * 4)}


def _join(parts: list[str]) -> list[Document]:
    docs: list[Document] = []
    chunk: list[str] = []
    for part in parts:
        chunk.append(part)
        if sum(len(c.encode()) for c in chunk) >= ARTICLE_BYTES:
            docs.append(Document(f"article-{len(docs)}", "\n\n".join(chunk)))
            chunk = []
    return docs


def measure_speed(
    screener: TextScreener, docs: list[Document], runs: int = 3
) -> tuple[float, float]:
    """(articles/s by the wall clock, articles/s by this process's CPU time), best of runs."""
    wall = cpu = float("inf")
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        for doc in docs:
            screener.screen(doc)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return len(docs) / wall, len(docs) / max(cpu, 1e-9)


def romanisation_cost(screener: TextScreener, docs: list[Document], rounds: int = 5) -> float:
    """Median ratio of articles/s (CPU time) with and without the romanisation keys."""
    plain = TextScreener(replace(screener.gazetteer, roman={}))
    plain.screen_text("warm up the automaton")
    ratios = [measure_speed(screener, docs, 1)[1] / measure_speed(plain, docs, 1)[1]
              for _ in range(rounds)]
    return statistics.median(ratios)


def run(collection: Collection, details: bool, speed_only: bool = False) -> None:
    start = time.perf_counter()
    gazetteer = build_gazetteer(collection)
    screener = TextScreener(gazetteer)
    screener.screen_text("warm up the automaton")
    built = time.perf_counter() - start
    texts = load_annotated()
    print(
        f"entities loaded:        {len(collection):,}; gazetteer patterns "
        f"{len(gazetteer.patterns):,}, built in {built:.2f} s"
    )
    if not speed_only:
        quality = evaluate(screener, texts, details)
        print(f"annotated texts:        {len(texts)} ({quality['pairs']:.0f} expected links)")
        print(
            f"link precision:         {quality['precision']:.3f} "
            f"(tp {quality['tp']:.0f}, fp {quality['fp']:.0f})"
        )
        print(f"link recall:            {quality['recall']:.3f} (fn {quality['fn']:.0f})")
        by_language(screener, texts + load_annotated(LANGUAGES), details)
    for name, docs in speed_corpora(texts).items():
        size = sum(len(d.text.encode()) for d in docs) / len(docs)
        rate, cpu_rate = measure_speed(screener, docs)
        print(
            f"speed, {name + ':':<16} {rate:,.0f} articles/s wall clock, {cpu_rate:,.0f} by "
            f"CPU time ({len(docs)} articles, {size / 1000:.1f} KB on average, one core)"
        )
        if hasattr(gazetteer, "roman"):  # absent before press romanisations were read
            print(f"  with press romanisations: {romanisation_cost(screener, docs):.2f}x the "
                  "articles/s without them (same process, median of 5 alternated runs)")


def sweep(screener: TextScreener, roots: list[Path], limit: int = 5000) -> None:
    """Screen unrelated documents (manuals, licences, changelogs) and print every link: each
    one is a false alert unless the document really names the party."""
    files = [p for root in roots for ext in ("*.md", "*.rst", "*.txt", "*.html")
             for p in sorted(root.rglob(ext)) if 300 < p.stat().st_size < 300_000][:limit]
    found: Counter[tuple[str, str, str]] = Counter()
    size = 0
    start = time.process_time()
    for path in files:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        size += len(text.encode())
        for m in screener.screen_text(text, str(path)).mentions:
            found[(m.text, m.entity.id, str(path))] += 1
    took = time.process_time() - start
    print(f"sweep: {len(files)} files, {size / 1e6:.1f} MB, {size / took / 1e6:.2f} MB/s CPU, "
          f"{len(found)} distinct links")
    for (text, entity, path), n in found.most_common():
        print(f"  {n:>3} {text!r} -> {entity}  ({path})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="print missed and extra links")
    parser.add_argument("--speed-only", action="store_true", help="measure articles/s only")
    parser.add_argument("--data-dir", type=Path, default=BUNDLED_LISTS)
    parser.add_argument("--sweep", type=Path, nargs="+", metavar="DIR",
                        help="instead: list every link found in the documents under DIR")
    args = parser.parse_args(argv)
    from sanctionwatch.sources import load_collection

    collection = load_collection(args.data_dir)
    if args.sweep:
        sweep(TextScreener(build_gazetteer(collection)), args.sweep)
        return 0
    run(collection, args.details, args.speed_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
