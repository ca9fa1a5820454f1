"""The loaded lists' status, and one listed entity with its other listings."""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from sanctionwatch import exc
from sanctionwatch.store import (
    latest_monitor_run,
)
from sanctionwatch.web.ui import UiDep

router = APIRouter()


@router.get("/lists", response_class=HTMLResponse, name="ui.lists")
def lists(request: Request, ui: UiDep) -> Response:
    user = ui.user(request)
    collection = ui.lists.get().collection
    updated = {s.name: _last_modified(s.paths) for s in collection.sources}
    return ui.render(request, "lists.html", user=user, sources=collection.sources,
                     total=len(collection), links=len(collection.links), updated=updated,
                     monitor=latest_monitor_run(ui.store))


@router.get("/entities/{entity_id}", response_class=HTMLResponse, name="ui.entity")
def entity(request: Request, ui: UiDep, entity_id: Annotated[str, Path(max_length=200)]) -> Response:
    user = ui.user(request)
    collection = ui.lists.get().collection
    found = collection.get(entity_id)
    if found is None:
        raise exc.NotFound(f"entity {entity_id!r} is not on any loaded list")
    others = [e for e in (collection.get(i) for i in collection.cluster(entity_id)[1:]) if e]
    return ui.render(request, "entity.html", user=user, entity=found, others=others)


def _last_modified(paths: tuple[str, ...]) -> str:
    """When the newest of a list's files was written (UTC), or "" when none can be read."""
    times = []
    for path in paths:
        with contextlib.suppress(OSError):
            times.append(os.stat(path).st_mtime)
    if not times:
        return ""
    return datetime.fromtimestamp(max(times), UTC).strftime("%Y-%m-%d %H:%M UTC")
