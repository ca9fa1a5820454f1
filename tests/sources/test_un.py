"""The UN consolidated list parser, on the bundled official file (un/ in the bundled snapshot)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.exc import ListParseError
from sanctionwatch.model import Entity
from sanctionwatch.model.schema import has_property
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.base import ParsedList, get_parser
from sanctionwatch.sources.un import parse_un_xml

UN_FILE = BUNDLED_LISTS / "un" / "consolidated.xml"


@pytest.fixture(scope="module")
def un_list() -> ParsedList:
    return parse_un_xml({"primary": UN_FILE}, "un_sc", None)


@pytest.fixture(scope="module")
def un(un_list: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in un_list.entities}


def test_registered_under_its_format_name() -> None:
    assert get_parser("un_xml") is parse_un_xml


def test_counts_and_version(un_list: ParsedList) -> None:
    counts = Counter(e.schema for e in un_list.entities)
    assert counts == {"Person": 730, "Organization": 273}
    assert un_list.version == "2026-02-27"
    assert all(e.version == "2026-02-27" and e.datasets == ("un_sc",) for e in un_list.entities)


def test_every_property_is_valid_for_its_schema(un_list: ParsedList) -> None:
    bad = [(e.id, p) for e in un_list.entities for p in e.properties
           if not has_property(e.schema, p)]
    assert bad == []


def test_ids_are_unique_and_stripped(un_list: ParsedList) -> None:
    ids = [e.id for e in un_list.entities]
    assert len(set(ids)) == len(ids)
    assert all(i == i.strip() and " " not in i for i in ids)


def test_trailing_space_in_reference_number_is_stripped(un: dict[str, Entity]) -> None:
    koryo = un["un-KPe.045"]
    assert koryo.record_id == "KPe.045"
    assert koryo.extra["unReference"] == "KPe.045"
    assert koryo.get("programId") == ("KPe.045",)


def test_komid(un: dict[str, Entity]) -> None:
    komid = un["un-KPe.001"]
    assert komid.schema == "Organization"
    assert komid.get("name") == ("KOREA MINING DEVELOPMENT TRADING CORPORATION",)
    assert set(komid.get("alias")) == {
        "CHANGGWANG SINYONG CORPORATION",
        "EXTERNAL TECHNOLOGY GENERAL CORPORATION",
        "DPRKN MINING DEVELOPMENT TRADING COOPERATION",
        "KOMID",  # the file writes "KOMID" with literal quotes
    }
    assert komid.listing_date == "2009-04-24"
    assert komid.get("country") == ("kp",)
    assert komid.get("program") == ("DPRK",)
    assert "Primary arms dealer" in komid.get("notes")[0]


def test_wrapped_values_are_collapsed(un: dict[str, Entity]) -> None:
    note = un["un-KPe.001"].first("notes") or ""
    assert "\n" not in note and "related to ballistic missiles" in note


def test_name_slots_dprk_family_name_first(un: dict[str, Entity]) -> None:
    yun = un["un-KPi.001"]
    assert yun.get("name") == ("YUN HO-JIN",)
    assert yun.get("lastName") == ("YUN",) and yun.get("firstName") == ("HO-JIN",)
    pak = un["un-KPi.029"]
    assert pak.get("lastName") == ("PAK",) and pak.get("firstName") == ("CHUN IL",)


def test_name_slots_given_name_first_elsewhere(un: dict[str, Entity]) -> None:
    saddam = un["un-IQi.001"]
    assert saddam.get("name") == ("SADDAM HUSSEIN AL-TIKRITI",)
    assert saddam.get("firstName") == ("SADDAM",)
    assert saddam.get("middleName") == ("HUSSEIN",)
    assert saddam.get("lastName") == ("AL-TIKRITI",)


def test_native_script_name_is_an_alias(un: dict[str, Entity]) -> None:
    assert "صدام حسين التكريتي" in un["un-IQi.001"].get("alias")


def test_alias_quality(un: dict[str, Entity]) -> None:
    gaston = un["un-CDi.003"]
    assert gaston.get("weakAlias") == ("Rumuli",)  # QUALITY Low
    assert "Victor Rumuri" in gaston.get("alias")  # QUALITY Good
    assert "ADF/NALU" in un["un-CDe.001"].get("previousName")  # QUALITY f.k.a.


def test_empty_alias_placeholders_are_skipped(un: dict[str, Entity]) -> None:
    assert "alias" not in un["un-CDi.001"].properties


def test_birth_dates(un: dict[str, Entity]) -> None:
    assert un["un-IQi.001"].get("birthDate") == ("1937-04-28",)  # EXACT DATE
    assert un["un-CDi.001"].get("birthDate") == ("1971",)  # EXACT YEAR
    approx = un["un-IQi.004"]  # APPROXIMATELY 1957
    assert approx.get("birthDate") == ("1957",)
    assert approx.extra["birthDateApprox"] == "1957"
    between = un["un-TAi.085"]  # BETWEEN 1953 and 1958: one value a year
    assert between.get("birthDate") == ("1953", "1954", "1955", "1956", "1957", "1958")
    assert un["un-CDi.004"].get("birthDate") == ("1973-11",)  # only in NOTE "Nov. 1973"


def test_birth_place_nationality_and_gender(un: dict[str, Entity]) -> None:
    gaston = un["un-CDi.003"]
    assert "Musanze District, Northern Province, Rwanda" in gaston.get("birthPlace")
    assert gaston.get("birthCountry") == ("rw",)
    assert gaston.get("nationality") == ("rw",)
    assert gaston.get("gender") == ("male",)
    assert un["un-KPi.068"].get("gender") == ("male",)  # "Gender: male" in the comments


def test_positions_titles_and_program(un: dict[str, Entity]) -> None:
    assert "FDLR Interim President" in un["un-CDi.003"].get("position")
    assert un["un-TAi.085"].get("title") == ("Maulavi",)
    assert un["un-TAi.085"].get("program") == ("Taliban",)


def test_documents(un: dict[str, Entity]) -> None:
    ra = un["un-KPi.008"]
    assert ra.get("passportNumber") == ("645120196",)
    assert ra.extra["passport:645120196"] == "kp"
    national_ids = [e for e in un.values() if e.get("idNumber")]
    assert len(national_ids) > 50


def test_imo_numbers_from_comments(un: dict[str, Entity]) -> None:
    assert un["un-KPe.022"].get("imoNumber") == ("5342883",)
    assert un["un-KPe.066"].get("imoNumber") == ("5434358",)  # "Company Number IMO 5434358"
    assert sum(1 for e in un.values() if e.get("imoNumber")) == 15


def test_countries_are_lower_case_codes(un_list: ParsedList) -> None:
    for entity in un_list.entities:
        for prop in ("country", "nationality", "birthCountry"):
            assert all(v == v.lower() and 2 <= len(v) <= 6 for v in entity.get(prop)), entity.id


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "consolidated.xml"
    path.write_bytes(data)
    return path


def test_truncated_file_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, UN_FILE.read_bytes()[:100_000])
    with pytest.raises(ListParseError) as info:
        parse_un_xml({"primary": path}, "un_sc", None)
    assert str(path) in str(info.value) and "line" in info.value.location


def test_wrong_root_and_missing_reference(tmp_path: Path) -> None:
    with pytest.raises(ListParseError, match="CONSOLIDATED_LIST"):
        parse_un_xml({"primary": _write(tmp_path, b"<sdnList/>")}, "un_sc", None)
    xml = (b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</FIRST_NAME>"
           b"</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>")
    with pytest.raises(ListParseError, match="REFERENCE_NUMBER"):
        parse_un_xml({"primary": _write(tmp_path, xml)}, "un_sc", None)


def test_bad_version_date(tmp_path: Path) -> None:
    path = _write(tmp_path, b'<CONSOLIDATED_LIST dateGenerated="yesterday"/>')
    with pytest.raises(ListParseError, match="dateGenerated"):
        parse_un_xml({"primary": path}, "un_sc", None)


_TAGS = ["INDIVIDUAL", "ENTITY", "FIRST_NAME", "SECOND_NAME", "REFERENCE_NUMBER", "LISTED_ON",
         "INDIVIDUAL_ALIAS", "QUALITY", "ALIAS_NAME", "INDIVIDUAL_DATE_OF_BIRTH", "TYPE_OF_DATE",
         "YEAR", "FROM_YEAR", "TO_YEAR", "DATE", "NOTE", "NATIONALITY", "VALUE", "COUNTRY",
         "INDIVIDUAL_DOCUMENT", "TYPE_OF_DOCUMENT", "NUMBER", "COMMENTS1", "GENDER"]


@st.composite
def _elements(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    if depth >= 3 or draw(st.booleans()):
        text = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                            max_size=12))
        text = text.replace("&", "&amp;").replace("<", "&lt;")
        return f"<{tag}>{text}</{tag}>"
    children = draw(st.lists(_elements(depth + 1), max_size=4))
    return f"<{tag}>{''.join(children)}</{tag}>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(body=st.lists(_elements(), max_size=4))
def test_fuzzed_structure_raises_only_our_error(tmp_path: Path, body: list[str]) -> None:
    xml = f"<CONSOLIDATED_LIST><INDIVIDUALS>{''.join(body)}</INDIVIDUALS></CONSOLIDATED_LIST>"
    path = _write(tmp_path, xml.encode("utf-8"))
    try:
        parsed = parse_un_xml({"primary": path}, "un_sc", None)
    except ListParseError:
        return
    assert all(has_property(e.schema, p) for e in parsed.entities for p in e.properties)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), cut=st.integers(min_value=0, max_value=4000))
def test_garbage_and_truncation_raise_only_our_error(tmp_path: Path, data: bytes,
                                                     cut: int) -> None:
    head = UN_FILE.read_bytes()[:cut]
    path = _write(tmp_path, head + data)
    try:
        parse_un_xml({"primary": path}, "un_sc", None)
    except ListParseError:
        pass
