"""The OFAC parsers on the real bundled files, their fixture slices, and malformed input.

The full files are parsed once per session (module fixtures below); the slices under
tests/fixtures/ofac/ (see their PROVENANCE.md) seed the fuzz tests.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.exc import ListFileMissing, ListParseError
from sanctionwatch.model import Entity
from sanctionwatch.model.schema import has_property
from sanctionwatch.sources.base import ParsedList, get_parser
from sanctionwatch.sources.ofac import parse_ofac_cons_csv, parse_ofac_csv, parse_ofac_xml

SLICES = Path(__file__).resolve().parents[1] / "fixtures" / "ofac"
ROLES = {"primary": "sdn.csv", "address": "add.csv", "alias": "alt.csv",
         "comments": "sdn_comments.csv"}
CONS_ROLES = {"primary": "cons_prim.csv", "address": "cons_add.csv", "alias": "cons_alt.csv",
              "comments": "cons_comments.csv"}


@pytest.fixture(scope="session")
def sdn_files(data_dir: Path) -> dict[str, Path]:
    companions = data_dir / "ofac" / "companions-2025-12-24"
    files = {role: companions / name for role, name in ROLES.items()}
    files["primary"] = data_dir / "ofac" / "sdn.csv"
    return files


@pytest.fixture(scope="session")
def sdn(sdn_files: dict[str, Path]) -> ParsedList:
    return parse_ofac_csv(sdn_files, "ofac_sdn", "2024-05-03")


@pytest.fixture(scope="session")
def sdn_by_id(sdn: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in sdn.entities}


@pytest.fixture(scope="session")
def cons_csv(data_dir: Path) -> ParsedList:
    folder = data_dir / "ofac" / "consolidated"
    files = {role: folder / name for role, name in CONS_ROLES.items()}
    return parse_ofac_cons_csv(files, "ofac_nonsdn", "2025-12-19")


@pytest.fixture(scope="session")
def cons_xml(data_dir: Path) -> ParsedList:
    path = data_dir / "ofac" / "consolidated" / "consolidated.xml"
    return parse_ofac_xml({"primary": path}, "ofac_nonsdn", None)


def _slice_files() -> dict[str, Path]:
    return {role: SLICES / name for role, name in ROLES.items()}


# --- counts -----------------------------------------------------------------------------------


def test_sdn_counts(sdn: ParsedList) -> None:
    counts = Counter(e.schema for e in sdn.entities)
    assert counts["Person"] == 6854
    assert counts["Vessel"] == 851
    assert counts["Airplane"] == 376
    assert counts["Organization"] == 6884
    assert sum(n for schema, n in counts.items() if schema != "CryptoWallet") == 14965
    assert counts["CryptoWallet"] == 524  # "Digital Currency Address" in the spliced remarks
    assert sdn.version == "2024-05-03"


def test_consolidated_counts(cons_csv: ParsedList, cons_xml: ParsedList) -> None:
    for parsed in (cons_csv, cons_xml):
        assert len(parsed.entities) == 442
        assert Counter(e.schema for e in parsed.entities) == {"Person": 79, "Organization": 363}
    assert cons_xml.version == "2026-01-08"


def test_parsers_are_registered() -> None:
    assert get_parser("ofac_csv") is parse_ofac_csv
    assert get_parser("ofac_cons_csv") is parse_ofac_cons_csv
    assert get_parser("ofac_xml") is parse_ofac_xml


def test_xml_and_csv_agree(cons_csv: ParsedList, cons_xml: ParsedList) -> None:
    from_csv = {e.id: e for e in cons_csv.entities}
    from_xml = {e.id: e for e in cons_xml.entities}
    assert set(from_csv) == set(from_xml)
    for entity_id, entity in from_xml.items():
        other = from_csv[entity_id]
        assert (entity.schema, entity.get("name")) == (other.schema, other.get("name"))
        assert entity.get("birthDate") == other.get("birthDate")
        # the XML writes a quote nested in an a.k.a. as '"', the CSV as "'"
        assert {n.replace('"', "'") for n in entity.names()} == set(other.names())


def test_every_property_fits_its_schema(
    sdn: ParsedList, cons_csv: ParsedList, cons_xml: ParsedList
) -> None:
    for parsed in (sdn, cons_csv, cons_xml):
        for entity in parsed.entities:
            for prop, values in entity.properties.items():
                assert has_property(entity.schema, prop), (entity.id, prop)
                assert values and all(v and v == v.strip() for v in values), (entity.id, prop)


# --- seed parties -------------------------------------------------------------------------------


def test_mkrtychev(sdn_by_id: dict[str, Entity]) -> None:
    e = sdn_by_id["ofac-41736"]
    assert e.schema == "Person"
    assert e.get("name") == ("MKRTYCHEV, Ashot",)
    assert (e.get("lastName"), e.get("firstName")) == (("MKRTYCHEV",), ("Ashot",))
    assert e.get("birthDate") == ("1966-05-07",)
    assert e.get("birthPlace") == ("Baku, Azerbaijan",)
    assert e.get("citizenship") == ("sk",)
    assert e.get("passportNumber") == ("BD3843329", "BD5609822")
    assert e.extra["passport:BD3843329"] == "sk"
    assert e.extra["passport:BD5609822"] == "sk"
    assert e.get("alias") == ("MKRTYCEV, Asot",)
    assert e.get("program") == ("DPRK",)
    assert e.get("gender") == ("male",)
    assert (e.record_id, e.version, e.datasets) == ("41736", "2024-05-03", ("ofac_sdn",))


def test_komid(sdn_by_id: dict[str, Entity]) -> None:
    e = sdn_by_id["ofac-9345"]
    assert e.schema == "Organization"
    assert e.get("program") == ("NPWMD", "DPRK2")
    assert {
        "KOMID",
        "NORTH KOREAN MINING DEVELOPMENT TRADING CORPORATION",
        "CHANGGWANG SINYONG CORPORATION",
        "EXTERNAL TECHNOLOGY GENERAL CORPORATION",
        "KOREA KUMRYONG TRADING COMPANY",
        "DPRKN MINING DEVELOPMENT TRADING COOPERATION",
        "KOREAN MINING AND INDUSTRIAL DEVELOPMENT CORPORATION",
    } <= set(e.get("alias"))
    assert "kp" in e.get("country")


def test_rim_yong_hyok(sdn_by_id: dict[str, Entity]) -> None:
    e = sdn_by_id["ofac-44294"]
    assert e.get("birthDate") == ("1972-03-04",)
    assert e.get("nationality") == ("kp",)
    assert e.extra["linkedTo"] == "PRIGOZHIN, Yevgeniy Viktorovich"
    assert (e.get("firstName"), e.get("middleName")) == (("Yong",), ("Hyok",))


def test_wagner(sdn_by_id: dict[str, Entity]) -> None:
    e = sdn_by_id["ofac-22543"]
    assert e.get("name") == ("PRIVATE MILITARY COMPANY 'WAGNER'",)
    assert set(e.get("alias")) == {
        "PMC WAGNER", "CHASTNAYA VOENNAYA KOMPANIYA 'VAGNER'", "CHVK VAGNER", "WAGNER GROUP"
    }
    assert e.get("program") == ("TCO", "UKRAINE-EO13660", "CAR", "RUSSIA-EO14024")


def test_kim_jong_un(sdn_by_id: dict[str, Entity]) -> None:
    e = sdn_by_id["ofac-20157"]
    assert e.get("birthDate") == ("1984-01-08",)
    assert e.get("position") == ("Chairman of the Workers' Party of Korea",)
    assert "Chairman of the Workers' Party of Korea" not in e.get("notes")


def test_title_with_several_positions(sdn_by_id: dict[str, Entity]) -> None:
    e = sdn_by_id["ofac-15962"]
    assert e.get("position") == (
        "Finance Director, National Iranian Oil Company",
        "Director, Hong Kong Intertrade Company",
        "Director, Petro Suisse Intertrade Company",
    )


def test_vessel_imo_from_remarks(sdn_by_id: dict[str, Entity]) -> None:
    e = sdn_by_id["ofac-17069"]
    assert e.schema == "Vessel"
    assert e.get("imoNumber") == ("IMO7937317",)
    assert e.get("flag") == ("kp",)
    assert e.get("type") == ("General Cargo",)


def test_source_url(sdn_by_id: dict[str, Entity]) -> None:
    url = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=41736"
    assert sdn_by_id["ofac-41736"].get("sourceUrl") == (url,)


# --- gotchas ------------------------------------------------------------------------------------


def test_files_end_with_sub_byte(sdn_files: dict[str, Path]) -> None:
    assert sdn_files["primary"].read_bytes().endswith(b"\r\n\x1a")
    assert (SLICES / "sdn.csv").read_bytes().endswith(b"\r\n\x1a")
    assert len(parse_ofac_csv(_slice_files(), "ofac_sdn", None).entities) > 13


def test_null_marker_never_becomes_a_value(sdn: ParsedList) -> None:
    for entity in sdn.entities:
        for values in entity.properties.values():
            assert not any(v.startswith("-0-") for v in values), entity.id


def test_all_null_row(sdn_by_id: dict[str, Entity]) -> None:
    e = sdn_by_id["ofac-36"]
    assert e.get("name") == ("AEROCARIBBEAN AIRLINES",)
    assert e.get("program") == ("CUBA",)
    assert "notes" not in e.properties


def test_cut_remark_continued_from_comments(sdn_by_id: dict[str, Entity]) -> None:
    # the remark stops inside "a.k.a. 'WHOIS HACKIN"; sdn_comments.csv holds "G TEAM'; ..."
    e = sdn_by_id["ofac-27307"]
    assert {"WHOIS HACKING TEAM", "RED DOT", "APPLEWORM"} <= set(e.get("alias"))
    assert "remarksTruncated" not in e.extra


def test_comment_of_a_newer_remark_is_not_spliced(sdn_by_id: dict[str, Entity]) -> None:
    # ent 17018's remark changed between the two dates: its comment repeats text it holds
    e = sdn_by_id["ofac-17018"]
    assert e.extra["remarksTruncated"] == "1000"
    assert not any("Directive 3)ive" in n for n in e.get("notes"))
    assert "Listing Date (EO 14024 Directive 3)" in e.get("notes")  # the cut last segment


def test_orphan_companion_rows_are_ignored(sdn_by_id: dict[str, Entity]) -> None:
    # ent 17016 (GAZPROMBANK) has rows in all three 2025 companion files, none in sdn.csv
    assert "ofac-17016" not in sdn_by_id
    assert max(int(e.record_id or 0) for e in sdn_by_id.values()) == 48907
    slice_ids = {e.id for e in parse_ofac_csv(_slice_files(), "ofac_sdn", None).entities}
    assert "ofac-17016" not in slice_ids
    assert not any("BANK GPB JSC" in e.names() for e in sdn_by_id.values())


def test_birth_date_variants(sdn_by_id: dict[str, Entity]) -> None:
    circa = sdn_by_id["ofac-7782"]
    assert circa.get("birthDate") == ("1951",)
    assert circa.extra["birthDateApprox"] == "1951"
    assert sdn_by_id["ofac-20439"].get("birthDate") == ("1951", "1952", "1953")
    alt = sdn_by_id["ofac-6925"]
    assert alt.get("birthDate") == ("1974-03-14", "1974-04-13", "1974-04-14", "1970-08-01")


def test_nested_quotes_in_aliases(sdn_by_id: dict[str, Entity]) -> None:
    aliases = set(sdn_by_id["ofac-6925"].get("alias"))
    assert {"'FOOPIE'", "AHMED, A.", "KHABAR, Abu"} <= aliases


def test_crypto_wallets(sdn_by_id: dict[str, Entity], sdn: ParsedList) -> None:
    wallet = sdn_by_id["ofac-25308-wallet-1"]
    assert wallet.schema == "CryptoWallet"
    assert wallet.get("publicKey") == ("12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",)
    assert wallet.get("currency") == ("XBT",)
    assert wallet.get("holder") == ("ofac-25308",)
    for entity in sdn.entities:
        if entity.schema == "CryptoWallet":
            assert entity.first("holder") in sdn_by_id


def test_swift_bic(sdn_by_id: dict[str, Entity]) -> None:
    assert sdn_by_id["ofac-17018"].get("swiftBic") == ("SABRRUMM",)


def test_slices_parse() -> None:
    xml = parse_ofac_xml({"primary": SLICES / "consolidated.xml"}, "ofac_nonsdn", None)
    assert [e.id for e in xml.entities] == [
        "ofac-9639", "ofac-9647", "ofac-17013", "ofac-17018", "ofac-18726"
    ]
    csv_ids = {e.id for e in parse_ofac_csv(_slice_files(), "ofac_sdn", None).entities}
    assert {"ofac-41736", "ofac-9345", "ofac-27307", "ofac-25308-wallet-1"} <= csv_ids


def test_xml_weak_aliases(cons_xml: ParsedList) -> None:
    e = next(e for e in cons_xml.entities if e.id == "ofac-9647")
    assert {"ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"} <= set(e.get("weakAlias"))


# --- encodings and malformed input -------------------------------------------------------------


def _write(folder: Path, data: bytes, name: str = "sdn.csv") -> dict[str, Path]:
    path = folder / name
    path.write_bytes(data)
    return {"primary": path}


ROW = '1,"{}","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."\r\n'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    data = ROW.format("JOSÉ, Dömé").encode(encoding) + b"\x1a"
    entity = parse_ofac_csv(_write(tmp_path, data), "ofac_sdn", None).entities[0]
    assert entity.get("name") == ("JOSÉ, Dömé",)


def test_unmapped_countries_and_orphans_are_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sanctionwatch.sources.ofac")
    row = ROW.format("A, B").replace("DOB 1970.", "nationality Undetermined; citizen Russia")
    entity = parse_ofac_csv(_write(tmp_path, row.encode() + b"\x1a"), "ofac_sdn",
                            None).entities[0]
    assert entity.get("citizenship") == ("ru",)
    assert "nationality" not in entity.properties
    assert entity.get("notes") == ("nationality Undetermined",)
    assert "1 country names not mapped to codes (kept in notes): Undetermined" in caplog.text
    parse_ofac_csv(_slice_files(), "ofac_sdn", None)
    assert "'comments': 1" in caplog.text  # ent 17016's row in the sliced sdn_comments.csv


def test_wrong_field_count_names_file_and_line(tmp_path: Path) -> None:
    data = ROW.format("A, B").encode() + b'2,"C, D","individual"\r\n'
    with pytest.raises(ListParseError) as info:
        parse_ofac_csv(_write(tmp_path, data), "ofac_sdn", None)
    assert info.value.location == "line 2"
    assert info.value.path.endswith("sdn.csv")


def test_ent_num_listed_twice(tmp_path: Path) -> None:
    data = (ROW.format("A, B") + ROW.format("C, D")).encode() + b"\x1a"
    with pytest.raises(ListParseError, match="listed twice") as info:
        parse_ofac_csv(_write(tmp_path, data), "ofac_sdn", None)
    assert info.value.location == "line 2"
    entry = "<sdnEntry><uid>1</uid><lastName>X</lastName><sdnType>Entity</sdnType></sdnEntry>"
    xml = f"<sdnList>{entry}{entry}</sdnList>".encode()
    with pytest.raises(ListParseError, match="uid=1"):
        parse_ofac_xml(_write(tmp_path, xml, "d.xml"), "ofac_nonsdn", None)


def test_bad_companion_row(tmp_path: Path) -> None:
    files = _write(tmp_path, ROW.format("A, B").encode() + b"\x1a")
    files["alias"] = _write(tmp_path, b'x,1,"aka","NAME",-0- \r\n\x1a', "alt.csv")["primary"]
    with pytest.raises(ListParseError, match="alt.csv"):
        parse_ofac_csv(files, "ofac_sdn", None)


def test_binary_garbage(tmp_path: Path) -> None:
    with pytest.raises(ListParseError):
        parse_ofac_csv(_write(tmp_path, b"\x00\x01\x02PK\x03\x04\xff\xfe"), "ofac_sdn", None)


def test_bad_xml(tmp_path: Path) -> None:
    with pytest.raises(ListParseError, match="line"):
        parse_ofac_xml(_write(tmp_path, b"<sdnList><sdnEntry>", "x.xml"), "ofac_nonsdn", None)
    with pytest.raises(ListParseError, match="sdnList"):
        parse_ofac_xml(_write(tmp_path, b"<other/>", "y.xml"), "ofac_nonsdn", None)


@pytest.mark.parametrize(
    "namespace", ["", ' xmlns="http://tempuri.org/sdnList.xsd"']  # none, and OFAC's older one
)
def test_xml_namespaces(tmp_path: Path, namespace: str) -> None:
    data = (
        f"<sdnList{namespace}><publshInformation><Publish_Date>12/31/2015</Publish_Date>"
        "</publshInformation><sdnEntry><uid>7</uid><firstName>Ashot</firstName>"
        "<lastName>MKRTYCHEV</lastName><sdnType>Individual</sdnType><idList><id><uid>1</uid>"
        "<idType>Passport</idType><idNumber>BD3843329</idNumber><idCountry>Slovakia</idCountry>"
        "<expirationDate>08 Apr 2029</expirationDate></id></idList><dateOfBirthList>"
        "<dateOfBirthItem><uid>2</uid><dateOfBirth>circa 1966</dateOfBirth></dateOfBirthItem>"
        "</dateOfBirthList></sdnEntry></sdnList>"
    ).encode()
    parsed = parse_ofac_xml(_write(tmp_path, data, "sdn.xml"), "ofac_sdn", None)
    assert parsed.version == "2015-12-31"
    (entity,) = parsed.entities
    assert entity.id == "ofac-7"
    assert entity.get("name") == ("MKRTYCHEV, Ashot",)
    assert entity.get("passportNumber") == ("BD3843329",)
    assert entity.extra["passport:BD3843329"] == "sk"
    assert entity.get("birthDate") == ("1966",)
    assert entity.extra["birthDateApprox"] == "1966"


def test_xml_entities_are_not_expanded(tmp_path: Path) -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE sdnList [<!ENTITY a "AAAA"><!ENTITY b "&a;&a;&a;">'
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sdnList><sdnEntry><uid>1</uid>'
        b"<lastName>&b;</lastName><firstName>&xxe;</firstName><sdnType>Individual</sdnType>"
        b"</sdnEntry></sdnList>"
    )
    with pytest.raises(ListParseError, match="no lastName"):
        parse_ofac_xml(_write(tmp_path, data, "bomb.xml"), "ofac_nonsdn", None)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ListFileMissing):
        parse_ofac_csv({"primary": tmp_path / "absent.csv"}, "ofac_sdn", None)
    with pytest.raises(ListFileMissing):
        parse_ofac_xml({"primary": tmp_path / "absent.xml"}, "ofac_nonsdn", None)


_FUZZ = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for position, cut, insert in edits:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + cut :]
    return data


_EDITS = st.lists(
    st.tuples(st.integers(0, 30_000), st.integers(0, 8), st.binary(max_size=6)), max_size=6
)


@_FUZZ
@given(data=st.binary(max_size=400))
def test_fuzz_random_bytes(tmp_path: Path, data: bytes) -> None:
    for name, parser in (("r.csv", parse_ofac_csv), ("r.xml", parse_ofac_xml)):
        try:
            parser(_write(tmp_path, data, name), "fuzz", None)
        except ListParseError:
            pass


@_FUZZ
@given(edits=_EDITS, role=st.sampled_from(sorted(ROLES)))
def test_fuzz_mutated_csv_slices(tmp_path: Path, edits: list[tuple[int, int, bytes]],
                                 role: str) -> None:
    files = _slice_files()
    files[role] = _write(tmp_path, _mutate(files[role].read_bytes(), edits), role)["primary"]
    try:
        parse_ofac_csv(files, "fuzz", None)
    except ListParseError:
        pass


@_FUZZ
@given(edits=_EDITS)
def test_fuzz_mutated_xml_slice(tmp_path: Path, edits: list[tuple[int, int, bytes]]) -> None:
    data = _mutate((SLICES / "consolidated.xml").read_bytes(), edits)
    try:
        parse_ofac_xml(_write(tmp_path, data, "c.xml"), "fuzz", None)
    except ListParseError:
        pass
