"""A real list update for the monitoring tests: two versions of the bundled UN list.

Imported by name (tests/ is on the path through its conftest). The old version lacks
KIM YONG CHOL (``ADDED``: the update lists him); the new one lacks KIM KWANG-IL (``REMOVED``:
delisted) and gives ERIC BADEGE (``CHANGED``) the birth date 1971-05-12 instead of the year
1971. Everything else is the list as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sanctionwatch.index import Index
from sanctionwatch.model import Collection, Entity
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.diff import CollectionDiff

UN_XML = BUNDLED_LISTS / "un" / "consolidated.xml"
ADDED, REMOVED, CHANGED = "un-KPi.024", "un-KPi.009", "un-CDi.001"


@dataclass(frozen=True)
class ListUpdate:
    """Two versions of the UN list (directories and collections) and what changed."""

    old_dir: Path
    new_dir: Path
    old: Collection
    new: Collection
    diff: CollectionDiff
    #: the screening index of the new version
    new_index: Index


def _without(data: bytes, reference: str) -> bytes:
    """The list without the individual holding this UN reference number."""
    for block in re.finditer(rb"\s*<INDIVIDUAL>.*?</INDIVIDUAL>", data, re.DOTALL):
        if f"<REFERENCE_NUMBER>{reference}</REFERENCE_NUMBER>".encode() in block.group(0):
            return data[: block.start()] + data[block.end():]
    raise ValueError(f"no individual {reference} in {UN_XML}")


def un_version(*, is_old: bool) -> bytes:
    """The UN list before (``is_old``) or after the update."""
    data = UN_XML.read_bytes()
    if is_old:
        return _without(data, ADDED.removeprefix("un-"))
    data = _without(data, REMOVED.removeprefix("un-"))
    badege = data.index(b"<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>")
    birth = data.index(b"<YEAR>1971</YEAR>", badege)
    return data[:birth] + b"<DATE>1971-05-12</DATE>" + data[birth + len(b"<YEAR>1971</YEAR>"):]


def write_version(directory: Path, data: bytes) -> Path:
    """A list directory holding this version of the UN list, laid out as the bundled snapshot."""
    path = directory / "un" / "consolidated.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return directory


def person(name: str, birth: str | None = None) -> Entity:
    props = {"name": (name,)} | ({"birthDate": (birth,)} if birth else {})
    return Entity(id="subject", schema="Person", properties=props)


#: stored subjects: one per kind of change, and one the update does not concern
SUBJECTS = {
    "badege": person("Eric Badege", "1971"),
    "kim_yong": person("Kim Yong Chol", "1962-02-18"),
    "kim_kwang": person("Kim Kwang Il", "1969-09-01"),
    "smith": person("Jane Smith", "1980-04-01"),
}
