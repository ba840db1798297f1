"""The demo feed: demo citizens open files and answer agents' replies at a steady rate,
through the inbound store operations (the inbound API's own code path), so that an
agent's dashboard shows files arriving and unread markers appearing."""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from athena_server import inbound
from athena_server.channels import Channel, ensure_channel
from athena_server.demo_data import texts
from athena_server.demo_data.attachments import PDF, tiny_pdf
from athena_server.demo_data.organisations import EMPLOYERS, MY_CAREER_CHANNEL
from athena_server.demo_data.people import DEMO_AGENT_ID
from athena_server.files import Upload
from athena_server.journal import one_writer, serialize_writers
from athena_server.notifier import Notifier
from athena_server.schema import career_periods, citizens, contact_files, groups, messages
from athena_server.settings import ServerSettings
from backend_client.models import PROFESSIONAL_KINDS, ChannelKind, Side, Status

log = logging.getLogger("athena_server.feed")

DEFAULT_RATE = ServerSettings.feed_rate
"""Events per minute (4: one new file or citizen message every 15 s)."""

# Built-in demo credentials, documented in the README so that the inbound API can be
# tried by hand on a demo server. Never created outside demo servers.
DEMO_MY_CAREER_KEY = "demo-my-career"
DEMO_PARTNER_KEY = "demo-partner"
DEMO_PARTNER_NAME = "SFP – MyPension"
DEMO_PARTNER_GROUP = "partner-sfp"

LANGUAGES = ("fr", "nl")
ANSWER_SHARE = 0.5  # of the ticks: a citizen answers a reply (when one is waiting)
PREFER_DEMO_AGENT = 0.6  # of the answers: on the demo agent's files, when she has any
PARTNER_SHARE = 0.25  # of the new files: through the partner channel
CANDIDATES = 300
_DOCUMENT_TOPICS = frozenset({"wrong_salary", "attestation", "military_missing"})
_DOCUMENT_FOLLOW_UP = 2  # texts.FOLLOW_UPS[lang][2] is "here is the document"
_PROFESSIONAL = tuple(k.value for k in PROFESSIONAL_KINDS)
_MY_EMPLOYER = {"fr": "mon employeur", "nl": "mijn werkgever"}

f = contact_files


@dataclass(frozen=True)
class FeedEvent:
    """What one tick did: a new file, or a citizen's message (possibly a reopened file)."""

    kind: str  # "file" | "message"
    ticket: str
    channel: str
    new_file: bool


