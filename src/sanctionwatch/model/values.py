"""Property values read by their FollowTheMoney type: the one place a value is normalised.

Users and publishers write the same fact in many ways (``Russia``, ``RUS``, ``643``,
``Russian``; ``M``, ``masculin``, ``мужской``; ``07.05.1966``). :func:`normalize_properties`
turns every value of a country, gender or date property into the form FollowTheMoney writes
(lower-case ISO alpha-2 or FtM territory code, ``male``/``female``/``other``, ISO date
prefix) and drops a value it cannot read, with a note saying so: an unreadable value is no
evidence, never a conflict. The matcher prepares every entity through it (query and listed
party alike), and the list parsers read countries with :func:`country_code`.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from sanctionwatch.model.tables import DerivedTable

#: values publishers write for "unknown"; never a country or a name
PLACEHOLDERS = frozenset({"", "-", "-0-", "na", "n/a", "none", "unknown", "not known"})
#: the FollowTheMoney types normalised here
TYPES = ("country", "gender", "date")
#: FollowTheMoney's genders
GENDERS = frozenset({"male", "female", "other"})

_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+")
#: spellings the publishers use that are not a territory's name or official name in rigour
_COUNTRY_SPELLINGS = {
    "Congo": "cg",
    "Iran (Islamic Republic of)": "ir",
    "Turkey": "tr",
    "Viet Nam": "vn",
    "China, Hong Kong Special Administrative Region": "hk",
    "former Soviet Union": "suhh",
    "Korea, North": "kp",
    "Korea, South": "kr",
    "Russia": "ru",
    "Syria": "sy",
    "Burma": "mm",
}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:$|[T ])")
#: day first, as most of the world writes it (07.05.1966, 7/5/1966, 07-05-1966)
_DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


def _clean(value: str) -> str:
    return _SPACE.sub(" ", value).strip()


def country_code(name: str | None) -> str | None:
    """The lower-case ISO alpha-2 code (or FtM territory code) for a country name or code.

    ``Democratic People's Republic of Korea``, ``Korea, North``, ``KP``, ``PRK``, ``408`` and
    ``North Korean`` all give ``kp``; placeholders (``na``, ``unknown``) and names
    FollowTheMoney does not know give None.
    """
    text = _clean(name or "")
    if text.lower() in PLACEHOLDERS:
        return None
    return _country_code(text)


@lru_cache(maxsize=4096)
def _country_code(text: str) -> str | None:
    """Look a name up in the fast table first; FollowTheMoney's full lookup (names in many
    languages, adjectives) builds a table of ~29,000 names on first use (about 3 s), so it is
    the fallback."""
    code = COUNTRY_NAMES.get().get(_country_key(text))
    if code is None and len(text) <= 200:
        code = ftm_country(text)
    return str(code) if code else None


def ftm_country(text: str) -> str | None:
    """What FollowTheMoney's ``registry.country.clean(text)`` gives (its text sanitised, then
    rigour's territory look-up), without importing followthemoney (1.4 s, on a first run)."""
    from normality.cleaning import remove_unsafe_chars
    from rigour.territories import lookup_territory

    cleaned = remove_unsafe_chars(unicodedata.normalize("NFC", text)).strip()
    territory = lookup_territory(cleaned) if cleaned else None
    return territory.ftm_country if territory is not None else None


def _country_key(text: str) -> str:
    return " ".join(_NOT_WORD.split(text.casefold())).strip()


def _build_country_names() -> dict[str, str]:
    """Territory codes (alpha-2, alpha-3, ISO numeric), names and official names, plus
    publishers' spellings rigour lacks."""
    from babel.core import get_global  # CLDR's ISO numeric codes
    from rigour.territories import get_territories

    names: dict[str, str] = {}
    for territory in get_territories():
        if territory.is_ftm:
            for value in (territory.code, territory.alpha3, territory.name, territory.full_name):
                if value:
                    names.setdefault(_country_key(value), str(territory.ftm_country))
    for numeric, codes in get_global("territory_aliases").items():
        alpha2 = str(codes[0]).lower() if codes else ""
        if numeric.isdigit() and len(numeric) == 3 and alpha2 in names:
            names.setdefault(numeric, names[alpha2])
    names.update({_country_key(k): v for k, v in _COUNTRY_SPELLINGS.items()})
    return names


#: the fast table of :func:`country_code`, about 50 ms to build (rigour's territories, CLDR)
COUNTRY_NAMES = DerivedTable("country_names", _build_country_names)


