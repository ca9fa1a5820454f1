"""List updates: download each official file, check it, and swap it in atomically.

Updated lists live under ``<home>/lists`` (``Settings.home``), one directory per download with
the same relative file layout as the bundled ``sanctionwatch/data/lists``::

    lists/<source>/<stamp>/...        every downloaded version, kept
    lists/<source>/current.json       which version is current (replaced atomically)
    lists/active -> .views/<stamp>    the effective layout: per file, a link to the current
                                      version of its source, else to the bundled file

:meth:`ListStore.data_dir` is the directory to load lists from: ``lists/active`` once any
update happened, else the bundled snapshot. A download goes to a staging directory first and
must pass every check before anything current changes: HTTP 200, an expected content type and
no HTML error page, the full Content-Length, within the byte limit and the deadline, a full
parse, not empty, and (unless forced) no more than 20% fewer records than the current version.
A failed check raises :class:`~sanctionwatch.exc.UpdateRejected` and leaves the current list as
it was.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from sanctionwatch.exc import ListError, UpdateRejected
from sanctionwatch.sources.catalog import SourceSpec, parse_source
from sanctionwatch.sources.history import atomic_write

if TYPE_CHECKING:  # httpx is imported by the functions that download (screening never does)
    import httpx

CURRENT = "current.json"
ACTIVE = "active"
#: the version name of the bundled snapshot (before any update)
BUNDLED = "bundled"
_ACCEPTED_TYPES: dict[str, frozenset[str]] = {
    ".csv": frozenset({"text/csv", "text/plain", "application/csv", "application/octet-stream",
                       "text/comma-separated-values", "application/vnd.ms-excel"}),
    ".xml": frozenset({"application/xml", "text/xml", "application/octet-stream"}),
    ".json": frozenset({"application/json", "application/x-ndjson", "application/octet-stream",
                        "text/plain"}),
}
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits on a download and on what an update may change."""

    #: seconds to connect and between two reads
    timeout: float = 30.0
    #: seconds for a whole file, however steadily it trickles in
    deadline: float = 900.0
    max_bytes: int = 1 << 30
    #: the largest share of records a new version may lose without --force
    max_loss: float = 0.2
    #: downloaded versions kept per source (the current one always)
    keep: int = 10


@dataclass(frozen=True, slots=True)
class UpdateResult:
    """What updating one source did."""

    source: str
    #: "updated" or "unchanged" (rejections raise)
    status: str
    version: str | None
    records: int
    previous_records: int | None
    list_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "status": self.status, "version": self.version,
                "records": self.records, "previous_records": self.previous_records,
                "list_version": self.list_version}


