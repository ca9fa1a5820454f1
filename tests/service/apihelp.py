"""Helpers shared by the service tests."""

from __future__ import annotations

from typing import Any

KIM = {"schema": "Person", "properties": {"name": ["Kim Jong Un"], "nationality": ["kp"]}}
KOMID = {"schema": "Organization", "properties": {"name": ["KOMID"]}}


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"ApiKey {key}"}


def queries(**named: dict[str, Any]) -> dict[str, Any]:
    return {"queries": named}
