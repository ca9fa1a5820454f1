"""FollowTheMoney entity JSON lines: OpenSanctions exports and our own (``Entity.to_ftm``).

One JSON object a line: ``{"id", "schema", "properties": {prop: [values]}, "datasets", ...}``.
Keys FollowTheMoney readers do not know (``caption``, ``first_seen``, ``target``, ...) are
ignored, except our own provenance keys (``record_id``, ``version``, ``listing_date``,
``extra``), which :meth:`Entity.to_ftm` writes, so an export parses back to equal entities.
An entity keeps the ``datasets`` its line names (its provenance); a line naming none gets the
source's dataset. Every schema and property is checked against FollowTheMoney's model: an
unknown one is a malformed list, reported with its line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import orjson

from sanctionwatch.exc import ListFileMissing, ListParseError, QueryError
from sanctionwatch.model import Entity
from sanctionwatch.model.schema import check_schema, has_property
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.common import require_path

NAME = "ftm_json"


def parse_ftm_json(files: Mapping[str, Path], dataset: str, version: str | None) -> ParsedList:
    """Parse a FollowTheMoney JSON lines file into entities (blank lines are skipped)."""
    path = require_path(files)
    entities = [
        _parse_line(text, path, number, dataset, version) for number, text in _lines(path)
    ]
    return ParsedList(entities=entities, version=version)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of every non-blank line; bytes that are not UTF-8 are an error."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ListFileMissing(f"{path}: cannot read list file: {exc}") from exc
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ListParseError(str(path), f"line {number}", f"not UTF-8: {exc}") from exc
        if text.strip():
            yield number, text


def _parse_line(
    text: str, path: Path, number: int, dataset: str, version: str | None
) -> Entity:
    location = f"line {number}"
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ListParseError(str(path), location, f"invalid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ListParseError(str(path), location, "expected a JSON object")
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise ListParseError(str(path), location, "'id' must be a non-empty string")
    try:
        entity = Entity.from_ftm(data)
        check_schema(entity.schema)
    except QueryError as exc:
        raise ListParseError(str(path), f"{location} ({entity_id})", str(exc)) from exc
    unknown = [p for p in entity.properties if not has_property(entity.schema, p)]
    if unknown:
        raise ListParseError(
            str(path), f"{location} ({entity_id})",
            f"schema {entity.schema} has no property {', '.join(map(repr, unknown))}",
        )
    return _with_defaults(entity, dataset, version)


def _with_defaults(entity: Entity, dataset: str, version: str | None) -> Entity:
    """The entity with the source's dataset and version where its line gives none."""
    if entity.datasets and (entity.version is not None or version is None):
        return entity
    return replace(
        entity,
        datasets=entity.datasets or (dataset,),
        version=entity.version if entity.version is not None else version,
    )
