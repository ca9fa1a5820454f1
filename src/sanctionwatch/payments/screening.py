"""Screen a payment before it moves: every party, identifier, country and line of free text.

- each party's name through the matching engine (:func:`sanctionwatch.screen.screen`), as the
  schema its role allows: an agent is an ``Organization`` (a bank), a customer a
  ``LegalEntity`` (a person or an organisation), with the countries the party is tied to;
- each BIC through the index's identifiers: a listed BIC8 is the bank, so every branch of it
  (a BIC11) is held too; each IBAN-shaped account and LEI the same way;
- the free text (MT 70/72/77B, ISO RmtInf, purpose, instructions) through the text engine, as
  written and with its lines joined (so a name or an IMO number split across lines is found),
  and for IMO numbers and BICs of listed parties;
- countries and place names against :mod:`.jurisdictions`;
- a cover payment without its underlying customer transfer is held (stripping).

Any hit holds the payment; so does a message that cannot be read (fail closed). Nothing here
does I/O: the index, the text screener and the rules are built by the caller.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rigour.names import replace_org_types_compare

from sanctionwatch.exc import PaymentError, QueryError
from sanctionwatch.index import Index
from sanctionwatch.match import DEFAULT_THRESHOLD
from sanctionwatch.model import Match
from sanctionwatch.model.query import make_query
from sanctionwatch.names import name_forms, normalize_name
from sanctionwatch.names.forms import is_weak
from sanctionwatch.names.identifiers import is_valid_id, normalize_id
from sanctionwatch.names.text import HAN, HANGUL, KANA, char_script
from sanctionwatch.payments.jurisdictions import Jurisdictions, default_jurisdictions
from sanctionwatch.payments.messages import MAX_MESSAGE_BYTES, read_payments
from sanctionwatch.payments.model import FreeText, Located, Party, Payment, iban_country
from sanctionwatch.screen import ScreeningConfig, screen, warm_index
from sanctionwatch.text import TextScreener

HOLD, PASS = "hold", "pass"
#: an MT narrative line holds at most this many characters: a full line may break a word
MT_LINE = 35
#: how many party look-ups are remembered (the same banks and customers recur)
PARTY_CACHE = 50_000
#: a name in these scripts of at most this many letters is a weak identifier of a person
CJK_SCRIPTS = frozenset({HAN, HANGUL, KANA})
CJK_SHORT = 3
_CODEWORD = re.compile(r"^/[A-Z0-9]{2,8}/|^//")
_IMO = re.compile(r"IMO[\s:.#-]*((?:\d\s?){7})", re.IGNORECASE)
_DIGITS = re.compile(r"(?<!\d)\d{7}(?!\d)")
_BIC_TOKEN = re.compile(r"\b[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b")


@dataclass(frozen=True, slots=True)
class EntityRef:
    id: str
    caption: str
    schema: str
    datasets: tuple[str, ...]
    #: the first id of its cluster: two listings of one party share it (one hit for both)
    cluster: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "caption": self.caption, "schema": self.schema,
                "datasets": list(self.datasets)}


@dataclass(frozen=True, slots=True)
class Hit:
    """One reason to hold: what was seen where, and the listed entity or rule it hit."""

    kind: str  # party | bic | account | text | jurisdiction
    field: str
    role: str
    value: str
    explanation: str
    entity: EntityRef | None = None
    score: float | None = None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "field": self.field, "role": self.role,
                                   "value": self.value}
        if self.entity is not None:
            data["entity"] = self.entity.to_dict()
        if self.score is not None:
            data["score"] = round(self.score, 4)
        data["explanation"] = self.explanation
        return data


@dataclass(frozen=True, slots=True)
class PaymentResult:
    """The verdict on one payment (or on a message that could not be read)."""

    source: str
    index: int
    type: str | None
    reference: str | None
    uetr: str | None
    verdict: str
    reasons: tuple[str, ...]
    hits: tuple[Hit, ...] = ()
    payment: Payment | None = None
    error: str | None = None

    @property
    def is_held(self) -> bool:
        return self.verdict == HOLD

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "message": {"file": self.source, "index": self.index, "type": self.type,
                        "reference": self.reference, "uetr": self.uetr},
            "verdict": self.verdict, "reasons": list(self.reasons),
            "hits": [h.to_dict() for h in self.hits],
        }
        if self.error is not None:
            data["error"] = self.error
        return data


@dataclass(frozen=True, slots=True)
class PaymentConfig:
    """How to screen payments: the name-match threshold and the text engine's."""

    threshold: float = DEFAULT_THRESHOLD
    #: a name match scoring this holds whatever the party's countries; under it, the match
    #: must still reach the threshold with the countries in the query
    strong: float = 0.85
    max_bytes: int = MAX_MESSAGE_BYTES


