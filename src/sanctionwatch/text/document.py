"""Documents: bytes in, clean text out, or one clear error per document.

The caller (the CLI, a service) reads files; this module only turns their bytes into
:class:`Document` records: size limit, binary detection, encoding detection
(charset-normalizer), HTML boilerplate stripping (lxml: navigation, share buttons, comment
sections, "Leave a Reply" forms, footers) and JSON lines with ``id``/``title``/``body``/
``date``/``url`` fields. Plain text may open with ``title:``/``date:``/``url:`` header lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from charset_normalizer import from_bytes
from lxml import etree, html

from sanctionwatch.exc import DocumentError

#: the default largest document, in bytes (a long report is ~200 KB of text)
MAX_DOCUMENT_BYTES = 2_000_000
_HEADER = re.compile(r"^\s*(title|url|id)\s*:\s*(.+?)\s*$", re.IGNORECASE)
_DATE_HEADER = re.compile(r"^\s*date\s*:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: class/id fragments of page furniture around an article
_BOILERPLATE = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|breadcrumbs?|share|sharing|social|sharedaddy|related|"
    r"comments?|comment-respond|respond|reply|sidebar|widget|footer|header|masthead|"
    r"subscribe|newsletter|advert|ads?|promo|cookie|banner|tags|author-bio|jp-relatedposts)"
    r"($|[-_ ])",
    re.IGNORECASE,
)
_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form",
              "iframe", "svg", "button", "template", "select", "figure")
_BLOCK_TAGS = frozenset(["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "pre", "dd", "dt", "table", "ul", "ol", "main"])
_TAIL_MARKERS = ("leave a reply", "leave a comment", "share this:", "like this:",
                 "related posts", "you may also like", "post navigation", "comments are closed")


@dataclass(frozen=True, slots=True)
class Document:
    """One document to screen: its id (path, or the id its JSON line gives) and its text."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None


def decode_bytes(data: bytes, name: str, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """The text of a document's bytes: UTF-8 (with or without BOM), else detected.

    Raises :class:`DocumentError` naming the document when it is too large, binary, or in no
    encoding that can be told.
    """
    if len(data) > max_bytes:
        raise DocumentError(f"{name}: {len(data):,} bytes is over the {max_bytes:,}-byte limit")
    if not data.strip():
        raise DocumentError(f"{name}: empty document")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{name}: binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DocumentError(f"{name}: unknown text encoding (not UTF-8, none detected)")
    text = str(best)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(text[:8192]) * 0.01:
        raise DocumentError(f"{name}: binary content, not text")
    return text


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in head or "<p>" in head or "<div" in head or "<article" in head)


def parse_html(markup: str, name: str) -> tuple[str | None, str]:
    """(title, article text) of an HTML page, with the page furniture stripped."""
    try:
        root = html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(f"{name}: HTML cannot be parsed: {exc}") from exc
    title = _first_text(root, "//meta[@property='og:title']/@content", "//title//text()",
                        "//h1//text()")
    for element in list(root.iter(*_DROP_TAGS)):
        _drop(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            _drop(element)  # comments, processing instructions
            continue
        marks = " ".join(element.get(a, "") for a in ("class", "id", "role"))
        if marks.strip() and _BOILERPLATE.search(marks) and element.tag not in ("html", "body"):
            _drop(element)
    body = next((found for path in (".//article", ".//main", ".//body")
                 if (found := root.find(path)) is not None), root)
    parts: list[str] = []
    _collect(body, parts)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\s*\n\s*", "\n", text)
    text = re.sub(r"\n{2,}", "\n\n", text)
    return title, _cut_tail(text.replace("\n", "\n\n")).strip()


def _first_text(root: etree._Element, *paths: str) -> str | None:
    for path in paths:
        found = root.xpath(path)
        value = " ".join(str(v) for v in found).strip() if found else ""
        if value:
            return " ".join(value.split())
    return None


def _drop(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        element.drop_tree() if hasattr(element, "drop_tree") else parent.remove(element)


def _collect(element: etree._Element, parts: list[str]) -> None:
    if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
    if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
        parts.append("\n")


def _cut_tail(text: str) -> str:
    """Cut the page tail: everything from a "Leave a Reply"-style line on."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip().lower().rstrip(":") in {m.rstrip(":") for m in _TAIL_MARKERS}:
            return "\n".join(lines[:i])
    return text


def parse_text(text: str, name: str) -> Document:
    """A plain-text (or HTML) document, with optional leading header lines."""
    if looks_like_html(text):
        title, body = parse_html(text, name)
        return Document(name, body, title=title)
    meta: dict[str, str] = {}
    lines = text.split("\n")
    while lines and len(meta) < 4:
        dated = _DATE_HEADER.match(lines[0])
        header = _HEADER.match(lines[0])
        if dated and "date" not in meta:
            meta["date"] = dated.group(1)
            lines = ([dated.group(2)] if dated.group(2).strip() else []) + lines[1:]
        elif header and header.group(1).lower() not in meta:
            meta[header.group(1).lower()] = header.group(2)
            lines = lines[1:]
        else:
            break
    body = _cut_tail("\n".join(lines)).strip()
    return Document(meta.get("id", name), body, title=meta.get("title"), date=meta.get("date"),
                    url=meta.get("url"))


def parse_json_lines(text: str, name: str) -> Iterator[Document | DocumentError]:
    """One document per JSON line (``id``, ``title``, ``body``, ``date``, ``url``); a bad
    line yields its error and the next lines are still read."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield DocumentError(f"{where}: not JSON: {exc.msg}")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("body"), str):
            yield DocumentError(f"{where}: expected an object with a string 'body'")
            continue
        body = str(data["body"])
        if looks_like_html(body):
            title, body = parse_html(body, where)
        else:
            title = None
        date = data.get("date")
        yield Document(
            id=str(data.get("id") or where),
            text=body,
            title=str(data["title"]) if data.get("title") else title,
            date=str(date)[:10] if date else None,
            url=str(data["url"]) if data.get("url") else None,
        )


def read_documents(
    data: bytes, name: str, max_bytes: int = MAX_DOCUMENT_BYTES
) -> list[Document | DocumentError]:
    """The documents in one file's bytes (several for JSON lines), errors in their place."""
    is_jsonl = name.endswith((".jsonl", ".ndjson"))
    try:
        text = decode_bytes(data, name, max_bytes * (50 if is_jsonl else 1))
        if is_jsonl:
            return list(parse_json_lines(text, name))
        return [parse_text(text, name)]
    except DocumentError as exc:
        return [exc]
