"""Settings from the environment (SANCTIONWATCH_* variables), read only by the edges.

The core never reads settings: the CLI, service and batch engines read them here and pass
typed values down. :class:`Settings` is a pydantic model that fills each field from
``SANCTIONWATCH_<FIELD>`` (any case; arguments given to it win), validated as pydantic
validates input (``true``/``1``/``yes`` for booleans, numbers, paths). :func:`get_settings`
turns a bad value into an InputError naming the variable. (Plain pydantic rather than pydantic-settings:
the command line starts faster by the tenth of a second pydantic-settings takes to import.)
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from sanctionwatch.exc import InputError

#: every setting is an environment variable named ENV_PREFIX + the field's name
ENV_PREFIX = "SANCTIONWATCH_"

#: the official list snapshot shipped inside the package (``sanctionwatch/data/lists``, package
#: data: a wheel, an sdist, an editable install and a checkout all carry it). pip installs
#: packages as plain directories, so this is a real path the parsers open.
BUNDLED_LISTS = Path(str(files("sanctionwatch").joinpath("data", "lists")))


class Settings(BaseModel):
    """Runtime settings; each field is SANCTIONWATCH_<NAME> in the environment."""

    def __init__(self, **values: Any) -> None:
        super().__init__(**{**_environment(), **values})

    #: the bundled, read-only list snapshot (the embedded default)
    data_dir: Path = BUNDLED_LISTS
    #: the sources to load, comma-separated (``un_sc,ofac_sdn``); default: every bundled source
    #: (a list directory without one is incomplete, an error) and every other one present
    sources: str | None = None
    #: where updated lists, index caches and the default SQLite database live
    home: Path = Path.home() / ".local" / "share" / "sanctionwatch"
    #: SQLAlchemy database URL; default: a SQLite file under home
    database_url: str | None = None
    #: whether /match, /search and /entities may be read without an API key
    open_reads: bool = False
    #: seconds between the service's looks for a new list version, which it then loads and
    #: monitors on its own (0: off; ``POST /lists/reload`` still looks on demand)
    reload_seconds: float = Field(default=60.0, ge=0.0)
    #: hours a sign-in to the analyst UI lasts (``UiConfig.session_lifetime``)
    ui_session_hours: float = Field(default=8.0, gt=0.0, le=24.0 * 7)
    #: send the UI's cookies over HTTPS only (set it when the service is behind TLS)
    ui_secure_cookie: bool = False
    #: the share of a company blocked owners must hold, in aggregate, for it to be blocked by
    #: ownership (OFAC's 50 percent rule: 0.5)
    ownership_threshold: float = Field(default=0.5, gt=0.0, le=1.0)

    @property
    def source_names(self) -> tuple[str, ...] | None:
        if self.sources is None or not self.sources.strip():
            return None
        return tuple(name.strip() for name in self.sources.split(",") if name.strip())

    @property
    def load_history(self) -> Path:
        """The record of each source's last good load (``sources.history``)."""
        return self.home / "loaded.json"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'sanctionwatch.db'}"


def _environment() -> dict[str, str]:
    """The SANCTIONWATCH_<NAME> variables that name a setting, by field name."""
    found: dict[str, str] = {}
    for key, value in os.environ.items():
        if key.upper().startswith(ENV_PREFIX):
            name = key[len(ENV_PREFIX):].lower()
            if name in Settings.model_fields:
                found[name] = value
    return found


def get_settings() -> Settings:
    """The settings from the environment; InputError naming each variable with a bad value."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{ENV_PREFIX}{'_'.join(str(part) for part in error['loc']).upper()}: {error['msg']}"
            for error in exc.errors())
        raise InputError(problems) from None
