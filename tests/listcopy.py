"""A list directory to break: a copy of the bundled one (``data_dir``) made of links to its
files, so that a test can delete, cut or replace one file without touching the others.

Imported by name (tests/ is on the path through its conftest).
"""

from __future__ import annotations

from pathlib import Path


def linked_copy(source: Path, target: Path) -> Path:
    """``target`` laid out like ``source``, each file a symbolic link to the original."""
    for path in source.rglob("*"):
        if path.is_file():
            link = target / path.relative_to(source)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(path.resolve())
    return target


def replace_file(directory: Path, relative: str, data: bytes) -> Path:
    """Put ``data`` in place of the (linked) file at ``relative``; its path."""
    path = directory / relative
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def without_individuals(data: bytes, share: float) -> bytes:
    """The UN list with the first ``share`` of its INDIVIDUAL records taken out: still
    well-formed, with both groups, but a smaller list."""
    start = data.index(b"<INDIVIDUAL>")
    end = data.index(b"</INDIVIDUALS>")
    blocks = data[start:end].split(b"</INDIVIDUAL>")
    cut = int(len(blocks) * share)
    return data[:start] + b"</INDIVIDUAL>".join(blocks[cut:]) + data[end:]