def unreadable(error: PaymentError, index: int = 1) -> PaymentResult:
    """A message that cannot be read is held, with the reason (fail closed)."""
    source = error.message.rpartition("#")[0] or error.message
    return PaymentResult(source, index, None, None, None, HOLD,
                         (f"unreadable message: {error}",), error=str(error))


@dataclass(eq=False)
class PaymentScreener:
    """Screens payments against one index (and its text gazetteer)."""

    index: Index
    text: TextScreener | None
    jurisdictions: Jurisdictions = field(default_factory=default_jurisdictions)
    config: PaymentConfig = field(default_factory=PaymentConfig)
    _parties: OrderedDict[tuple[str, str, tuple[str, ...]], tuple[Match, ...]] = field(
        default_factory=OrderedDict)

    def warm(self) -> None:
        """Prepare every listed entity for comparison now (a few seconds), so that no payment
        of a long-running process pays for its first look at a listing: the slowest 1% of
        payments spent about a third of their time on that."""
        warm_index(self.index)

    def screen_bytes(self, data: bytes, source: str) -> list[PaymentResult]:
        """Every payment of a file or request body, each with its verdict."""
        results: list[PaymentResult] = []
        for item in read_payments(data, source, self.config.max_bytes):
            if isinstance(item, PaymentError):
                results.append(unreadable(item, len(results) + 1))
            else:
                results.append(self.screen(item))
        return results

    def screen(self, payment: Payment) -> PaymentResult:
        hits: list[Hit] = []
        for party in payment.parties:
            hits.extend(self._party(party))
        for text in payment.texts:
            hits.extend(self._text(text))
        hits = _unique(hits)
        reasons = [_reason(h) for h in hits]
        if payment.is_cover and not any(p.is_underlying and p.role in ("debtor", "creditor")
                                        for p in payment.parties):
            reasons.append("cover payment without its underlying customer transfer (ordering "
                           "and beneficiary customers missing): possible stripping")
        return PaymentResult(payment.source, payment.index, payment.type, payment.reference,
                             payment.uetr, HOLD if reasons else PASS, tuple(reasons),
                             tuple(hits), payment)

    def _party(self, party: Party) -> Iterator[Hit]:
        role = f"{party.role} (underlying)" if party.is_underlying else party.role
        if party.name is not None:
            yield from self._name(party, role)
        if party.bic is not None:
            yield from self._bic(party.bic, role)
        if party.account is not None and iban_country(party.account.value):
            yield from self._identifier(party.account, role, "account", "account")
        for identifier in party.identifiers:
            if len(normalize_id(identifier.value)) == 20:  # LEI-shaped
                yield from self._identifier(identifier, role, "party", "identifier")
        for country in party.countries():
            if (found := self.jurisdictions.country(country.value)) is not None:
                yield Hit("jurisdiction", country.field, role, country.value.upper(),
                          f"{found.label} is under comprehensive sanctions")
        if party.address is not None:
            for part in party.address.parts:
                yield from self._places(part, role)

    def _name(self, party: Party, role: str) -> Iterator[Hit]:
        """A name match strong enough holds whatever the address (a front company gives any
        address, and a country that differs would lower the score of the very name the
        payment must be held for: 0.95 -> 0.60 for KOMID's trading arm with a Spanish
        address); a weaker one holds when the party's countries do not contradict it
        ("ABC Corporation" of New York is not the Russian "ABC" LLC), and a name written
        exactly as listed counts as strong ("GAZ GROUP" is GAZ GROUP). A name that cannot
        identify a person on its own (:func:`_is_weak_identifier`: "Moreno", "Green LLC",
        김광수) holds for a listed person only when a fact of the party supports it (a
        country the listing has too), or when the party has no country to check. A
        spelled-out name whose initials are a listed acronym ("Petit Carlier et Fils" and
        PCF) is no match."""
        assert party.name is not None
        name = party.name.value
        schema = _schema(party)
        countries = tuple(sorted({c.value for c in party.countries()}))
        cut = self.config.strong if _is_distinctive(name) else 1.01
        found = tuple(m for m in self._matches(schema, name, ()) if not _by_initials(m, name))
        weak = {m.entity.id for m in found if _is_weak_identifier(m, name)}
        sure = {m.entity.id for m in found if m.entity.id not in weak and
                (m.score >= cut or _is_written_as_listed(m, name))}
        if countries and len(sure) < len(found):
            agreed = {m.entity.id: m for m in self._matches(schema, name, countries)}
            found = tuple(agreed.get(m.entity.id, m) for m in found if m.entity.id in sure or (
                m.entity.id in agreed and (m.entity.id not in weak or
                                           _is_supported(agreed[m.entity.id]))))
        for match in found:
            yield Hit("party", party.name.field, role, name, match.explanation.summary,
                      _ref(match), match.score)

    def _matches(self, schema: str, name: str, countries: tuple[str, ...]
                 ) -> tuple[Match, ...]:
        """The listed parties a name (with these countries) matches, remembered."""
        key = (schema, name, countries)
        found = self._parties.get(key)
        if found is not None:
            self._parties.move_to_end(key)
            return found
        properties = {"name": [name], "country": list(countries)} if countries else \
            {"name": [name]}
        try:
            query = make_query("party", schema, properties)
            result = screen(self.index, query, ScreeningConfig(
                threshold=self.config.threshold, limit=3, min_score=self.config.threshold))
            found = tuple(m for m in result.matches if m.is_match)
        except QueryError:
            found = ()  # a name of legal forms or stop-words only: nothing to match
        self._parties[key] = found
        if len(self._parties) > PARTY_CACHE:
            self._parties.popitem(last=False)
        return found

    def _bic(self, bic: Located, role: str) -> Iterator[Hit]:
        norm = normalize_id(bic.value, "swiftBic")
        seen = False
        for entity, how in ((self._listed(norm), "is listed"),
                            (self._listed(norm[:8]) if len(norm) == 11 else (), "is a branch "
                             "of a listed bank (BIC8 " + norm[:8] + ")")):
            for ref in entity:
                if not seen or how == "is listed":
                    yield Hit("bic", bic.field, role, bic.value, f"BIC {bic.value} {how}",
                              ref, 1.0)
                seen = True

    def _identifier(self, value: Located, role: str, kind: str, what: str) -> Iterator[Hit]:
        for ref in self._listed(normalize_id(value.value)):
            yield Hit(kind, value.field, role, value.value,
                      f"{what} {value.value} is an identifier of the listed entity", ref, 1.0)

    def _listed(self, norm: str) -> tuple[EntityRef, ...]:
        positions = self.index.identifiers.get(norm, ())
        return tuple(_entity_ref(self.index, self.index.entity_ids[p]) for p in positions)

    def _places(self, value: Located, role: str) -> Iterator[Hit]:
        for found in self.jurisdictions.places_in(value.value):
            yield Hit("jurisdiction", value.field, role, value.value,
                      f"{found.place!r} is in {found.jurisdiction.label}, under comprehensive "
                      "sanctions")

    def _text(self, text: FreeText) -> Iterator[Hit]:
        role = text.kind
        for variant, where in _variants(text):
            if self.text is not None:
                for mention in self.text.screen_text(variant).mentions:
                    info = mention.entity
                    yield Hit("text", _field_at(text, where, variant, mention.start), role,
                              mention.text, f"{info.caption} named in the text ({mention.method})",
                              EntityRef(info.id, info.caption, info.schema, info.datasets,
                                        min(self.index.collection.cluster(info.id))),
                              mention.score)
            yield from self._numbers(variant, text, where, role)
            for place in self.jurisdictions.places_in(variant):
                yield Hit("jurisdiction", where[0].field, role, place.place,
                          f"{place.place!r} is in {place.jurisdiction.label}, under "
                          "comprehensive sanctions")

    def _numbers(self, variant: str, text: FreeText, where: list[Located], role: str
                 ) -> Iterator[Hit]:
        """IMO numbers (with or without the IMO prefix, a valid check digit) and BICs of
        listed parties named in free text."""
        numbers = {m.group(1).replace(" ", "") for m in _IMO.finditer(variant)}
        numbers.update(m.group() for m in _DIGITS.finditer(variant))
        for number in sorted(numbers):
            if is_valid_id(number, "imoNumber"):
                for ref in self._listed(number):
                    yield Hit("text", _field_of(text, where, number), role, f"IMO {number}",
                              f"IMO number {number} of the listed {ref.schema.lower()} "
                              f"{ref.caption}", ref, 1.0)
        for token in set(_BIC_TOKEN.findall(variant)):
            norm = normalize_id(token, "swiftBic")
            for ref in self._listed(norm) or self._listed(norm[:8]):
                if ref.schema != "Vessel":
                    yield Hit("bic", _field_of(text, where, token), role, token,
                              f"BIC {token} in the text is a listed bank's", ref, 1.0)


