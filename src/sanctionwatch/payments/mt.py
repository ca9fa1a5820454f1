"""SWIFT MT messages (FIN): blocks 1 to 5, one message or an RJE file of many, into payments.

Our own small parser (no maintained, complete Python MT library exists): it reads the basic and
application headers (sender and receiver), block 3 (``119`` COV/STP, ``121`` UETR) and the text
block's fields, and reads the party fields by option letter (:mod:`.mtfields`). MT103, MT202,
MT202COV, MT205, MT205COV and MT101 (one payment per transaction of its sequence B) are
payments; other types, a service message aside, end in :class:`PaymentError`. RJE files hold
messages separated by ``$``; an ACK (``{1:F21...}``) glued before a message is skipped.

Tolerated and noted: header blocks on their own lines, a stray ``{`` after a message, a block 3
left open before the text block, characters outside the SWIFT X set. Refused: control
characters, a text block without its ``-}`` end, fields without a tag, a party field without the
part its option needs (a BIC for option A).
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace

from sanctionwatch.exc import PaymentError
from sanctionwatch.payments.model import FreeText, Located, Party, Payment, normalize_bic
from sanctionwatch.payments.mtfields import parse_party

#: the MT types screened as payments (with COV for 202 and 205)
PAYMENT_TYPES = ("101", "103", "202", "205")
_SEPARATOR = re.compile(r"\$\s*(?=\{1:|\Z)")
_BLOCK_START = re.compile(r"\{([0-9A-Z]{1,3}):")
_FIELD = re.compile(r"^:(\d{2}[A-Z]?):(.*)$")
_SUBBLOCK = re.compile(r"\{(\d{3}|[A-Z]{3}):([^{}]*)\}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_X = re.compile(r"[^A-Za-z0-9/\-?:().,'+ \r\n]")
_AMOUNT = re.compile(r"^(?:\d{6})?([A-Z]{3})([0-9]+(?:,[0-9]*)?)$")
_INS_BIC = re.compile(r"^/INS/([A-Z0-9]{8}(?:[A-Z0-9]{3})?)\s*$")
#: MT customer transfer (103) and institution transfer (202/205) roles, by tag and sequence
_ROLES_103 = {"50": "debtor", "59": "creditor", "52": "debtor_agent",
              "53": "instructing_reimbursement_agent", "54": "instructed_reimbursement_agent",
              "55": "third_reimbursement_agent", "56": "intermediary_agent",
              "57": "creditor_agent"}
_ROLES_202 = {**_ROLES_103, "52": "debtor", "58": "creditor"}
_ROLES_101 = {"50": "debtor", "52": "debtor_agent", "51": "instructing_agent",
              "56": "intermediary_agent", "57": "creditor_agent", "59": "creditor"}
_TEXTS = {"70": "remittance", "72": "instructions", "77B": "regulatory", "77T": "remittance"}


@dataclass
class _Message:
    """One message's blocks as read: block key -> content, and what was tolerated."""

    label: str
    raw: str
    blocks: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Field:
    tag: str
    lines: list[str]
    #: the field's first line within the text block (from 1)
    line: int


def parse_mt(text: str, source: str) -> Iterator[Payment | PaymentError]:
    """Every payment of an MT file (one message or an RJE bundle), errors in their place."""
    position = 0
    for chunk in _SEPARATOR.split(text):
        if not chunk.strip():
            continue
        try:
            messages = list(_split_blocks(chunk, f"{source}#{position + 1}"))
        except PaymentError as exc:
            position += 1
            yield exc
            continue
        for message in messages:
            message.label = f"{source}#{position + 1}"
            try:
                found = list(_payments(message, source))
            except PaymentError as exc:
                position += 1
                yield exc
                continue
            for payment in found:
                position += 1
                yield replace(payment, index=position)


def _split_blocks(chunk: str, label: str) -> Iterator[_Message]:
    """The messages of one chunk: a new one starts at each block 1; service messages
    (ACK/NAK, ``F21``) are dropped."""
    current: _Message | None = None
    for key, content, note in _blocks(chunk, label):
        if key == "1":
            if current is not None and not _is_service(current):
                yield current
            current = _Message(label, chunk)
        if current is None:
            raise PaymentError(label, f"{{{key}:}}", "the message does not start with block 1")
        current.blocks[key] = content
        if note:
            current.notes.append(note)
    if current is not None and not _is_service(current):
        yield current


