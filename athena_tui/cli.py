"""The ``athena-tui`` command: demo mode with an embedded server, or a real server URL."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import IO

import click

from athena_tui.config import Settings


class StartError(click.ClickException):
    """A start-up refusal: one line on stderr in the agent's language, exit code 2."""

    exit_code = 2

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(f"athena-tui: {self.format_message()}", err=True)


def check_settings(settings: Settings) -> None:
    """Refuse a theme or keymap the app could not use (before any screen opens)."""
    from textual.theme import BUILTIN_THEMES

    from athena_tui.i18n import t

    if settings.theme not in BUILTIN_THEMES:
        raise StartError(
            t(
                "unknown theme {theme!r}; themes: {themes}",
                theme=settings.theme,
                themes=", ".join(sorted(BUILTIN_THEMES)),
            )
        )
    if not settings.keymap:
        return
    from athena_tui.keymap import binding_ids, keymap_problem

    problem = keymap_problem(settings.keymap, binding_ids())
    if problem is None:
        return
    binding_id, key = problem
    if not key:
        raise StartError(
            t(
                "keymap: unknown binding id {binding_id!r} (the help screen, ?, lists the ids)",
                binding_id=binding_id,
            )
        )
    raise StartError(
        t("keymap: {binding_id}: key {key!r} does not exist", binding_id=binding_id, key=key)
    )


def check_server_url(url: str, *, allow_insecure_http: bool = False) -> None:
    """Refuse a server URL that is not http(s)://host, and plain http to another
    machine unless the agent asked for it (tokens and citizen data would cross the
    network readable by anyone on the way)."""
    import httpx

    from athena_tui.connection import is_loopback
    from athena_tui.i18n import t

    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
        raise StartError(
            t("--server {url!r}: not a URL; give e.g. https://athena.example", url=url)
        )
    if parsed.scheme == "http" and not is_loopback(parsed.host) and not allow_insecure_http:
        raise StartError(
            t(
                "--server {url!r}: plain http to another machine sends the session and "
                "citizen data unencrypted; use https:// (or --allow-insecure-http, "
                "at your own risk)",
                url=url,
            )
        )


def check_ca_cert(path: Path) -> None:
    """Refuse a --ca-cert that is not a readable PEM certificate."""
    import ssl

    from athena_tui.i18n import t
    from backend_client.client import tls_context

    try:
        tls_context(path)
    except (OSError, ssl.SSLError) as exc:
        reason = getattr(exc, "strerror", None) or getattr(exc, "reason", None) or str(exc)
        raise StartError(
            t(
                "--ca-cert {path}: not a usable certificate ({reason})",
                path=str(path),
                reason=reason,
            )
        ) from None


def check_demo_data(data_dir: Path, *, reset: bool) -> None:
    """Refuse a demo data directory that cannot be written, or a demo database that
    is not one (a crash while writing, a foreign file): the remedy is --reset-demo."""
    from athena_tui.embedded import DEMO_DB
    from athena_tui.i18n import t

    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        probe = data_dir / ".athena-write-test"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise StartError(
            t(
                "cannot write the data directory {path}: {reason}",
                path=str(data_dir),
                reason=exc.strerror or type(exc).__name__,
            )
        ) from None
    db_path = data_dir / DEMO_DB
    if reset or not db_path.exists():
        return
    try:
        with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise StartError(
            t(
                "the demo database {path} is unusable ({reason}); "
                "athena-tui --reset-demo recreates it",
                path=str(db_path),
                reason=str(exc),
            )
        ) from None


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="athena-tui", prog_name="athena-tui")
@click.option("--demo", is_flag=True, help="Start an embedded demo server with seeded data.")
@click.option("--reset-demo", is_flag=True, help="Recreate the demo database (implies --demo).")
@click.option("--demo-files", type=int, default=10_000, show_default=True, help="Files to seed.")
@click.option("--server", "server_url", help="URL of an Athena server, e.g. https://athena.example")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: $ATHENA_CONFIG_FILE or the user config dir).",
)
@click.option(
    "--language", "--lang", type=click.Choice(["fr", "nl", "en"]), help="Interface language."
)
@click.option("--pkcs11-module", help="PKCS#11 module of the eID card reader.")
@click.option(
    "--ca-cert",
    type=click.Path(dir_okay=False, path_type=Path),
    help="PEM file of a private CA that signed the server's certificate.",
)
@click.option(
    "--allow-insecure-http",
    is_flag=True,
    help="Accept a plain http:// server on another machine (unencrypted; a warning stays "
    "on screen).",
)
def main(
    demo: bool,
    reset_demo: bool,
    demo_files: int,
    server_url: str | None,
    config_file: Path | None,
    language: str | None,
    pkcs11_module: str | None,
    ca_cert: Path | None,
    allow_insecure_http: bool,
) -> None:
    """Athena Career Contactcenter in the terminal."""
    from athena_tui.config import ConfigError, load_settings
    from athena_tui.i18n import set_language, t

    # Refusals before the config is read speak --language, else the default language.
    set_language(language or Settings.language)
    if config_file is not None and not config_file.is_file():
        raise StartError(t("config file {path} not found", path=str(config_file)))
    try:
        settings = load_settings(config_file)
    except ConfigError as error:
        raise StartError(str(error)) from None
    overrides: dict[str, object] = {}
    if server_url:
        overrides["server_url"] = server_url
    if language:
        overrides["language"] = language
    if pkcs11_module:
        overrides["pkcs11_module"] = pkcs11_module
    if ca_cert is not None:
        overrides["ca_cert"] = ca_cert
    overrides["allow_insecure_http"] = allow_insecure_http
    settings = dataclasses.replace(settings, **overrides)  # type: ignore[arg-type]
    demo = demo or reset_demo
    if not demo and not settings.server_url:
        raise StartError(t("give --server URL (or server_url in the config file), or use --demo"))
    if not demo and settings.server_url:
        check_server_url(settings.server_url, allow_insecure_http=allow_insecure_http)
    if not demo and settings.ca_cert is not None:
        check_ca_cert(settings.ca_cert)
    if settings.ssh_fps and os.environ.get("SSH_CONNECTION"):
        os.environ.setdefault("TEXTUAL_FPS", str(settings.ssh_fps))
    # The language is fixed before the screens are imported: their bindings are translated then.
    set_language(settings.language)
    from athena_tui.widget_bindings import translate_widget_bindings

    translate_widget_bindings()
    check_settings(settings)
    if demo:
        check_demo_data(settings.data_dir, reset=reset_demo)

    from athena_tui.app import make_app
    from athena_tui.services import Services

    services = Services(settings, demo=demo, reset_demo=reset_demo, demo_files=demo_files)
    make_app(settings, services).run()
