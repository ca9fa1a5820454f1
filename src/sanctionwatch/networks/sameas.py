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

Evidence rules added on the reviewed misses (BENCHMARKS.md, "The same party across lists"):

- publishers transcribe dates differently: a birth date *near* the other (one digit apart,
  one day apart, or years one apart) is no conflict when two names are written alike, or one
  is and the nationality agrees (UN "HAN JANG SU" 1969-11-07 is OFAC's 1969-11-08);
- an identical full birth date (to the day) with the engine's score at the line is enough for
  a person, and proposes the pair with one shared name word ("ZAKI EZAT ZAKI AHMED" /
  "AHMAD, Zaki Izzat Zaki", both born 1960-04-21);
- an organisation's whole name spelt alike but for one or two letters (a long name) is its
  name ("IMENSAZAN"/"IMENSAZEN", "ORGANISATION"/"ORGANIZATION"); a shared name (an acronym)
  with the same country is enough too ("MUJAO", Mali);
- a listing that gives nothing but names (UN "Salah Badi") is linked on a name written alike
  that no other listing of the other publisher carries.

Each link's value says what agreed. Pure code: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import combinations

from rapidfuzz.distance import Levenshtein

from sanctionwatch.index.links import name_key
from sanctionwatch.match import get_algorithm, prepare
from sanctionwatch.match.prepared import PreparedEntity
from sanctionwatch.model import CompareResult, Entity, Link
from sanctionwatch.model.resources import read_yaml
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
#: the facts besides names a listing may give (one giving none is known by its names alone)
_FACTS = ("birthDate", "nationality", "country", "address", "passportNumber", "idNumber",
          "birthPlace", "imoNumber", "registrationNumber")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
#: a spelling is at least this long to be compared letter by letter; from _LONG on, two
#: letters may differ (one below)
_SHORT, _LONG = 10, 20


@dataclass(frozen=True, slots=True)
class _Side:
    entity: Entity
    publisher: str
    #: name keys, with the variants of _name_keys
    names: frozenset[str]
    #: the keys of the names as written (counted as "names shared")
    written: frozenset[str]
    families: frozenset[str]
    #: an organisation's names (and their bracketed parts) in letters and digits only
    spelled: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def programme_families() -> dict[tuple[str, str], frozenset[str]]:
    """(publisher, programme code) -> the families it belongs to, from resources/."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for family, codes in read_yaml("programmes.yml")["families"].items():
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
    spelled = frozenset() if is_person else frozenset(
        k for p in _NAME_PROPS for n in entity.get(p) for part in (n, *_BRACKETS.split(n))
        if len(k := _spelling(part)) >= _SHORT)
    return _Side(entity, publisher, names, written, families, spelled)


def _spelling(name: str) -> str:
    """The name in lower-case letters and digits, in its order ("P.L.C." is "plc")."""
    text = unicodedata.normalize("NFKD", name.casefold())
    return _NOT_ALNUM.sub("", "".join(c for c in text if not unicodedata.combining(c)))


def _spelt_alike(a: _Side, b: _Side) -> bool:
    """Whether two organisation names differ by a letter or, long ones, by two."""
    for left in a.spelled:
        for right in b.spelled:
            cutoff = 2 if min(len(left), len(right)) >= _LONG else 1
            if Levenshtein.distance(left, right, score_cutoff=cutoff) <= cutoff:
                return True
    return False


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
    """Pairs of name words, and a full birth date with each name word (a person's)."""
    pairs: set[str] = set()
    words: set[str] = set()
    for name in side.names:
        found = sorted({w for w in name.split() if len(w) > 2})
        words.update(found)
        pairs.update(f"{a} {b}" for a, b in combinations(found, 2))
    pairs.update(f"{day} {w}" for day in _full_dates(side.entity) for w in words)
    return pairs


def _full_dates(entity: Entity) -> set[str]:
    return {d for d in entity.get("birthDate") if len(d) == 10} if entity.schema == "Person" else set()


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


#: (publisher, written name key) -> how many of its listings carry the name
Carriers = Mapping[tuple[str, str], int]


def _agreement(a: _Side, b: _Side, result: CompareResult, carriers: Carriers) -> list[str]:
    """What the two records agree on, when it is enough to link them; empty when it is not,
    or when a strong fact conflicts."""
    facts = {f.name for f in result.explanation.features if f.value > 0}
    conflicts = {f.name for f in result.explanation.features if f.value < 0}
    written = len(a.written & b.written)
    agreed = [f"{written} names"] if written >= 2 else []
    if a.entity.schema == "Person":
        return _person_agreement(a, b, facts, conflicts, agreed, carriers)
    if conflicts & STRONG:
        return []
    whole = [n for n in a.names & b.names if " " in n]
    if whole or written >= 2:
        if written < 2:
            agreed.append("an organisation's whole name in one programme family")
        return agreed
    if _spelt_alike(a, b):
        return ["an organisation's name spelt alike"]
    if a.names & b.names and "country" in facts:
        return ["a shared name and country"]
    if _known_by_name_alone(a, b, carriers):
        return ["the only listing of that name"]
    return []


def _person_agreement(a: _Side, b: _Side, facts: set[str], conflicts: set[str],
                      agreed: list[str], carriers: Carriers) -> list[str]:
    shared = a.names & b.names
    written = len(a.written & b.written)
    if "date" in conflicts and _near_dates(a.entity, b.entity) and (
            written >= 2 or (written and "country" in facts)):
        conflicts = conflicts - {"date"}
        agreed.append("a birth date near the other")
    if conflicts & (STRONG | {"country"}):
        return []
    agreed += sorted(facts & {"date", "country", "identifier"})
    if _places(a.entity) & _places(b.entity):
        agreed.append("address")
    if written >= 2 or (shared and agreed) or ("date" in facts and len(agreed) >= 2):
        return agreed
    if _full_dates(a.entity) & _full_dates(b.entity):
        return [*agreed, "the full birth date"]
    if _known_by_name_alone(a, b, carriers):
        return [*agreed, "the only listing of that name"]
    return []


def _near_dates(a: Entity, b: Entity) -> bool:
    """Whether a birth date of one is one digit, one day or (years) one year from the
    other's: the same date transcribed differently."""
    for left in a.get("birthDate"):
        for right in b.get("birthDate"):
            if len(left) == len(right) and sum(x != y for x, y in zip(left, right)) == 1:
                return True
            if min(len(left), len(right)) == 4 and left[:4].isdigit() and right[:4].isdigit() \
                    and abs(int(left[:4]) - int(right[:4])) == 1:
                return True
            if len(left) == len(right) == 10 and _one_day(left, right):
                return True
    return False


def _one_day(left: str, right: str) -> bool:
    try:
        return abs((date.fromisoformat(left) - date.fromisoformat(right)).days) == 1
    except ValueError:
        return False


def _known_by_name_alone(a: _Side, b: _Side, carriers: Carriers) -> bool:
    """One of them gives nothing but names, and a name written alike is carried by no other
    listing of either publisher."""
    if all(any(side.entity.get(p) for p in _FACTS) for side in (a, b)):
        return False
    names = a.written & b.written
    return any(carriers.get((a.publisher, n)) == 1 and carriers.get((b.publisher, n)) == 1
               for n in names)


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
    carriers: dict[tuple[str, str], int] = defaultdict(int)
    for side in sides:
        for key in side.written:
            carriers[(side.publisher, key)] += 1
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
        agreed = _agreement(a, b, result, carriers)
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
