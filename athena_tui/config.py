"""The typed settings object, loaded once from TOML (defaults when the file is absent)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from athena_tui import paths
from athena_tui.i18n import t

Language = Literal["fr", "nl", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "nl", "en")


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from the config file, resolved to typed values."""

    server_url: str | None = None
    language: Language = "fr"
    theme: str = "textual-dark"
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id → key(s) overrides, as Textual's ``App.set_keymap`` takes them."""
    pkcs11_module: str | None = None
    token_label: str = "BELPIC"
    data_dir: Path = field(default_factory=paths.data_dir)
    config_dir: Path = field(default_factory=paths.config_dir)
    ssh_fps: int | None = None
    ca_cert: Path | None = None
    """A private CA (PEM) the server's certificate is checked against, instead of the
    public authorities."""
    allow_insecure_http: bool = False
    """Plain http to a host other than this machine (``--allow-insecure-http`` only:
    never from the config file, so it is chosen at each start)."""
    lock_after_minutes: float = 10.0
    """Minutes without a key or a click after which the screen locks (0: never)."""


_KEYS = {
    "server_url",
    "language",
    "theme",
    "keymap",
    "pkcs11_module",
    "token_label",
    "data_dir",
    "ssh_fps",
    "ca_cert",
    "lock_after_minutes",
}


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file (``path``, else ``$ATHENA_CONFIG_FILE``, else the user config
    dir); a missing file gives the defaults. Raise ConfigError on a bad file or value."""
    file = path if path is not None else paths.config_file()
    defaults = Settings(config_dir=file.parent)
    try:
        raw_text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return defaults
    except OSError as exc:
        raise ConfigError(
            t("{file}: cannot read: {reason}", file=str(file), reason=exc.strerror)
        ) from exc
    try:
        raw = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            t("{file}: not valid TOML: {error}", file=str(file), error=str(exc))
        ) from exc
    return _parse(raw, file, defaults)


def _parse(raw: dict[str, Any], file: Path, defaults: Settings) -> Settings:
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ConfigError(t("{file}: unknown key {key!r}", file=str(file), key=unknown[0]))

    def fail(key: str, why: str) -> ConfigError:
        return ConfigError(
            t(
                "{file}: {key}: {why} (got {value!r})",
                file=str(file),
                key=key,
                why=why,
                value=raw[key],
            )
        )

    def optional_str(key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise fail(key, t("must be a non-empty string"))
        return value.strip()

    server_url = optional_str("server_url")
    if server_url is not None and not server_url.startswith(("http://", "https://")):
        raise fail("server_url", t("must start with http:// or https://"))

    language = raw.get("language", defaults.language)
    if language not in LANGUAGES:
        raise fail("language", t("must be one of {choices}", choices=", ".join(LANGUAGES)))

    theme = optional_str("theme") or defaults.theme
    token_label = optional_str("token_label") or defaults.token_label

    keymap = raw.get("keymap", {})
    if not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in keymap.items()
    ):
        raise fail("keymap", t('must be a table of binding id = "key" strings'))

    data_dir = defaults.data_dir
    data_dir_raw = optional_str("data_dir")
    if data_dir_raw is not None:
        data_dir = Path(data_dir_raw).expanduser()
        if not data_dir.is_absolute():
            data_dir = (file.parent / data_dir).resolve()

    ssh_fps = raw.get("ssh_fps")
    if ssh_fps is not None and (
        isinstance(ssh_fps, bool) or not isinstance(ssh_fps, int) or not 1 <= ssh_fps <= 120
    ):
        raise fail("ssh_fps", t("must be a whole number from 1 to 120"))

    ca_cert = None
    ca_cert_raw = optional_str("ca_cert")
    if ca_cert_raw is not None:
        ca_cert = Path(ca_cert_raw).expanduser()
        if not ca_cert.is_absolute():
            ca_cert = (file.parent / ca_cert).resolve()

    lock_after = raw.get("lock_after_minutes", defaults.lock_after_minutes)
    if (
        isinstance(lock_after, bool)
        or not isinstance(lock_after, int | float)
        or not 0 <= lock_after <= 480
    ):
        raise fail("lock_after_minutes", t("must be a number of minutes from 0 (never) to 480"))

    return Settings(
        server_url=server_url,
        language=cast(Language, language),
        theme=theme,
        keymap=dict(keymap),
        pkcs11_module=optional_str("pkcs11_module"),
        token_label=token_label,
        data_dir=data_dir,
        config_dir=defaults.config_dir,
        ssh_fps=ssh_fps,
        ca_cert=ca_cert,
        lock_after_minutes=float(lock_after),
    )
