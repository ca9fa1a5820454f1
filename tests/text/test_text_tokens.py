from sanctionwatch.text.tokens import LOWER, TITLE, UPPER, sentence_spans, token_keys, tokenize


def test_tokens_keep_offsets_into_the_original_text() -> None:
    text = "Defence Minister Sergei Shoigu’s visit to Pyongyang."
    tokens = tokenize(text)
    assert tokens.keys == ["defence", "minister", "sergei", "shoigu", "visit", "to", "pyongyang"]
    for start, end, key in zip(tokens.starts, tokens.ends, tokens.keys, strict=True):
        assert text[start:end].lower() == key


def test_keys_romanise_cyrillic_as_the_us_lists_do() -> None:
    assert token_keys("Сергей Шойгу") == ["sergey", "shoygu"]
    assert token_keys("Müller") == ["muller"]


def test_han_and_hangul_are_one_token_per_character() -> None:
    assert token_keys("김정은은") == ["김", "정", "은", "은"]
    assert token_keys("朝鲜金正恩") == ["朝", "鲜", "金", "正", "恩"]


def test_a_hyphenated_name_part_keeps_the_capital_of_its_word() -> None:
    tokens = tokenize("Kim Jong-un and KOMID")
    assert tokens.keys == ["kim", "jong", "un", "and", "komid"]
    assert tokens.shapes == [TITLE, TITLE, TITLE, LOWER, UPPER]


def test_sentences_do_not_end_at_abbreviations_or_initials() -> None:
    text = "Mr. Kim met the U.S. envoy. A. Mkrtychev was there.\n\nNext paragraph"
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == ["Mr. Kim met the U.S. envoy.", "A. Mkrtychev was there.", "Next paragraph"]


def test_a_hard_wrapped_line_does_not_end_its_sentence() -> None:
    text = ("Die Delegation des Energiekonzerns und zwei Berater des Ministers flogen am Montag nach\n"
            "Minsk. Dort wurden neue Lieferverträge unterzeichnet.\n")
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == [text.split(". ")[0] + ".", "Dort wurden neue Lieferverträge unterzeichnet."]


def test_a_short_line_before_a_capital_still_ends_a_sentence() -> None:
    text = ("Oil exports under sanctions\n"
            "Moscow said on Monday that crude shipments to buyers in Asia would continue as\n"
            "before. Traders expect the cap to hold.")
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans[0] == "Oil exports under sanctions"  # a heading: shorter than the wrapped lines
    assert spans[1].startswith("Moscow") and spans[1].endswith("as\nbefore.")
