"""Where Athena keeps its files: platformdirs config/data dirs, ATHENA_CONFIG_FILE override."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "athena"
CONFIG_ENV = "ATHENA_CONFIG_FILE"


def config_dir() -> Path:
    """The user config directory (not created)."""
    return user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """The user data directory: replicas, drafts, the demo database (not created)."""
    return user_data_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The config file: ``$ATHENA_CONFIG_FILE`` when set, else ``config.toml`` in config_dir."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return config_dir() / "config.toml"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only; return it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
