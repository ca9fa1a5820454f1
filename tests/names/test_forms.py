"""Name forms: the same listed name reached from its spellings in several scripts."""

from __future__ import annotations

from sanctionwatch.names import hanja_to_hangul, korean_key, name_forms, tokenize


def keys(name: str) -> set[tuple[str | None, ...]]:
    return {form.korean for form in name_forms(name)}


def test_kim_jong_un_has_one_korean_key_in_four_scripts_and_three_romanisations() -> None:
    listed = keys("KIM, Jong Un")
    for variant in ("김정은", "金正恩", "Ким Чен Ын", "Kim Chong-un", "Gim Jeong-eun"):
        assert listed & keys(variant), variant


def test_hangul_is_romanised_one_syllable_per_token() -> None:
    assert name_forms("김정은")[0].tokens == ("gim", "jeong", "eun")


def test_hanja_gives_pinyin_and_the_korean_reading() -> None:
    assert hanja_to_hangul("金正恩") == "김정은"
    forms = [f.tokens for f in name_forms("金正恩")]
    assert forms[0] == ("jin", "zheng", "en")
    assert forms[-1] == ("gim", "jeong", "eun")


def test_korean_surname_spellings_share_a_key() -> None:
    assert {korean_key(s) for s in ("rim", "lim", "im")} == {"im"}
    assert {korean_key(s) for s in ("ri", "lee", "yi")} == {"i"}
    assert korean_key("hyok") == korean_key("hyeok")


def test_legal_forms_are_weak_tokens() -> None:
    for name in ("ACME CO LTD", "Acme Corp.", "Acme GmbH", "OOO Acme", "Acme 有限公司"):
        form = name_forms(name)[0]
        strong = [t for t, weak in zip(form.tokens, form.weak, strict=True) if not weak]
        assert strong == ["acme"], (name, form.tokens)
    assert name_forms("ПАО Сбербанк")[0].weak == (True, False)



def test_a_legal_form_written_out_is_the_abbreviation() -> None:
    # nomenklatura's checks: "Siemens Aktiengesellschaft" is "Siemens AG"
    assert name_forms("Siemens Aktiengesellschaft")[0].tokens == name_forms("Siemens AG")[0].tokens
    assert name_forms("ACME Limitada")[0].tokens == name_forms("ACME Ltda")[0].tokens
    # a short word rigour also reads as a legal form stays when it may be a name (KU, YU)
    assert "ku" in name_forms("KU Chol")[0].tokens

def test_bracketed_acronym_is_a_form_of_its_own() -> None:
    forms = name_forms("ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)")
    assert [f.tokens for f in forms][1] == ("irgc",)
    assert forms[0].acronym == "irgc"


def test_tokenize_drops_apostrophes_and_splits_hyphens() -> None:
    assert tokenize("YO'N, Cho'ng-Nam") == ("yon", "chong", "nam")


def test_a_name_of_punctuation_has_no_form() -> None:
    assert name_forms("-- ..") == ()


def test_legal_form_words_are_weak_even_misspelt_by_one_edit() -> None:
    from sanctionwatch.names.forms import is_weak

    for word in ("company", "compony", "liabelity", "limiaed", "limited", "maalana",
                 "obshchestvo", "ooshchestvo", "liability"):
        assert is_weak(word), word
    # real name words near a weak one stay strong when short, or more than one edit away
    for word in ("point", "strommashina", "promtekhnologiya", "limitless", "compass"):
        assert not is_weak(word), word
    form = name_forms("LIMITED LIABELITY COMPANY PROMTEKHNOLOGIYA")[0]
    assert [t for t, weak in zip(form.tokens, form.weak, strict=True) if not weak] == [
        "promtekhnologiya"]


