"""Our exceptions as HTTP statuses, in one place, and the JSON error body.

Below the routers nothing raises HTTPException: use cases raise the exceptions of
:mod:`sanctionwatch.exc` and the handlers here turn them into ``{"status", "detail"}`` bodies.
Request validation errors become one readable message naming each bad field; a body that is
not JSON is a 400; a body over the size limit is refused with 413 (by its Content-Length
before it is read, a chunked one as soon as it passes the limit). No response shows a path
of the server's file system (:func:`redact_paths`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctionwatch import exc

log = logging.getLogger(__name__)
#: seconds a client is asked to wait before retrying an overloaded request
RETRY_AFTER = 1
_ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])(?:/[^\s/'\"`,;:()\[\]]+){2,}/?")


class IndexNotReady(exc.SanctionwatchError):
    """The lists are still loading; try again shortly."""


class RequestTooLarge(exc.InputError):
    """A request body, or the work it asks for, is over a per-request limit (HTTP 413)."""


class Overloaded(exc.SanctionwatchError):
    """The scoring queue is full, or a request ran out of its time budget (HTTP 503)."""


#: most specific first; the first class an exception is an instance of gives its status
STATUS: tuple[tuple[type[exc.SanctionwatchError], int], ...] = (
    (exc.PermissionDenied, 403),
    (exc.AuthError, 401),
    (exc.NotFound, 404),
    (exc.Conflict, 409),
    (RequestTooLarge, 413),
    (exc.QueryError, 400),
    (exc.InputError, 400),
    (exc.DocumentError, 422),
    (IndexNotReady, 503),
    (Overloaded, 503),
    (exc.StoreError, 503),
    (exc.ListError, 503),
    (exc.SanctionwatchError, 500),
)


def status_for(error: exc.SanctionwatchError) -> int:
    for cls, status in STATUS:
        if isinstance(error, cls):
            return status
    return 500


def redact_paths(detail: str) -> str:
    """The message without this machine's directories: an absolute path (one under a
    top-level directory that exists here, so ``/match/default`` stays) keeps its last two
    parts (``ofac/sdn.csv``), which name the file without telling where the server keeps it."""

    def shorten(found: re.Match[str]) -> str:
        parts = found.group(0).split("/")
        if not Path("/", parts[1]).is_dir():
            return found.group(0)
        return "/".join(parts[-2:])

    return _ABSOLUTE_PATH.sub(shorten, detail)


def error_response(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"status": status, "detail": redact_paths(detail)}, status_code=status,
                        headers=headers)


async def _domain_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, exc.SanctionwatchError)
    status = status_for(error)
    if status == 500:
        log.error("%s %s: %s", request.method, request.url.path, error)
    headers = {"WWW-Authenticate": "ApiKey"} if status == 401 else None
    if isinstance(error, Overloaded):
        headers = {"Retry-After": str(RETRY_AFTER)}
    return error_response(status, str(error), headers)


def describe_validation(errors: Sequence[Any]) -> str:
    """One line per bad field: ``body.queries.q1.schema: Field required``."""
    parts = []
    for item in errors:
        loc = ".".join(str(p) for p in item.get("loc", ()))
        parts.append(f"{loc}: {item.get('msg', 'invalid')}" if loc else str(item.get("msg")))
    return "; ".join(parts) or "invalid request"


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = error.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        ctx = next(e.get("ctx", {}) for e in errors if e.get("type") == "json_invalid")
        return error_response(400, f"request body is not valid JSON: {ctx.get('error', '')}")
    return error_response(422, describe_validation(errors))


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    return error_response(error.status_code, str(error.detail), getattr(error, "headers", None))


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path)
    return error_response(500, "internal error; the incident is logged")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(exc.SanctionwatchError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by header or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and (
                not value.isdigit() or int(value) > self.max_bytes
            ):
                await self._refuse(scope, receive, send)
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # an HTTPException: FastAPI passes it on from the body it reads (any
                    # other error there becomes "400 error parsing the body")
                    raise StarletteHTTPException(413, self._too_large)
            return message

        await self.app(scope, limited, send)

    @property
    def _too_large(self) -> str:
        return f"request body is larger than {self.max_bytes} bytes"

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, self._too_large)
        await response(scope, receive, send)
