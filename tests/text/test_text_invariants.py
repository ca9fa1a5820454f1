"""Invariants over any input: screening never crashes, offsets always point at the mention,
bad bytes only ever raise DocumentError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.exc import DocumentError
from sanctionwatch.text import TextScreener, decode_bytes, parse_text

NAMES = ["Kim Jong Un", "KOMID", "Sergei Shoigu", "김정은", "Путина", "Mkrtchychev", "Kirby",
         "Wagner Group", "of the", "\u200b", "Ｋｉｍ", "-", "'s", "\n\n", ". ", "<p>"]
texts = st.lists(st.one_of(st.sampled_from(NAMES), st.text(max_size=12)), max_size=40).map(
    " ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_mentions_point_at_their_text_and_scores_are_probabilities(
    screener: TextScreener, text: str
) -> None:
    result = screener.screen_text(text)
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert 0.0 <= mention.score <= 1.0
        assert mention.text in text


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=600))
def test_any_bytes_decode_or_fail_with_a_document_error(data: bytes) -> None:
    try:
        document = parse_text(decode_bytes(data, "x", max_bytes=500), "x")
    except DocumentError as exc:
        assert str(exc).startswith("x: ")
        return
    assert isinstance(document.text, str)
