"""Installed the way users install it: the sdist and the wheel built from it, each pip-installed
into a fresh virtual environment and run from a folder outside the source tree.

The new environments see the dependencies already installed beside the test run, so pip checks
every requirement offline and downloads nothing (see installing.py). Nothing from the source
tree is importable in them: no PYTHONPATH, another working directory, no
SANCTIONWATCH_DATA_DIR; the lists they screen against are the ones inside the installed package.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from installing import build_dists, checked, new_venv, pip_install, user_env

from sanctionwatch import __version__

pytestmark = pytest.mark.install

#: seconds the service may take to load the lists and answer /readyz
READY_WITHIN = 240.0
ARTICLE = ("Pyongyang (KCNA) - Kim Jong Un inspected a missile plant on Tuesday, state media "
           "said, days after new sanctions on the Korea Mining Development Trading Corporation.")


@dataclass(frozen=True)
class Installed:
    """A fresh virtual environment holding one installed distribution."""

    venv: Path
    home: Path
    cwd: Path

    def env(self) -> dict[str, str]:
        return user_env(self.venv, self.home)

    def run(self, *args: str) -> str:
        return checked([str(self.venv / "bin" / "sanctionwatch"), *args], self.cwd, self.env())

    def python(self, *args: str) -> str:
        return checked([str(self.venv / "bin" / "python"), *args], self.cwd, self.env())


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_dists(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module", params=["wheel", "sdist"])
def installed(request: pytest.FixtureRequest, dists: dict[str, Path],
              tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp(f"installed-{request.param}")
    venv = new_venv(base)
    pip_install(venv, dists[request.param])
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return Installed(venv=venv, home=base / "home", cwd=elsewhere)


def test_the_package_and_its_lists_come_from_the_new_environment(installed: Installed) -> None:
    where = installed.python(
        "-c", "import sanctionwatch.settings as s; print(s.__file__); print(s.BUNDLED_LISTS)")
    package, lists = (Path(line) for line in where.split())
    assert package.is_relative_to(installed.venv)
    assert lists.is_relative_to(installed.venv) and (lists / "PROVENANCE.md").is_file()
    sources = json.loads(installed.run("lists", "--json"))["sources"]
    assert {s["name"] for s in sources} == {"ofac_sdn", "ofac_nonsdn", "un_sc"}
    for source in sources:
        assert Path(source["path"]).is_relative_to(installed.venv), source["path"]
        assert source["total"] > 0


def test_version_names_the_package_and_every_list(installed: Installed) -> None:
    lines = installed.run("--version").splitlines()
    assert lines[0] == f"sanctionwatch {__version__}"
    versions = dict(line.split(" ", 1) for line in lines[1:])
    assert set(versions) == {"ofac_sdn", "ofac_nonsdn", "un_sc"}
    assert installed.python("-m", "sanctionwatch", "--version").splitlines() == lines


def test_screen_finds_kim_jong_un(installed: Installed) -> None:
    best = json.loads(installed.run("screen", "Kim Jong Un", "--json"))["matches"][0]
    assert best["id"] == "ofac-20157" and best["match"] is True


def test_screen_text_links_the_parties_an_article_names(installed: Installed) -> None:
    (installed.cwd / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (line,) = installed.run("screen-text", "article.txt", "--json").splitlines()
    found = {m["entity"]["caption"].lower() for m in json.loads(line)["mentions"]}
    assert any("kim jong un" in c or "kim, jong un" in c for c in found), found
    assert any("korea mining development" in c for c in found), found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(installed: Installed) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    port = _free_port()
    log = installed.cwd / f"serve-{port}.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(installed.venv / "bin" / "sanctionwatch"), "serve", "--port", str(port)],
            cwd=installed.cwd, env=installed.env(), stdout=out, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}", server, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode is not None


def test_serve_answers_readyz(served: tuple[str, subprocess.Popen[bytes], Path]) -> None:
    url, server, log = served
    deadline = time.monotonic() + READY_WITHIN
    last: object = None
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"serve exited {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=10) as response:
                assert response.status == 200
                assert json.loads(response.read())
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last = exc
            time.sleep(0.5)
    pytest.fail(f"{url}/readyz did not answer 200 within {READY_WITHIN:g} s: {last}\n"
                f"{log.read_text()}")
