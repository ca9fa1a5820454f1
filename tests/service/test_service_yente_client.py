"""A real client: the PyPI package yente-client screens through our /match."""

from __future__ import annotations

import asyncio

import httpx
from yente_client import AsyncClient, Organization, Person

from sanctionwatch.index import Index
from sanctionwatch.service import create_app
from sanctionwatch.store import Store


def test_yente_client_screens_through_match(index: Index, store: Store,
                                            keys: dict[str, str]) -> None:
    app = create_app(index, store)

    async def run() -> None:
        transport = httpx.ASGITransport(app=app)
        async with AsyncClient(api_key=keys["viewer"], base_url="http://sanctionwatch.test",
                               transport=transport) as client:
            assert (await client.healthz()).status == "ok"
            person = await client.match(Person(name=["Kim Jong Un"], nationality=["kp"]))
            assert person.top is not None
            assert person.top.id == "ofac-20157"
            assert person.top.match
            assert person.top.explanations
            org = await client.match(Organization(name=["KOMID"]), datasets=["un_sc"], limit=3)
            assert org.limit == 3
            assert [r.id for r in org.results][:1] == ["un-KPe.001"]
            fetched = await client.fetch("un-KPe.001")
            assert fetched.schema_ == "Organization"
            catalog = await client.datasets()
            assert {"default", "un_sc"} <= {d.name for d in catalog.datasets}
            algorithms = await client.algorithms()
            assert algorithms.default in [a.name for a in algorithms.algorithms]
            found = await client.search("Korea Mining Development")
            assert "un-KPe.001" in [r.id for r in found.results]

    asyncio.run(run())
