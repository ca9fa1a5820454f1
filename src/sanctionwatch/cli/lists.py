"""``sanctionwatch lists``: each loaded source with its version, counts and file."""

from __future__ import annotations

from typing import Annotated

import orjson
import typer
from rich.table import Table

from sanctionwatch.cli import context
from sanctionwatch.cli.app import app
from sanctionwatch.model import SourceInfo

#: ``lists`` and its subcommands (``update`` and ``diff`` live in cli/batch.py)
lists_app = typer.Typer(
    help="Show the loaded sanctions lists (and update or diff them).",
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(lists_app, name="lists")


def source_rows(sources: tuple[SourceInfo, ...]) -> list[dict[str, object]]:
    """The JSON shape of ``lists --json``: one object per source."""
    return [
        {
            "name": s.name,
            "title": s.title,
            "version": s.version,
            "path": s.paths[0],
            "paths": list(s.paths),
            "counts": dict(s.counts),
            "total": s.total,
        }
        for s in sources
    ]


@lists_app.callback()
def lists(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Show each loaded list: version date, record counts by schema, and its file."""
    if ctx.invoked_subcommand is not None:
        return
    collection = context.index().collection
    rows = source_rows(collection.sources)
    if as_json:
        typer.echo(orjson.dumps({"sources": rows}).decode())
        return
    table = Table(title=f"Loaded lists: {len(collection)} entities, {len(collection.links)} links")
    for column in ("source", "version", "records", "by schema", "file"):
        table.add_column(column)
    for row in rows:
        counts = row["counts"]
        assert isinstance(counts, dict)
        by_schema = ", ".join(f"{k} {v:,}" for k, v in counts.items())
        table.add_row(str(row["name"]), str(row["version"]), f"{row['total']:,}", by_schema,
                      str(row["path"]))
    context.out.print(table)