class ListStore:
    """Downloaded list versions under ``<home>/lists`` over the bundled snapshot."""

    def __init__(self, home: Path, bundled: Path) -> None:
        self.root = home / "lists"
        self.bundled = bundled

    def data_dir(self) -> Path:
        """Where to load the lists from: the active view after an update, else the bundle."""
        active = self.root / ACTIVE
        return active if active.is_dir() else self.bundled

    def active_version(self) -> str:
        """The name of the lists' current version: the active view's (a new one on every
        update), ``bundled`` before any update. Cheap enough to poll."""
        active = self.root / ACTIVE
        return active.resolve().name if active.is_dir() else BUNDLED

    def version_dir(self, version: str) -> Path:
        """The directory holding a version named by :meth:`active_version` (it stays put while
        read: an update builds a new view and keeps the previous one)."""
        if version == BUNDLED:
            return self.bundled
        path = self.root / ".views" / version
        if not path.is_dir():
            raise ListError(f"{path}: no such list version (removed by a later update?)")
        return path

    def current(self, source: str) -> dict[str, Any] | None:
        """The current version's record (current.json), or None when never updated."""
        path = self.root / source / CURRENT
        if not path.is_file():
            return None
        data: dict[str, Any] = orjson.loads(path.read_bytes())
        return data

    def versions(self, source: str) -> list[str]:
        """Every downloaded version of a source, oldest first."""
        base = self.root / source
        if not base.is_dir():
            return []
        return sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))

    def source_dir(self, source: str) -> Path:
        """The directory holding the current files of a source (a version, or the bundle)."""
        current = self.current(source)
        return self.root / source / current["version"] if current else self.bundled

    def previous_dir(self, source: str) -> Path | None:
        """The directory of the version before the current one (the bundle before the first
        download); None when the source was never updated."""
        current = self.current(source)
        if current is None:
            return None
        previous = current.get("previous")
        return self.root / source / previous if previous else self.bundled

    def set_current(self, spec: SourceSpec, version: str, record: Mapping[str, Any],
                    specs: Iterable[SourceSpec]) -> None:
        """Point a source at a downloaded version and rebuild the active view."""
        if not (self.root / spec.name / version).is_dir():
            raise ListError(f"{self.root / spec.name / version}: no such list version")
        atomic_write(self.root / spec.name / CURRENT,
                      orjson.dumps({**record, "version": version}, option=orjson.OPT_INDENT_2))
        self.rebuild_view(specs)

    def rebuild_view(self, specs: Iterable[SourceSpec]) -> Path:
        """Build a fresh view of links to each source's current files; swap it in atomically."""
        views = self.root / ".views"
        stamp = _stamp(views)
        view = views / stamp
        for spec in specs:
            base = self.source_dir(spec.name)
            for rel in spec.files.values():
                target = base / rel
                if target.is_file():
                    link = view / rel
                    link.parent.mkdir(parents=True, exist_ok=True)
                    link.symlink_to(target.resolve())
        view.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{ACTIVE}.{os.getpid()}"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(Path(".views") / stamp)
        tmp.replace(self.root / ACTIVE)
        for old in sorted(p for p in views.iterdir() if p.name != stamp)[:-1]:
            shutil.rmtree(old, ignore_errors=True)  # keep the previous view for readers
        return view

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One updater at a time (an advisory lock on ``lists/.lock``)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def prune(self, source: str, keep: int) -> None:
        """Remove the oldest versions beyond ``keep`` (never the current or previous one)."""
        current = self.current(source) or {}
        protected = {current.get("version"), current.get("previous")}
        versions = self.versions(source)
        for name in versions[: max(len(versions) - keep, 0)]:
            if name not in protected:
                shutil.rmtree(self.root / source / name, ignore_errors=True)