def normalize_gender(value: str) -> str | None:
    """FollowTheMoney's gender (``male``, ``female``, ``other``) for ``M``, ``Female``,
    ``masculin``, ``мужской``...; None when the value is not a gender."""
    text = _clean(value)
    if text in GENDERS:
        return text
    if not text or len(text) > 40:
        return None
    from followthemoney.types import registry  # slow to import; rarely needed

    cleaned = registry.gender.clean(text)
    return str(cleaned) if cleaned else None


def normalize_date(value: str) -> str | None:
    """An ISO date prefix from a date as written: ``1982-9-26``, ``1982-09-26T00:00:00``,
    ``26.09.1982`` or ``26/9/1982`` (day first; a day that cannot be a month swaps them) ->
    ``1982-09-26``. An impossible part is cut (``1966-02-30`` -> ``1966-02``); None when no
    year can be read."""
    text = _clean(value)
    match = _ISO_DATE.match(text)
    if match is not None:
        year, month, day = match.groups()
        if month and day and int(month) > 12 >= int(day):
            day, month = month, day
    elif (loose := _DAY_FIRST.match(text)) is not None:
        day, month, year = loose.groups()
        if int(month) > 12 >= int(day):
            day, month = month, day
    else:
        return None
    return _date_prefix(int(year), int(month) if month else None, int(day) if day else None)


def _date_prefix(year: int, month: int | None, day: int | None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        datetime.date(year, month, day)
    except ValueError:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


_NORMALIZERS = {"country": country_code, "gender": normalize_gender, "date": normalize_date}


#: property name -> FollowTheMoney type, for the types read here (a property name has one
#: type across the model; tests/model/test_values.py checks this table against it, so that
#: screening need not import followthemoney)
PROPERTY_TYPES: Mapping[str, str] = {
    **dict.fromkeys((
        "birthCountry", "citizenship", "contextCountry", "country", "departureCountry",
        "destinationCountry", "detectedCountry", "flag", "jurisdiction", "mainCountry", "nationality",
        "originCountry", "pastFlags", "tradingCountry",
    ), "country"),
    **dict.fromkeys((
        "authoredAt", "awardNoticeDate", "awardingDate", "balanceDate", "birthDate", "buildDate",
        "clarificationDeadline", "closeDate", "closingDate", "contractDate", "contractNoticeDate",
        "createDate", "createdAt", "creationDate", "date", "deathDate", "declarationDate",
        "deregistrationDate", "dissolutionDate", "electionDate", "endDate", "fileDate",
        "inceptionDate", "incorporationDate", "issueDate", "listingDate", "maturityDate",
        "maxBalanceDate", "modifiedAt", "nameChangeDate", "openingDate", "periodEnd", "periodStart",
        "processedAt", "publicationDate", "publishedAt", "registrationDate", "retrievedAt",
        "startDate", "submissionDeadline",
    ), "date"),
    "gender": "gender",
}


def property_type(prop: str) -> str | None:
    """The FollowTheMoney type read here of a property: ``country``, ``gender``, ``date``."""
    return PROPERTY_TYPES.get(prop)


def _as_text(value: str) -> str | None:
    """The value without code points Unicode leaves unassigned (no script holds them, and
    transliterators fail on them); None for a string no text can hold (a lone surrogate, as
    a broken decoder leaves)."""
    if value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    if all(unicodedata.category(c) != "Cn" for c in value):
        return value
    return "".join(c for c in value if unicodedata.category(c) != "Cn").strip() or None


def normalize_properties(
    properties: Mapping[str, tuple[str, ...]],
) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Every country, gender and date value in FollowTheMoney's form, other values as given
    (those that are not valid Unicode dropped); and a note for each value dropped because it
    could not be read."""
    out: dict[str, tuple[str, ...]] = {}
    notes: list[str] = []
    for prop, values in properties.items():
        kind = PROPERTY_TYPES.get(prop)
        if kind is None and "".join(values).isascii():  # every value ASCII: as given
            out[prop] = values
            continue
        read: list[str] = []
        for value in values:
            text = _as_text(value)
            if text is None:
                notes.append(f"{prop} {value!r} is not valid Unicode: not compared")
                continue
            norm = text if kind is None else _NORMALIZERS[kind](text)
            if norm is None:
                shown = value if len(value) <= 40 else value[:37] + "..."
                notes.append(f"{prop} {shown!r} is not a {kind}: not compared")
            elif norm not in read:
                read.append(norm)
        if read:
            out[prop] = tuple(read)
    return out, tuple(notes)
