"""``athena-server``: run the Athena backend alone (optionally seeded with demo data)."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import IO, NoReturn

import click
import sqlalchemy as sa

from athena_server import migrate
from athena_server.app import create_app
from athena_server.channels import CHANNEL_KINDS, add_channel, list_channels, revoke_channel
from athena_server.db import create_all, drop_all, is_empty, make_engine
from athena_server.eid import load_anchors
from athena_server.errors import DomainError
from athena_server.settings import ServerSettings
from athena_server.store_meta import demo_refusal, mark_demo
from backend_client.models import ChannelKind
from backend_client.niss import NissError, normalize_niss


class StartError(click.ClickException):
    """A start-up refusal: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(f"athena-server: {self.format_message()}", err=True)


def open_store(url: str, *, demo: bool, seed: int, files: int, reset: bool) -> sa.Engine:
    """``prepare_store``, refusing a bad URL or an unopenable database in one line."""
    try:
        return prepare_store(url, demo=demo, seed=seed, files=files, reset=reset)
    except ImportError as exc:  # a dialect whose driver is not installed
        raise StartError(f"--db {url}: driver not installed ({exc.name or exc})") from None
    except sa.exc.NoSuchModuleError as exc:  # before ArgumentError: it is one
        raise StartError(f"--db {url}: unknown database kind ({_one_line(exc)})") from None
    except sa.exc.ArgumentError as exc:
        raise StartError(f"--db {url}: not a database URL ({_one_line(exc)})") from None
    except sa.exc.SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        raise StartError(f"--db {url}: cannot open the store ({_one_line(reason)})") from None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def prepare_store(url: str, *, demo: bool, seed: int, files: int, reset: bool) -> sa.Engine:
    """Open (and with ``reset`` recreate) the store; seed demo data into an empty one.

    A new store is made through the migrations; an existing one must already have this
    server's schema (``db upgrade`` brings it there): anything else is refused."""
    engine = make_engine(url)
    if reset:
        drop_all(engine)
    if migrate.current(engine) is None:
        create_all(engine)
    try:
        migrate.check(engine, url)
    except migrate.SchemaMismatch as exc:
        engine.dispose()
        raise StartError(str(exc)) from None
    if demo and is_empty(engine):
        # imported by name: the seed and its data are heavy and only demo servers need them
        seed_module = importlib.import_module("athena_server.seed")
        seed_module.seed_demo(engine, seed=seed, files=files)
        mark_demo(engine)
    return engine


