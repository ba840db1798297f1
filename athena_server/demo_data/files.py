"""Demo contact files with their threads, attachments and read marks (store rows)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from backend_client.models import PROFESSIONAL_KINDS, ChannelKind, Priority, Side, Status
from backend_client.ticket import make_ticket

from . import texts
from .attachments import Blob
from .organisations import AGENT_CHANNEL, EMPLOYERS, GROUPS, MY_CAREER_CHANNEL
from .people import DEMO_AGENT_ID, AgentSpec, CitizenSpec

Row = tuple[object, ...]

FILE_COLUMNS = (
    "id", "ticket", "niss", "subject", "channel", "channel_name", "group_id", "assignee_id",
    "status", "priority", "language", "category", "career_year", "career_element",
    "created_at", "updated_at", "updated_by", "last_action", "closed_at", "closed_by",
    "version", "message_count", "last_message_at", "news_at",
)  # fmt: skip
MESSAGE_COLUMNS = (
    "id", "file_id", "side", "author", "author_agent_id", "body", "visible_to_citizen",
    "final", "created_at",
)  # fmt: skip
ATTACHMENT_COLUMNS = ("id", "message_id", "name", "media_type", "size", "sha256")
READ_MARK_COLUMNS = ("agent_id", "file_id", "read_at")

DEMO_AGENT_OPEN_FILES = 30
"""How many open files the demo agent holds, whatever the number of files."""

_CITIZEN = Side.CITIZEN.value
_CC = Side.CONTACT_CENTER.value
_NEW, _ASSIGNED, _WAITING, _CLOSED = (s.value for s in Status)
_STATUS_WEIGHTS = (30, 35, 10, 25)
# how long ago (seconds) a file of each status was created: (min, max)
_AGE = {
    _NEW: (1_800, 20 * 86_400),
    _ASSIGNED: (86_400, 90 * 86_400),
    _WAITING: (3 * 86_400, 120 * 86_400),
    _CLOSED: (5 * 86_400, 730 * 86_400),
}
_PRIORITIES = tuple(p.value for p in Priority)
_PROFESSIONAL = frozenset(k.value for k in PROFESSIONAL_KINDS)
_PARTNER_GROUPS = tuple(g for g in GROUPS if g.partner)
_DESKS = {g.language: g.id for g in GROUPS if not g.partner}
_DOCUMENT_TOPICS = frozenset({"wrong_salary", "attestation", "military_missing"})
_DOC_FOLLOW_UP = 2  # index of "here is the document" in texts.FOLLOW_UPS


@dataclass
class _Plan:
    """A contact file before its thread exists."""

    created: dt.datetime
    citizen: int
    language: str
    channel: str
    channel_name: str
    group_id: str
    status: str
    priority: str
    assignee: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class Chunk:
    """Rows of a run of consecutive files, inserted together."""

    files: list[Row]
    messages: list[Row]
    attachments: list[Row]
    read_marks: list[Row]


class FileFactory:
    """Plans all files first (ids follow creation time), then yields them in chunks."""

    def __init__(
        self,
        rng: random.Random,
        now: dt.datetime,
        citizens: Sequence[CitizenSpec],
        career_facts: Sequence[Sequence[tuple[str, int, str | None]]],
        agents: Sequence[AgentSpec],
        blobs: Sequence[Blob],
    ) -> None:
        self.rng = rng
        self.now = now
        self.citizens = citizens
        self.career_facts = career_facts
        self.agents = {a.id: a for a in agents}
        self.blobs = blobs
        self.members: dict[str, list[int]] = {g.id: [] for g in GROUPS}
        for agent in agents:
            for group_id in agent.groups:
                self.members[group_id].append(agent.id)
        self.plans: list[_Plan] = []
        self.tickets: list[str] = []
        self.message_id = 0
        self.attachment_id = 0

    # ------------------------------------------------------------------ planning

    def plan(self, count: int) -> None:
        """Choose citizen, channel, group, status, priority and age of every file."""
        rng = self.rng
        weights = [rng.choice((1, 1, 1, 2, 3, 6)) for _ in self.citizens]
        picks = rng.choices(range(len(self.citizens)), weights=weights, k=count)
        statuses = rng.choices((_NEW, _ASSIGNED, _WAITING, _CLOSED), _STATUS_WEIGHTS, k=count)
        plans: list[_Plan] = []
        for citizen, status in zip(picks, statuses, strict=True):
            lang = self.citizens[citizen].language
            if lang != "de" and rng.random() < 0.08:
                lang = "nl" if lang == "fr" else "fr"
            roll = rng.random()
            channel_name = MY_CAREER_CHANNEL
            group_id = _DESKS[lang]
            if roll < 0.72:
                channel = ChannelKind.MY_CAREER.value
            elif roll < 0.95:
                channel = ChannelKind.PARTNER.value
                partner = rng.choice(_PARTNER_GROUPS)
                channel_name = partner.channel_name or partner.name
                if rng.random() < 0.85:
                    group_id = partner.id
            else:
                channel = ChannelKind.AGENT.value
                channel_name = AGENT_CHANNEL
            low, high = _AGE[status]
            created = self.now - dt.timedelta(seconds=rng.randint(low, high))
            priority = rng.choices(_PRIORITIES, (15, 60, 25))[0]
            plans.append(
                _Plan(created, citizen, lang, channel, channel_name, group_id, status, priority)
            )
        plans.sort(key=lambda p: p.created)
        self.plans = plans
        number = rng.randint(1_000_000, 1_050_000)
        for _ in plans:
            number += rng.randint(1, 3)
            self.tickets.append(make_ticket(number))
        self._assign()

    def _assign(self) -> None:
        """Assignees: the demo agent gets a fixed share of French-desk files."""
        rng = self.rng
        open_statuses = (_ASSIGNED, _WAITING)
        order = list(range(len(self.plans)))
        rng.shuffle(order)
        demo_files: list[_Plan] = []
        for index in order:
            plan = self.plans[index]
            if plan.status not in open_statuses:
                continue
            if (
                plan.group_id == "fr-desk"
                and plan.language == "fr"
                and len(demo_files) < DEMO_AGENT_OPEN_FILES
            ):
                plan.assignee = DEMO_AGENT_ID
                demo_files.append(plan)
                continue
            members = [m for m in self.members[plan.group_id] if m != DEMO_AGENT_ID]
            plan.assignee = rng.choice(members)
        # a few pairs of the demo agent's files share a citizen, so merge can be shown
        for first, second in zip(demo_files[0:6:2], demo_files[1:6:2], strict=False):
            second.citizen = first.citizen

    # ------------------------------------------------------------------ threads

    def chunks(self, size: int) -> Iterator[Chunk]:
        for start in range(0, len(self.plans), size):
            chunk = Chunk([], [], [], [])
            for index in range(start, min(start + size, len(self.plans))):
                self._file(index, chunk)
            yield chunk

    def _facts(self, plan: _Plan) -> tuple[texts.Topic, int | None, str]:
        """The topic of the question and the career year and employer it is about."""
        rng = self.rng
        citizen = self.citizens[plan.citizen]
        facts = self.career_facts[plan.citizen]
        topic = rng.choice(texts.TOPICS)
        for _ in range(3):
            if topic.id == "maternity" and citizen.male:
                topic = rng.choice(texts.TOPICS)
            elif topic.id == "military_missing" and (
                not citizen.male or citizen.birth.year >= 1975
            ):
                topic = rng.choice(texts.TOPICS)
            else:
                break
        matching = (
            [f for f in facts if f[0] == topic.element]
            or [f for f in facts if f[0] in _PROFESSIONAL]
            or list(facts)
        )
        if matching:
            _, year, employer = rng.choice(matching)
            return topic, year, employer or rng.choice(EMPLOYERS[citizen.language])
        return topic, self.now.year - 1, rng.choice(EMPLOYERS[citizen.language])

    def _length(self, status: str) -> int:
        """Number of messages; the parity says who wrote the last one."""
        rng = self.rng
        if status == _NEW:
            return 1 if rng.random() < 0.85 else 3
        length = 1 + min(29, int(rng.expovariate(0.3)))
        ends_with_citizen = status == _ASSIGNED and rng.random() < 0.6
        if (length % 2 == 1) != ends_with_citizen:
            length = length + 1 if length < 30 else length - 1
        return max(length, 1 if ends_with_citizen else 2)

    def _file(self, index: int, chunk: Chunk) -> None:
        rng = self.rng
        plan = self.plans[index]
        file_id = index + 1
        citizen = self.citizens[plan.citizen]
        lang = plan.language
        topic, year, employer = self._facts(plan)
        status = plan.status
        members = self.members[plan.group_id]
        # who writes for the contact center
        if status == _CLOSED:
            main_agent = rng.choice(members)
        elif plan.assignee is not None:
            main_agent = plan.assignee
        else:
            main_agent = rng.choice(members)

        length = self._length(status)
        age = (self.now - plan.created).total_seconds()
        span = age * (rng.uniform(0.02, 0.3) if status == _CLOSED else rng.uniform(0.3, 0.98))
        offsets = sorted(rng.random() * span for _ in range(length - 1))
        times = [plan.created] + [plan.created + dt.timedelta(seconds=o) for o in offsets]
        # an internal note just before one of the contact center's replies
        note_at = rng.randrange(1, length, 2) if length >= 2 and rng.random() < 0.12 else -1

        values: dict[str, object] = {
            "first": citizen.first_name,
            "last": citizen.last_name,
            "year": year if year is not None else "",
            "employer": employer,
            "agent": "",
        }
        citizen_name = f"{citizen.first_name} {citizen.last_name}"
        last_cc_author: int | None = None
        last_cc_time: dt.datetime | None = None
        last_citizen_time = plan.created
        for position, created in enumerate(times):
            if position % 2 == 0:
                self._citizen_message(
                    chunk, file_id, plan, topic, values, citizen_name, position, created
                )
                last_citizen_time = created
                continue
            author = main_agent if rng.random() < 0.8 else rng.choice(members)
            last = position == length - 1
            if position == note_at:
                noted = times[position - 1] + (created - times[position - 1]) / 2
                self._note(chunk, file_id, author, lang, values, noted)
            if last and status == _CLOSED:
                author = main_agent
            agent_name = self.agents[author].name
            values["agent"] = agent_name
            if last and status == _CLOSED:
                pool, final = topic.final[lang], True
            elif last and status == _WAITING:
                pool, final = texts.WAITING_REPLIES[lang], False
            elif position == 1:
                pool, final = topic.reply[lang], False
            else:
                pool, final = texts.GENERIC_REPLIES[lang], False
            body = (
                texts.GREETING[lang].format_map(values)
                + rng.choice(pool).format_map(values)
                + texts.SIGNATURE[lang].format_map(values)
            )
            self._message(chunk, file_id, _CC, agent_name, author, body, True, final, created)
            if rng.random() < 0.03:
                self._attach(chunk)
            last_cc_author, last_cc_time = author, created

        last_time = times[-1]
        message_count = length + (1 if note_at >= 0 else 0)
        closed_at = last_time if status == _CLOSED else None
        closed_by = main_agent if status == _CLOSED else None
        assignee = plan.assignee if status in (_ASSIGNED, _WAITING) else None
        if status == _NEW:
            last_action = "create" if last_cc_author is None else "release"
        elif status == _CLOSED or last_cc_author is not None and status == _ASSIGNED:
            last_action = "reply"
        else:
            last_action = "take" if status == _ASSIGNED else "status"
        updated_by = closed_by or assignee or last_cc_author
        chunk.files.append(
            (
                file_id,
                self.tickets[index],
                citizen.niss,
                rng.choice(topic.subject[lang]).format_map(values),
                plan.channel,
                plan.channel_name,
                plan.group_id,
                assignee,
                status,
                plan.priority,
                lang,
                topic.category,
                year if topic.category != "pension" else None,
                employer if topic.category != "pension" else None,
                plan.created,
                last_time,
                updated_by,
                last_action,
                closed_at,
                closed_by,
                1,
                message_count,
                last_time,
                last_citizen_time,
            )
        )
        self._read_mark(
            chunk,
            file_id,
            status,
            assignee,
            closed_by,
            times,
            last_citizen_time,
            last_cc_time,
            last_time,
        )

    def _citizen_message(
        self,
        chunk: Chunk,
        file_id: int,
        plan: _Plan,
        topic: texts.Topic,
        values: dict[str, object],
        citizen_name: str,
        position: int,
        created: dt.datetime,
    ) -> None:
        rng = self.rng
        lang = plan.language
        attach = 0.02
        if position == 0:
            body = rng.choice(topic.question[lang]).format_map(values)
            if topic.id in _DOCUMENT_TOPICS:
                attach = 0.55
        else:
            follow_ups = texts.FOLLOW_UPS[lang]
            pick = rng.randrange(len(follow_ups))
            body = follow_ups[pick].format_map(values)
            if pick == _DOC_FOLLOW_UP:
                attach = 0.9
        if rng.random() < 0.003:
            body += rng.choice(texts.MARKUP_LOOKALIKES).format_map(values)
        # a file encoded by an agent still holds the citizen's question, typed by the agent
        encoder = (
            plan.assignee if plan.channel == ChannelKind.AGENT.value and position == 0 else None
        )
        self._message(chunk, file_id, _CITIZEN, citizen_name, encoder, body, True, False, created)
        if rng.random() < attach:
            self._attach(chunk)

    def _note(
        self,
        chunk: Chunk,
        file_id: int,
        author: int,
        lang: str,
        values: dict[str, object],
        created: dt.datetime,
    ) -> None:
        body = self.rng.choice(texts.INTERNAL_NOTES[lang]).format_map(values)
        name = self.agents[author].name
        self._message(chunk, file_id, _CC, name, author, body, False, False, created)

    def _message(
        self,
        chunk: Chunk,
        file_id: int,
        side: str,
        author: str,
        author_id: int | None,
        body: str,
        visible: bool,
        final: bool,
        created: dt.datetime,
    ) -> None:
        self.message_id += 1
        chunk.messages.append(
            (self.message_id, file_id, side, author, author_id, body, visible, final, created)
        )

    def _attach(self, chunk: Chunk) -> None:
        """1–5 attachments on the message just written (never more than 5)."""
        rng = self.rng
        count = rng.choices((1, 2, 3, 4, 5), (70, 18, 6, 4, 2))[0]
        for blob in rng.sample(self.blobs, count):
            self.attachment_id += 1
            chunk.attachments.append(
                (
                    self.attachment_id,
                    self.message_id,
                    blob.name,
                    blob.media_type,
                    blob.size,
                    blob.sha256,
                )
            )

    def _read_mark(
        self,
        chunk: Chunk,
        file_id: int,
        status: str,
        assignee: int | None,
        closed_by: int | None,
        times: list[dt.datetime],
        last_citizen_time: dt.datetime,
        last_cc_time: dt.datetime | None,
        last_time: dt.datetime,
    ) -> None:
        """The holder has read the file, except some news from the citizen (unread)."""
        rng = self.rng
        if closed_by is not None:
            chunk.read_marks.append((closed_by, file_id, last_time))
            return
        if assignee is None:
            return
        if last_citizen_time >= last_time:
            if rng.random() < 0.35:
                if last_cc_time is not None:
                    chunk.read_marks.append((assignee, file_id, last_cc_time))
                return
            seen = last_citizen_time + dt.timedelta(seconds=rng.randint(60, 7_200))
            chunk.read_marks.append((assignee, file_id, min(seen, self.now)))
        else:
            chunk.read_marks.append((assignee, file_id, last_time))
