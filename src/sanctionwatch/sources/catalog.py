"""The list catalogue: which sources exist (resources/sources.yml) and loading them.

A list is complete or it is not loaded. ``load_collection`` loads the sources of a list
directory (:func:`select_specs`: every bundled source, expected in any list directory, and every
other one with a file there; or the sources named), each through :func:`parse_source`: every
file the source declares must be there, end as its format ends (the parser checks the end mark
or closing element) and hold the records its publisher states; anything less is an error naming
the file, and nothing is loaded. It counts records by schema and links listings of the same
party across lists: on the publishers' keys (index/links.py), then on the evidence their
records share, scored by the matching engine (networks/sameas.py); and reads the relationships
the publishers state (networks/relations.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import yaml

from sanctionwatch.exc import EmptyListError, IncompleteListError, ListError, ListFileMissing
from sanctionwatch.index.links import cluster_links, link_entities
from sanctionwatch.model import Collection, Entity, SourceInfo
from sanctionwatch.networks.relations import extract_relations
from sanctionwatch.networks.sameas import link_on_evidence
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
    #: what a complete set of its files looks like (the parser and the loader check it)
    complete: str = ""

    def paths(self, data_dir: Path) -> dict[str, Path]:
        return {role: data_dir / rel for role, rel in self.files.items()}

    def is_available(self, data_dir: Path) -> bool:
        """Whether any of the source's files is present under data_dir (all must be, to load)."""
        return any(p.is_file() for p in self.paths(data_dir).values())

    def require_files(self, data_dir: Path) -> dict[str, Path]:
        """The source's files by role; ListFileMissing naming the first one absent."""
        paths = self.paths(data_dir)
        for role, path in paths.items():
            if not path.is_file():
                raise ListFileMissing(
                    f"{path}: the {role} file of source {self.name!r} is missing (a list is "
                    f"loaded complete or not at all)")
        return paths


def load_specs(text: str | None = None, origin: str = SOURCES_YAML) -> list[SourceSpec]:
    """Read the source definitions (the packaged YAML unless text is given)."""
    if text is None:
        text = resources.files("sanctionwatch.resources").joinpath(SOURCES_YAML).read_text("utf-8")
    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
        complete=str(item.get("complete", "")),
    )


def parse_source(spec: SourceSpec, data_dir: Path) -> tuple[SourceInfo, list[Entity]]:
    """Parse one source fully: every file it declares, each complete, and as many records as
    its publisher states. Anything less is an error naming the file, never a shorter list."""
    paths = spec.require_files(data_dir)
    primary = paths["primary"]
    parsed = get_parser(spec.format)(paths, spec.name, spec.version)
    if not parsed.entities:
        raise EmptyListError(f"{primary}: source {spec.name!r} holds no records")
    records = len({e.record_id or e.id for e in parsed.entities})
    checks = list(parsed.checks)
    if parsed.declared is not None:
        if records != parsed.declared:
            raise IncompleteListError(
                str(primary), "record count",
                f"{records:,} records, but the file states {parsed.declared:,}")
        checks.append(f"{primary.name}: {records:,} records, as many as its publisher states")
    counts = Counter(e.schema for e in parsed.entities)
    info = SourceInfo(
        name=spec.name,
        title=spec.title,
        version=parsed.version or spec.version or "unknown",
        paths=tuple(str(p) for p in paths.values()),
        counts=dict(sorted(counts.items())),
        records=records,
        checks=tuple(checks),
    )
    return info, parsed.entities


def select_specs(
    data_dir: Path, specs: Iterable[SourceSpec] | None = None, only: Iterable[str] | None = None
) -> list[SourceSpec]:
    """The sources to load from data_dir: those named in ``only`` (ListError for an unknown
    name); else every bundled source (a list directory without one is incomplete) and every
    other one with a file there."""
    known = list(specs if specs is not None else load_specs())
    if only is None:
        return [s for s in known if s.bundled or s.is_available(data_dir)]
    wanted = set(only)
    unknown = wanted - {s.name for s in known}
    if unknown:
        raise ListError(f"unknown source(s) {', '.join(sorted(unknown))}; known: "
                        f"{', '.join(s.name for s in known)}")
    return [s for s in known if s.name in wanted]


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """One source as a load would find it: loaded complete (``info``), or the error that
    keeps it out."""

    spec: SourceSpec
    info: SourceInfo | None = None
    error: str | None = None


def check_sources(data_dir: Path, only: Iterable[str] | None = None) -> list[SourceStatus]:
    """Each source :func:`load_collection` would load, parsed alone: what a failed load shows
    per source (``sanctionwatch lists``), so that one broken file does not hide the others."""
    out: list[SourceStatus] = []
    for spec in select_specs(data_dir, only=only):
        try:
            info, _ = parse_source(spec, data_dir)
        except ListError as exc:
            out.append(SourceStatus(spec, error=str(exc)))
        else:
            out.append(SourceStatus(spec, info=info))
    return out


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


def require_any(data_dir: Path, specs: Iterable[SourceSpec]) -> None:
    """EmptyListError when data_dir holds no file of any of these sources: never screen
    against an empty list."""
    if not any(spec.is_available(data_dir) for spec in specs):
        raise EmptyListError(f"{data_dir}: no sanctions list found to load")


def load_collection(
    data_dir: Path, specs: Iterable[SourceSpec] | None = None, only: Iterable[str] | None = None
) -> Collection:
    """Parse the sources :func:`select_specs` picks into one linked Collection, each one
    complete or the whole load fails with an error naming the file. A directory holding no
    list file at all says so: never screen against an empty list.
    """
    selected = select_specs(data_dir, specs, only)
    require_any(data_dir, selected)
    infos: list[SourceInfo] = []
    entities: dict[str, Entity] = {}
    for spec in selected:
        info, parsed = parse_source(spec, data_dir)
        infos.append(info)
        for entity in parsed:
            known = entities.get(entity.id)
            entities[entity.id] = entity if known is None else merge_listings(known, entity)
    keyed, clusters = link_entities(entities.values())
    scored = link_on_evidence(entities.values(), clusters)
    links = tuple(sorted((*keyed, *scored), key=lambda k: (k.left, k.right, k.reason)))
    clusters = cluster_links(links) if scored else clusters
    collection = Collection(entities=entities, sources=tuple(infos), links=links,
                            clusters=clusters)
    collection.relations = extract_relations(collection)[0]
    return collection