def _stamp(parent: Path) -> str:
    base = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    name, n = base, 1
    while (parent / name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def make_client(policy: FetchPolicy) -> httpx.Client:
    """The HTTP client for list downloads: redirects followed, our timeouts."""
    import httpx

    return httpx.Client(timeout=httpx.Timeout(policy.timeout), follow_redirects=True,
                        headers={"User-Agent": "sanctionwatch lists update"})


def download(client: httpx.Client, url: str, dest: Path, policy: FetchPolicy) -> str:
    """Download url to dest, checking status, type, length, size and time; its SHA-256.

    UpdateRejected naming the URL and the problem; dest is then incomplete or absent and must
    not be used.
    """
    import httpx

    digest = hashlib.sha256()
    started = time.monotonic()
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise UpdateRejected(f"{url}: HTTP {response.status_code}")
            _check_type(url, dest, response.headers.get("content-type", ""))
            with dest.open("wb") as fh:
                for block in response.iter_bytes():
                    if fh.tell() == 0 and block[:64].lstrip().lower().startswith(_HTML_STARTS):
                        raise UpdateRejected(f"{url}: got an HTML page, not a list file")
                    fh.write(block)
                    digest.update(block)
                    if fh.tell() > policy.max_bytes:
                        raise UpdateRejected(f"{url}: larger than {policy.max_bytes:,} bytes")
                    if time.monotonic() - started > policy.deadline:
                        raise UpdateRejected(f"{url}: too slow, not complete after "
                                             f"{policy.deadline:g} s")
            expected = response.headers.get("content-length")
            got = response.num_bytes_downloaded
            if expected is not None and expected.isdigit() and got != int(expected):
                raise UpdateRejected(f"{url}: truncated, got {got:,} of {int(expected):,} bytes")
    except httpx.TimeoutException as exc:
        raise UpdateRejected(f"{url}: timed out ({type(exc).__name__}, "
                             f"limit {policy.timeout:g} s)") from exc
    except httpx.HTTPError as exc:
        raise UpdateRejected(f"{url}: download failed: {type(exc).__name__}: {exc}") from exc
    return digest.hexdigest()


def _check_type(url: str, dest: Path, header: str) -> None:
    ctype = header.split(";")[0].strip().lower()
    accepted = _ACCEPTED_TYPES.get(dest.suffix.lower())
    if ctype and accepted is not None and ctype not in accepted:
        raise UpdateRejected(f"{url}: content type {ctype!r}, expected one of "
                             f"{', '.join(sorted(accepted))}")


def _count(spec: SourceSpec, base: Path) -> int | None:
    """Records in the source's files under base; None when absent or unreadable."""
    if not spec.is_available(base):
        return None
    try:
        _, entities = parse_source(spec, base)
    except ListError:
        return None
    return len(entities)


def update_source(spec: SourceSpec, store: ListStore, specs: Iterable[SourceSpec],
                  client: httpx.Client, policy: FetchPolicy | None = None, force: bool = False,
                  urls: Mapping[str, str] | None = None) -> UpdateResult:
    """Download, check and swap in one source; UpdateRejected leaves the current one alone."""
    policy = policy or FetchPolicy()
    sources = {**spec.urls, **(urls or {})}
    if "primary" not in sources:
        raise UpdateRejected(f"source {spec.name!r}: no download URL for its primary file")
    with store.lock():
        staging = store.root / spec.name / f".staging-{os.getpid()}-{time.monotonic_ns()}"
        try:
            return _update(spec, store, list(specs), client, policy, force, sources, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _update(spec: SourceSpec, store: ListStore, specs: list[SourceSpec], client: httpx.Client,
            policy: FetchPolicy, force: bool, sources: Mapping[str, str],
            staging: Path) -> UpdateResult:
    files = {role: rel for role, rel in spec.files.items() if role in sources}
    hashes = {role: download(client, sources[role], staging / rel, policy)
              for role, rel in files.items()}
    current = store.current(spec.name)
    previous = int(current["records"]) if current else _count(spec, store.bundled)
    if current is not None and current.get("sha256") == hashes:
        return UpdateResult(spec.name, "unchanged", current["version"], int(current["records"]),
                            previous, current.get("list_version"))
    staged = replace(spec, files=files)
    try:
        info, entities = parse_source(staged, staging)
    except ListError as exc:  # EmptyListError included: the loader could not use it either
        raise UpdateRejected(f"source {spec.name!r}: the download does not parse: {exc}") from exc
    records = len(entities)
    if previous and records < previous * (1 - policy.max_loss) and not force:
        raise UpdateRejected(
            f"source {spec.name!r}: the download has {records:,} records, "
            f"{1 - records / previous:.0%} fewer than the current {previous:,} "
            f"(limit {policy.max_loss:.0%}); pass --force to accept it")
    version = _stamp(store.root / spec.name)
    staging.rename(store.root / spec.name / version)
    record = {
        "source": spec.name, "list_version": info.version, "records": records,
        "sha256": hashes, "urls": dict(sources),
        "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "previous": current["version"] if current else None, "forced": force,
    }
    store.set_current(spec, version, record, specs)
    store.prune(spec.name, policy.keep)
    return UpdateResult(spec.name, "updated", version, records, previous, info.version)
