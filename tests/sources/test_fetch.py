"""List updates against a local HTTP server on 127.0.0.1 serving the bundled UN list, broken
copies of it (truncated, cut short, HTML, wrong content type, slow, shrunk) — never a real site.

The UN consolidated list is the fixture: one file, real, and quick to parse.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sanctionwatch.exc import UpdateRejected
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources import load_specs
from sanctionwatch.sources.fetch import FetchPolicy, ListStore, make_client, update_source

DATA_DIR = BUNDLED_LISTS
UN = (DATA_DIR / "un" / "consolidated.xml").read_bytes()
INDIVIDUAL = re.compile(rb"\s*<INDIVIDUAL>.*?</INDIVIDUAL>", re.DOTALL)


def _drop_individuals(data: bytes, every: int) -> bytes:
    """The list without every n-th individual (n=1: without any)."""
    count = 0

    def keep(match: re.Match[bytes]) -> bytes:
        nonlocal count
        count += 1
        return b"" if count % every == 0 else match.group(0)

    return INDIVIDUAL.sub(keep, data)


def _rename_first(data: bytes) -> bytes:
    return data.replace(b"<SECOND_NAME>BADEGE</SECOND_NAME>", b"<SECOND_NAME>BADEGGE</SECOND_NAME>")


EMPTY = re.sub(rb"<ENTITY>.*?</ENTITY>", b"", _drop_individuals(UN, 1), flags=re.DOTALL)
# path -> (content type, body, declared length or None for the body's own, delay in seconds)
ROUTES: dict[str, tuple[str, bytes, int | None, float]] = {
    "/ok.xml": ("application/xml", UN, None, 0.0),
    "/renamed.xml": ("text/xml; charset=utf-8", _rename_first(_drop_individuals(UN, 500)),
                     None, 0.0),
    "/html.xml": ("text/html", UN, None, 0.0),
    "/errorpage.xml": ("application/xml", (b"<!DOCTYPE html><html><body>Maintenance</body>"
                       b"</html>"), None, 0.0),
    "/truncated.xml": ("application/xml", UN[: len(UN) // 2], len(UN), 0.0),
    "/cut.xml": ("application/xml", UN[: len(UN) // 2], None, 0.0),
    "/slow.xml": ("application/xml", UN, None, 2.0),
    "/trickle.xml": ("application/xml", UN, None, 0.0),
    "/shrunk.xml": ("application/xml", _drop_individuals(UN, 2), None, 0.0),
    "/empty.xml": ("application/xml", EMPTY, None, 0.0),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        route = ROUTES.get(self.path)
        if route is None:
            self.send_error(404)
            return
        ctype, body, length, delay = route
        time.sleep(delay)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(length if length is not None else len(body)))
        self.end_headers()
        try:
            if self.path == "/trickle.xml":  # steady but slow: 4 KiB every 50 ms
                for start in range(0, len(body), 4096):
                    self.wfile.write(body[start:start + 4096])
                    self.wfile.flush()
                    time.sleep(0.05)
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


POLICY = FetchPolicy(timeout=0.5, deadline=10.0)
SPECS = load_specs()
UN_SPEC = next(s for s in SPECS if s.name == "un_sc")


def _update(store: ListStore, url: str, force: bool = False, policy: FetchPolicy = POLICY,
            ) -> object:
    with make_client(policy) as client:
        return update_source(UN_SPEC, store, SPECS, client, policy, force=force,
                             urls={"primary": url})


def test_a_good_download_is_swapped_in_and_the_bundle_still_serves_the_rest(
        tmp_path: Path, server: str) -> None:
    store = ListStore(tmp_path, DATA_DIR)
    assert store.data_dir() == DATA_DIR
    result = _update(store, server + "/ok.xml")
    assert result.status == "updated" and result.records == 1003  # type: ignore[attr-defined]
    active = store.data_dir()
    assert active == tmp_path / "lists" / "active"
    assert (active / "un" / "consolidated.xml").read_bytes() == UN
    assert (active / "un" / "consolidated.xml").resolve().is_relative_to(tmp_path / "lists" /
                                                                          "un_sc")
    assert (active / "ofac" / "sdn.csv").resolve() == (DATA_DIR / "ofac" / "sdn.csv").resolve()
    current = store.current("un_sc")
    assert current is not None and current["records"] == 1003
    assert current["previous"] is None and store.previous_dir("un_sc") == DATA_DIR


def test_the_same_content_again_changes_nothing(tmp_path: Path, server: str) -> None:
    store = ListStore(tmp_path, DATA_DIR)
    first = _update(store, server + "/ok.xml")
    again = _update(store, server + "/ok.xml")
    assert again.status == "unchanged"  # type: ignore[attr-defined]
    assert again.version == first.version  # type: ignore[attr-defined]
    assert len(store.versions("un_sc")) == 1


def test_earlier_versions_are_kept(tmp_path: Path, server: str) -> None:
    store = ListStore(tmp_path, DATA_DIR)
    first = _update(store, server + "/ok.xml")
    second = _update(store, server + "/renamed.xml")
    assert second.status == "updated" and second.previous_records == 1003  # type: ignore[attr-defined]
    assert store.versions("un_sc") == sorted([first.version, second.version])  # type: ignore[attr-defined]
    assert store.previous_dir("un_sc") == tmp_path / "lists" / "un_sc" / first.version  # type: ignore[attr-defined]
    assert (store.previous_dir("un_sc") / "un" / "consolidated.xml").read_bytes() == UN  # type: ignore[operator]


@pytest.mark.parametrize(("path", "problem"), [
    ("/html.xml", "content type 'text/html'"),
    ("/errorpage.xml", "HTML page"),
    ("/truncated.xml", "download failed"),
    ("/cut.xml", "does not parse"),
    ("/slow.xml", "timed out"),
    ("/missing.xml", "HTTP 404"),
    ("/empty.xml", "does not parse"),
])
def test_a_bad_download_never_replaces_a_good_list(
        tmp_path: Path, server: str, path: str, problem: str) -> None:
    store = ListStore(tmp_path, DATA_DIR)
    good = _update(store, server + "/ok.xml")
    with pytest.raises(UpdateRejected) as caught:
        _update(store, server + path, force=True)
    assert problem in str(caught.value)
    assert server + path in str(caught.value) or "un_sc" in str(caught.value)
    assert store.current("un_sc")["version"] == good.version  # type: ignore[index, attr-defined]
    assert (store.data_dir() / "un" / "consolidated.xml").read_bytes() == UN
    assert [p.name for p in (tmp_path / "lists" / "un_sc").iterdir()
            if p.name.startswith(".")] == []


def test_a_trickle_past_the_deadline_is_rejected(tmp_path: Path, server: str) -> None:
    store = ListStore(tmp_path, DATA_DIR)
    with pytest.raises(UpdateRejected, match="too slow, not complete after 0.5 s"):
        _update(store, server + "/trickle.xml", policy=FetchPolicy(timeout=5.0, deadline=0.5))
    assert store.data_dir() == DATA_DIR
    assert store.versions("un_sc") == []


def test_losing_more_than_a_fifth_of_the_records_needs_force(tmp_path: Path, server: str) -> None:
    store = ListStore(tmp_path, DATA_DIR)
    with pytest.raises(UpdateRejected) as caught:
        _update(store, server + "/shrunk.xml")
    assert "fewer than the current 1,003 (limit 20%); pass --force" in str(caught.value)
    assert store.data_dir() == DATA_DIR
    forced = _update(store, server + "/shrunk.xml", force=True)
    assert forced.status == "updated" and forced.records == 1003 - 365  # type: ignore[attr-defined]
    assert store.current("un_sc")["forced"] is True  # type: ignore[index]
