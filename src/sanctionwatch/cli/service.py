"""``sanctionwatch serve``, ``users add/list/deactivate/rotate-key`` and ``audit verify``.

The database is ``--database URL`` (SQLite or PostgreSQL), else SANCTIONWATCH_DATABASE_URL,
else a SQLite file under SANCTIONWATCH_HOME.
"""

from __future__ import annotations

import os
import socket
import stat
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from fastapi import FastAPI

from sanctionwatch.cli import context
from sanctionwatch.cli.app import USAGE_EXIT, app, fail
from sanctionwatch.service import IndexHolder, ServiceConfig, create_app
from sanctionwatch.settings import Settings, get_settings
from sanctionwatch.store import (
    Store,
    add_user,
    deactivate_user,
    list_users,
    open_store,
    rotate_key,
    verify_audit,
)
from sanctionwatch.web import UiConfig, install_ui

users_app = typer.Typer(help="Manage the users of the service and their API keys.",
                        no_args_is_help=True, rich_markup_mode=None)
audit_app = typer.Typer(help="Check the audit trail.", no_args_is_help=True,
                        rich_markup_mode=None)
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")

Database = Annotated[
    str | None,
    typer.Option("--database", help="SQLAlchemy URL: sqlite:///path.db or postgresql://..."),
]


def _store(database: str | None, settings: Settings) -> Store:
    url = database or settings.database
    if url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)
    return open_store(url)


def build_app(settings: Settings, database: str | None = None) -> FastAPI:
    """The service with the analyst UI, over the configured lists (the downloaded ones once
    ``lists update`` ran, watched for new versions) and database."""
    from sanctionwatch.sources.fetch import ListStore
    from sanctionwatch.sources.snapshot import ListVersions

    store = _store(database, settings)
    holder = IndexHolder(ListVersions(ListStore(settings.home, settings.data_dir),
                                      settings.cache_dir,
                                      context.load_policy(cfg=settings)))
    config = ServiceConfig(open_reads=settings.open_reads,
                           reload_seconds=settings.reload_seconds,
                           monitor_dir=settings.home / "monitor",
                           ownership_threshold=settings.ownership_threshold)
    ui = UiConfig(secure_cookie=settings.ui_secure_cookie,
                  session_lifetime=timedelta(hours=settings.ui_session_hours))
    return create_app(holder, store, config,
                      extensions=[lambda a: install_ui(a, holder, store, ui)])


def _is_server_socket(sock: socket.socket) -> bool:
    """A TCP socket bound to a port and connected to nothing: listening, or about to."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.type != socket.SOCK_STREAM:
        return False
    try:
        sock.getpeername()
    except OSError:
        return bool(sock.getsockname()[1])
    return False


def set_nodelay_on_listeners() -> int:
    """Switch Nagle's algorithm off on this process's server TCP sockets; how many there were.

    With ``--workers N`` uvicorn (0.54) binds the server socket itself with protocol number 0,
    and asyncio sets TCP_NODELAY only on accepted sockets whose protocol reads IPPROTO_TCP
    (Kludex/uvicorn#3149). Uvicorn writes a response's headers and body separately, so on a
    keep-alive connection the body then waits for the client's delayed ACK: ~40 ms a request.
    Linux gives accepted sockets the listener's TCP_NODELAY. The socket may not be listening
    yet (the first worker to serve calls listen()). Nothing to do without /proc.
    """
    fds = Path("/proc/self/fd")
    count = 0
    for fd in (int(entry.name) for entry in fds.iterdir()) if fds.is_dir() else ():
        try:
            if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                continue
            with socket.socket(fileno=os.dup(fd)) as sock:  # a duplicate: the options are shared
                if _is_server_socket(sock):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    count += 1
        except OSError:  # closed since it was listed (the listing's own descriptor)
            continue
    return count


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers (``serve --workers N``): settings from the environment.

    A worker calls it before serving, holding the listening socket its supervisor bound."""
    set_nodelay_on_listeners()
    return build_app(get_settings())


@app.command("serve")
def serve(
    database: Database = None,
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[int, typer.Option(help="worker processes (one per core)")] = 1,
) -> None:
    """Run the screening API and the analyst UI (/ui); the API's docs are at /docs."""
    import uvicorn

    if not 0 < port < 65536:
        fail(f"--port: {port} is not a TCP port", USAGE_EXIT)
    if workers < 1:
        fail(f"--workers: {workers} is not a positive number", USAGE_EXIT)
    settings = get_settings()
    _store(database, settings).close()  # migrate once, before the workers start
    if database:
        os.environ["SANCTIONWATCH_DATABASE_URL"] = database
    uvicorn.run("sanctionwatch.cli.service:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="info")


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="the user's name")],
    role: Annotated[str, typer.Option(help="viewer, analyst, reviewer or admin")],
    database: Database = None,
) -> None:
    """Create a user; prints the new API key on the last line (it is stored only hashed)."""
    store = _store(database, get_settings())
    try:
        user, key = add_user(store, name, role)
    finally:
        store.close()
    typer.echo(f"added {user.name} ({user.role.value}); API key:")
    typer.echo(key)


@users_app.command("list")
def users_list(database: Database = None) -> None:
    """Print every user: name, role, active or not (one per line, tab-separated)."""
    store = _store(database, get_settings())
    try:
        found = list_users(store)
    finally:
        store.close()
    for user in found:
        typer.echo(f"{user.name}\t{user.role.value}\t{'active' if user.is_active else 'deactivated'}")


@users_app.command("deactivate")
def users_deactivate(
    name: Annotated[str, typer.Argument(help="the user's name")],
    database: Database = None,
) -> None:
    """Deactivate a user: their API key stops working and their UI sign-ins end (audited)."""
    store = _store(database, get_settings())
    try:
        user = deactivate_user(store, name)
    finally:
        store.close()
    typer.echo(f"deactivated {user.name}")


@users_app.command("rotate-key")
def users_rotate_key(
    name: Annotated[str, typer.Argument(help="the user's name")],
    database: Database = None,
) -> None:
    """Give a user a new API key, printed on the last line; the old one stops working
    (audited)."""
    store = _store(database, get_settings())
    try:
        user, key = rotate_key(store, name)
    finally:
        store.close()
    typer.echo(f"new API key for {user.name}:")
    typer.echo(key)


@audit_app.command("verify")
def audit_verify(database: Database = None) -> None:
    """Recompute the audit trail's hash chain; exit 1 naming each edited, inserted or deleted
    record."""
    store = _store(database, get_settings())
    try:
        report = verify_audit(store)
    finally:
        store.close()
    if report.is_intact:
        typer.echo(f"audit trail intact: {report.records} records")
        return
    for problem in report.problems:
        typer.echo(f"audit: {problem}", err=True)
    fail(f"audit trail broken: {len(report.problems)} problems in {report.records} records")


__all__ = ["app_from_env", "build_app", "set_nodelay_on_listeners"]
