"""The last good load of each source, kept under ``SANCTIONWATCH_HOME``: a load that lost much
of a list is refused.

A list can pass every check its format allows and still be short: a well-formed file that a
feed cut between two records, a format that states no record count (the UK's), a publisher's
bad day. So every load is compared, source by source, with the last one accepted: a source with
more than 20% fewer records is refused (:class:`~sanctionwatch.exc.ListDropped`, naming the
source, both counts and the files) until someone accepts it, with ``sanctionwatch lists
--allow-drop`` (or ``lists update --force``, which accepts the download it forced). A source
never loaded before has nothing to compare with and is accepted.

The record is one small JSON file (``loaded.json``), written atomically when a count changes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from sanctionwatch.exc import ListDropped, ListError
from sanctionwatch.model import SourceInfo

#: the largest share of a source's records a load may lose without being accepted
MAX_DROP = 0.2


def atomic_write(path: Path, data: bytes) -> None:
    """Write a small file so that readers see the old content or the new, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


@dataclass(frozen=True, slots=True)
class LoadHistory:
    """The last good load per source, in a JSON file."""

    path: Path
    max_drop: float = MAX_DROP

    def read(self) -> dict[str, dict[str, Any]]:
        """Source name -> ``{"records", "version", "paths", "accepted_at"}``."""
        try:
            data = orjson.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, orjson.JSONDecodeError) as exc:
            raise ListError(f"{self.path}: the record of the last good list loads cannot be "
                            f"read ({exc}); remove it to start a new record") from exc
        if not isinstance(data, dict):
            raise ListError(f"{self.path}: not a record of list loads; remove it to start anew")
        return data

    def check(self, sources: Iterable[SourceInfo]) -> None:
        """ListDropped naming every source that lost more than ``max_drop`` of its records."""
        last = self.read()
        problems = []
        for info in sources:
            before = last.get(info.name)
            if before is None:
                continue
            previous = int(before.get("records", 0))
            if previous and info.records < previous * (1 - self.max_drop):
                problems.append(
                    f"source {info.name!r} has {info.records:,} records, "
                    f"{1 - info.records / previous:.0%} fewer than its last good load "
                    f"({previous:,}, version {before.get('version')}, "
                    f"{before.get('accepted_at')}) from {', '.join(info.paths)}")
        if problems:
            raise ListDropped(
                f"{'; '.join(problems)}; refused (limit {self.max_drop:.0%}): run "
                f"'sanctionwatch lists --allow-drop' to accept the lists as they are")

    def accept(self, sources: Iterable[SourceInfo]) -> None:
        """Record these loads as the last good ones (the file is rewritten only on a change)."""
        last = self.read()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        changed = False
        for info in sources:
            before = last.get(info.name, {})
            if (before.get("records"), before.get("version")) == (info.records, info.version):
                continue
            last[info.name] = {"records": info.records, "version": info.version,
                               "paths": list(info.paths), "accepted_at": now}
            changed = True
        if changed:
            atomic_write(self.path, orjson.dumps(last, option=orjson.OPT_INDENT_2))

    def forget(self, names: Iterable[str]) -> None:
        """Drop the record of these sources: their next load is accepted as it is (what
        ``lists update --force`` does for the source it forced)."""
        last = self.read()
        gone = [name for name in names if last.pop(name, None) is not None]
        if gone:
            atomic_write(self.path, orjson.dumps(last, option=orjson.OPT_INDENT_2))