def _is_service(message: _Message) -> bool:
    return message.blocks.get("1", "")[1:3] == "21"


def _blocks(chunk: str, label: str) -> Iterator[tuple[str, str, str]]:
    """(block key, content, note) for each top-level block of a chunk."""
    pos, size = 0, len(chunk)
    while True:
        while pos < size and chunk[pos] in " \t\r\n":
            pos += 1
        if pos >= size:
            return
        start = _BLOCK_START.match(chunk, pos)
        if start is None:
            if chunk[pos:].strip() == "{":
                yield "5", "", "a stray '{' after the message was ignored"
                return
            raise PaymentError(label, f"character {pos + 1}",
                               f"expected a block such as {{1:, found {chunk[pos:pos + 12]!r}")
        key, body = start.group(1), start.end()
        if key == "4" and chunk[body:body + 1] in ("\r", "\n"):
            pos = yield from _text_block(chunk, body, label, "")
            continue
        pos = yield from _nested_block(chunk, key, body, label)


def _text_block(chunk: str, body: int, label: str, note: str
                ) -> Generator[tuple[str, str, str], None, int]:
    end = re.compile(r"\r?\n-\}").search(chunk, body)
    if end is None:
        raise PaymentError(label, "{4:}", "the text block has no end ('-}' on its own line)")
    yield "4", chunk[body:end.start()], note
    return end.end()


def _nested_block(chunk: str, key: str, body: int, label: str
                  ) -> Generator[tuple[str, str, str], None, int]:
    depth, pos = 1, body
    while pos < len(chunk):
        char = chunk[pos]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield key, chunk[body:pos], ""
                return pos + 1
        elif char == "\n" and depth == 1 and key == "3" and chunk[pos + 1:pos + 2] == ":":
            yield key, chunk[body:pos], ""
            note = "block 3 is not closed; the text block was read from the next line"
            return (yield from _text_block(chunk, pos, label, note))
        pos += 1
    raise PaymentError(label, f"{{{key}:}}", "the block is not closed")


def _address(lt: str) -> str:
    """The BIC11 of a 12-character logical terminal address (BIC8, terminal letter, branch)."""
    return lt[:8] + lt[9:12] if len(lt) == 12 else lt


def _headers(message: _Message) -> tuple[str, Party | None, Party | None]:
    """The MT type (3 digits) and the sender and receiver from blocks 1 and 2."""
    basic, app = message.blocks.get("1", ""), message.blocks.get("2", "")
    if len(basic) < 15:
        raise PaymentError(message.label, "{1:}", f"basic header too short: {basic!r}")
    if len(app) < 4 or app[0] not in "IO" or not app[1:4].isdigit():
        raise PaymentError(message.label, "{2:}", f"application header unreadable: {app!r}")
    local = _address(basic[3:15])
    if app[0] == "I":
        sender_bic, sender_at = local, "{1:}"
        receiver_bic, receiver_at = _address(app[4:16]), "{2:}"
    else:
        sender_bic, sender_at = _address(app[14:26]), "{2:}"
        receiver_bic, receiver_at = local, "{1:}"
    return app[1:4], _header_party("sender", sender_bic, sender_at), \
        _header_party("receiver", receiver_bic, receiver_at)


def _header_party(role: str, bic: str, where: str) -> Party | None:
    if normalize_bic(bic) is None:
        return None
    return Party(role, where, bic=Located(bic, where), is_agent=True)


def _fields(message: _Message) -> list[_Field]:
    text = message.blocks.get("4")
    if text is None:
        raise PaymentError(message.label, "{4:}", "the message has no text block")
    fields: list[_Field] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), 0):
        if number == 0 and not line.strip():
            continue
        found = _FIELD.match(line)
        if found:
            fields.append(_Field(found.group(1), [found.group(2)], number))
        elif fields:
            fields[-1].lines.append(line)
        elif line.strip():
            raise PaymentError(message.label, f"{{4:}} line {number}",
                               f"text before the first field tag: {line[:30]!r}")
        if (bad := _CONTROL.search(line)) is not None:
            where = f":{fields[-1].tag}: line {len(fields[-1].lines)}" if fields else \
                f"{{4:}} line {number}"
            raise PaymentError(message.label, where,
                               f"control character {bad.group()!r} in the text")
    for item in fields:
        if any(_NOT_X.search(line) for line in item.lines):
            message.notes.append(f":{item.tag}: has characters outside the SWIFT X set")
    return fields


