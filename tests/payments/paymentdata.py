"""Payment fixtures: the real samples in ../shared/data/payments (read there, never copied into
the repository: their PROVENANCE.md asks that they are not committed), the statements their
PROVENANCE.md makes about each file.

Edited copies (a listed party put in, a listed bank's BIC, ...) are made in the tests from the
samples, in memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "data" / "payments"
_ITEM = re.compile(r"^(\d+)\. \*\*`([^`]+)`\*\*", re.MULTILINE)


@dataclass(frozen=True)
class Sample:
    number: int
    path: Path
    #: the PROVENANCE.md paragraph about the file
    statement: str


def read_provenance() -> dict[int, Sample]:
    text = (SAMPLES / "PROVENANCE.md").read_text("utf-8")
    files = text.split("## 2. Files", 1)[1].split("**MT/MX pairs", 1)[0]
    found = list(_ITEM.finditer(files))
    samples: dict[int, Sample] = {}
    for item, following in zip(found, [*found[1:], None], strict=True):
        end = following.start() if following else len(files)
        name = item.group(2)
        folder = "mt" if (SAMPLES / "mt" / name).exists() else "iso20022"
        samples[int(item.group(1))] = Sample(int(item.group(1)), SAMPLES / folder / name,
                                             files[item.start():end])
    return samples


def read_pairs() -> list[tuple[int, int, str]]:
    """The MT/MX pairs table: (MT file number, MX file number, UETR)."""
    text = (SAMPLES / "PROVENANCE.md").read_text("utf-8")
    table = text.split("**MT/MX pairs", 1)[1].split("## 3.", 1)[0]
    return [(int(a), int(b), c) for a, b, c in
            re.findall(r"^\| (\d+) \| (\d+) \| ([0-9a-f-]{36}) \|$", table, re.MULTILINE)]
