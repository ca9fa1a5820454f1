"""Shared test data for the batch tests (imported by name, like tests/store/storedata.py).

- ``CUSTOMERS``/``MAPPING``: a customer file of real name variants of UN-listed parties in
  several scripts, unrelated names, a row that must be rejected (no name) and rows with a
  value that cannot be read (screened without it).
- ``serve``: a local HTTP server on 127.0.0.1 answering path -> (content type, body), for
  ``lists update`` through the CLI -- never a real site.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sanctionwatch.settings import BUNDLED_LISTS

DATA_DIR = BUNDLED_LISTS
UN_XML = DATA_DIR / "un" / "consolidated.xml"

CUSTOMERS: list[dict[str, str]] = [
    {"id": "c1", "name": "Eric Badege", "birth_date": "1971", "nationality": "cd"},
    {"id": "c2", "name": "BADEGE, Eric", "birth_date": "", "nationality": ""},
    {"id": "c3", "name": "Kim Yong Chol", "birth_date": "1962-02-18", "nationality": "KP"},
    {"id": "c4", "name": "김영철", "birth_date": "1962-02-18", "nationality": ""},
    {"id": "c5", "name": "Korea Mining Development Trading Corporation", "birth_date": "",
     "nationality": ""},
    {"id": "c6", "name": "Jane Smith", "birth_date": "1980-04-01", "nationality": "us"},
    {"id": "c7", "name": "Ирина Петрова", "birth_date": "1975", "nationality": "ru"},
    {"id": "c8", "name": "", "birth_date": "1960", "nationality": "de"},
    {"id": "c9", "name": "Hans Müller", "birth_date": "31/13/1990", "nationality": "de"},
    {"id": "c10", "name": "Kim Tong-Myong", "birth_date": "", "nationality": "North Korea"},
    {"id": "c11", "name": "Chen Wei", "birth_date": "", "nationality": "Atlantis"},
    {"id": "c12", "name": "Frank Kakolele Bwambale", "birth_date": "", "nationality": ""},
    {"id": "c13", "name": "Maria Garcia", "birth_date": "", "nationality": "es"},
]
MAPPING = (("name", "name"), ("birth_date", "birthDate"), ("nationality", "nationality"))


def un_edited() -> bytes:
    """The UN list with one individual delisted and ERIC BADEGE's surname corrected."""
    data = UN_XML.read_bytes()
    blocks = list(re.finditer(rb"\s*<INDIVIDUAL>.*?</INDIVIDUAL>", data, re.DOTALL))
    gone = blocks[499]
    data = data[: gone.start()] + data[gone.end():]
    return data.replace(b"<SECOND_NAME>BADEGE</SECOND_NAME>",
                        b"<SECOND_NAME>BADEGGE</SECOND_NAME>")


@contextmanager
def serve(routes: Mapping[str, tuple[str, bytes]]) -> Iterator[str]:
    """A server on 127.0.0.1 for the given routes; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", route[0])
            self.send_header("Content-Length", str(len(route[1])))
            self.end_headers()
            self.wfile.write(route[1])

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
