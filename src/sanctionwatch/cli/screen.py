"""``sanctionwatch screen``: screen one name, or a file of records, against the lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer
from rich.table import Table

from sanctionwatch.cli import context
from sanctionwatch.cli.app import app
from sanctionwatch.exc import InputError, QueryError, SanctionwatchError
from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD
from sanctionwatch.model import Entity, ScreeningResult, check_date, make_properties, make_query
from sanctionwatch.screen import ScreeningConfig, screen

if TYPE_CHECKING:
    from sanctionwatch.batch.plan import InputRecord


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


Item = Entity | SanctionwatchError | dict[str, Any]


def read_queries(path: Path) -> Iterator[tuple[str, Item]]:
    """Queries from CSV, Parquet or JSON lines (flat records or FtM entities), in input order,
    read as ``batch`` reads them (``batch.inputs.InputFile``: the columns are the union of all
    records' fields). Columns are property names plus ``id`` and ``schema``; another column is
    an InputError before anything is screened. A bad record yields its error in place, so the
    output keeps the input's order. An FtM ``Ownership`` record yields its entity JSON (a dict):
    who owns whom, for the ownership screening.
    """
    from sanctionwatch.batch.inputs import InputFile, ownership_entity
    from sanctionwatch.batch.plan import default_mapping, is_ownership
    from sanctionwatch.model.schema import is_ftm_property

    source = InputFile.open(path)
    columns = source.columns()
    mapping = default_mapping(columns)
    # a property of a schema no party has (an Identification's authority) is the record's
    # problem, told on its own line; a column no schema knows is the file's
    mapped = {column for column, _ in mapping}
    unknown = [c for c in columns if c not in mapped and not is_ftm_property(c)]
    if unknown:
        raise InputError(f"{path}: {', '.join(map(repr, unknown))} are not FollowTheMoney "
                         f"properties (columns: property names, id and schema)")
    source = InputFile(source.path, source.format, "id" if "id" in columns else None)
    for record in source.records():
        if record.error is None and is_ownership(record):
            yield record.key, ownership_entity(record)
        else:
            yield record.key, _query(record, mapping, path)


def _query(record: InputRecord, mapping: tuple[tuple[str, str], ...],
           path: Path) -> Entity | SanctionwatchError:
    """The checked query of one record, or the error naming the file and record."""
    from sanctionwatch.batch.plan import build_query

    if record.error is not None:
        return InputError(f"{path}: {record.error}")
    try:
        entity = build_query(record, mapping)
        return make_query(entity.id, entity.schema, entity.properties)
    except (InputError, QueryError) as exc:
        return InputError(f"{path}: record {record.key}: {exc}")


def _screen_record(key: str, item: Entity | SanctionwatchError, path: Path,
                   config: ScreeningConfig) -> dict[str, object]:
    """One output line: the record's result, or ``{"id", "error"}`` when it cannot be screened
    (the run goes on with the next record)."""
    if isinstance(item, SanctionwatchError):
        return {"id": key, "error": str(item)}
    try:
        return {"id": key, **screen(context.index(), item, config).to_dict()}
    except QueryError as exc:  # e.g. a name of punctuation only: nothing to screen
        return {"id": key, "error": f"{path}: record {key}: {exc}"}


def add_ownership(lines: list[dict[str, Any]], ownerships: list[dict[str, Any]], path: Path,
                  threshold: float) -> None:
    """Each company's ownership verdict on its line: the share its listed owners (a party of
    the input with a match) hold, directly and through chains; at the line ``"status":
    "blocked by ownership"``, below it ``"alert: listed owner"`` for review."""
    from sanctionwatch.networks.ownership import blocked_ownership, read_holdings

    parties = [str(line["id"]) for line in lines]
    listed = {str(line["id"]) for line in lines
              if any(m["match"] for m in line.get("matches", ()))}
    try:
        holdings = read_holdings(ownerships, parties)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    verdicts = blocked_ownership(holdings, listed, threshold)
    for line in lines:
        verdict = verdicts.get(str(line["id"]))
        if verdict is not None:
            line["ownership"] = verdict.to_dict()
            line["status"] = "blocked by ownership" if verdict.blocked else "alert: listed owner"


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
    input_file: Annotated[Path | None, typer.Option("--input", help="CSV, Parquet or JSON lines.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """Screen a name (or every record of --input) and print ranked, explained matches."""
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
    items = list(read_queries(input_file))
    ownerships = [item for _, item in items if isinstance(item, dict)]
    lines = [_screen_record(key, item, input_file, config)
             for key, item in items if not isinstance(item, dict)]
    if ownerships:
        add_ownership(lines, ownerships, input_file, context.settings().ownership_threshold)
    for data in lines:
        typer.echo(orjson.dumps(data).decode())
    failed = sum("error" in data for data in lines)
    if failed:
        raise InputError(f"{input_file}: {failed} record(s) could not be screened (see output)")
