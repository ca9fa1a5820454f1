"""ISO 20022 payment messages (pacs.008, pacs.009 and COV, pacs.004, camt.056, pain.001), any
version, into payments: one per transaction.

Elements are matched by local name, whatever the namespace prefix or the wrapper around the
Document (the Swift translator envelope, a FedNow or prowide wrapper, none). The type and version
come from the Document's namespace (``pacs.008.001.12``), never from the header's
``MsgDefIdr``, which may disagree; a namespace without one (the Swiss ``.ch.02`` one) is named by
the message's root element. Header totals (``NbOfTxs``) are not trusted: the transactions that
are there are read. Parties are read wherever they sit -- the business application header's
``Fr``/``To`` (and ``Rltd``), the group header, the payment information block, the transaction,
its ``UndrlygCstmrCdtTrf``, ``RtrChain`` and original references -- each with its path.

XML is parsed with defusedxml's protections, in lxml: a DOCTYPE (entity declarations, external
references) is refused before parsing, entities are never resolved, nothing is fetched, and
lxml's limits on depth and text size stay on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from lxml import etree

from sanctionwatch.exc import PaymentError
from sanctionwatch.payments.model import (
    Address,
    FreeText,
    Located,
    Party,
    Payment,
    clean,
    free_line_country,
)

#: the Document's root element -> the message family it is
FAMILIES = {
    "FIToFICstmrCdtTrf": "pacs.008", "FICdtTrf": "pacs.009", "PmtRtr": "pacs.004",
    "FIToFIPmtCxlReq": "camt.056", "CstmrCdtTrfInitn": "pain.001",
}
#: the elements that hold one transaction, by family
_TRANSACTIONS = {"pacs.008": "CdtTrfTxInf", "pacs.009": "CdtTrfTxInf", "pacs.004": "TxInf",
                 "camt.056": "TxInf", "pain.001": "CdtTrfTxInf"}
#: element local name -> role
ROLES = {
    "Dbtr": "debtor", "Cdtr": "creditor", "UltmtDbtr": "ultimate_debtor",
    "UltmtCdtr": "ultimate_creditor", "InitgPty": "initiating_party", "Orgtr": "originator",
    "InstgAgt": "instructing_agent", "InstdAgt": "instructed_agent", "DbtrAgt": "debtor_agent",
    "CdtrAgt": "creditor_agent", "IntrmyAgt1": "intermediary_agent",
    "IntrmyAgt2": "intermediary_agent", "IntrmyAgt3": "intermediary_agent",
    "InstgRmbrsmntAgt": "instructing_reimbursement_agent",
    "InstdRmbrsmntAgt": "instructed_reimbursement_agent",
    "ThrdRmbrsmntAgt": "third_reimbursement_agent", "PrvsInstgAgt1": "previous_instructing_agent",
    "PrvsInstgAgt2": "previous_instructing_agent", "PrvsInstgAgt3": "previous_instructing_agent",
    "Assgnr": "assigner", "Assgne": "assignee", "Cretr": "case_creator", "Fr": "sender",
    "To": "receiver", "FwdgAgt": "forwarding_agent",
}
#: element local name -> kind of free text (every text below it is read)
TEXTS = {"Ustrd": "remittance", "Strd": "remittance", "Purp": "purpose",
         "CtgyPurp": "purpose", "InstrForCdtrAgt": "instructions",
         "InstrForNxtAgt": "instructions", "RgltryRptg": "regulatory", "AddtlInf": "instructions",
         "AddtlRmtInf": "remittance"}
_VERSION = re.compile(r"((?:pacs|pain|camt)\.\d{3}\.\d{3}\.\d{2})")
_DOCTYPE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_AMOUNTS = ("IntrBkSttlmAmt", "InstdAmt", "RtrdIntrBkSttlmAmt", "OrgnlIntrBkSttlmAmt")
_ADDRESS_PARTS = ("Dept", "SubDept", "StrtNm", "BldgNb", "BldgNm", "Flr", "PstBx", "Room",
                  "PstCd", "TwnNm", "TwnLctnNm", "DstrctNm", "CtrySubDvsn", "AdrLine")


def local(element: Any) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(element: Any, name: str) -> list[Any]:
    return [c for c in element if local(c) == name]


def _child(element: Any, *names: str) -> Any:
    """The element at a path of local names below this one, or None."""
    for name in names:
        found = _children(element, name) if element is not None else []
        element = found[0] if found else None
    return element


def _text(element: Any, *names: str) -> str | None:
    found = _child(element, *names)
    value = clean(found.text) if found is not None and found.text else ""
    return value or None


def parse_xml(data: bytes, source: str) -> Any:
    """The root element of a message, parsed safely; PaymentError naming the problem."""
    if _DOCTYPE.search(data):
        raise PaymentError(source, "XML", "a DOCTYPE or ENTITY declaration is refused "
                           "(entity expansion and external references are not allowed)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise PaymentError(source, f"XML line {exc.lineno or '?'}",
                           f"malformed XML: {exc.msg}") from None
    if root is None:
        raise PaymentError(source, "XML", "no root element")
    return root


def parse_iso20022(data: bytes, source: str) -> Iterator[Payment | PaymentError]:
    """Every transaction of an ISO 20022 message (or file of messages) as a payment."""
    try:
        root = parse_xml(data, source)
    except PaymentError as exc:
        yield exc
        return
    raw = data.decode("utf-8", "replace").lstrip("\ufeff")
    documents = [root] if local(root) == "Document" else \
        [e for e in root.iter() if local(e) == "Document"]
    if not documents:
        yield PaymentError(source, local(root) or "XML", "no ISO 20022 Document element")
        return
    position = 0
    for document in documents:
        header = _header(document)
        try:
            found = list(_document(document, header, source, raw))
        except PaymentError as exc:
            position += 1
            yield exc
            continue
        for payment in found:
            position += 1
            yield replace(payment, index=position)



def _header(document: Any) -> Any:
    """The business application header beside the Document, if there is one."""
    parent = document.getparent()
    if parent is None:
        return None
    return next((e for e in parent if local(e) == "AppHdr"), None)


def _document(document: Any, header: Any, source: str, raw: str) -> Iterator[Payment]:
    body = next((c for c in document if isinstance(c.tag, str)), None)
    if body is None:
        raise PaymentError(source, "Document", "the Document is empty")
    family = FAMILIES.get(local(body))
    if family is None:
        raise PaymentError(source, f"Document/{local(body)}",
                           "not a payment message (screened: " + ", ".join(
                               f"{v} {k}" for k, v in FAMILIES.items()) + ")")
    namespace = etree.QName(document).namespace or ""
    version = _VERSION.search(namespace)
    kind = version.group(1) if version else family
    service = _text(header, "BizSvc") or ""
    common = list(_parties(header, "AppHdr", ("Fr", "To"))) if header is not None else []
    group = _child(body, "GrpHdr")
    if group is None and family == "camt.056":
        group = _child(body, "Assgnmt")
    if group is not None:
        common += _parties(group, local(group), tuple(ROLES))
    blocks = _children(body, "PmtInf") if family == "pain.001" else [body]
    reference = _text(group, "MsgId") or _text(group, "Id") or _text(header, "BizMsgIdr")
    count = 0
    for block in blocks:
        block_parties = list(_parties(block, "PmtInf", tuple(ROLES), skip=(
            _TRANSACTIONS[family],))) if block is not body else []
        for tx in block.iter():
            if local(tx) != _TRANSACTIONS[family] or _inside_transaction(tx, block, family):
                continue
            count += 1
            yield _payment(tx, family, kind, service, [*common, *block_parties], source,
                           reference, raw)
    if count == 0:
        raise PaymentError(source, f"Document/{local(body)}",
                           f"no transaction ({_TRANSACTIONS[family]}) in the message")


def _inside_transaction(tx: Any, top: Any, family: str) -> bool:
    """Whether a transaction element sits inside another one (not a transaction itself)."""
    parent = tx.getparent()
    while parent is not None and parent is not top:
        if local(parent) == _TRANSACTIONS[family]:
            return True
        parent = parent.getparent()
    return False


def _payment(tx: Any, family: str, kind: str, service: str, common: list[Party],
             source: str, reference: str | None, raw: str) -> Payment:
    name = local(tx)
    underlying = _child(tx, "UndrlygCstmrCdtTrf")
    is_cover = family == "pacs.009" and (underlying is not None or ".cov" in service.lower())
    parties = [*common, *_parties(tx, name, tuple(ROLES), skip=("UndrlygCstmrCdtTrf",))]
    if underlying is not None:
        parties += [_underlying(p) for p in _parties(underlying, f"{name}/UndrlygCstmrCdtTrf",
                                                      tuple(ROLES))]
    amount = next((e for e in tx.iter() if local(e) in _AMOUNTS), None)
    return Payment(
        source=source, index=0, type=f"{kind} COV" if is_cover else kind,
        reference=_text(tx, "PmtId", "InstrId") or reference,
        uetr=_text(tx, "PmtId", "UETR") or _text(tx, "OrgnlUETR"),
        end_to_end_id=_text(tx, "PmtId", "EndToEndId") or _text(tx, "OrgnlEndToEndId"),
        amount=clean(amount.text) if amount is not None and amount.text else None,
        currency=amount.get("Ccy") if amount is not None else None,
        parties=tuple(parties), texts=tuple(_texts(tx, name)), is_cover=is_cover, raw=raw,
    )


def _underlying(party: Party) -> Party:
    return replace(party, is_underlying=True)


def _parties(element: Any, path: str, names: tuple[str, ...], skip: tuple[str, ...] = ()
             ) -> Iterator[Party]:
    """The parties below an element: each role element, not looking inside one (nor inside
    the ``skip`` elements)."""
    for child in element:
        name = local(child)
        here = f"{path}/{name}"
        if name in skip or not name:
            continue
        if name in names and name in ROLES:
            if name in ("Fr", "To") and not path.startswith("AppHdr"):
                continue
            yield _party(child, ROLES[name], here)
        elif name not in TEXTS:
            yield from _parties(child, here, names, skip)


def _party(element: Any, role: str, path: str) -> Party:
    """One party or agent: a financial institution (``FinInstnId``) or a party (``Nm``...)."""
    holder = _first(_child(element, "Agt"), _child(element, "FIId"), element)
    institution = _child(holder, "FinInstnId")
    account = _account(element, path)
    if institution is not None:
        where = f"{path}{'/' + local(holder) if holder is not element else ''}/FinInstnId"
        bic_name = "BICFI" if _child(institution, "BICFI") is not None else "BIC"
        bic = _text(institution, bic_name)
        ids = [Located(v, f"{where}/{p}") for p, v in (
            ("ClrSysMmbId/MmbId", _text(institution, "ClrSysMmbId", "MmbId")),
            ("Othr/Id", _text(institution, "Othr", "Id")), ("LEI", _text(institution, "LEI")))
            if v]
        return Party(role, path, name=_located(institution, "Nm", where),
                     bic=Located(bic, f"{where}/{bic_name}") if bic else None,
                     account=account, address=_address(institution, where),
                     identifiers=tuple(ids), is_agent=True)
    party = _first(_child(element, "Pty"), element)
    where = path if party is element else f"{path}/Pty"
    bic_path = next((p for p in ("Id/OrgId/AnyBIC", "Id/OrgId/BICOrBEI")
                     if _text(party, *p.split("/"))), None)
    ids = [Located(v, f"{where}/{p}") for p, v in (
        ("Id/OrgId/LEI", _text(party, "Id", "OrgId", "LEI")),
        ("Id/OrgId/Othr/Id", _text(party, "Id", "OrgId", "Othr", "Id")),
        ("Id/PrvtId/Othr/Id", _text(party, "Id", "PrvtId", "Othr", "Id"))) if v]
    bic = _text(party, *bic_path.split("/")) if bic_path else None
    return Party(role, path, name=_located(party, "Nm", where),
                 bic=Located(bic, f"{where}/{bic_path}") if bic and bic_path else None,
                 account=account, address=_address(party, where), identifiers=tuple(ids),
                 country_of_residence=_located(party, "CtryOfRes", where))


def _first(*elements: Any) -> Any:
    """The first element that is there (lxml elements without children are false)."""
    return next(e for e in elements if e is not None)


def _located(element: Any, name: str, path: str) -> Located | None:
    value = _text(element, name)
    return Located(value, f"{path}/{name}") if value else None


def _account(element: Any, path: str) -> Located | None:
    """The account beside a party (``DbtrAcct`` next to ``Dbtr``): its IBAN or other id."""
    parent = element.getparent()
    holder = _child(parent, f"{local(element)}Acct") if parent is not None else None
    if holder is None:
        return None
    base = path.rpartition("/")[0] + f"/{local(element)}Acct/Id"
    for sub in (("IBAN",), ("Othr", "Id")):
        value = _text(holder, "Id", *sub)
        if value:
            return Located(value, f"{base}/{'/'.join(sub)}")
    return None


def _address(element: Any, path: str) -> Address | None:
    postal = _child(element, "PstlAdr")
    if postal is None:
        return None
    where = f"{path}/PstlAdr"
    parts = tuple(Located(clean(e.text), f"{where}/{local(e)}") for e in postal
                  if local(e) in _ADDRESS_PARTS and e.text and clean(e.text))
    country = _located(postal, "Ctry", where)
    if country is None:
        country = free_line_country(tuple(p for p in parts if p.field.endswith("/AdrLine")))
    return Address(parts, country)


def _texts(tx: Any, path: str) -> Iterator[FreeText]:
    """The free text of a transaction: each text element's text, by kind."""
    for element in tx.iter():
        name = local(element)
        if name not in TEXTS or any(local(a) in TEXTS for a in element.iterancestors()):
            continue
        where = _path(element, tx, path)
        lines = tuple(Located(clean(e.text), f"{where}{_path(e, element, '')}")
                      for e in element.iter() if isinstance(e.tag, str) and e.text and
                      clean(e.text))
        if lines:
            yield FreeText(TEXTS[name], lines)


def _path(element: Any, top: Any, prefix: str) -> str:
    names: list[str] = []
    while element is not None and element is not top:
        names.append(local(element))
        element = element.getparent()
    return prefix + "".join(f"/{n}" for n in reversed(names))