def _payments(message: _Message, source: str) -> Iterator[Payment]:
    mt, sender, receiver = _headers(message)
    if mt not in PAYMENT_TYPES:
        raise PaymentError(message.label, "{2:}", f"MT{mt} is not a payment message "
                           "(screened: MT101, MT103, MT202, MT202COV, MT205, MT205COV)")
    header = {k: v for k, v in _SUBBLOCK.findall(message.blocks.get("3", ""))}
    is_cover = header.get("119") == "COV" and mt in ("202", "205")
    fields = _fields(message)
    common = [p for p in (sender, receiver) if p is not None]
    kind = f"MT{mt}{'COV' if is_cover else ''}"
    for parties, texts, values in _transactions(mt, fields, message.label):
        yield Payment(
            source=source, index=0,
            type=kind, reference=values.get("20"), uetr=header.get("121"),
            end_to_end_id=values.get("21") if mt != "103" else None,
            amount=values.get("amount"), currency=values.get("currency"),
            parties=tuple(common + parties), texts=tuple(texts), is_cover=is_cover,
            raw=message.raw, notes=tuple(message.notes),
        )


def _transactions(mt: str, fields: list[_Field], label: str
                  ) -> Iterator[tuple[list[Party], list[FreeText], dict[str, str]]]:
    """Each transaction's parties, texts and values (one for all types but MT101)."""
    if mt != "101":
        yield _read(fields, _ROLES_103 if mt == "103" else _ROLES_202, label, mt != "103")
        return
    starts = [i for i, f in enumerate(fields) if f.tag == "21"]
    if not starts:
        raise PaymentError(label, ":21:", "MT101 has no transaction (sequence B)")
    head = _read(fields[:starts[0]], _ROLES_101, label, False)
    for begin, end in zip(starts, [*starts[1:], len(fields)], strict=True):
        parties, texts, values = _read(fields[begin:end], _ROLES_101, label, False)
        yield head[0] + parties, head[1] + texts, {**head[2], **values}


def _read(fields: list[_Field], roles: dict[str, str], label: str, has_cover: bool
          ) -> tuple[list[Party], list[FreeText], dict[str, str]]:
    parties: list[Party] = []
    texts: list[FreeText] = []
    values: dict[str, str] = {}
    underlying = False
    for item in fields:
        number = item.tag[:2]
        if has_cover and number == "50":
            underlying = True  # sequence B of a cover message: the customer transfer
        if number in roles and (number != "58" or not underlying):
            role = "creditor" if number == "59" else roles[number]
            parties.append(parse_party(item.tag, item.lines, role, label,
                                       is_underlying=underlying))
        elif item.tag in _TEXTS:
            lines = tuple(Located(line.strip(), f":{item.tag}: line {n}")
                          for n, line in enumerate(item.lines, 1) if line.strip())
            texts.append(FreeText(_TEXTS[item.tag], lines))
            parties.extend(_instructed_banks(item))
        elif item.tag in ("32A", "32B") or (item.tag == "33B" and "amount" not in values):
            _amount(item, values, label)
        elif item.tag in ("20", "21") and item.tag not in values:
            values[item.tag] = item.lines[0].strip()
    return parties, texts, values


def _instructed_banks(item: _Field) -> Iterator[Party]:
    """A bank named by BIC after the ``/INS/`` codeword of field 72 (the instructing bank)."""
    if item.tag != "72":
        return
    for number, line in enumerate(item.lines, 1):
        found = _INS_BIC.match(line.strip())
        if found and normalize_bic(found.group(1)):
            where = f":72: line {number}"
            yield Party("previous_instructing_agent", ":72:", bic=Located(found.group(1), where),
                        is_agent=True)


def _amount(item: _Field, values: dict[str, str], label: str) -> None:
    found = _AMOUNT.match(item.lines[0].strip())
    if found is None:
        raise PaymentError(label, f":{item.tag}:", f"not a currency and amount: {item.lines[0]!r}")
    values["currency"] = found.group(1)
    values["amount"] = found.group(2).replace(",", ".").rstrip(".")