@click.group(invoke_without_command=True)
@click.version_option(package_name="athena-tui", prog_name="athena-server")
@click.option(
    "--db",
    "db_url",
    default="sqlite:///athena.db",
    show_default=True,
    help="SQLAlchemy URL of the store (sqlite:///… or postgresql+psycopg://…).",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8321, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Open demo login and seed an empty store.")
@click.option("--seed", default=42, show_default=True, type=int, help="Seed of the demo data.")
@click.option(
    "--files",
    "files",
    default=10_000,
    show_default=True,
    type=int,
    help="Number of demo contact files.",
)
@click.option("--reset", is_flag=True, help="Drop every table first (loses all data).")
@click.option(
    "--feed-rate",
    default=ServerSettings.feed_rate,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Demo feed: new files and citizen messages per minute (with --demo).",
)
@click.option("--no-feed", is_flag=True, help="No demo feed: citizens stay quiet.")
@click.option(
    "--trust-anchors",
    "trust_anchors",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Directory of trusted root certificates (PEM/DER) for the eID login.",
)
@click.option(
    "--origin",
    default=None,
    help="Origin the clients reach this server at (e.g. https://athena.example), "
    "signed by the card; default: the origin of each request.",
)
@click.option(
    "--docs",
    is_flag=True,
    help="Serve the API's description at /docs, /redoc and /openapi.json (always with --demo).",
)
@click.option(
    "--session-hours",
    default=ServerSettings.session_ttl.total_seconds() / 3600,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True, max=24 * 7),
    help="A session token's lifetime after login, in hours.",
)
@click.option(
    "--idle-minutes",
    default=ServerSettings.session_idle.total_seconds() / 60,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True, max=24 * 60),
    help="A session without a request for this long ends (minutes).",
)
@click.option(
    "--max-sessions",
    default=ServerSettings.max_sessions_per_agent,
    show_default=True,
    type=click.IntRange(min=1, max=100),
    help="Live sessions per agent; a new login ends the oldest one beyond this.",
)
@click.pass_context
def main(
    ctx: click.Context,
    db_url: str,
    host: str,
    port: int,
    demo: bool,
    seed: int,
    files: int,
    reset: bool,
    feed_rate: float,
    no_feed: bool,
    trust_anchors: Path | None,
    origin: str | None,
    docs: bool,
    session_hours: float,
    idle_minutes: float,
    max_sessions: int,
) -> None:
    """Run the Athena API server (or manage it: see the commands below)."""
    if ctx.invoked_subcommand is not None:
        return
    if not 0 < port < 65536:
        raise StartError(f"--port {port}: not a port (1 to 65535)")
    engine = open_store(db_url, demo=demo, seed=seed, files=files, reset=reset)
    refused = demo_refusal(engine, demo=demo, url=db_url)
    if refused is not None:
        engine.dispose()
        raise StartError(refused)
    if trust_anchors is not None and not load_anchors(trust_anchors):
        raise click.BadParameter(f"no certificate in {trust_anchors}", param_hint="--trust-anchors")
    settings = ServerSettings(
        db_url=db_url,
        demo=demo,
        feed=demo and not no_feed,
        feed_rate=feed_rate,
        feed_seed=seed,
        trust_anchors_dir=trust_anchors,
        origin=origin,
        docs=docs,
        session_ttl=dt.timedelta(hours=session_hours),
        session_idle=dt.timedelta(minutes=idle_minutes),
        max_sessions_per_agent=max_sessions,
    )
    app = create_app(settings, engine=engine)
    feed = f" — demo feed {feed_rate:g}/min" if settings.feed else ""
    card = f" — eID login ({trust_anchors})" if trust_anchors else ""
    described = " (docs at /docs)" if docs or demo else ""
    click.echo(
        f"Athena API on http://{host}:{port}{described}{' — demo' if demo else ''}{feed}{card}"
    )
    from athena_server.runner import serve

    serve(app, host, port)


@main.group("db")
@click.option("--db", "db_url", default=None, help="Store URL (default: the --db before it).")
@click.pass_context
def db_group(ctx: click.Context, db_url: str | None) -> None:
    """The store's schema: versioned migrations."""
    root = ctx.find_root().params
    ctx.obj = db_url or root.get("db_url") or "sqlite:///athena.db"


def _raw_store(url: str) -> sa.Engine:
    try:
        return make_engine(url)
    except (ImportError, sa.exc.SQLAlchemyError) as exc:
        raise StartError(f"--db {url}: cannot open the store ({_one_line(exc)})") from None


@db_group.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Bring the store to this server's schema (creates an empty one)."""
    engine = _raw_store(str(ctx.obj))
    try:
        before = migrate.current(engine)
        migrate.upgrade(engine)
        after = migrate.current(engine)
    except sa.exc.SQLAlchemyError as exc:
        raise StartError(f"db upgrade failed ({_one_line(exc)})") from None
    finally:
        engine.dispose()
    if before == after:
        click.echo(f"the store is at {after} (head): nothing to do")
    else:
        click.echo(f"upgraded the store from {before or 'empty'} to {after} (head)")


@db_group.command("current")
@click.pass_context
def db_current(ctx: click.Context) -> None:
    """Print the store's schema revision and whether this server knows it."""
    engine = _raw_store(str(ctx.obj))
    try:
        revision = migrate.current(engine)
    except sa.exc.SQLAlchemyError as exc:
        raise StartError(f"--db {ctx.obj}: cannot open the store ({_one_line(exc)})") from None
    finally:
        engine.dispose()
    wanted = migrate.head()
    if revision == wanted:
        click.echo(f"{revision} (head)")
    elif revision is None:
        click.echo(f"empty (head is {wanted}: run athena-server db upgrade)")
    elif revision in migrate.known():
        click.echo(f"{revision} (head is {wanted}: run athena-server db upgrade)")
    else:
        click.echo(f"{revision} (unknown to this server, whose head is {wanted})")


