"""Settings from the environment (SANCTIONWATCH_* variables), read only by the edges.

The core never reads settings: the CLI, service and batch engines read them here and pass
typed values down.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: the repository's bundled snapshot (present in a source checkout / editable install)
BUNDLED_LISTS = Path(__file__).resolve().parents[2] / "data" / "lists"


class Settings(BaseSettings):
    """Runtime settings; each field is SANCTIONWATCH_<NAME> in the environment."""

    model_config = SettingsConfigDict(env_prefix="SANCTIONWATCH_")

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


def get_settings() -> Settings:
    return Settings()
