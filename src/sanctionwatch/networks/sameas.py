"""The same party on several lists, linked on the evidence the records share.

The publishers' keys (index/links.py: a UN reference, an IMO or passport number, a name with a
full birth date) leave most UN listings unjoined to their OFAC listing: the UN writes "BOSCO
TAGANDA" born "1973 or 1974", OFAC "NTAGANDA, Bosco" (alias "TAGANDA, Bosco") born 1973. Here two
listings of different publishers are linked when

- they share a name (name, alias or previous name, compared as sorted tokens) or two name words,
  which proposes the pair (no pairwise comparison of the lists);
- their programmes fall in one family (resources/programmes.yml: the UN's DRC regime is OFAC's
  DRCONGO programme);
- the matching engine itself scores the pair at :data:`LINE` or more;
- besides one name, the records agree on more: a second identical name, a birth date, a
  nationality or country, or an address (city and country); for an organisation, vessel or
  aircraft its whole name written alike under one programme family is enough (the UN gives
  Iran's listed firms no country, OFAC writes the same name);
- and nothing strong conflicts: the engine finds no conflicting birth date, identifier or
  gender (nor, for a person, nationality: UN "HIDAYATULLAH" a.k.a. "Abu Turab", Afghan, is
  not OFAC's Pakistani "TURAB, Ali Muhammad Abu", born in the same year).

Each link's value says what agreed. Pure code: no I/O.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations

import yaml

from sanctionwatch.index.links import name_key
from sanctionwatch.match import get_algorithm, prepare
from sanctionwatch.match.prepared import PreparedEntity
from sanctionwatch.model import CompareResult, Entity, Link
from sanctionwatch.names.forms import load_terms

__all__ = ["LINE", "REASON", "link_on_evidence", "programme_families"]

#: the engine's score a linked pair reaches at least (chosen on the reviewed sample:
#: BENCHMARKS.md, "The same party across lists")
LINE = 0.9
#: the Link.reason of these links
REASON = "shared_evidence"
#: a name word pair more entities than this share proposes no pairs (too common to block on)
MAX_GROUP = 24
#: features whose conflict forbids a link, whatever the score
STRONG = frozenset({"date", "identifier", "gender"})
_NAME_PROPS = ("name", "alias", "previousName")
_BRACKETS = re.compile(r"[()]")
#: the schemata linked on shared evidence (wallets, securities etc. carry identifiers)
_SCHEMATA = frozenset({"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"})


@dataclass(frozen=True, slots=True)
class _Side:
    entity: Entity
    publisher: str
    #: name keys, with the variants of _name_keys
    names: frozenset[str]
    #: the keys of the names as written (counted as "names shared")
    written: frozenset[str]
    families: frozenset[str]


@lru_cache(maxsize=1)
def programme_families() -> dict[tuple[str, str], frozenset[str]]:
    """(publisher, programme code) -> the families it belongs to, from resources/."""
    text = resources.files("sanctionwatch.resources").joinpath("programmes.yml").read_text("utf-8")
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for family, codes in yaml.safe_load(text)["families"].items():
        for publisher, programmes in codes.items():
            for code in programmes:
                out[(publisher, code)].add(family)
    return {key: frozenset(value) for key, value in out.items()}


def _publisher(entity: Entity) -> str:
    """The publisher of a listing: its first dataset's prefix (``ofac_sdn`` -> ``ofac``)."""
    return entity.datasets[0].split("_", 1)[0] if entity.datasets else ""


def _side(entity: Entity) -> _Side:
    publisher = _publisher(entity)
    table = programme_families()
    families = frozenset(f for p in entity.get("program") for f in table.get((publisher, p), ()))
    is_person = entity.schema == "Person"
    names = frozenset(k for p in _NAME_PROPS for n in entity.get(p)
                      for k in _name_keys(n, is_person))
    written = frozenset(k for p in _NAME_PROPS for n in entity.get(p) if (k := name_key(n)))
    return _Side(entity, publisher, names, written, families)


def _name_keys(name: str, is_person: bool) -> Iterator[str]:
    """The name's key, and those of its parts around a bracket: "DEFENCE INDUSTRIES
    ORGANISATION (DIO)" is also "DEFENCE INDUSTRIES ORGANISATION" and "DIO"; an
    organisation's also without its legal form and stop-words ("AL-ARABI TRADING COMPANY
    LIMITED" is "al arabi trading")."""
    weak = load_terms().weak
    for part in (name, *_BRACKETS.split(name)):
        key = name_key(part)
        if key:
            yield key
            if not is_person:
                strong = " ".join(w for w in key.split() if w not in weak)
                if strong and strong != key:
                    yield strong