def test_no_form_is_made_only_of_weak_words() -> None:
    # real OFAC names: ofac-15696 ASIA ENERGY GENERAL TRADING (LLC), ofac-11621 INTRA-CHEM
    for name in ("ASIA ENERGY GENERAL TRADING (LLC)", "INTRA-CHEM TRADING CO. LTD", "Co Ltd"):
        for form in name_forms(name):
            assert not all(form.weak), (name, form.tokens)
    for name in ("Co Ltd", "GmbH", "Inc", "(LLC)", "S.A.", "The Company Limited"):
        assert name_forms(name) == (), name


def test_an_acronym_is_marked_only_where_it_is_written_as_one() -> None:
    from sanctionwatch.names import entity_name_forms

    forms = name_forms("ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)")
    assert [f.is_acronym for f in forms] == [False, True]
    assert name_forms("KOMID")[0].is_acronym
    assert not name_forms("Komid")[0].is_acronym
    assert not any(f.is_acronym for f in entity_name_forms(["KOMID", "ALI"], is_person=True))


def test_russian_legal_forms_in_cyrillic_and_latin_are_weak() -> None:
    # forms of real listings: ofac-22543 PMC Wagner (ЧВК Вагнер), ofac-17260 STATE CORPORATION
    # ROSTEC (Государственная корпорация Ростех), Sberbank (ПАО Сбербанк)
    for name, strong in (("ЧВК Вагнер", ["vagner"]), ("ПАО Сбербанк", ["sberbank"]),
                         ("ГУП Мосгортранс", ["mosgortrans"]), ("ФГУП Ростех", ["rosteh"]),
                         ("АО Рособоронэкспорт", ["rosoboroneksport"]),
                         ("Государственная корпорация Ростех", ["rosteh"]),
                         ("Госкорпорация Ростех", ["rosteh"]), ("OOO Wagner", ["wagner"]),
                         ("华为技术股份有限公司", ["hua", "wei", "ji", "shu"])):
        form = name_forms(name)[0]
        assert list(form.strong_tokens) == strong, (name, form.tokens, form.weak)


def test_a_country_is_one_token_however_it_is_written() -> None:
    # forms of real listings: ofac FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF
    # KOREA, ISLAMIC REPUBLIC OF IRAN SHIPPING LINES
    def tokens(name: str) -> tuple[str, ...]:
        return name_forms(name)[0].strong_tokens

    bank = tokens("FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA")
    for variant in ("Foreign Trade Bank of the DPRK", "Foreign Trade Bank of North Korea",
                    "Foreign Trade Bank, Korea, North"):
        assert tokens(variant) == bank, variant
    lines = tokens("ISLAMIC REPUBLIC OF IRAN SHIPPING LINES")
    assert tokens("Iranian Shipping Lines") == tokens("Iran Shipping Lines") == lines
    assert tokens("North Korean Mining") != tokens("Iranian Mining")
    # one-word names in other languages and two-letter codes stay as written
    assert tokens("Adora Al Sa") == ("adora",)


def test_hanja_readings_are_complete_and_simplified_characters_are_read_too() -> None:
    # real listings: CHOE Ryong Hae, KIM Yo Jong, JO Yong Won, RI Man Gon (OFAC/UN, DPRK)
    for han, listed in (("崔龙海", "CHOE, Ryong Hae"), ("崔龍海", "CHOE, Ryong Hae"),
                        ("金与正", "KIM, Yo Jong"), ("金與正", "KIM, Yo Jong"),
                        ("赵甬元", "JO, Yong Won"), ("李万建", "RI, Man Gon")):
        assert keys(han) & keys(listed), han
    from sanctionwatch.names.korean import hanja_readings

    assert len(hanja_readings()) > 20000
    # a simplified character is read as its traditional form: 机 as 機 (기), not 机 (궤)
    assert hanja_to_hangul("机械") == "기계"


def test_han_names_are_read_by_pypinyin_with_every_surname_reading() -> None:
    assert [f.tokens for f in name_forms("曾國衞")][:2] == [
        ("ceng", "guo", "wei"), ("zeng", "guo", "wei")]
    # a company name is read in context, once: 重庆 is chong qing
    forms = name_forms("重庆银行有限公司")
    assert forms[0].tokens == ("chong", "qing", "yin", "hang", "llc")
    assert not any(f.tokens[0] == "zhong" for f in forms)


