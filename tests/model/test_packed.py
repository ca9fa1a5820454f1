"""Packed records read back exactly what was packed, one at a time, and pickle compactly."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.model import Entity
from sanctionwatch.model.packed import LazyMapping, PackedMapping, PackedRecords
from sanctionwatch.names import NameForm, name_forms

texts = st.text(max_size=12)
rows = st.lists(st.tuples(texts, st.integers(), st.tuples(texts, texts)), max_size=30)


@given(rows)
def test_records_round_trip_through_packing_and_pickling(items: list[tuple[object, ...]]) -> None:
    packed = PackedRecords.pack(tuple, ((row,) for row in items))
    again = pickle.loads(pickle.dumps(packed))
    for records in (packed, again):
        assert len(records) == len(items)
        assert list(records) == items
        assert [records[i] for i in range(-len(items), 0)] == items
        assert records[1:3] == items[1:3]


def test_a_record_is_rebuilt_once_and_out_of_range_is_an_index_error() -> None:
    forms = name_forms("Kim Jong Un") + name_forms("Korea Mining Development Trading Corporation")
    packed = PackedRecords.pack(NameForm, forms)
    assert packed[0] == forms[0] and isinstance(packed[0], NameForm)
    assert packed[0] is packed[0]
    with pytest.raises(IndexError):
        packed[len(forms)]


def test_packed_entities_by_id() -> None:
    entities = {e.id: e for e in (
        Entity("ofac-1", "Person", {"name": ("Kim Jong Un",)}, ("ofac_sdn",), "1", "2024-05-03"),
        Entity("un-KPe.001", "Company", {"name": ("KOMID",)}, ("un_sc",)),
    )}
    args = {k: (e.id, e.schema, e.properties, e.datasets, e.record_id, e.version,
                e.listing_date, e.extra) for k, e in entities.items()}
    packed = pickle.loads(pickle.dumps(PackedMapping.pack(Entity, args)))
    assert list(packed) == list(entities)
    assert dict(packed) == entities
    assert "un-KPe.001" in packed and "un-x" not in packed
    assert packed.get("un-x") is None
    with pytest.raises(KeyError):
        packed["un-x"]
    with pytest.raises(ValueError, match="2 keys for 1 packed records"):
        PackedMapping(["a", "b"], PackedRecords.pack(tuple, [((1,),)]))


def test_lazy_mapping_reads_back_the_mapping() -> None:
    table = {"kmjong": "kimjong", "jng": "jong"}
    lazy = pickle.loads(pickle.dumps(LazyMapping.pack(table)))
    assert lazy.get("jng") == "jong" and lazy.get("x", "") == ""
    assert dict(lazy) == table and len(lazy) == 2 and "kmjong" in lazy
