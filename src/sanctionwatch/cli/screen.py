"""``sanctionwatch screen``: screen one name, or a file of records, against the lists."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.table import Table

from sanctionwatch.cli import context
from sanctionwatch.cli.app import app
from sanctionwatch.exc import InputError, QueryError, SanctionwatchError
from sanctionwatch.model import Entity, ScreeningResult, check_date, make_properties, make_query


def build_query(
    name: str,
    schema: str = "Thing",
    birth_date: str | None = None,
    country: str | None = None,
    id_number: str | None = None,
) -> Entity:
    """A query entity from the command's options, validated."""
    if not name.strip():
        raise QueryError("NAME: the name to screen is empty")
    pairs = [("name", name), ("country", country),
             ("idNumber", id_number)]
    if birth_date:
        pairs.append(("birthDate", check_date(birth_date, "--birth-date")))
    return make_query("query", schema, make_properties(pairs))


def read_queries(path: Path) -> Iterator[tuple[str, Entity | SanctionwatchError]]:
    """Queries from JSON lines (FtM entities) or CSV with a header, in input order.

    A bad record yields its error in place, so the output keeps the input's order.
    """
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        yield from _csv_queries(path)
    else:
        yield from _jsonl_queries(path)


def _jsonl_queries(path: Path) -> Iterator[tuple[str, Entity | SanctionwatchError]]:
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            key = str(lineno)
            try:
                entity = Entity.from_ftm(orjson.loads(line), default_id=key)
            except orjson.JSONDecodeError as exc:
                yield key, InputError(f"{path}:{lineno}: not JSON: {exc}")
                continue
            except SanctionwatchError as exc:
                yield key, InputError(f"{path}:{lineno}: {exc}")
                continue
            try:  # a record that reads but does not check keeps its id on the error line
                yield entity.id, _checked(entity, f"{path}:{lineno}")
            except SanctionwatchError as exc:
                yield entity.id, exc


def _csv_queries(path: Path) -> Iterator[tuple[str, Entity | SanctionwatchError]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise InputError(f"{path}: CSV needs a header with a 'name' column")
        for rowno, row in enumerate(reader, 1):
            key = (row.get("id") or "").strip() or str(rowno)
            props = make_properties(
                (col, val) for col, val in row.items() if col not in ("id", "schema") and col
            )
            entity = Entity(id=key, schema=(row.get("schema") or "Thing").strip() or "Thing",
                            properties=props)
            try:
                yield key, _checked(entity, f"{path}:{rowno + 1}")
            except SanctionwatchError as exc:
                yield key, exc


def _checked(entity: Entity, origin: str) -> Entity:
    if not entity.names():
        raise InputError(f"{origin}: the record has no name")
    try:
        return make_query(entity.id, entity.schema, entity.properties)
    except QueryError as exc:
        raise InputError(f"{origin}: {exc}") from exc


def print_result(result: ScreeningResult) -> None:
    """A rich table of the ranked matches."""
    name = result.query.caption
    if not result.matches:
        context.out.print(f"[bold]{name}[/]: no candidates")
        return
    table = Table(title=f"{name} (threshold {result.threshold:.2f})", title_justify="left")
    for column in ("#", "score", "match", "id", "name", "schema", "datasets", "why"):
        table.add_column(column, overflow="fold")
    for rank, m in enumerate(result.matches, 1):
        table.add_row(str(rank), f"{m.score:.3f}", "MATCH" if m.is_match else "",
                      m.entity.id, m.entity.caption, m.entity.schema, ", ".join(m.datasets),
                      m.explanation.summary)
    context.out.print(table)


@app.command("screen")
def screen_command(
    name: Annotated[str | None, typer.Argument(help="The name to screen (or use --input).")] = None,
    schema: Annotated[str, typer.Option(help="FtM schema: Person, Company, Vessel...")] = "Thing",
    birth_date: Annotated[str | None, typer.Option("--birth-date", help="YYYY[-MM[-DD]].")] = None,
    country: Annotated[str | None, typer.Option(
        help="Country/nationality: a name, adjective or ISO code (Russia, Russian, RUS, ru).")] = None,
    id_number: Annotated[str | None, typer.Option("--id", help="Passport, IMO, BIC...")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Candidates per query.")] = 5,
    threshold: Annotated[float | None, typer.Option(min=0.0, max=1.0, help="Threshold.")] = None,
    algorithm: Annotated[str | None, typer.Option(help="Matching algorithm.")] = None,
    input_file: Annotated[Path | None, typer.Option("--input", help="JSONL or CSV.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """Screen a name (or every record of --input) and print ranked, explained matches."""
    from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD
    from sanctionwatch.screen import ScreeningConfig, screen

    config = ScreeningConfig(
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        limit=limit,
        algorithm=algorithm or DEFAULT_ALGORITHM,
    )
    if input_file is None:
        if name is None:
            raise QueryError("NAME: give a name to screen, or --input FILE")
        query = build_query(name, schema, birth_date, country, id_number)
        result = screen(context.index(), query, config)
        if as_json:
            typer.echo(orjson.dumps(result.to_dict()).decode())
        else:
            print_result(result)
        return
    failed = 0
    for key, item in read_queries(input_file):
        if isinstance(item, SanctionwatchError):
            failed += 1
            typer.echo(orjson.dumps({"id": key, "error": str(item)}).decode())
            continue
        data = {"id": key, **screen(context.index(), item, config).to_dict()}
        typer.echo(orjson.dumps(data).decode())
    if failed:
        raise InputError(f"{input_file}: {failed} record(s) could not be screened (see output)")
