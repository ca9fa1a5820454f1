"""One payment model for every message format: parties with roles, agents with BICs, addresses,
accounts, amounts, references and free text, each value with the field it was read from.

A value is a :class:`Located`: the text as written and its field path, in the message's own
terms (``:59F: line 2`` in an MT, ``CdtTrfTxInf/Cdtr/Nm`` in ISO 20022), so that a hit can
name the field an operator should look at. Roles use ISO 20022's vocabulary whatever the format
(an MT103's 50K ordering customer is the ``debtor``, its 57A the ``creditor_agent``), so the MT
and ISO 20022 forms of one payment give the same parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sanctionwatch.model.values import country_code
from sanctionwatch.names.identifiers import is_bic

#: roles a financial institution holds (an agent: screened as a bank)
AGENT_ROLES = frozenset({
    "sender", "receiver", "instructing_agent", "instructed_agent", "debtor_agent",
    "creditor_agent", "intermediary_agent", "instructing_reimbursement_agent",
    "instructed_reimbursement_agent", "third_reimbursement_agent", "assigner", "assignee",
    "case_creator", "account_servicer", "previous_instructing_agent", "forwarding_agent",
})
#: roles of customers (a person or an organisation)
CUSTOMER_ROLES = frozenset({
    "debtor", "creditor", "ultimate_debtor", "ultimate_creditor", "initiating_party",
    "originator", "instructing_party",
})
_IBAN = re.compile(r"^[A-Z]{2}[0-9]{2}[0-9A-Z]{10,30}$")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[A-Za-z]+")


def clean(value: str | None) -> str:
    """Text with its runs of white space (line breaks, indentation) made one space."""
    return _SPACES.sub(" ", value or "").strip()


@dataclass(frozen=True, slots=True)
class Located:
    """A value as written in the message and where: its field path."""

    value: str
    field: str


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address: its parts (structured elements or free lines) in message order and the
    country code it states, when it states one."""

    parts: tuple[Located, ...] = ()
    country: Located | None = None

    @property
    def text(self) -> str:
        return ", ".join(p.value for p in self.parts if p.value)


@dataclass(frozen=True, slots=True)
class Party:
    """A party of a payment in one role: a customer or an agent (a financial institution)."""

    role: str
    #: where the party sits in the message (``:50F:``, ``CdtTrfTxInf/Dbtr``)
    field: str
    name: Located | None = None
    bic: Located | None = None
    account: Located | None = None
    address: Address | None = None
    #: other identifiers (clearing system member ids, organisation ids), as written
    identifiers: tuple[Located, ...] = ()
    country_of_residence: Located | None = None
    #: identified as a financial institution (an agent, or an FI debtor/creditor in pacs.009)
    is_agent: bool = False
    #: a party of the underlying customer transfer of a cover payment
    is_underlying: bool = False

    @property
    def bic8(self) -> str | None:
        """The bank of the BIC (its first 8 characters), when there is a well-formed BIC."""
        code = normalize_bic(self.bic.value) if self.bic else None
        return code[:8] if code else None

    def countries(self) -> list[Located]:
        """Every country this party is tied to: address, residence, BIC, IBAN (lower-case
        ISO codes, each with the field it came from)."""
        found: list[Located] = []
        if self.address is not None and self.address.country is not None:
            found.append(self.address.country)
        if self.country_of_residence is not None:
            found.append(self.country_of_residence)
        code = normalize_bic(self.bic.value) if self.bic else None
        if code and self.bic is not None:
            found.append(Located(code[4:6], self.bic.field))
        if self.account is not None and (iban := iban_country(self.account.value)):
            found.append(Located(iban, self.account.field))
        return [Located(c.value.lower(), c.field) for c in found if len(c.value) == 2]


@dataclass(frozen=True, slots=True)
class FreeText:
    """Free text of a payment (remittance, instructions, purpose, regulatory reporting)."""

    kind: str
    lines: tuple[Located, ...]

    @property
    def text(self) -> str:
        return " ".join(line.value for line in self.lines)


@dataclass(frozen=True, slots=True)
class Payment:
    """One payment (one transaction of a message), ready to screen."""

    #: the file or request it came from, and its position there (from 1)
    source: str
    index: int
    #: the message type: ``MT103``, ``MT202COV``, ``pacs.008.001.08`` (version from the namespace)
    type: str
    reference: str | None = None
    uetr: str | None = None
    end_to_end_id: str | None = None
    amount: str | None = None
    currency: str | None = None
    parties: tuple[Party, ...] = ()
    texts: tuple[FreeText, ...] = ()
    #: a cover payment (MT202COV, pacs.009 COV): it must carry its underlying customer transfer
    is_cover: bool = False
    #: the message as received (for display), and what the parser noted but tolerated
    raw: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return f"{self.source}#{self.index}"

    def underlying(self) -> tuple[Party, ...]:
        return tuple(p for p in self.parties if p.is_underlying)


def normalize_bic(value: str) -> str | None:
    """A BIC upper-cased without spaces, 8 or 11 characters (``XXX`` branch kept), or None when
    the value is not shaped like one."""
    code = "".join(value.split()).upper()
    return code if is_bic(code) else None


def iban_country(value: str) -> str | None:
    """The country of an IBAN (its first two letters), when the value is shaped like one."""
    code = "".join(value.split()).upper().lstrip("/")
    return code[:2] if _IBAN.match(code) else None


def free_line_country(parts: tuple[Located, ...]) -> Located | None:
    """The country an unstructured address states on its last line: the whole line
    (``US``, ``Netherlands``) or its last word of letters (``LEKKI LAGOS NIGERIA``,
    ``SAN FRANCISCO CA 94105 US``)."""
    if not parts:
        return None
    last = parts[-1]
    code = country_code(last.value) if len(last.value) <= 40 else None
    if code is None:
        words = _WORD.findall(last.value)
        if words and (len(words[-1]) > 3 or last.value.rstrip().endswith(words[-1])):
            code = country_code(words[-1])
    return Located(code.upper(), last.field) if code and len(code) == 2 else None