def _word_pairs(side: _Side) -> set[str]:
    pairs: set[str] = set()
    for name in side.names:
        words = sorted({w for w in name.split() if len(w) > 2})
        pairs.update(f"{a} {b}" for a, b in combinations(words, 2))
    return pairs


def _candidate_pairs(sides: list[_Side]) -> Iterator[tuple[_Side, _Side]]:
    """Pairs of listings of different publishers in a common family that share a whole name
    or two name words (a pair of words on more than MAX_GROUP listings proposes nothing),
    each pair once, in a stable order."""
    names: dict[str, list[int]] = defaultdict(list)
    words: dict[str, list[int]] = defaultdict(list)
    for position, side in enumerate(sides):
        for key in side.names:
            names[key].append(position)
        for key in _word_pairs(side):
            words[key].append(position)
    groups = [names[k] for k in sorted(names)]
    groups += [words[k] for k in sorted(words) if len(words[k]) <= MAX_GROUP]
    seen: set[tuple[int, int]] = set()
    for members in groups:
        for i, j in combinations(members, 2):
            a, b = sides[i], sides[j]
            if (i, j) in seen or a.publisher == b.publisher or not a.families & b.families:
                continue
            seen.add((i, j))
            yield a, b


def _agreement(a: _Side, b: _Side, result: CompareResult) -> list[str]:
    """What the two records agree on, when it is enough to link them; empty when it is not,
    or when a strong fact conflicts."""
    facts = {f.name for f in result.explanation.features if f.value > 0}
    is_person = a.entity.schema == "Person"
    strong = STRONG | {"country"} if is_person else STRONG
    if any(f.name in strong and f.value < 0 for f in result.explanation.features):
        return []
    shared = a.names & b.names
    written = len(a.written & b.written)
    agreed = [f"{written} names"] if written >= 2 else []
    if is_person:
        agreed += sorted(facts & {"date", "country", "identifier"})
        if _places(a.entity) & _places(b.entity):
            agreed.append("address")
        enough = written >= 2 or (shared and len(agreed) >= 1) or (
            "date" in facts and len(agreed) >= 2)
        return agreed if enough else []
    whole = [n for n in shared if " " in n]
    if whole and written < 2:
        agreed.append("an organisation's whole name in one programme family")
    return agreed if whole or written >= 2 else []


def _places(entity: Entity) -> set[str]:
    """City and country of each address (its last two parts)."""
    out = set()
    for address in entity.get("address"):
        parts = [name_key(p) for p in address.split(",") if p.strip()]
        if len(parts) >= 2:
            out.add("|".join(parts[-2:]))
    return out


def _scored(sides: list[_Side], clusters: Mapping[str, tuple[str, ...]],
            line: float) -> Iterator[tuple[int, float, str, str, str]]:
    """(names shared, score, left id, right id, what agreed) of each candidate pair that is
    enough to link."""
    algorithm = get_algorithm()
    prepared: dict[str, PreparedEntity] = {}
    for a, b in _candidate_pairs(sides):
        left, right = sorted((a.entity.id, b.entity.id))
        if right in clusters.get(left, ()):
            continue
        for side in (a, b):
            if side.entity.id not in prepared:
                prepared[side.entity.id] = prepare(side.entity)
        result = algorithm.compare_above(prepared[a.entity.id], prepared[b.entity.id], None, line)
        if result is None or result.score < line:
            continue
        agreed = _agreement(a, b, result)
        if agreed:
            yield len(a.names & b.names), result.score, left, right, ", ".join(agreed)


def link_on_evidence(
    entities: Iterable[Entity], clusters: Mapping[str, tuple[str, ...]], line: float = LINE
) -> tuple[Link, ...]:
    """Links between listings the shared evidence joins and the clusters do not yet.

    A listing is linked to one listing of each other publisher at most: the one sharing the
    most names, then the best-scoring one (the UN's "Academy of National Defense Science", a.k.a. "Second Academy of Natural
    Sciences (KPe.018)", is not OFAC's Second Academy: the UN's KPe.018 is)."""
    sides = [_side(e) for e in entities if e.schema in _SCHEMATA]
    sides = [s for s in sides if s.families and s.names]
    publisher = {s.entity.id: s.publisher for s in sides}
    taken: set[tuple[str, str]] = {
        (node, publisher[other]) for node, group in clusters.items() for other in group
        if other != node and other in publisher}
    links: list[Link] = []
    for _, score, left, right, agreed in sorted(_scored(sides, clusters, line), reverse=True):
        if (left, publisher[right]) in taken or (right, publisher[left]) in taken:
            continue
        taken.update({(left, publisher[right]), (right, publisher[left])})
        links.append(Link(left=left, right=right, reason=REASON,
                          value=f"score {score:.2f}; {agreed}"))
    return tuple(sorted(links, key=lambda k: (k.left, k.right)))
