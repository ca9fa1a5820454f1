"""The list catalogue: which sources exist (resources/sources.yml) and loading them.

``load_collection`` parses every available source into one :class:`Collection`, refuses
empty sources, counts records by schema and links listings of the same party across lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import yaml

from sanctionwatch.exc import EmptyListError, ListError, ListFileMissing
from sanctionwatch.index.links import link_entities
from sanctionwatch.model import Collection, Entity, SourceInfo
from sanctionwatch.sources.base import get_parser

SOURCES_YAML = "sources.yml"


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One list as configured in resources/sources.yml."""

    name: str
    title: str
    publisher: str
    format: str
    files: Mapping[str, str]
    urls: Mapping[str, str]
    version: str | None
    bundled: bool

    def paths(self, data_dir: Path) -> dict[str, Path]:
        return {role: data_dir / rel for role, rel in self.files.items()}

    def is_available(self, data_dir: Path) -> bool:
        """Whether the primary file is present under data_dir."""
        return (data_dir / self.files["primary"]).is_file()


def load_specs(text: str | None = None, origin: str = SOURCES_YAML) -> list[SourceSpec]:
    """Read the source definitions (the packaged YAML unless text is given)."""
    if text is None:
        text = resources.files("sanctionwatch.resources").joinpath(SOURCES_YAML).read_text("utf-8")
    try:
        raw = yaml.safe_load(text)
        specs = [_spec(item) for item in raw["sources"]]
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ListError(f"{origin}: bad source definition: {exc}") from exc
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise ListError(f"{origin}: duplicate source names in {names}")
    return specs


def _spec(item: Mapping[str, object]) -> SourceSpec:
    files = item["files"]
    urls = item.get("urls", {})
    if not isinstance(files, dict) or "primary" not in files or not isinstance(urls, dict):
        raise ValueError(f"source {item.get('name')!r} needs files.primary and a urls mapping")
    version = item.get("version")
    return SourceSpec(
        name=str(item["name"]),
        title=str(item["title"]),
        publisher=str(item.get("publisher", "")),
        format=str(item["format"]),
        files={str(k): str(v) for k, v in files.items()},
        urls={str(k): str(v) for k, v in urls.items()},
        version=None if version is None else str(version),
        bundled=bool(item.get("bundled", False)),
    )


def parse_source(spec: SourceSpec, data_dir: Path) -> tuple[SourceInfo, list[Entity]]:
    """Parse one source fully; an empty result is an error, never an empty list."""
    paths = spec.paths(data_dir)
    primary = paths["primary"]
    if not primary.is_file():
        raise ListFileMissing(f"{primary}: list file for source {spec.name!r} is missing")
    present = {role: p for role, p in paths.items() if p.is_file()}
    parsed = get_parser(spec.format)(present, spec.name, spec.version)
    if not parsed.entities:
        raise EmptyListError(f"{primary}: source {spec.name!r} holds no records")
    counts = Counter(e.schema for e in parsed.entities)
    info = SourceInfo(
        name=spec.name,
        title=spec.title,
        version=parsed.version or spec.version or "unknown",
        paths=tuple(str(p) for p in present.values()),
        counts=dict(sorted(counts.items())),
    )
    return info, parsed.entities


def merge_listings(known: Entity, other: Entity) -> Entity:
    """One record a publisher puts on two of its lists (OFAC ent_num 9647 on the SDN and the
    non-SDN list): one entity carrying both datasets and the union of their facts.

    Two different records claiming one id (other publisher, or the same list twice) are an error.
    """
    if known.record_id != other.record_id or set(known.datasets) & set(other.datasets):
        raise ListError(
            f"entity id {known.id!r} is listed twice ({', '.join(known.datasets)} and "
            f"{', '.join(other.datasets)}) for different records"
        )
    props = dict(known.properties)
    for prop, values in other.properties.items():
        props[prop] = tuple(dict.fromkeys((*props.get(prop, ()), *values)))
    return replace(
        known,
        properties=props,
        datasets=tuple(dict.fromkeys((*known.datasets, *other.datasets))),
        extra={**other.extra, **known.extra},
        listing_date=known.listing_date or other.listing_date,
    )


def load_collection(
    data_dir: Path, specs: Iterable[SourceSpec] | None = None, only: Iterable[str] | None = None
) -> Collection:
    """Parse every available source (or those named in ``only``) into one linked Collection.

    A source whose files are absent is skipped unless named in ``only``; when nothing at all
    can be loaded the error says so: never screen against an empty list.
    """
    wanted = set(only) if only is not None else None
    infos: list[SourceInfo] = []
    entities: dict[str, Entity] = {}
    for spec in specs if specs is not None else load_specs():
        if wanted is not None and spec.name not in wanted:
            continue
        if wanted is None and not spec.is_available(data_dir):
            continue
        info, parsed = parse_source(spec, data_dir)
        infos.append(info)
        for entity in parsed:
            known = entities.get(entity.id)
            entities[entity.id] = entity if known is None else merge_listings(known, entity)
    if not entities:
        raise EmptyListError(f"{data_dir}: no sanctions list found to load")
    links, clusters = link_entities(entities.values())
    return Collection(entities=entities, sources=tuple(infos), links=links, clusters=clusters)
