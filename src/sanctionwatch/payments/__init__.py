"""Payments: SWIFT MT and ISO 20022 messages read into one model and screened before they move.

:func:`read_payments` turns the bytes of a file or request (an MT message, an RJE file of many,
an ISO 20022 message or file of many transactions) into :class:`Payment` records -- parties with
roles, agents with BICs, addresses, countries, accounts, amounts, references and free text, each
value with its field path -- and a :class:`~sanctionwatch.exc.PaymentError` in place of each
message that cannot be read. :class:`PaymentScreener` screens each payment on the matching,
identifier and text engines and the jurisdiction rules, into a :class:`PaymentResult`: ``hold``
or ``pass``, every :class:`Hit` with its field, role, value, listed entity, score and
explanation. An unreadable message is held (:func:`unreadable`). No I/O happens here.
"""

from sanctionwatch.payments.jurisdictions import (
    Jurisdictions,
    default_jurisdictions,
    parse_jurisdictions,
)
from sanctionwatch.payments.messages import MAX_MESSAGE_BYTES, read_payments
from sanctionwatch.payments.model import Address, FreeText, Located, Party, Payment
from sanctionwatch.payments.screening import (
    HOLD,
    PASS,
    EntityRef,
    Hit,
    PaymentConfig,
    PaymentResult,
    PaymentScreener,
    unreadable,
)

__all__ = [
    "HOLD",
    "MAX_MESSAGE_BYTES",
    "PASS",
    "Address",
    "EntityRef",
    "FreeText",
    "Hit",
    "Jurisdictions",
    "Located",
    "Party",
    "Payment",
    "PaymentConfig",
    "PaymentResult",
    "PaymentScreener",
    "default_jurisdictions",
    "parse_jurisdictions",
    "read_payments",
    "unreadable",
]
