"""``sanctionwatch users add`` and ``audit verify`` through the CLI's error policy; the
serving workers' TCP_NODELAY."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
import sqlalchemy as sa

import sanctionwatch.cli.service  # noqa: F401  (registers users, audit and serve)
from sanctionwatch.cli.app import run
from sanctionwatch.cli.service import set_nodelay_on_listeners
from sanctionwatch.store import authenticate, open_store


def test_users_add_prints_key_last_and_audit_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run(["users", "add", "alice", "--role", "reviewer", "--database", url]) == 0
    key = capsys.readouterr().out.strip().splitlines()[-1]
    store = open_store(url)
    assert authenticate(store, key).name == "alice"
    assert run(["audit", "verify", "--database", url]) == 0
    assert capsys.readouterr().out == "audit trail intact: 1 records\n"
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TRIGGER audit_log_no_update"))
        conn.execute(sa.text("UPDATE audit_log SET actor = 'mallory'"))
    store.close()
    assert run(["audit", "verify", "--database", url]) == 1
    err = capsys.readouterr().err
    assert "audit: record 1: content does not match its hash (edited)" in err
    assert err.splitlines()[-1] == "error: audit trail broken: 1 problems in 1 records"


def test_users_add_refuses_bad_role_and_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run(["users", "add", "bob", "--role", "boss", "--database", url]) == 2
    assert capsys.readouterr().err == (
        "error: role 'boss' is not one of: viewer, analyst, reviewer, admin\n")
    assert run(["users", "add", "bob", "--role", "viewer", "--database", url]) == 0
    assert run(["users", "add", "bob", "--role", "viewer", "--database", url]) == 1
    assert capsys.readouterr().err == "error: user 'bob' already exists\n"


async def _accepted_nodelay(listener: socket.socket) -> int:
    """TCP_NODELAY of a connection accepted by an asyncio server on ``listener``."""
    accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def on_connect(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    async with await asyncio.start_server(on_connect, sock=listener):
        _, writer = await asyncio.open_connection(*listener.getsockname())
        result = await accepted
        writer.close()
    return result


def test_worker_server_socket_gets_tcp_nodelay_for_every_connection() -> None:
    # bound as ``uvicorn --workers N`` binds it (protocol number 0), not listening yet
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    other = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    other.bind(("127.0.0.1", 0))
    other.listen()
    with other, socket.create_connection(other.getsockname()) as client:
        assert set_nodelay_on_listeners() >= 2
        assert client.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
    assert asyncio.run(_accepted_nodelay(listener)) == 1


def test_the_served_ui_takes_its_session_settings(tmp_path: Path) -> None:
    """``serve`` builds the UI from settings: the session length and HTTPS-only cookies."""
    import re
    from datetime import timedelta

    from fastapi.testclient import TestClient

    from sanctionwatch.cli.service import build_app
    from sanctionwatch.settings import Settings
    from sanctionwatch.store import Role, add_user
    from sanctionwatch.store.tables import sessions

    secure = Settings(home=tmp_path / "a", ui_secure_cookie=True, reload_seconds=0)
    page = TestClient(build_app(secure)).get("/ui/login")
    assert "secure" in page.headers["set-cookie"].lower()

    cfg = Settings(home=tmp_path / "b", ui_session_hours=2, reload_seconds=0)
    cfg.home.mkdir(parents=True)
    store = open_store(cfg.database)
    _user, key = add_user(store, "ana", Role.ANALYST)
    web = TestClient(build_app(cfg))
    form = web.get("/ui/login")
    assert "secure" not in form.headers["set-cookie"].lower()
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    web.post("/ui/login", data={"key": key, "csrf": csrf.group(1)})
    with store.read() as conn:
        row = conn.execute(sa.select(sessions.c.created_at, sessions.c.expires_at)).one()
    assert row.expires_at - row.created_at == timedelta(hours=2)
    store.close()


def test_users_list_deactivate_rotate_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sanctionwatch.exc import AuthError

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run(["users", "add", "bob", "--role", "analyst", "--database", url]) == 0
    old = capsys.readouterr().out.strip().splitlines()[-1]
    assert run(["users", "add", "System", "--role", "admin", "--database", url]) == 1
    assert "reserved for automated work" in capsys.readouterr().err
    assert run(["users", "rotate-key", "bob", "--database", url]) == 0
    new = capsys.readouterr().out.strip().splitlines()[-1]
    store = open_store(url)
    assert authenticate(store, new).name == "bob"
    with pytest.raises(AuthError):
        authenticate(store, old)
    assert run(["users", "deactivate", "bob", "--database", url]) == 0
    with pytest.raises(AuthError):
        authenticate(store, new)
    store.close()
    capsys.readouterr()
    assert run(["users", "list", "--database", url]) == 0
    assert capsys.readouterr().out == "bob\tanalyst\tdeactivated\n"
    assert run(["users", "deactivate", "nobody", "--database", url]) == 1
    assert run(["audit", "verify", "--database", url]) == 0


def test_demo_runs_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    import sanctionwatch.cli.demo  # noqa: F401  (registers demo)

    monkeypatch.chdir(tmp_path)
    assert run(["demo"]) == 0
    out = capsys.readouterr().out
    assert "customers.csv" in out
    assert "MATCH" in out
