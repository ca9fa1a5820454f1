"""``sanctionwatch export``: every loaded entity in an open format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer

from sanctionwatch.cli import context
from sanctionwatch.cli.app import app
from sanctionwatch.exc import InputError


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", help="Output format: ftm (JSON lines).")] = "ftm",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Default: stdout.")] = None,
) -> None:
    """Write all entities as FollowTheMoney JSON lines, with provenance and linked listings.

    After the entities come the relationships the publishers state (UnknownLink, Ownership,
    Employment...), as FollowTheMoney relationship entities.
    """
    if fmt != "ftm":
        raise InputError(f"--format: unknown format {fmt!r} (known: ftm)")
    collection = context.index().collection
    sink = output.open("wb") if output is not None else sys.stdout.buffer
    try:
        for entity in collection:
            data = entity.to_ftm()
            linked = [i for i in collection.cluster(entity.id) if i != entity.id]
            if linked:
                data["referents"] = linked
            sink.write(orjson.dumps(data) + b"\n")
        for relation in collection.relations:
            sink.write(orjson.dumps(relation.to_ftm()) + b"\n")
    finally:
        if output is not None:
            sink.close()
        else:
            sink.flush()
