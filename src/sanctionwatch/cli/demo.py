"""``sanctionwatch demo``: the quickstart's main job on the bundled lists.

Screens the example customers (``resources/examples/customers.csv``, shipped in the package
so that the command works from any folder) and prints each one's verdict with the best
candidate and the reason.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sanctionwatch.cli import context
from sanctionwatch.cli.app import app
from sanctionwatch.cli.screen import read_queries
from sanctionwatch.exc import SanctionwatchError

EXAMPLES = Path(str(resources.files("sanctionwatch.resources").joinpath("examples")))


@app.command("demo")
def demo_command(
    customers: Annotated[Path, typer.Option(help="Records to screen.")] = EXAMPLES / "customers.csv",
) -> None:
    """Screen example customers against the bundled lists and print the hits."""
    from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD
    from sanctionwatch.screen import ScreeningConfig, screen

    config = ScreeningConfig(threshold=DEFAULT_THRESHOLD, limit=3, algorithm=DEFAULT_ALGORITHM)
    table = Table(title=f"Screening {customers.name} (threshold {DEFAULT_THRESHOLD:.2f})",
                  title_justify="left")
    for column in ("record", "name", "verdict", "score", "listed party", "lists", "why"):
        table.add_column(column, overflow="fold")
    for key, item in read_queries(customers):
        if isinstance(item, SanctionwatchError):
            table.add_row(key, "", "[red]rejected[/]", "", "", "", str(item))
            continue
        if isinstance(item, dict):  # an Ownership: screen --input reads it, not the demo
            continue
        result = screen(context.index(), item, config)
        best = result.matches[0] if result.matches else None
        if best is None or not best.is_match:
            table.add_row(key, item.caption, "[green]clear[/]", "", "", "", "")
            continue
        table.add_row(key, item.caption, "[bold red]MATCH[/]", f"{best.score:.2f}",
                      f"{best.entity.caption} ({best.entity.id})", ", ".join(best.datasets),
                      best.explanation.summary)
    context.out.print(table)
