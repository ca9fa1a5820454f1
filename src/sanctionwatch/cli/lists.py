"""``sanctionwatch lists``: each source, loaded complete or not, with its version, counts,
files and what showed them complete; ``--allow-drop`` accepts a big drop from the last good
load."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.table import Table

from sanctionwatch.cli import context
from sanctionwatch.cli.app import app, fail
from sanctionwatch.exc import ListError
from sanctionwatch.model import SourceInfo
from sanctionwatch.sources.catalog import SourceStatus

#: ``lists`` and its subcommands (``update`` and ``diff`` live in cli/batch.py)
lists_app = typer.Typer(
    help="Show the loaded sanctions lists (and update or diff them).",
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(lists_app, name="lists")


def source_rows(sources: tuple[SourceInfo, ...]) -> list[dict[str, object]]:
    """The JSON shape of ``lists --json``: one object per loaded source."""
    return [
        {
            "name": s.name,
            "title": s.title,
            "complete": True,
            "version": s.version,
            "path": s.paths[0],
            "paths": list(s.paths),
            "counts": dict(s.counts),
            "total": s.total,
            "records": s.records,
            "checks": list(s.checks),
        }
        for s in sources
    ]


def status_rows(statuses: list[SourceStatus]) -> list[dict[str, object]]:
    """The rows of a failed load: the sources that parse complete, and the others with the
    error that keeps them out and the files they need."""
    rows: list[dict[str, object]] = []
    for status in statuses:
        if status.info is not None:
            rows.extend(source_rows((status.info,)))
            continue
        paths = [str(p) for p in status.spec.paths(context.list_dir()).values()]
        rows.append({"name": status.spec.name, "title": status.spec.title, "complete": False,
                     "error": status.error, "path": paths[0], "paths": paths,
                     "expected": status.spec.complete})
    return rows


@lists_app.callback()
def lists(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    allow_drop: Annotated[bool, typer.Option(
        "--allow-drop", help="Accept lists that lost >20% records since the last good load.")
    ] = False,
) -> None:
    """Show each list: complete or not, version, record counts by schema, and its files."""
    if ctx.invoked_subcommand is not None:
        return
    error: ListError | None = None
    try:
        collection = context.index(allow_drop).collection
        rows = source_rows(collection.sources)
        title = f"Loaded lists: {len(collection)} entities, {len(collection.links)} links"
    except ListError as exc:
        from sanctionwatch.sources.catalog import check_sources

        error = exc
        rows = status_rows(check_sources(context.list_dir(), context.settings().source_names))
        title = "The lists were NOT loaded"
    if as_json:
        data: dict[str, object] = {"sources": rows}
        if error is not None:
            data["error"] = str(error)
        typer.echo(orjson.dumps(data).decode())
    else:
        _print_table(title, rows)
    if error is not None:
        fail(str(error))


def _print_table(title: str, rows: list[dict[str, object]]) -> None:
    base = context.list_dir()
    table = Table(title=f"{title}, from {base}")
    for column in ("source", "complete", "version", "records", "by schema", "files"):
        table.add_column(column, overflow="fold")
    for row in rows:
        if not row["complete"]:
            table.add_row(str(row["name"]), "NO", "", "", "", str(row["error"]))
            continue
        counts = row["counts"]
        assert isinstance(counts, dict)
        by_schema = ", ".join(f"{k} {v:,}" for k, v in counts.items())
        table.add_row(str(row["name"]), "yes", str(row["version"]), f"{row['records']:,}",
                      by_schema, "\n".join(_relative(str(p), base) for p in row["paths"]))  # type: ignore[attr-defined]
    context.out.print(table)


def _relative(path: str, base: Path) -> str:
    """A list file's path under the list directory (the table's title names it)."""
    try:
        return str(Path(path).relative_to(base))
    except ValueError:
        return path
