"""Identifiers compared by kind, on real listings: HAVIN BANK LIMITED (ofac-906, SWIFT/BIC
HAVIGB2L), VTB BANK (ofac-17013, LEI 253400V1H6ART1UQ0N98), the vessel EBANO (ofac-4243,
IMO 7406784); and a person's country of residence weighing less than a nationality."""

from __future__ import annotations

from typing import Any

import pytest

from sanctionwatch.match import DEFAULT_THRESHOLD, compare
from sanctionwatch.names.identifiers import ID_KINDS, is_valid_id, normalize_id, same_bank


def entity(schema: str, name: str, **props: str) -> dict[str, Any]:
    return {"schema": schema, "properties": {"name": [name], **{k: [v] for k, v in props.items()}}}


HAVIN = entity("Company", "HAVIN BANK LIMITED", swiftBic="HAVIGB2L")
VTB = entity("Company", "VTB BANK PUBLIC JOINT STOCK COMPANY", leiCode="253400V1H6ART1UQ0N98")
EBANO = entity("Vessel", "EBANO", imoNumber="IMO7406784")


def _feature(result: Any, name: str) -> Any:
    return next(f for f in result.explanation.features if f.name == name)


def test_a_bic_of_another_branch_of_the_same_bank_is_related_not_a_conflict() -> None:
    other_branch = compare(entity("Company", "HAVIN BANK LIMITED", swiftBic="HAVIGB22"), HAVIN)
    assert _feature(other_branch, "identifier").value == 0.5
    assert "the same bank, another branch" in other_branch.explanation.summary
    assert other_branch.match
    same = compare(entity("Company", "Havin Bank", swiftBic="HAVIGB2LXXX"), HAVIN)
    assert _feature(same, "identifier").value == 1.0
    other_bank = compare(entity("Company", "HAVIN BANK LIMITED", swiftBic="HAVXGB2L"), HAVIN)
    assert _feature(other_bank, "identifier").value == -1.0
    assert other_bank.score < other_branch.score
    assert same_bank("FIDQUS3B", "FIDQUS3F") and not same_bank("FIDQUS3B", "FIDQDE3B")


def test_an_imo_number_with_or_without_its_prefix_and_its_check_digit() -> None:
    assert normalize_id("IMO 7406784", "imoNumber") == normalize_id("7406784", "imoNumber")
    assert is_valid_id("7406784", "imoNumber") and not is_valid_id("7406785", "imoNumber")
    result = compare(entity("Vessel", "EBANO", imoNumber="7406784"), EBANO)
    assert _feature(result, "identifier").note == "imoNumber 7406784 matches"
    # a mistyped number (its check digit fails) is no proof of another ship
    typo = compare(entity("Vessel", "EBANO", imoNumber="7406785"), EBANO)
    assert not [f for f in typo.explanation.features if f.name == "identifier"]
    other = compare(entity("Vessel", "EBANO", imoNumber="9187629"), EBANO)
    assert _feature(other, "identifier").value == -1.0
    assert not other.match


def test_lei_checksum_decides_whether_another_lei_is_a_conflict() -> None:
    other_valid = compare(entity("Company", "VTB Bank", leiCode="5493001KJTIIGC8Y1R12"), VTB)
    assert _feature(other_valid, "identifier").value == -1.0
    mistyped = compare(entity("Company", "VTB Bank", leiCode="253400V1H6ART1UQ0N99"), VTB)
    assert not [f for f in mistyped.explanation.features if f.name == "identifier"]
    assert mistyped.score > other_valid.score


@pytest.mark.parametrize("prop", ["innCode", "ogrnCode", "okpoCode"])
def test_russian_registry_codes_are_unique_and_conflict(prop: str) -> None:
    values = {"innCode": ("7707083893", "7736050003"),
              "ogrnCode": ("1027700132195", "1027700070518"), "okpoCode": ("00032537", "00044434")}
    same, other = values[prop]
    listed = entity("Company", "SBERBANK OF RUSSIA", **{prop: same})
    assert _feature(compare(entity("Company", "Sberbank", **{prop: same}), listed),
                    "identifier").value == 1.0
    assert _feature(compare(entity("Company", "Sberbank", **{prop: other}), listed),
                    "identifier").value == -1.0


def test_an_inn_given_as_a_plain_id_number_matches_the_listed_inn() -> None:
    listed = entity("Company", "SBERBANK OF RUSSIA", innCode="7707083893")
    result = compare(entity("Company", "ПАО Сбербанк", idNumber="7707083893"), listed)
    assert _feature(result, "identifier").note == "innCode 7707083893 matches"


@pytest.mark.parametrize("prop", ["registrationNumber", "vatCode", "taxNumber", "idNumber",
                                  "kppCode"])
def test_national_numbers_support_but_two_values_do_not_conflict(prop: str) -> None:
    listed = entity("Company", "COLOMBIANA DE CERDOS LTDA.", **{prop: "800018928"})
    same = compare(entity("Company", "Colombiana de Cerdos", **{prop: "800018928"}), listed)
    assert 0.0 < _feature(same, "identifier").value < 1.0
    other = compare(entity("Company", "Colombiana de Cerdos", **{prop: "900018928"}), listed)
    assert not [f for f in other.explanation.features if f.name == "identifier"]
    assert not ID_KINDS[prop].is_unique


def test_a_passport_number_issued_by_another_country_weighs_little() -> None:
    listed = {**entity("Person", "MKRTYCHEV, Ashot", passportNumber="BD3843329"),
              "extra": {"passport:BD3843329": "sk"}}
    same = compare({**entity("Person", "Ashot Mkrtychev", passportNumber="BD 3843329"),
                    "extra": {"passport:BD3843329": "sk"}}, listed)
    other = compare({**entity("Person", "Ashot Mkrtychev", passportNumber="BD3843329"),
                     "extra": {"passport:BD3843329": "am"}}, listed)
    assert _feature(same, "identifier").value == 1.0
    assert _feature(other, "identifier").value == 0.3
    assert "issued by another country" in other.explanation.summary


def test_a_strong_registry_identifier_carries_names_in_other_scripts() -> None:
    listed = entity("Company", "PETROCHINA COMPANY LIMITED", ogrnCode="1027700132195")
    query = entity("Company", "中国石油天然气股份有限公司", ogrnCode="1027700132195")
    result = compare(query, listed)
    assert result.score >= DEFAULT_THRESHOLD
    # a national number is not enough on its own
    weak = compare(entity("Company", "中国石油天然气股份有限公司", taxNumber="99887766"),
                   entity("Company", "PETROCHINA COMPANY LIMITED", taxNumber="99887766"))
    assert weak.score < DEFAULT_THRESHOLD


def test_a_persons_country_of_residence_conflicts_less_than_a_nationality() -> None:
    listed = entity("Person", "PUTIN, Vladimir Vladimirovich", nationality="ru")
    residence = compare(entity("Person", "Vladimir Putin", country="de"), listed)
    nationality = compare(entity("Person", "Vladimir Putin", nationality="de"), listed)
    assert _feature(residence, "residence").value == -1.0
    assert _feature(nationality, "country").value == -1.0
    assert _feature(residence, "residence").weight < _feature(nationality, "country").weight
    assert residence.score > nationality.score
