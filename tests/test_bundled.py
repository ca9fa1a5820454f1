"""The bundled snapshot is byte-identical to the official files its PROVENANCE.md records."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sanctionwatch.settings import BUNDLED_LISTS

DATA_DIR = BUNDLED_LISTS

# "- sha256: `<hex>`" for a single-file section, "  - add: `<hex>`" inside a multi-file one
SECTION = re.compile(r"^### (?P<files>.+)$", re.MULTILINE)
HASH = re.compile(r"^\s*- (?:(?P<role>[a-z_]+): |sha256: )`(?P<hex>[0-9a-f]{64})`", re.MULTILINE)


def recorded_hashes() -> dict[Path, str]:
    text = (DATA_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    out: dict[Path, str] = {}
    sections = list(SECTION.finditer(text))
    for i, sec in enumerate(sections):
        body = text[sec.end(): sections[i + 1].start() if i + 1 < len(sections) else len(text)]
        name = sec.group("files").split(" — ")[0].strip("` ")
        for h in HASH.finditer(body):
            role = h.group("role")
            if role is None:
                out[DATA_DIR / name] = h.group("hex")
            elif "{" in name:  # "dir/cons_{prim,add}.csv" lists "- prim: `hex`" per file
                out[DATA_DIR / f"{name.split('{')[0]}{role}.csv"] = h.group("hex")
    return out


def test_every_bundled_file_matches_its_recorded_sha256() -> None:
    hashes = recorded_hashes()
    files = sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and p.name != "PROVENANCE.md")
    assert len(files) == 10
    assert set(hashes) == set(files)
    for path in files:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == hashes[path], path
