"""``sanctionwatch screen-text`` and ``sanctionwatch stories``: listed parties in documents.

``screen-text [FILE|DIR|-]... [--json]`` screens plain text, HTML and JSON lines (``id``,
``title``, ``body``, ``date``, ``url``); ``stories DIR [--json]`` groups the documents of a
directory by the event they cover. A document that cannot be read (binary, over the size
limit, in no known encoding) gets one error line and the others are still screened; the exit
code is then 2.

The text gazetteer is built from the loaded lists once and cached next to the screening index,
keyed by the same list-file hash.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.markup import escape
from rich.table import Table

from sanctionwatch.batch.inputs import walk_paths
from sanctionwatch.cli import context
from sanctionwatch.cli.app import USAGE_EXIT, app
from sanctionwatch.exc import DocumentError, InputError
from sanctionwatch.text import (
    MAX_DOCUMENT_BYTES,
    Document,
    Gazetteer,
    Story,
    StoryConfig,
    TextResult,
    TextScreener,
    build_gazetteer,
    group_stories,
    read_documents,
)

log = logging.getLogger(__name__)

#: bump when the gazetteer changes shape: old cache files are then ignored
GAZETTEER_FORMAT = "sw-text-8"
#: files a directory contributes (other files are skipped, named files are always read)
DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl",
                               ".ndjson"})


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Named files as given, directories walked (sorted, hidden files skipped), ``-``."""
    return walk_paths(paths, lambda child: child.suffix.lower() in DOCUMENT_SUFFIXES)


def read_inputs(paths: Iterable[str], max_bytes: int) -> Iterator[Document | DocumentError]:
    """Every document of the inputs, errors in their place (never an exception)."""
    for name in iter_paths(paths):
        try:
            data = _read_bytes(name, max_bytes)
        except DocumentError as exc:
            yield exc
            continue
        yield from read_documents(data, "stdin" if name == "-" else name, max_bytes)


def _read_bytes(name: str, max_bytes: int) -> bytes:
    limit = max_bytes * 50 if name.endswith((".jsonl", ".ndjson")) else max_bytes
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise DocumentError(f"stdin: over the {limit:,}-byte limit")
        return data
    path = Path(name)
    try:
        size = path.stat().st_size
        if size > limit:
            raise DocumentError(f"{name}: {size:,} bytes is over the {limit:,}-byte limit")
        return path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{name}: no such file") from None
    except OSError as exc:
        raise DocumentError(f"{name}: cannot be read ({exc.strerror or exc})") from None


def load_gazetteer() -> Gazetteer:
    """The gazetteer over the current lists, from the cache when it is current."""
    from sanctionwatch.sources.snapshot import lists_key

    cfg = context.settings()
    try:
        key = lists_key(context.list_dir(), cfg.source_names)
    except OSError:
        key = ""
    path = cfg.cache_dir / f"text-{GAZETTEER_FORMAT}-{key}.pickle"
    if key and path.is_file():
        try:
            with path.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, Gazetteer):
                return cached
        except Exception as exc:  # noqa: BLE001 - any damage to the cache means: rebuild it
            log.warning("%s: ignoring unreadable text cache (%s)", path, exc)
    gazetteer = build_gazetteer(context.index().collection)
    if key:
        _write_cache(path, gazetteer)
    return gazetteer


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("%s: could not write the text cache (%s)", path.parent, exc)


def screen_inputs(screener: TextScreener, paths: Iterable[str], max_bytes: int
                  ) -> Iterator[TextResult]:
    """A result per document, in input order (failed documents as error results)."""
    for item in read_inputs(paths, max_bytes):
        if isinstance(item, DocumentError):
            yield TextResult.failed(item, str(item).split(": ", 1)[0])
        else:
            yield screener.screen(item)


def print_result(result: TextResult) -> None:
    """The document with its mentions highlighted in their sentences."""
    doc = result.document
    out = context.out
    head = escape(doc.title or doc.id) + (f" [dim]({escape(doc.id)})[/]" if doc.title else "")
    out.print(f"[bold]{head}[/]" + (f"  [dim]{doc.date}[/]" if doc.date else "")
              + f"  [dim]language {result.language.code}[/]")
    if not result.mentions:
        out.print("  [green]no listed party found[/]")
        return
    table = Table(show_header=True, box=None, pad_edge=False)
    for column in ("listed party", "score", "risk", "language", "evidence"):
        table.add_column(column, overflow="fold")
    for mention in result.mentions:
        sentence = mention.sentence
        at = sentence.find(mention.text)
        evidence = escape(sentence) if at < 0 else (
            escape(sentence[:at]) + f"[bold red]{escape(mention.text)}[/]"
            + escape(sentence[at + len(mention.text):]))
        entity = mention.entity
        table.add_row(
            f"{escape(entity.caption)}\n[dim]{entity.id} · {entity.schema} · "
            f"{', '.join(entity.datasets)}[/]",
            f"{mention.score:.2f}",
            escape(", ".join(r.category for r in mention.risk)),
            mention.language.code,
            evidence,
        )
    out.print(table)


@app.command("screen-text")
def screen_text_command(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files (text, HTML, JSON lines), directories, or - for standard input.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON line per document.")
                       ] = False,
    threshold: Annotated[float, typer.Option(min=0.0, max=1.0,
                                             help="Least linker confidence to report.")] = 0.7,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1,
                                           help="Largest document accepted.")
                         ] = MAX_DOCUMENT_BYTES,
) -> None:
    """Find listed parties in documents, with evidence and risk context."""
    screener = TextScreener(load_gazetteer(), threshold=threshold)
    failed = 0
    for result in screen_inputs(screener, paths or ["-"], max_bytes):
        if result.error is not None:
            failed += 1
            sys.stderr.write(f"error: {result.error}\n")
        if as_json:
            typer.echo(orjson.dumps(result.to_dict()).decode())
        elif result.error is None:
            print_result(result)
    if failed:
        raise SystemExit(USAGE_EXIT)


def print_story(story: Story) -> None:
    out = context.out
    dates = story.dates
    span = f"{dates[0]} – {dates[-1]}" if len(dates) > 1 else (dates[0] if dates else "undated")
    out.print(f"[bold]{story.id}[/]  [dim]{span} · {len(story.documents)} document(s) · "
              f"{', '.join(story.reasons) or 'single'}[/]")
    for doc in story.documents:
        title = doc.document.title or doc.document.id
        out.print(f"  {doc.document.date or '----------'}  {escape(title)} "
                  f"[dim]({escape(doc.document.id)})[/]")
    if story.parties:
        names = ", ".join(f"{escape(p.caption)} [dim]({p.id}, {n})[/]" for p, n in story.parties)
        out.print(f"  [bold red]parties:[/] {names}")


@app.command("stories")
def stories_command(
    directory: Annotated[Path, typer.Argument(help="Directory of documents.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON line per story.")
                       ] = False,
    window_days: Annotated[int, typer.Option(min=0, help="Days apart two reports may be.")] = 7,
) -> None:
    """Group documents that cover the same event, with the listed parties involved."""
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    screener = TextScreener(load_gazetteer())
    results = list(screen_inputs(screener, [str(directory)], MAX_DOCUMENT_BYTES))
    for result in results:
        if result.error is not None:
            sys.stderr.write(f"error: {result.error}\n")
    for story in group_stories(results, StoryConfig(window_days=window_days)):
        if as_json:
            typer.echo(orjson.dumps(story.to_dict()).decode())
        else:
            print_story(story)
