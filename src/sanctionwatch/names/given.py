"""Given names and their short forms: Ben for Benjamin, Ted for Theodore, Bob for Robert.

The pairs come from the ``nicknames`` package (a hand-curated data set of English given names
and their nicknames, each relation in both directions); :func:`is_nickname` tells whether one
token is a short form, or the full form, of the other.
"""

from __future__ import annotations

from functools import lru_cache

from nicknames import NickNamer


@lru_cache(maxsize=1)
def _related() -> dict[str, frozenset[str]]:
    """Every name of the data set -> the names it is a nickname or the full form of."""
    namer = NickNamer()
    out: dict[str, set[str]] = {}
    for table in (namer.nickname_lookup, namer.canonical_lookup):
        for name, others in table.items():
            out.setdefault(name, set()).update(others)
            for other in others:
                out.setdefault(other, set()).add(name)
    return {name: frozenset(others - {name}) for name, others in out.items()}


def is_nickname(left: str, right: str) -> bool:
    """Whether one lower-case ASCII token is a nickname of the other (ted, theodore)."""
    related = _related().get(left)
    return related is not None and right in related