def _variants(text: FreeText) -> Iterator[tuple[str, list[Located]]]:
    """The text with MT codewords and ``//`` continuation marks taken out, its lines joined
    by spaces, and (when a full line may have broken a word) joined without."""
    lines = [Located(_CODEWORD.sub("", line.value).strip(), line.field) for line in text.lines]
    lines = [line for line in lines if line.value]
    if not lines:
        return
    spaced = " ".join(line.value for line in lines)
    yield spaced, lines
    if any(len(line.value) >= MT_LINE - 2 for line in text.lines[:-1]):
        glued = "".join(line.value if len(raw.value) >= MT_LINE - 2 else line.value + " "
                        for line, raw in zip(lines, text.lines, strict=False)).strip()
        if glued != spaced:
            yield glued, lines


def _field_at(text: FreeText, lines: list[Located], variant: str, start: int) -> str:
    """The field path of the line a character offset of a joined text falls on."""
    offset = 0
    for line in lines:
        offset += len(line.value) + 1
        if start < offset:
            return line.field
    return lines[-1].field if lines else text.lines[0].field


def _field_of(text: FreeText, lines: list[Located], value: str) -> str:
    compact = value.replace(" ", "")
    for line in lines:
        if compact[:4] in line.value.replace(" ", ""):
            return line.field
    return lines[0].field if lines else text.lines[0].field


