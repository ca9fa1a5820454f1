"""The EU FSF XML 1.1 parser, on a hand-written fixture in the documented format
(tests/fixtures/eu/PROVENANCE.md: no official EU file is bundled)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.exc import ListParseError
from sanctionwatch.model import Entity
from sanctionwatch.model.schema import has_property
from sanctionwatch.sources.base import ParsedList, get_parser
from sanctionwatch.sources.eu import parse_eu_xml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "eu" / "sample.xml"
NS = 'xmlns="http://eu.europa.ec/fpi/fsd/export"'


@pytest.fixture(scope="module")
def eu_list() -> ParsedList:
    return parse_eu_xml({"primary": FIXTURE}, "eu_fsf", None)


@pytest.fixture(scope="module")
def eu(eu_list: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in eu_list.entities}


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "eu.xml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_registered_under_its_format_name() -> None:
    assert get_parser("eu_xml") is parse_eu_xml


def test_version_ids_and_schemata(eu_list: ParsedList, eu: dict[str, Entity]) -> None:
    assert eu_list.version == "2026-02-27"
    assert {i: e.schema for i, e in eu.items()} == {
        "eu-13": "Person", "eu-521": "Person", "eu-9001": "Organization", "eu-9010": "Person"}
    assert all(e.record_id == e.id[3:] for e in eu.values())


def test_every_property_is_valid_for_its_schema(eu_list: ParsedList) -> None:
    assert all(has_property(e.schema, p) for e in eu_list.entities for p in e.properties)


def test_komid_carries_its_un_reference(eu: dict[str, Entity]) -> None:
    komid = eu["eu-9001"]
    assert komid.get("name") == ("Korea Mining Development Trading Corporation",)
    assert "KOMID" in komid.get("alias")
    assert komid.get("weakAlias") == ("DPRKN Mining Development Trading Cooperation",)
    assert komid.extra["unReference"] == "KPe.001"
    assert komid.get("country") == ("kp",)
    assert komid.get("program") == ("PRK",) and komid.get("programId") == ("EU.1.35",)
    assert komid.listing_date == "2009-05-13"


def test_person_names_and_birth(eu: dict[str, Entity]) -> None:
    saddam = eu["eu-13"]
    assert saddam.get("firstName") == ("Saddam",)
    assert saddam.get("lastName") == ("Hussein Al-Tikriti",)
    assert saddam.get("gender") == ("male",)
    assert "صدام حسين التكريتي" in saddam.get("alias")
    assert saddam.get("birthDate") == ("1937-04-28",)
    assert saddam.get("birthCountry") == ("iq",) and saddam.get("nationality") == ("iq",)
    assert "unReference" not in saddam.extra  # unitedNationId="" in the file


def test_circa_year_range(eu: dict[str, Entity]) -> None:
    wazir = eu["eu-521"]
    assert wazir.get("birthDate") == ("1953", "1954", "1955", "1956", "1957", "1958")
    assert wazir.extra["birthDateApprox"].split("; ")[0] == "1953"
    assert wazir.get("weakAlias") == ("Ahmed Jan Akhund",)  # strong="false"
    assert wazir.get("title") == ("Maulavi",)
    assert wazir.get("position") == ("Minister of Water and Electricity under the Taliban regime",)


def test_passport_and_unknown_country(eu: dict[str, Entity]) -> None:
    kim = eu["eu-9010"]
    assert kim.get("passportNumber") == ("PS381420397",)
    assert kim.extra["passport:PS381420397"] == "kp"
    assert "birthCountry" not in kim.properties  # countryIso2Code="00"


def test_file_without_namespace_is_read_too(tmp_path: Path) -> None:
    text = FIXTURE.read_text("utf-8").replace(f" {NS}", "")
    parsed = parse_eu_xml({"primary": _write(tmp_path, text)}, "eu_fsf", None)
    assert len(parsed.entities) == 4


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('<sanctionEntity><subjectType code="person"/></sanctionEntity>', "logicalId"),
        ('<sanctionEntity logicalId="1"><subjectType code="vessel"/></sanctionEntity>',
         "subjectType"),
        ('<sanctionEntity logicalId="1"><subjectType code="person"/></sanctionEntity>',
         "nameAlias"),
    ],
)
def test_missing_elements(tmp_path: Path, body: str, problem: str) -> None:
    path = _write(tmp_path, f'<export {NS} generationDate="2026-01-01">{body}</export>')
    with pytest.raises(ListParseError, match=problem) as info:
        parse_eu_xml({"primary": path}, "eu_fsf", None)
    assert "line 1" in info.value.location


def test_truncated_and_wrong_root(tmp_path: Path) -> None:
    with pytest.raises(ListParseError, match="line"):
        parse_eu_xml({"primary": _write(tmp_path, FIXTURE.read_bytes()[:3000])}, "eu", None)
    with pytest.raises(ListParseError, match="export"):
        parse_eu_xml({"primary": _write(tmp_path, "<CONSOLIDATED_LIST/>")}, "eu", None)


_ATTRS = ["logicalId", "wholeName", "strong", "code", "birthdate", "year", "yearRangeFrom",
          "yearRangeTo", "monthOfYear", "dayOfMonth", "circa", "countryIso2Code", "number",
          "identificationTypeCode", "unitedNationId", "publicationDate", "gender"]
_ELEMENTS = ["sanctionEntity", "subjectType", "nameAlias", "birthdate", "citizenship",
             "identification", "address", "regulation", "remark"]
_VALUE = st.sampled_from(["", "1", "00", "person", "enterprise", "true", "passport", "KP",
                          "1970", "13", "2026-02-30", "x\u00e9"]) | st.text(max_size=6)


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_ELEMENTS))
    attrs = draw(st.dictionaries(st.sampled_from(_ATTRS), _VALUE, max_size=5))
    rendered = " ".join(f'{k}="{_escape(v)}"' for k, v in attrs.items())
    children = "" if depth >= 2 else "".join(draw(st.lists(_element(depth + 1), max_size=4)))
    return f"<{tag} {rendered}>{children}</{tag}>"


def _escape(value: str) -> str:
    return (value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            .encode("utf-8", "ignore").decode("utf-8"))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=st.lists(_element(), max_size=3), garbage=st.binary(max_size=40))
def test_fuzzed_input_raises_only_our_error(tmp_path: Path, body: list[str],
                                            garbage: bytes) -> None:
    text = f'<export {NS} generationDate="2026-01-01">{"".join(body)}</export>'
    for data in (text.encode("utf-8", "surrogatepass"), text.encode("utf-8", "replace") + garbage):
        try:
            parsed = parse_eu_xml({"primary": _write(tmp_path, data)}, "eu_fsf", None)
        except ListParseError:
            continue
        assert all(has_property(e.schema, p) for e in parsed.entities for p in e.properties)
