"""The text linker's word lists, read once from ``resources/`` into typed objects.

``risk_terms.yml`` holds the risk categories and their cue words; ``text_context.yml`` the
roles, function words, generic organisation words and non-acronyms the linker reads around a
candidate name. Both are package data shipped with the code (like FollowTheMoney's schema
YAML): reading them is not document I/O. A broken file fails with the file's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from followthemoney.types import registry

from sanctionwatch.exc import SanctionwatchError
from sanctionwatch.text.tokens import token_keys

RISK_YAML = "risk_terms.yml"
CONTEXT_YAML = "text_context.yml"


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: the token keys of a word or phrase; the last may be a prefix."""

    text: str
    keys: tuple[str, ...]
    is_prefix: bool


@dataclass(frozen=True, slots=True)
class RiskCategory:
    key: str
    label: str
    cues: tuple[Cue, ...]


@dataclass(frozen=True, slots=True, eq=False)
class RiskLexicon:
    """Every risk category, and the cues indexed by their first token key."""

    categories: tuple[RiskCategory, ...]
    #: first token key (or prefix) -> (category key, cue)
    exact: Mapping[str, tuple[tuple[str, Cue], ...]]
    #: prefixes of single-token prefix cues, for "sanction*"-style cues
    prefixes: Mapping[str, tuple[tuple[str, Cue], ...]]

    def label(self, category: str) -> str:
        for item in self.categories:
            if item.key == category:
                return item.label
        return category


@dataclass(frozen=True, slots=True)
class ContextWords:
    roles: frozenset[str]
    function: frozenset[str]
    generic: frozenset[str]
    designators: frozenset[str]
    not_acronyms: frozenset[str]
    #: country code -> phrases (token keys joined by spaces) that place a text in it
    countries: Mapping[str, tuple[str, ...]]


def parse_risk_terms(text: str, origin: str = RISK_YAML) -> RiskLexicon:
    """Read risk categories from YAML text (see resources/risk_terms.yml for the shape)."""
    try:
        raw = yaml.safe_load(text)
        categories = tuple(
            RiskCategory(str(key), str(body["label"]), tuple(_cue(str(c)) for c in body["cues"]))
            for key, body in raw["categories"].items()
        )
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise SanctionwatchError(f"{origin}: bad risk term definition: {exc}") from exc
    exact: dict[str, list[tuple[str, Cue]]] = {}
    prefixes: dict[str, list[tuple[str, Cue]]] = {}
    for category in categories:
        for cue in category.cues:
            if cue.is_prefix and len(cue.keys) == 1:
                prefixes.setdefault(cue.keys[0], []).append((category.key, cue))
            else:
                exact.setdefault(cue.keys[0], []).append((category.key, cue))
    return RiskLexicon(
        categories,
        {k: tuple(v) for k, v in exact.items()},
        {k: tuple(v) for k, v in prefixes.items()},
    )


def _cue(text: str) -> Cue:
    is_prefix = text.endswith("*")
    keys = tuple(token_keys(text.rstrip("*")))
    if not keys:
        raise ValueError(f"cue {text!r} has no words")
    return Cue(text, keys, is_prefix)


def parse_context_words(text: str, origin: str = CONTEXT_YAML) -> ContextWords:
    """Read the context word lists from YAML text."""
    try:
        raw = yaml.safe_load(text)
        lists = {
            name: frozenset(k for word in raw[name] for k in token_keys(str(word)))
            for name in ("roles", "function", "generic", "designators", "not_acronyms")
        }
        countries = {
            str(code): tuple(" ".join(token_keys(str(w))) for w in words)
            for code, words in raw["countries"].items()
        }
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise SanctionwatchError(f"{origin}: bad context word list: {exc}") from exc
    for code, label in registry.country.names.items():
        countries[code] = (*countries.get(code, ()), " ".join(token_keys(label)))
    return ContextWords(**lists, countries=countries)


def _resource(name: str) -> str:
    return resources.files("sanctionwatch.resources").joinpath(name).read_text("utf-8")


@lru_cache(maxsize=1)
def default_risk_terms() -> RiskLexicon:
    """The packaged risk categories."""
    return parse_risk_terms(_resource(RISK_YAML))


@lru_cache(maxsize=1)
def default_context_words() -> ContextWords:
    """The packaged context word lists."""
    return parse_context_words(_resource(CONTEXT_YAML))