def _schema(party: Party) -> str:
    """What the role allows: an agent is a bank; a customer a person or an organisation, an
    organisation when its name carries a legal form (``Otto AG``)."""
    if party.is_agent:
        return "Organization"
    assert party.name is not None
    lowered = party.name.value.lower()
    return "Organization" if replace_org_types_compare(lowered, generic=True) != lowered \
        else "LegalEntity"


def _by_initials(match: Match, name: str) -> bool:
    """Whether a name of several words matched only through a listed acronym: no evidence
    ("Petit Carlier et Fils" is not PCF; written in full, PCF's name matches itself)."""
    words = max((len(form.tokens) for form in name_forms(name)), default=0)
    return words > 1 and any(
        f.name == "name" and f.note == "acronym" for f in match.explanation.features)


def _is_weak_identifier(match: Match, name: str) -> bool:
    """Whether a name matched to a listed person says too little to be that person: a name
    of one strong word ("Moreno", "Martin Group": people are named by more than one name), or
    a name in Han, Hangul or kana of at most 3 letters (김광수, 张磊: a few thousand family and
    given names make up most of them, so the commonest are each borne by many thousands)."""
    if match.entity.schema != "Person":
        return False
    forms = name_forms(name)
    if all(len(form.strong_tokens) <= 1 for form in forms):
        return True
    letters = [c for c in name if c.isalpha()]
    return len(letters) <= CJK_SHORT and all(char_script(c) in CJK_SCRIPTS for c in letters)


def _is_supported(match: Match) -> bool:
    """Whether a fact besides the name speaks for the match (a country both share)."""
    return any(f.name != "name" and f.value > 0 for f in match.explanation.features)


def _is_written_as_listed(match: Match, name: str) -> bool:
    """Whether the party's name, every word of it, is a listed name of the entity (in any
    order, after normalisation): "GAZ GROUP" for GAZ GROUP, not "ABC Corporation" for "ABC"
    LLC nor "Gross Ltd" for LIMITED LIABILITY COMPANY GROSS."""
    written = sorted(normalize_name(name).split())
    return bool(written) and any(
        sorted(normalize_name(listed).split()) == written
        for f in match.explanation.features if f.name == "name" for listed in f.candidate_values)


def _is_distinctive(name: str) -> bool:
    """Whether a name has a word of at least 4 characters besides legal forms and stop-words
    ("Corporation Aa" has not: its match on a listed person's initials needs the countries)."""
    return any(len(t) >= 4 and not is_weak(t) for form in name_forms(name) for t in form.tokens)


def _entity_ref(index: Index, entity_id: str) -> EntityRef:
    entity = index.collection.entities[entity_id]
    return EntityRef(entity.id, entity.caption, entity.schema,
                     tuple(index.collection.cluster_datasets(entity_id)),
                     min(index.collection.cluster(entity_id)))


def _ref(match: Match) -> EntityRef:
    return EntityRef(match.entity.id, match.entity.caption, match.entity.schema,
                     tuple(match.datasets), min((match.entity.id, *match.linked)))


def _unique(hits: Iterable[Hit]) -> list[Hit]:
    """Each (kind, field, entity or rule) once, the best score kept."""
    best: dict[tuple[str, str, str, str], Hit] = {}
    for hit in hits:
        key = (hit.kind, hit.field, hit.entity.cluster or hit.entity.id if hit.entity else
               hit.explanation, hit.role)
        old = best.get(key)
        if old is None or (hit.score or 0.0) > (old.score or 0.0):
            best[key] = hit
    return list(best.values())


def _reason(hit: Hit) -> str:
    target = f"listed {hit.entity.caption} ({hit.score:.2f})" if hit.entity and \
        hit.score is not None else hit.explanation
    return f"{hit.kind} hit at {hit.field} ({hit.role}): {hit.value!r} -> {target}"