class DemoFeed:
    """Call ``tick()`` for one event, or ``start()`` a thread ticking ``rate`` times a
    minute until ``stop()``. The same seed over the same store gives the same events."""

    def __init__(
        self,
        engine: sa.Engine,
        notifier: Notifier | None = None,
        *,
        rate: float = DEFAULT_RATE,
        seed: int = 7,
    ) -> None:
        if rate <= 0:
            raise ValueError("the feed rate must be positive (events per minute)")
        self.engine = engine
        self.notifier = notifier
        self.rate = rate
        self.rng = random.Random(seed)
        # the latest events, for tests and logs; bounded for servers left running for days
        self.events: deque[FeedEvent] = deque(maxlen=1000)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ schedule

    @property
    def interval(self) -> float:
        return 60.0 / self.rate

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="athena-demo-feed", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.tick()
            except sa.exc.OperationalError as exc:  # a busy store: the next tick will do
                log.warning("demo feed skipped a tick: %s", exc)
            except Exception:  # the feed must never take the server down
                log.exception("demo feed tick failed")

    # ------------------------------------------------------------------ one event

    def tick(self) -> FeedEvent | None:
        """One event in one transaction; None when the store has no demo citizen."""
        with self._lock:
            with one_writer(self.engine), self.engine.begin() as conn:
                serialize_writers(conn)
                my_career, partner = self.channels(conn)
                event = None
                if self.rng.random() < ANSWER_SHARE:
                    event = self._answer(conn, (my_career, partner))
                if event is None:
                    channel = partner if self.rng.random() < PARTNER_SHARE else my_career
                    event = self._new_file(conn, channel)
            if event is not None:
                self.events.append(event)
                if self.notifier is not None:
                    self.notifier.notify()
            return event

    def channels(self, conn: sa.Connection) -> tuple[Channel, Channel]:
        """The built-in My Career and partner channels (created on first use)."""
        my_career = ensure_channel(
            conn, MY_CAREER_CHANNEL, ChannelKind.MY_CAREER, None, DEMO_MY_CAREER_KEY
        )
        partner_groups = list(
            conn.execute(
                sa.select(groups.c.id, groups.c.name).where(groups.c.partner.is_(True))
            ).all()
        )
        ids = {g.id for g in partner_groups}
        if DEMO_PARTNER_GROUP in ids or not partner_groups:
            name = DEMO_PARTNER_NAME
            group_id = DEMO_PARTNER_GROUP if DEMO_PARTNER_GROUP in ids else None
        else:
            first = min(partner_groups, key=lambda g: g.id)
            name, group_id = f"{first.name} app", first.id
        partner = ensure_channel(conn, name, ChannelKind.PARTNER, group_id, DEMO_PARTNER_KEY)
        return my_career, partner

    # ------------------------------------------------------------------ new files

    def _new_file(self, conn: sa.Connection, channel: Channel) -> FeedEvent | None:
        rng = self.rng
        people = citizens.c
        count = conn.execute(
            sa.select(sa.func.count()).select_from(citizens).where(people.language.in_(LANGUAGES))
        ).scalar_one()
        if not count:
            return None
        citizen = conn.execute(
            sa.select(citizens)
            .where(people.language.in_(LANGUAGES))
            .order_by(people.niss)
            .offset(rng.randrange(count))
            .limit(1)
        ).one()
        lang = citizen.language
        topic = self._topic(citizen)
        year, employer = self._fact(conn, citizen.niss, topic, lang)
        values: dict[str, object] = {
            "first": citizen.first_name,
            "last": citizen.last_name,
            "year": year,
            "employer": employer,
            "agent": "",
        }
        uploads: list[Upload] = []
        if topic.id in _DOCUMENT_TOPICS and rng.random() < 0.4:
            uploads.append(_document(year))
        made = inbound.create_file(
            conn,
            channel,
            niss=citizen.niss,
            subject=rng.choice(topic.subject[lang]).format_map(values),
            question=rng.choice(topic.question[lang]).format_map(values),
            uploads=uploads,
            language=lang,
            category=topic.category,
        )
        return FeedEvent("file", made.summary.ticket, channel.name, True)

    def _topic(self, citizen: Any) -> texts.Topic:
        """A topic that fits the citizen (the seed's rules: no maternity for men, military
        service only for men born before 1975)."""
        male = int(citizen.niss[6:9]) % 2 == 1
        born = citizen.birth_date
        topic = self.rng.choice(texts.TOPICS)
        for _ in range(5):
            if topic.id == "maternity" and male:
                topic = self.rng.choice(texts.TOPICS)
            elif topic.id == "military_missing" and (not male or born.year >= 1975):
                topic = self.rng.choice(texts.TOPICS)
            else:
                break
        return topic

    def _fact(
        self, conn: sa.Connection, niss: str, topic: texts.Topic, lang: str
    ) -> tuple[int, str]:
        """A year and employer of the citizen's career the question can be about."""
        p = career_periods.c
        rows = conn.execute(
            sa.select(p.kind, p.start, p.employer)
            .where(p.niss == niss, p.employer.is_not(None))
            .order_by(p.id)
        ).all()
        matching = [r for r in rows if r.kind == topic.element] or [
            r for r in rows if r.kind in _PROFESSIONAL
        ]
        if matching:
            row = self.rng.choice(matching)
            return int(row.start.year), str(row.employer)
        return dt.date.today().year - 1, self.rng.choice(EMPLOYERS[lang])

    # ------------------------------------------------------------------ answers

    def _answer(self, conn: sa.Connection, channels: tuple[Channel, ...]) -> FeedEvent | None:
        """A citizen answers the reply an agent sent last on an open file."""
        last_id = (
            sa.select(messages.c.id)
            .where(messages.c.file_id == f.c.id)
            .order_by(messages.c.created_at.desc(), messages.c.id.desc())
            .limit(1)
            .correlate(f)
            .scalar_subquery()
        )
        own = sa.or_(
            *(sa.and_(f.c.channel == c.kind.value, f.c.channel_name == c.name) for c in channels)
        )
        rows = conn.execute(
            sa.select(
                f.c.ticket,
                f.c.niss,
                f.c.channel,
                f.c.channel_name,
                f.c.assignee_id,
                f.c.language,
                f.c.career_year,
                f.c.career_element,
            )
            .join(messages, messages.c.id == last_id)
            .where(
                f.c.status.in_((Status.ASSIGNED.value, Status.WAITING.value)),
                f.c.language.in_(LANGUAGES),
                own,
                messages.c.side == Side.CONTACT_CENTER.value,
                messages.c.visible_to_citizen.is_(True),
            )
            .order_by(f.c.last_message_at.desc(), f.c.id)
            .limit(CANDIDATES)
        ).all()
        if not rows:
            return None
        rng = self.rng
        mine = [r for r in rows if r.assignee_id == DEMO_AGENT_ID]
        pool = mine if mine and rng.random() < PREFER_DEMO_AGENT else rows
        pick = pool[rng.randrange(len(pool))]
        channel = next(
            c for c in channels if c.kind.value == pick.channel and c.name == pick.channel_name
        )
        lang = pick.language
        values: dict[str, object] = {
            "year": pick.career_year or dt.date.today().year - 1,
            "employer": pick.career_element or _MY_EMPLOYER[lang],
        }
        choice = rng.randrange(len(texts.FOLLOW_UPS[lang]))
        uploads = [_document(values["year"])] if choice == _DOCUMENT_FOLLOW_UP else []
        written, new = inbound.add_citizen_message(
            conn,
            channel,
            pick.ticket,
            niss=pick.niss,
            body=texts.FOLLOW_UPS[lang][choice].format_map(values),
            uploads=uploads,
        )
        return FeedEvent("message", written.summary.ticket, channel.name, new)


def _document(year: object) -> Upload:
    content = tiny_pdf([f"Attestation {year}", "Document envoye par le citoyen / door de burger"])
    return Upload(name=f"attestation_{year}.pdf", media_type=PDF, content=content)
