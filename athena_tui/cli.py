"""The ``athena-tui`` command: demo mode with an embedded server, or a real server URL."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import click


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--language", type=click.Choice(["fr", "nl", "en"]), help="Interface language.")
@click.option("--pkcs11-module", help="PKCS#11 module of the eID card reader.")
def main(
    demo: bool,
    reset_demo: bool,
    demo_files: int,
    server_url: str | None,
    config_file: Path | None,
    language: str | None,
    pkcs11_module: str | None,
) -> None:
    """Athena Career Contactcenter in the terminal."""
    from athena_tui.config import ConfigError, load_settings
    from athena_tui.i18n import set_language

    try:
        settings = load_settings(config_file)
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    overrides: dict[str, object] = {}
    if server_url:
        overrides["server_url"] = server_url
    if language:
        overrides["language"] = language
    if pkcs11_module:
        overrides["pkcs11_module"] = pkcs11_module
    settings = dataclasses.replace(settings, **overrides)  # type: ignore[arg-type]
    demo = demo or reset_demo
    if not demo and not settings.server_url:
        raise click.UsageError(
            "give --server URL (or server_url in the config file), or use --demo"
        )
    if settings.ssh_fps and os.environ.get("SSH_CONNECTION"):
        os.environ.setdefault("TEXTUAL_FPS", str(settings.ssh_fps))
    # The language is fixed before the screens are imported: their bindings are translated then.
    set_language(settings.language)
    from athena_tui.widget_bindings import translate_widget_bindings

    translate_widget_bindings()

    from athena_tui.app import make_app
    from athena_tui.services import Services

    services = Services(settings, demo=demo, reset_demo=reset_demo, demo_files=demo_files)
    make_app(settings, services).run()
