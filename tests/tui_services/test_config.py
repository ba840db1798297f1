"""Settings: defaults without a file, TOML values, errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from athena_tui import paths
from athena_tui.config import ConfigError, Settings, load_settings


def test_defaults_when_the_file_is_absent(isolated_dirs: Path) -> None:
    settings = load_settings()
    assert settings.language == "fr" and settings.theme == "textual-dark"
    assert settings.server_url is None and settings.keymap == {}
    assert settings.token_label == "BELPIC"
    assert settings.data_dir == paths.data_dir()
    assert str(settings.data_dir).startswith(str(isolated_dirs))


def test_values_from_the_env_file(isolated_dirs: Path) -> None:
    file = paths.config_file()
    assert file == isolated_dirs / "config" / "athena" / "config.toml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(
        'server_url = "https://athena.example:8443"\nlanguage = "nl"\ntheme = "nord"\n'
        'data_dir = "data"\nssh_fps = 30\npkcs11_module = "/usr/lib/libbeidpkcs11.so"\n'
        '[keymap]\ntake = "T"\n'
    )
    settings = load_settings()
    assert settings == Settings(
        server_url="https://athena.example:8443",
        language="nl",
        theme="nord",
        keymap={"take": "T"},
        pkcs11_module="/usr/lib/libbeidpkcs11.so",
        data_dir=file.parent / "data",
        config_dir=file.parent,
        ssh_fps=30,
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('language = "de"', "language"),
        ('server_url = "ftp://x"', "server_url"),
        ("ssh_fps = 0", "ssh_fps"),
        ('ssh_fps = "fast"', "ssh_fps"),
        ("keymap = 3", "keymap"),
        ('colour = "red"', "colour"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, text: str, key: str) -> None:
    file = tmp_path / "config.toml"
    file.write_text(text + "\n")
    with pytest.raises(ConfigError, match=key):
        load_settings(file)


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    file.write_text("language = \n")
    with pytest.raises(ConfigError, match="TOML"):
        load_settings(file)
