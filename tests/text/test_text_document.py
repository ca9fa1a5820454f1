import pytest

from sanctionwatch.exc import DocumentError
from sanctionwatch.text import decode_bytes, parse_html, parse_text, read_documents

PAGE = """<!DOCTYPE html><html><head><title>Arms talks | Herald</title>
<meta property="og:title" content="Arms talks"></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="share-buttons">Share on Facebook</div>
<article><h1>Arms talks</h1><p>Sergei Shoigu visited Pyongyang.</p>
<p>Kim Jong Un showed him missiles.</p></article>
<aside class="related-posts">Wagner Group news</aside>
<div id="comments"><h3>Leave a Reply</h3><p>Prigozhin comment</p></div>
<footer>Copyright Herald</footer></body></html>"""


def test_html_keeps_the_article_and_drops_the_page_furniture() -> None:
    title, text = parse_html(PAGE, "page.html")
    assert title == "Arms talks"
    assert "Sergei Shoigu visited Pyongyang." in text
    assert "Kim Jong Un showed him missiles." in text
    for furniture in ("Home", "Share on Facebook", "Wagner", "Leave a Reply", "Prigozhin",
                      "Copyright"):
        assert furniture not in text


def test_broken_html_still_gives_its_text() -> None:
    _, text = parse_html("<html><body><p>Rim Yong Hyok <b>sold <i>arms</p><div", "x.html")
    assert "Rim Yong Hyok" in text
    assert "sold" in text


def test_plain_text_reads_header_lines_and_cuts_the_reply_form() -> None:
    doc = parse_text("title: Arms talks\ndate 2023-09-08 Analysts said.\nMore.\n\nLeave a Reply\n"
                     "Spam", "a.txt")
    assert doc.title == "Arms talks"
    assert doc.date == "2023-09-08"
    assert doc.text == "Analysts said.\nMore."


def test_encodings_are_detected() -> None:
    russian = "Министр обороны Сергей Шойгу прибыл в Пхеньян для переговоров о поставках."
    assert decode_bytes(russian.encode("cp1251"), "ru.txt") == russian
    assert decode_bytes("\ufeffKOMID".encode(), "bom.txt") == "KOMID"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x00\x01\x02PNG\x00" * 50, "binary content"),
        (b"x" * 2001, "over the 2,000-byte limit"),
        (b"   \n", "empty document"),
    ],
)
def test_bad_documents_fail_with_a_clear_message(data: bytes, problem: str) -> None:
    with pytest.raises(DocumentError) as error:
        decode_bytes(data, "bad.bin", max_bytes=2000)
    assert str(error.value).startswith("bad.bin: ")
    assert problem in str(error.value)


def test_json_lines_give_one_document_each_and_an_error_in_place_of_a_bad_line() -> None:
    data = (b'{"id": "a", "title": "T", "body": "KOMID sold arms.", "date": "2024-02-23T10:00"}\n'
            b"not json\n"
            b'{"id": "c", "body": 42}\n'
            b'{"body": "<p>Hello</p><div class=\\"share\\">Share</div>"}\n')
    items = read_documents(data, "feed.jsonl")
    assert [type(i).__name__ for i in items] == ["Document", "DocumentError", "DocumentError",
                                                 "Document"]
    first, last = items[0], items[3]
    assert not isinstance(first, DocumentError) and not isinstance(last, DocumentError)
    assert (first.id, first.title, first.date, first.text) == ("a", "T", "2024-02-23",
                                                               "KOMID sold arms.")
    assert str(items[1]).startswith("feed.jsonl:2: not JSON")
    assert str(items[2]) == "feed.jsonl:3: expected an object with a string 'body'"
    assert (last.id, last.text) == ("feed.jsonl:4", "Hello")
