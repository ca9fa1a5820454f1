"""``sanctionwatch screen-payment FILE|DIR|- [--json]``: hold or pass each payment message.

Reads SWIFT MT messages (one per file, or RJE files of many) and ISO 20022 XML (one message or a
file of many transactions), from files, directories (walked, sorted, hidden files and ``.md``
skipped) or standard input. Each payment gets a verdict line: with ``--json`` one JSON object
per payment (``message``, ``verdict``, ``reasons``, ``hits``), else a readable table of its
hits. An unreadable message is held, with the reason, and its error goes to stderr.

Exit codes: 0 when every payment passes, 3 when any is held, 2 when any input could not be read
(a missing file, a malformed message: those are held too).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Annotated

import orjson
import typer
from rich.markup import escape
from rich.table import Table

from sanctionwatch.batch.payments import message_paths, screen_file
from sanctionwatch.cli import context
from sanctionwatch.cli.app import USAGE_EXIT, app
from sanctionwatch.match import DEFAULT_THRESHOLD
from sanctionwatch.payments import (
    MAX_MESSAGE_BYTES,
    PaymentConfig,
    PaymentResult,
    PaymentScreener,
)

#: a held payment exits with this code (bad input: USAGE_EXIT)
HELD_EXIT = 3


def screen_files(screener: PaymentScreener, paths: Iterable[str]) -> Iterator[PaymentResult]:
    """A result per payment of every input, in order (unreadable inputs held)."""
    for name in message_paths(paths):
        yield from screen_file(screener, name)


def print_payment(result: PaymentResult) -> None:
    out = context.out
    colour = "red" if result.is_held else "green"
    out.print(f"[bold {colour}]{result.verdict.upper()}[/] {escape(result.source)}#"
              f"{result.index} [dim]{result.type or '?'} · ref {escape(result.reference or '-')}"
              f" · uetr {result.uetr or '-'}[/]")
    if not result.hits:
        for reason in result.reasons:
            out.print(f"  {escape(reason)}")
        return
    table = Table(show_header=True, box=None, pad_edge=False)
    for column in ("kind", "field", "role", "value", "listed / rule", "score"):
        table.add_column(column, overflow="fold")
    for hit in result.hits:
        target = (f"{escape(hit.entity.caption)}\n[dim]{hit.entity.id} · "
                  f"{', '.join(hit.entity.datasets)}[/]") if hit.entity else escape(
                      hit.explanation)
        table.add_row(hit.kind, escape(hit.field), hit.role, f"[bold]{escape(hit.value)}[/]",
                      target, f"{hit.score:.2f}" if hit.score is not None else "")
    out.print(table)


@app.command("screen-payment")
def screen_payment_command(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Message files (MT, RJE, ISO 20022 XML), directories, or - for standard input."
    )] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON line per payment.")
                       ] = False,
    threshold: Annotated[float, typer.Option(min=0.0, max=1.0,
                                             help="Least name-match score that holds.")
                         ] = DEFAULT_THRESHOLD,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1,
                                           help="Largest file accepted.")] = MAX_MESSAGE_BYTES,
) -> None:
    """Screen payment messages (SWIFT MT, ISO 20022): hold or pass each, with every hit's
    field and listed party."""
    from sanctionwatch.cli.text import load_gazetteer
    from sanctionwatch.text import TextScreener

    screener = PaymentScreener(context.index(), TextScreener(load_gazetteer()),
                               config=PaymentConfig(threshold=threshold, max_bytes=max_bytes))
    held = failed = 0
    for result in screen_files(screener, paths or ["-"]):
        held += result.is_held
        if result.error is not None:
            failed += 1
            sys.stderr.write(f"error: {result.error}\n")
        if as_json:
            typer.echo(orjson.dumps(result.to_dict()).decode())
        else:
            print_payment(result)
    if failed:
        raise SystemExit(USAGE_EXIT)
    if held:
        raise SystemExit(HELD_EXIT)
