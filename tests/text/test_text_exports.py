import sanctionwatch.text


def test_the_public_surface_is_pinned() -> None:
    assert sorted(sanctionwatch.text.__all__) == [
        "DEFAULT_TEXT_THRESHOLD", "Document", "EntityInfo", "Gazetteer", "MAX_DOCUMENT_BYTES",
        "MAX_TEXT_CHARS", "Mention", "Risk", "Story", "StoryConfig", "TextResult", "TextScreener",
        "build_gazetteer", "decode_bytes", "default_context_words", "default_risk_terms",
        "group_stories", "parse_html",
        "parse_json_lines", "parse_risk_terms", "parse_text", "read_documents",
    ]
    for name in sanctionwatch.text.__all__:
        assert hasattr(sanctionwatch.text, name)
