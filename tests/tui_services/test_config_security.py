"""The config file's lock delay and private CA."""

from __future__ import annotations

from pathlib import Path

import pytest

from athena_tui.config import ConfigError, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_lock_after_defaults_to_ten_minutes_and_reads_the_file(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "absent.toml").lock_after_minutes == 10
    settings = load_settings(write(tmp_path, "lock_after_minutes = 2.5\nca_cert = 'ca.pem'\n"))
    assert settings.lock_after_minutes == 2.5
    assert settings.ca_cert == (tmp_path / "ca.pem").resolve()
    assert settings.allow_insecure_http is False  # never from the file


@pytest.mark.parametrize("value", ["-1", "481", "true", "'ten'"])
def test_a_bad_lock_delay_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match="lock_after_minutes"):
        load_settings(write(tmp_path, f"lock_after_minutes = {value}\n"))


def test_allow_insecure_http_is_not_a_config_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="allow_insecure_http"):
        load_settings(write(tmp_path, "allow_insecure_http = true\n"))