def test_hong_kong_names_are_read_in_the_government_cantonese_romanisation() -> None:
    # real listings (OFAC, Hong Kong officials): LEE, Ka Chiu; TSANG, Kwok-wai; CHAN, Kwok-ki
    for han, listed in (("李家超", "LEE, Ka Chiu"), ("曾國衞", "TSANG, Kwok-wai"),
                        ("陳國基", "CHAN, Kwok-ki")):
        assert name_forms(listed)[0].tokens in {f.tokens for f in name_forms(han)}, han
    # a name in simplified characters is a mainland name: pinyin only
    assert name_forms("陈国基")[0].tokens == ("chen", "guo", "ji")
    assert ("chan", "kwok", "ki") not in {f.tokens for f in name_forms("陈国基")}
    # a company name gets no Cantonese readings (their spellings would multiply)
    assert not any(f.tokens[0] == "chung" for f in name_forms("重庆银行有限公司"))


def test_hangul_organisation_names_are_cut_at_their_generic_words() -> None:
    # real listing (UN, DPRK): NAMCHONGANG TRADING CORPORATION, written without spaces
    forms = {f.tokens: f.korean for f in name_forms("남천강무역회사")}
    assert ("namcheongang", "trading", "company") in forms
    assert forms[("namcheongang", "trading", "company")][0] == korean_key("namchongang")
    assert ("namcheongang", "muyeog", "hoesa") in forms  # the words as written, too
    # a person's name has no generic word: one form, one token per syllable
    assert [f.tokens for f in name_forms("김정은")] == [("gim", "jeong", "eun")]


def test_a_romanised_word_of_up_to_four_syllables_has_one_korean_key() -> None:
    assert korean_key("ryonbong") == korean_key("lyeonbong") is not None
    assert korean_key("namchongang") == korean_key("namcheongang") is not None
    assert korean_key("chayon") != korean_key("chongsong")


def test_chinese_organisation_words_are_read_in_english_too() -> None:
    # real listing (UN, DPRK sanctions): SHEN ZHONG INTERNATIONAL SHIPPING
    tokens = {f.tokens for f in name_forms("沈忠國際海運有限公司")}
    assert ("shen", "zhong", "international", "shipping", "llc") in tokens


def test_arabic_abd_al_compounds_and_the_letters_written_d_or_z() -> None:
    # real listings (UN): MUHAMMAD JAMAL ABD-AL RAHIM ...; FAZL MOHAMMAD MAZLOOM
    assert name_forms("عبدالرحيم")[0].tokens[:2] == ("bd", "al")
    assert name_forms("عبدالله")[0].tokens == ("bd", "allh")
    fazl = name_forms("فضل")[0]
    assert fazl.skeleton == name_forms("FAZL")[0].skeleton == name_forms("FADL")[0].skeleton


def test_only_a_persons_first_han_or_hangul_syllable_is_a_surname() -> None:
    from sanctionwatch.names import entity_name_forms, surname_size

    assert surname_size(entity_name_forms(["김정은"], is_person=True)[0]) == 1
    assert surname_size(entity_name_forms(["제2자연과학원"])[0]) == 0


def test_numbers_written_as_words_become_digits_but_a_lone_o_stays_a_letter() -> None:
    from sanctionwatch.names.forms import numbers_as_digits

    assert numbers_as_digits("Brigade Forty-Four") == "Brigade 44"
    # text2num alone reads "o o" as 00: an initial O, or the Irish O', is no zero
    assert numbers_as_digits("Kim O O") == "Kim O O"
    assert numbers_as_digits("O Forty four O") == "O 44 O"
    assert [f.tokens for f in name_forms("Brigade Forty-Four")] == [
        f.tokens for f in name_forms("Brigade 44")]
