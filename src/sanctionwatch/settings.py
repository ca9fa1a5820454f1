"""Settings from the environment (SANCTIONWATCH_* variables), read only by the edges.

The core never reads settings: the CLI, service and batch engines read them here and pass
typed values down.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: the official list snapshot shipped inside the package (``sanctionwatch/data/lists``, package
#: data: a wheel, an sdist, an editable install and a checkout all carry it). pip installs
#: packages as plain directories, so this is a real path the parsers open.
BUNDLED_LISTS = Path(str(files("sanctionwatch").joinpath("data", "lists")))


class Settings(BaseSettings):
    """Runtime settings; each field is SANCTIONWATCH_<NAME> in the environment."""

    model_config = SettingsConfigDict(env_prefix="SANCTIONWATCH_")

    #: the bundled, read-only list snapshot (the embedded default)
    data_dir: Path = BUNDLED_LISTS
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

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'sanctionwatch.db'}"


def get_settings() -> Settings:
    return Settings()
