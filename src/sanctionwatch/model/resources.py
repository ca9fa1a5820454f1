"""The package's own data files (``sanctionwatch/resources/``), read as YAML."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

#: libyaml's loader where PyYAML was built with it (ten times faster), else the Python one
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(name: str) -> Any:
    """``resources/<name>`` parsed by a safe loader; a malformed file raises
    ``yaml.YAMLError``, which the caller reports naming the file."""
    text = resources.files("sanctionwatch.resources").joinpath(name).read_text("utf-8")
    return yaml.load(text, Loader=LOADER)
