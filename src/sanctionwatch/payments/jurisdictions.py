"""Jurisdictions under comprehensive sanctions, read once from ``resources/jurisdictions.yml``:
their codes, and the place names that show them in addresses and free text.

Place names are matched as whole words of a text folded without case, accents or homoglyphs
(``Рyongyang`` with a Cyrillic ``Р`` is Pyongyang), so ``Seoul`` or ``Republic of Korea`` never
match North Korea. Like the text engine's word lists, the file is package data shipped with the
code: reading it is not message I/O. A broken file fails with the file's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from normality import ascii_text

from sanctionwatch.exc import SanctionwatchError
from sanctionwatch.names import clean_text

JURISDICTIONS_YAML = "jurisdictions.yml"
_WORDS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    code: str
    label: str
    places: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlaceFound:
    jurisdiction: Jurisdiction
    #: the place name as listed in the resource file
    place: str


def fold_words(text: str) -> tuple[str, ...]:
    """A text's words without case, accents or homoglyphs (for place look-ups)."""
    return tuple(_WORDS.findall((ascii_text(clean_text(text)) or "").lower().replace("'", "")))


@dataclass(frozen=True, slots=True, eq=False)
class Jurisdictions:
    """The sanctioned jurisdictions by code, and their place names by first word."""

    by_code: dict[str, Jurisdiction]
    #: first folded word -> (all folded words, jurisdiction, place as listed)
    phrases: dict[str, tuple[tuple[tuple[str, ...], Jurisdiction, str], ...]]

    def country(self, code: str) -> Jurisdiction | None:
        return self.by_code.get(code.lower())

    def places_in(self, text: str) -> list[PlaceFound]:
        """Each sanctioned place named in a text, once, in text order."""
        words = fold_words(text)
        found: dict[tuple[str, tuple[str, ...]], PlaceFound] = {}
        for i, word in enumerate(words):
            for phrase, jurisdiction, place in self.phrases.get(word, ()):
                if words[i:i + len(phrase)] == phrase:
                    found.setdefault((jurisdiction.code, phrase), PlaceFound(jurisdiction, place))
        return list(found.values())


def parse_jurisdictions(text: str, name: str = JURISDICTIONS_YAML) -> Jurisdictions:
    """Jurisdictions from YAML text; SanctionwatchError naming the file and entry."""
    try:
        data: Any = yaml.safe_load(text)
        entries = data["jurisdictions"]
        items = [Jurisdiction(str(code).lower(), str(v["label"]),
                              tuple(str(p) for p in v.get("places", ())))
                 for code, v in entries.items()]
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise SanctionwatchError(f"{name}: not a jurisdictions file ({exc})") from exc
    phrases: dict[str, list[tuple[tuple[str, ...], Jurisdiction, str]]] = {}
    for item in items:
        for place in item.places:
            words = fold_words(place)
            if not words:
                raise SanctionwatchError(f"{name}: {item.code}: place {place!r} has no words")
            phrases.setdefault(words[0], []).append((words, item, place))
    return Jurisdictions({i.code: i for i in items},
                         {k: tuple(v) for k, v in phrases.items()})


@lru_cache(maxsize=1)
def default_jurisdictions() -> Jurisdictions:
    """The packaged jurisdictions."""
    text = resources.files("sanctionwatch.resources").joinpath(JURISDICTIONS_YAML)
    return parse_jurisdictions(text.read_text("utf-8"))
