"""Given names and their short forms: Ben for Benjamin, Ted for Theodore, Bob for Robert.

The pairs come from the ``nicknames`` package (a hand-curated data set of English given names
and their nicknames, each relation in both directions); :func:`nickname_table` maps each name
to its short and full forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from nicknames import NickNamer

#: shorter names are left out: "al" is Albert's short form and an Arabic particle
MIN_LENGTH = 3


@lru_cache(maxsize=1)
def nickname_table() -> Mapping[str, frozenset[str]]:
    """Every name of the data set -> the names it is a nickname or the full form of (lower
    case ASCII, MIN_LENGTH letters or more: ted -> edward, theodore...)."""
    namer = NickNamer()
    out: dict[str, set[str]] = {}
    for table in (namer.nickname_lookup, namer.canonical_lookup):
        for name, others in table.items():
            out.setdefault(name, set()).update(others)
            for other in others:
                out.setdefault(other, set()).add(name)
    return {
        name: frozenset(o for o in others if o != name and len(o) >= MIN_LENGTH)
        for name, others in out.items()
        if len(name) >= MIN_LENGTH
    }
