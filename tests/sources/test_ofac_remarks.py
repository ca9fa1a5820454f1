"""The OFAC remarks parser, segment by segment, on real remark text from the bundled sdn.csv."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.model.schema import has_property
from sanctionwatch.sources.ofac_remarks import (
    PartyFacts,
    birth_dates,
    parse_remarks,
    parse_segment,
    split_remarks,
)


def _facts(
    text: str, schema: str = "Person", *, skip: tuple[str, ...] = (), is_cut: bool = False
) -> PartyFacts:
    facts = PartyFacts(schema)
    parse_remarks(facts, text, skip=skip, is_cut=is_cut)
    return facts


def _values(facts: PartyFacts, prop: str) -> list[str]:
    return [value for name, value in facts.pairs if name == prop]


def test_split_on_semicolons() -> None:
    text = "DOB 07 May 1966; POB Baku, Azerbaijan; citizen Slovakia; Gender Male."
    assert split_remarks(text) == [
        "DOB 07 May 1966", "POB Baku, Azerbaijan", "citizen Slovakia", "Gender Male."
    ]


def test_split_keeps_a_quoted_name_whole() -> None:
    assert split_remarks("a.k.a. 'ONE; TWO'; DOB 1970.") == ["a.k.a. 'ONE; TWO'", "DOB 1970."]


def test_split_leaves_an_unclosed_quote_alone() -> None:
    # a remark cut at 1,000 characters inside a quote must not swallow later segments
    assert split_remarks("a.k.a. 'WHOIS HACKIN; DOB 1970") == ["a.k.a. 'WHOIS HACKIN", "DOB 1970"]


def test_birth_dates() -> None:
    assert birth_dates("07 May 1966") == (["1966-05-07"], False)
    assert birth_dates("Mar 1972.") == (["1972-03"], False)
    assert birth_dates("1970") == (["1970"], False)
    assert birth_dates("circa 1951") == (["1951"], True)
    assert birth_dates("1951 to 1953") == (["1951", "1952", "1953"], False)
    assert birth_dates("01 Jan 1961 to 31 Dec 1962") == (["1961", "1962"], False)
    assert birth_dates("1940 to 1960") == (["1940", "1960"], False)
    assert birth_dates("unknown") == ([], False)


def test_dob_segments() -> None:
    facts = _facts("DOB 14 Mar 1974; alt. DOB 13 Apr 1974; alt. DOB circa 1970; DOB 1951 to 1953")
    assert _values(facts, "birthDate") == [
        "1974-03-14", "1974-04-13", "1970", "1951", "1952", "1953"
    ]
    assert facts.extra["birthDateApprox"] == "1970"


def test_person_facts_of_mkrtychev() -> None:
    facts = _facts(
        "DOB 07 May 1966; POB Baku, Azerbaijan; citizen Slovakia; Gender Male; Passport "
        "BD3843329 (Slovakia) expires 08 Apr 2029; alt. Passport BD5609822 (Slovakia) expires "
        "19 May 2024."
    )
    assert _values(facts, "birthPlace") == ["Baku, Azerbaijan"]
    assert _values(facts, "citizenship") == ["sk"]
    assert _values(facts, "gender") == ["male"]
    assert _values(facts, "passportNumber") == ["BD3843329", "BD5609822"]
    assert facts.extra == {"passport:BD3843329": "sk", "passport:BD5609822": "sk"}
    # the expiry dates are not lost
    assert "alt. Passport BD5609822 (Slovakia) expires 19 May 2024" in _values(facts, "notes")


def test_passport_without_country() -> None:
    facts = _facts("Passport L 191609")
    assert _values(facts, "passportNumber") == ["L 191609"]
    assert facts.extra == {"passport:L 191609": ""}


def test_nationality_names() -> None:
    facts = _facts("nationality Korea, North; alt. nationality Russia; citizen Burma")
    assert _values(facts, "nationality") == ["kp", "ru"]
    assert _values(facts, "citizenship") == ["mm"]


def test_unknown_country_is_noted_and_counted() -> None:
    facts = _facts("nationality Undetermined")
    assert _values(facts, "nationality") == []
    assert _values(facts, "notes") == ["nationality Undetermined"]
    assert facts.unmapped_countries == ["Undetermined"]


def test_quoted_aliases() -> None:
    facts = _facts(
        "a.k.a. 'KOMID'; a.k.a. ''FOOPIE''; a.k.a. 'ABU-'UMAR'; f.k.a. \"OLD NAME\"; "
        "a.k.a. 'PRIVATE MILITARY COMPANY 'WAGNER''."
    )
    assert _values(facts, "alias") == [
        "KOMID", "'FOOPIE'", "ABU-'UMAR", "PRIVATE MILITARY COMPANY 'WAGNER'"
    ]
    assert _values(facts, "previousName") == ["OLD NAME"]


def test_cut_alias_is_a_note_not_a_name() -> None:
    facts = _facts("a.k.a. 'RED DOT'; a.k.a. 'WHOIS HACKIN")
    assert _values(facts, "alias") == ["RED DOT"]
    assert _values(facts, "notes") == ["a.k.a. 'WHOIS HACKIN"]


def test_cut_remark_keeps_its_last_segment_as_a_note() -> None:
    facts = _facts("DOB 1970; Passport 12", is_cut=True)
    assert _values(facts, "passportNumber") == []
    assert _values(facts, "notes") == ["Passport 12"]


def test_linked_to() -> None:
    facts = _facts("Linked To: PRIGOZHIN, Yevgeniy Viktorovich; Linked To: PETROLEOS DE "
                   "VENEZUELA, S.A.")
    assert facts.extra["linkedTo"] == (
        "PRIGOZHIN, Yevgeniy Viktorovich; PETROLEOS DE VENEZUELA, S.A."
    )
    xml_form = _facts("(Linked To: HAMAS)")
    assert xml_form.extra["linkedTo"] == "HAMAS"
    parens = _facts("Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC).")
    assert parens.extra["linkedTo"] == "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)"


def test_crypto_wallets() -> None:
    facts = _facts("Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; alt. "
                   "Digital Currency Address - ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96.")
    assert facts.wallets == [
        ("XBT", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"),
        ("ETH", "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"),
    ]


def test_vessel_identifiers() -> None:
    facts = _facts("Vessel Registration Identification IMO 7937317; MMSI 572469210; "
                   "Former Vessel Flag Malta; Other Vessel Call Sign 5IM713", schema="Vessel")
    assert _values(facts, "imoNumber") == ["IMO7937317"]
    assert _values(facts, "mmsi") == ["572469210"]
    assert _values(facts, "pastFlags") == ["mt"]
    assert _values(facts, "callSign") == ["5IM713"]


def test_organization_identifiers() -> None:
    facts = _facts(
        "SWIFT/BIC SABRRUMM; Website www.sberbank.ru; Tax ID No. 7707083893 (Russia); "
        "Registration Number 1027700132195 (Russia); Legal Entity Number 253400WSS48YWMBUA688; "
        "RUC # 20108363101 (Peru); Organization Established Date 1969; Company Number IMO "
        "5055293; Email Address info@arrai.tv.; Telephone: 0097282851500",
        schema="Organization",
    )
    assert _values(facts, "swiftBic") == ["SABRRUMM"]
    assert _values(facts, "website") == ["www.sberbank.ru"]
    assert _values(facts, "taxNumber") == ["7707083893", "20108363101"]
    assert _values(facts, "registrationNumber") == ["1027700132195"]
    assert _values(facts, "leiCode") == ["253400WSS48YWMBUA688"]
    assert _values(facts, "incorporationDate") == ["1969"]
    assert _values(facts, "imoNumber") == ["IMO5055293"]
    assert _values(facts, "email") == ["info@arrai.tv"]
    assert _values(facts, "phone") == ["0097282851500"]
    assert facts.extra["taxNumber:7707083893"] == "ru"
    assert facts.extra["taxNumber:20108363101"] == "pe"


def test_property_the_schema_lacks_falls_back() -> None:
    facts = _facts("Passport 123456 (Iran); Gender Male", schema="Organization")
    assert _values(facts, "idNumber") == ["123456"]
    assert _values(facts, "notes") == ["Gender Male"]


def test_listing_date() -> None:
    facts = _facts("Listing Date (EO 14024 Directive 2): 24 Feb 2022; Listing Date (CMIC) "
                   "03 Jun 2021", schema="Organization")
    assert sorted(facts.listing_dates) == ["2021-06-03", "2022-02-24"]
    assert len(_values(facts, "notes")) == 2


def test_unparsed_text_goes_to_notes() -> None:
    facts = _facts("Secondary sanctions risk: section 1(b) of Executive Order 13224; ICTY "
                   "indictee.")
    assert _values(facts, "notes") == [
        "Secondary sanctions risk: section 1(b) of Executive Order 13224", "ICTY indictee"
    ]


def test_title_repeated_in_remarks_is_skipped() -> None:
    title = "Chairman of the Workers' Party of Korea"
    facts = _facts(f"DOB 08 Jan 1984; {title}.", skip=(title,))
    assert _values(facts, "notes") == []


def test_xml_segment_form() -> None:
    facts = PartyFacts("Person")
    parse_segment(facts, "National ID No. 0032768386 (Haiti)")
    assert _values(facts, "idNumber") == ["0032768386"]
    assert facts.extra == {"idNumber:0032768386": "ht"}


_SEGMENT_WORDS = st.sampled_from([
    "DOB", "POB", "alt.", "a.k.a.", "f.k.a.", "nationality", "citizen", "Gender", "Passport",
    "Linked To:", "Digital Currency Address -", "Listing Date (X):", "SWIFT/BIC", "IMO", "'",
    '"', "(Russia)", "Korea, North", "1970", "to", "circa", "07 May", "issued", "expires", ";",
    "x", ".", "Registration Number", "Vessel Registration Identification", "#", ":",
])


@given(st.lists(_SEGMENT_WORDS, max_size=14).map(" ".join))
def test_any_remark_gives_valid_properties(text: str) -> None:
    for schema in ("Person", "Organization", "Vessel", "Airplane"):
        facts = _facts(text, schema=schema)
        for prop, value in facts.pairs:
            assert has_property(schema, prop)
            assert value == value.strip() and value


def test_a_quoted_alias_is_stripped_and_empty_quotes_are_kept_as_a_note() -> None:
    """Found by the property test above: ``a.k.a. ' DOB '`` gave the alias " DOB "."""
    assert _facts("a.k.a. ' KOMID '", schema="Organization").pairs == [("alias", "KOMID")]
    assert _facts("a.k.a. '  '", schema="Organization").pairs == [("notes", "a.k.a. '  '")]