@main.group("channels")
@click.option("--db", "db_url", default=None, help="Store URL (default: the --db before it).")
@click.pass_context
def channels_group(ctx: click.Context, db_url: str | None) -> None:
    """Credentials of the inbound channels (My Career, partner applications)."""
    root = ctx.find_root().params
    ctx.obj = db_url or root.get("db_url") or "sqlite:///athena.db"


def _channel_store(ctx: click.Context) -> sa.Engine:
    return open_store(str(ctx.obj), demo=False, seed=0, files=0, reset=False)


def _fail(exc: DomainError) -> NoReturn:
    raise click.ClickException(exc.message) from None


@channels_group.command("add")
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in CHANNEL_KINDS]),
    required=True,
    help="my_career (the citizen portal) or partner (a partner institution's application).",
)
@click.option(
    "--group", "group_id", default=None, help="A partner's own group (its files go there)."
)
@click.pass_context
def channels_add(ctx: click.Context, name: str, kind: str, group_id: str | None) -> None:
    """Register channel NAME and print its key (shown once, stored hashed)."""
    engine = _channel_store(ctx)
    try:
        with engine.begin() as conn:
            channel, key = add_channel(conn, name, ChannelKind(kind), group_id)
    except DomainError as exc:
        _fail(exc)
    finally:
        engine.dispose()
    click.echo(f"channel {channel.name} ({channel.kind.value}) added; its key, shown only now:")
    click.echo(key)


@channels_group.command("list")
@click.pass_context
def channels_list(ctx: click.Context) -> None:
    """List the channels (keys are never shown again)."""
    engine = _channel_store(ctx)
    try:
        with engine.connect() as conn:
            found = list_channels(conn)
    finally:
        engine.dispose()
    if not found:
        click.echo("no channels")
    for channel in found:
        state = f"revoked {channel.revoked_at:%Y-%m-%d %H:%M}" if channel.revoked_at else "active"
        group = f" group={channel.group_id}" if channel.group_id else ""
        click.echo(f"{channel.name}\t{channel.kind.value}{group}\t{state}")


@channels_group.command("revoke")
@click.argument("name")
@click.pass_context
def channels_revoke(ctx: click.Context, name: str) -> None:
    """Refuse channel NAME's key from now on."""
    engine = _channel_store(ctx)
    try:
        with engine.begin() as conn:
            channel = revoke_channel(conn, name)
    except DomainError as exc:
        _fail(exc)
    finally:
        engine.dispose()
    click.echo(f"channel {channel.name} revoked")


@main.command("access-log")
@click.option("--niss", default=None, help="The citizen (NISS, formatted or bare).")
@click.option("--agent", "agent_id", type=int, default=None, help="Only this agent's reads (id).")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]),
    default=None,
    help="Only reads from this date (UTC), e.g. 2026-01-31.",
)
@click.option("--db", "db_url", default=None, help="Store URL (default: the --db before it).")
@click.pass_context
def access_log_command(
    ctx: click.Context,
    niss: str | None,
    agent_id: int | None,
    since: dt.datetime | None,
    db_url: str | None,
) -> None:
    """Print who read which citizen's data, when, what and why (a data-protection
    request): every search hit, identity, files list, career, file and attachment."""
    from athena_server.access_log import as_table, read_log

    if niss is None and agent_id is None:
        raise click.UsageError("give --niss NISS or --agent ID")
    bare = None
    if niss is not None:
        try:
            bare = normalize_niss(niss)
        except NissError as exc:
            raise click.BadParameter(str(exc), param_hint="--niss") from None
    url = db_url or ctx.find_root().params.get("db_url") or "sqlite:///athena.db"
    engine = open_store(str(url), demo=False, seed=0, files=0, reset=False)
    try:
        with engine.connect() as conn:
            rows = read_log(
                conn,
                niss=bare,
                agent_id=agent_id,
                since=since.replace(tzinfo=dt.UTC) if since is not None else None,
            )
    finally:
        engine.dispose()
    if not rows:
        click.echo("no access found")
        return
    click.echo(as_table(rows))
    click.echo(f"{len(rows)} access{'es' if len(rows) != 1 else ''}")
