"""Building the distributions and installing one into a fresh virtual environment, offline:
shared by tests/test_install.py and benchmarks/bench_install.py.

The sdist is built from a copy of what setuptools reads (so the tree stays clean), the wheel
from that sdist (as ``python -m build`` does). A new environment sees the dependencies already
installed beside the running interpreter through a ``.pth`` line to a folder of links to them,
leaving out any sanctionwatch installed there, so pip checks every requirement with
``--no-index`` and downloads nothing.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: what a source distribution is built from (setuptools reads no other file of the tree)
SDIST_INPUTS = ("pyproject.toml", "README.md", "src")


def checked(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; its stdout, or AssertionError with its stderr."""
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
                          check=False)
    assert proc.returncode == 0, f"{args} exited {proc.returncode}:\n{proc.stderr}"
    return proc.stdout


def build_dists(base: Path) -> dict[str, Path]:
    """``{"sdist": ..., "wheel": ...}`` built under base."""
    tree = base / "tree"
    tree.mkdir(parents=True)
    for name in SDIST_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, tree / name)
    out = base / "out"
    build = "import sys; from setuptools import build_meta as b; b.build_sdist(sys.argv[1])"
    checked([sys.executable, "-c", build, str(out)], tree)
    (sdist,) = out.glob("sanctionwatch-*.tar.gz")
    checked([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index",
             "--no-build-isolation", "--wheel-dir", str(out), str(sdist)], base)
    (wheel,) = out.glob("sanctionwatch-*.whl")
    return {"sdist": sdist, "wheel": wheel}


def _dependencies(target: Path) -> Path:
    """A folder of links to everything installed beside this interpreter but sanctionwatch."""
    target.mkdir(parents=True)
    for folder in site.getsitepackages():
        for entry in Path(folder).iterdir():
            name = entry.name.lower()
            if name.startswith(("sanctionwatch", "__editable__")) or entry.suffix == ".pth":
                continue
            link = target / entry.name
            if not link.exists():
                link.symlink_to(entry)
    return target


def new_venv(base: Path) -> Path:
    """An empty virtual environment at base/venv that sees the installed dependencies."""
    venv = base / "venv"
    base.mkdir(parents=True, exist_ok=True)
    checked([sys.executable, "-m", "venv", "--without-pip", str(venv)], base)
    (purelib,) = venv.glob("lib/python*/site-packages")
    deps = _dependencies(base / "deps")
    (purelib / "installed-dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    return venv


def pip_install(venv: Path, dist: Path) -> None:
    """pip-install a distribution into the environment, offline (dependencies checked)."""
    checked([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
             "--no-index", "--no-build-isolation", "--disable-pip-version-check", str(dist)],
            venv.parent, {k: v for k, v in os.environ.items() if k != "PYTHONPATH"})


def user_env(venv: Path, home: Path) -> dict[str, str]:
    """A user's environment for the installed tool: nothing of the source tree importable."""
    env = {k: v for k, v in os.environ.items()
           if k != "PYTHONPATH" and not k.startswith("SANCTIONWATCH_")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    env["SANCTIONWATCH_HOME"] = str(home)
    return env
