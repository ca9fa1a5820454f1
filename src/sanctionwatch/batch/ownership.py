"""The 50% rule after a batch run: who owns the records that matched nothing.

The input may hold FtM ``Ownership`` records (``owner``, ``asset``, ``percentage``: the ids of
records of the same input) beside the parties; ``screen_chunk`` skips them, and once every
party is screened :func:`write_ownership` reads them again, takes the parties with a match as
the listed owners and writes one line per company a listed owner holds a share of to
``<output>.ownership.jsonl``: ``{"record", "status", "blocked_share", "blocked", "chains",
"notes"}``, status ``blocked by ownership`` or ``alert: listed owner``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import orjson

from sanctionwatch.batch.inputs import InputFile, ownership_entity
from sanctionwatch.batch.plan import is_ownership
from sanctionwatch.exc import InputError
from sanctionwatch.networks.ownership import blocked_ownership, read_holdings


def ownership_path(output: Path) -> Path:
    return output.with_name(output.name + ".ownership.jsonl")


def write_ownership(source: InputFile, output: Path, listed: Iterable[str],
                    threshold: float) -> int | None:
    """Write the ownership verdicts; None (and no file) when the input states no ownership."""
    ownerships, parties = [], []
    for record in source.records():
        if record.error is None and is_ownership(record):
            ownerships.append(ownership_entity(record))
        else:
            parties.append(record.key)
    if not ownerships:
        return None
    try:
        holdings = read_holdings(ownerships, parties)
    except InputError as exc:
        raise InputError(f"{source.path}: {exc}") from None
    verdicts = blocked_ownership(holdings, set(listed), threshold)
    path = ownership_path(output)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        for asset, verdict in verdicts.items():
            status = "blocked by ownership" if verdict.blocked else "alert: listed owner"
            fh.write(orjson.dumps({"record": asset, "status": status, **verdict.to_dict()})
                     + b"\n")
    tmp.replace(path)
    return len(verdicts)
