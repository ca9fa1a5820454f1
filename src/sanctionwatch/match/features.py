"""The secondary features of a pair: identifiers, dates, countries, gender, schema, position.

Each feature returns a value in [-1, 1] (positive supports a match, negative speaks against it,
0 is no evidence) with a short note and the values it compared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sanctionwatch.match.prepared import PreparedEntity
from sanctionwatch.match.schemata import schemata_compatible
from sanctionwatch.names.identifiers import CONFLICTING_IDS, id_kind, is_valid_id, same_bank

#: the properties that hold SWIFT/BIC codes
BIC_PROPERTIES = frozenset({"swiftBic", "bic"})
#: the identifier kinds unique to one party, in the order a conflict is looked for
CONFLICTING_ORDER = tuple(sorted(CONFLICTING_IDS))


@dataclass(frozen=True, slots=True)
class FeatureValue:
    """A feature computed for a pair, before weighting."""

    value: float
    note: str = ""
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()


NONE = FeatureValue(0.0)


def _shared_id(left: PreparedEntity, right: PreparedEntity, lprop: str, rprop: str, norm: str,
               raws: tuple[str, str]) -> FeatureValue:
    """One identifier both sides carry, weighed by the stronger of its two kinds."""
    kind, prop = max((id_kind(lprop), lprop), (id_kind(rprop), rprop),
                     key=lambda pair: pair[0].strength)
    value, note = kind.strength, f"{prop} {raws[0]} matches"
    if not is_valid_id(norm, prop):
        value, note = 0.8 * value, f"{note} (its check digits fail)"
    issued = (left.id_countries.get(norm), right.id_countries.get(norm))
    if issued[0] and issued[1] and issued[0] != issued[1]:
        value, note = 0.3, f"{prop} {raws[0]} matches, issued by another country"
    return FeatureValue(value, note, (raws[0],), (raws[1],))


def _related_bank(left: PreparedEntity, right: PreparedEntity) -> FeatureValue:
    """A SWIFT/BIC of another location or branch of the same bank: related, not a conflict."""
    for lprop, lnorm, lraw in left.ids:
        for rprop, rnorm, rraw in right.ids:
            if BIC_PROPERTIES & {lprop, rprop} and same_bank(lnorm, rnorm):
                note = f"swiftBic {lraw} and {rraw}: the same bank, another branch"
                return FeatureValue(0.5, note, (lraw,), (rraw,))
    return NONE


def identifier_feature(left: PreparedEntity, right: PreparedEntity) -> FeatureValue:
    """+1 when an identifier is shared (any kind against any kind: a query's id number may be
    a passport, an IMO or a tax number), less for kinds a party may share or a value that
    fails its checksum; +0.5 for two branches of one bank (BIC); -1 when both carry valid
    values of a kind unique to one party (IMO, INN, OGRN, LEI, BIC of another bank...) and
    none is shared."""
    if not left.ids or not right.ids:
        return NONE
    right_values: dict[str, tuple[str, str]] = {}
    for prop, norm, raw in right.ids:
        right_values.setdefault(norm, (prop, raw))
    best = NONE
    for prop, norm, raw in left.ids:
        if norm in right_values:
            other_prop, other_raw = right_values[norm]
            found = _shared_id(left, right, prop, other_prop, norm, (raw, other_raw))
            if found.value > best.value:
                best = found
    if best is not NONE:
        return best
    related = _related_bank(left, right)
    if related is not NONE:
        return related
    shared_kinds = {p for p, _, _ in left.ids} & {p for p, _, _ in right.ids}
    for kind in (k for k in CONFLICTING_ORDER if k in shared_kinds):
        lvals = [raw for p, norm, raw in left.ids if p == kind and is_valid_id(norm, p)]
        rvals = [raw for p, norm, raw in right.ids if p == kind and is_valid_id(norm, p)]
        if lvals and rvals:
            return FeatureValue(-1.0, f"{kind} differs", tuple(lvals), tuple(rvals))
    return NONE


def _date_pair(a: str, b: str, approx: bool) -> tuple[float, str]:
    """How two ISO date prefixes agree: (value, reason)."""
    if a == b:
        return (1.0, "matches") if len(a) >= 10 else (0.7, "matches")
    ya, yb = a[:4], b[:4]
    if not (ya.isdigit() and yb.isdigit()):
        return 0.0, ""
    if ya == yb:
        if len(a) >= 10 and len(b) >= 10:
            if a[5:7] == b[8:10] and a[8:10] == b[5:7]:
                return 0.8, "matches with day and month swapped"
            return -0.3, "differs in month or day"
        if a.startswith(b) or b.startswith(a):
            return 0.7, "year matches"
        return -0.3, "differs in month"
    gap = abs(int(ya) - int(yb))
    if approx and gap <= 2:
        return 0.3, "approximately matches"
    if gap == 1:
        return -0.1, "differs by a year"
    return -1.0, "conflicts"


def date_feature(left: PreparedEntity, right: PreparedEntity) -> FeatureValue:
    """Birth (or incorporation, build) dates: exact, year, range, approximate and day-month
    swapped agreement; a conflict when no pair of values is compatible."""
    if not left.dates or not right.dates:
        return NONE
    approx = left.is_date_approx or right.is_date_approx
    best, reason = -2.0, ""
    for a in left.dates:
        for b in right.dates:
            value, why = _date_pair(a, b, approx)
            if value > best:
                best, reason = value, why
    return FeatureValue(best, f"birth date {reason}", left.dates, right.dates)


def country_feature(left: PreparedEntity, right: PreparedEntity) -> FeatureValue:
    """+1 when a nationality (jurisdiction, flag; a non-person's country) is shared, -1 when
    both have some and none is shared."""
    if not left.countries or not right.countries:
        return NONE
    lvals, rvals = tuple(sorted(left.countries)), tuple(sorted(right.countries))
    if left.countries & right.countries:
        return FeatureValue(1.0, "country matches", lvals, rvals)
    return FeatureValue(-1.0, "country differs", lvals, rvals)


def loose_country_feature(left: PreparedEntity, right: PreparedEntity) -> FeatureValue:
    """Where :func:`country_feature` cannot decide, because a side gives only a person's
    country of residence or business: +1 when any country is shared, -1 when none is (a
    person lives abroad more often than they change nationality, so it weighs less)."""
    if left.countries and right.countries:
        return NONE
    lall, rall = left.countries | left.loose_countries, right.countries | right.loose_countries
    if not lall or not rall:
        return NONE
    lvals, rvals = tuple(sorted(lall)), tuple(sorted(rall))
    if lall & rall:
        return FeatureValue(1.0, "country of residence matches", lvals, rvals)
    return FeatureValue(-1.0, "country of residence differs", lvals, rvals)


def gender_feature(left: PreparedEntity, right: PreparedEntity) -> FeatureValue:
    if left.gender is None or right.gender is None:
        return NONE
    value = 1.0 if left.gender == right.gender else -1.0
    note = "gender matches" if value > 0 else "gender differs"
    return FeatureValue(value, note, (left.gender,), (right.gender,))


def schema_feature(left: PreparedEntity, right: PreparedEntity) -> FeatureValue:
    """-1 when the schemata cannot describe the same party (a Person and a Vessel)."""
    if schemata_compatible(left.schema, right.schema):
        return NONE
    return FeatureValue(-1.0, "schemata differ", (left.schema,), (right.schema,))


def position_feature(left: PreparedEntity, right: PreparedEntity) -> FeatureValue:
    if not left.positions or not right.positions:
        return NONE
    shared = left.positions & right.positions
    if not shared:
        return NONE
    share = len(shared) / min(len(left.positions), len(right.positions))
    return FeatureValue(share, "position matches", tuple(sorted(shared)), tuple(sorted(shared)))


def property_feature(left: PreparedEntity, right: PreparedEntity) -> FeatureValue:
    """For entities without names (Ownership, Directorship, Family, Occupancy...): the share
    of common properties whose values agree, minus those that conflict."""
    lprops, rprops = dict(left.other), dict(right.other)
    common = sorted(set(lprops) & set(rprops))
    if not common:
        return NONE
    agree = [p for p in common if lprops[p] & rprops[p]]
    conflict = [p for p in common if not lprops[p] & rprops[p]]
    value = (len(agree) - len(conflict)) / len(common)
    note = f"{len(agree)} of {len(common)} properties agree"
    return FeatureValue(value, note, tuple(agree), tuple(conflict))


#: the secondary features, cheapest first; each emits ``<key>_match`` (its positive part) and
#: ``<key>_conflict`` (its negative part), and every one of those needs a weight
SECONDARY: tuple[tuple[str, Callable[[PreparedEntity, PreparedEntity], FeatureValue]], ...] = (
    ("identifier", identifier_feature),
    ("date", date_feature),
    ("country", country_feature),
    ("residence", loose_country_feature),
    ("gender", gender_feature),
    ("schema", schema_feature),
    ("position", position_feature),
    ("properties", property_feature),
)
#: the features the name comparison gives
NAME_FEATURES: tuple[str, ...] = ("name", "name_min", "name_single_token", "name_written",
                                   "name_conflict", "name_contained")
#: every feature the default algorithm can emit, in the weights' order
FEATURES: tuple[str, ...] = NAME_FEATURES + tuple(
    f"{key}_{part}" for key, _ in SECONDARY for part in ("match", "conflict")
)
