"""Fixed data and small host apps for the widget tests and snapshots."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, TypeVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.message import Message as TextualMessage

from backend_client.models import AttachmentMeta, Message, Side
from backend_client.niss import make_niss
from widgets.file_table import FileRow, FileTable, ListRowSource
from widgets.message_thread import MessageThread
from widgets.status_line import StatusLine

NOW = dt.datetime(2025, 3, 14, 10, 0, tzinfo=dt.UTC)
MARKUP = "[bold red]x[/]"
ANSI = "\x1b[31mred"

M = TypeVar("M", bound=TextualMessage)

_NAMES = ["Marie Dubois", "Jan Peeters", "Sofie Maes", "Ahmed El Amrani", "Els Wouters"]
_SUBJECTS = [
    "Période de chômage manquante",
    "Vraag over mijn loopbaan",
    "Military service not in my career",
    "Attestation de carrière incorrecte",
]
_AGE_MINUTES = [3, 50, 200, 1500, 4000, 20000, 70000, 400000]


def make_rows(count: int, *, unsafe_first: bool = False) -> list[FileRow]:
    """``count`` deterministic rows; the first one can carry markup and ANSI."""
    rows = []
    for i in range(count):
        created = NOW - dt.timedelta(minutes=_AGE_MINUTES[i % len(_AGE_MINUTES)] + i)
        rows.append(
            FileRow(
                id=1000 + i,
                ticket=f"SR{2000000 + i:07d}",
                citizen_name=_NAMES[i % len(_NAMES)],
                citizen_niss=make_niss(dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 28), 1 + i),
                subject=_SUBJECTS[i % len(_SUBJECTS)],
                channel_name=["My Career", "Partner: SFP", "Agent"][i % 3],
                priority=["high", "medium", "low"][i % 3],
                status=["new", "assigned", "waiting", "closed"][i % 4],
                assignee_name="" if i % 4 == 0 else "Anne Claes",
                created_at=created,
                updated_at=created,
                unread=i % 5 == 1,
                group_id="fr",
                version=1,
            )
        )
    if unsafe_first and rows:
        rows[0] = rows[0]._replace(subject=f"{MARKUP} {ANSI}", citizen_name=MARKUP)
    return rows


def make_messages() -> list[Message]:
    """A small thread, oldest first as ContactFile gives it."""

    def at(hours: int) -> dt.datetime:
        return NOW - dt.timedelta(hours=48 - hours)

    pdf = AttachmentMeta(
        id=1, name="report.pdf", media_type="application/pdf", size=120_000, sha256="0" * 64
    )
    return [
        Message(
            id=1,
            side=Side.CITIZEN,
            author="Marie Dubois",
            body="Bonjour,\nma période de chômage de 1992 n'apparaît pas dans ma carrière.",
            visible_to_citizen=True,
            final=False,
            created_at=at(0),
            attachments=[pdf],
        ),
        Message(
            id=2,
            side=Side.SYSTEM,
            author="Athena",
            body="File taken by Anne Claes",
            visible_to_citizen=True,
            final=False,
            created_at=at(1),
        ),
        Message(
            id=3,
            side=Side.CONTACT_CENTER,
            author="Anne Claes",
            body="Asked the unemployment office for the 1992 attestation.",
            visible_to_citizen=False,
            final=False,
            created_at=at(2),
        ),
        Message(
            id=4,
            side=Side.CONTACT_CENTER,
            author="Anne Claes",
            body="Madame, la période a été ajoutée à votre carrière. Cordialement.",
            visible_to_citizen=True,
            final=True,
            created_at=at(30),
        ),
    ]


class FileTableHost(App[None]):
    """A FileTable and a list of the messages it posted."""

    def __init__(self, rows: list[FileRow], *, empty_text: str = "No contact files") -> None:
        super().__init__()
        self.rows = rows
        self.empty_text = empty_text
        self.received: list[TextualMessage] = []

    def compose(self) -> ComposeResult:
        yield FileTable(ListRowSource(self.rows), now=lambda: NOW, empty_text=self.empty_text)

    @property
    def table(self) -> FileTable:
        return self.query_one(FileTable)

    @on(FileTable.Highlighted)
    @on(FileTable.Opened)
    @on(FileTable.MarksChanged)
    @on(FileTable.SortRequested)
    def _record(self, message: TextualMessage) -> None:
        self.received.append(message)

    def of_type(self, kind: type[M]) -> list[M]:
        return [m for m in self.received if isinstance(m, kind)]


class BackHost(FileTableHost):
    """A host whose own escape binding records when escape bubbles up to it."""

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "go_back", "Back")]

    def __init__(self, rows: list[FileRow]) -> None:
        super().__init__(rows)
        self.backs = 0

    def action_go_back(self) -> None:
        self.backs += 1


class ThreadHost(App[None]):
    """A MessageThread with the selection messages it posted."""

    def __init__(self, messages: list[Message], newest_first: bool = True) -> None:
        super().__init__()
        self.messages = messages
        self.newest_first = newest_first
        self.selected: list[int | None] = []

    def compose(self) -> ComposeResult:
        yield MessageThread(self.messages, newest_first=self.newest_first, timezone=dt.UTC)

    @property
    def thread(self) -> MessageThread:
        return self.query_one(MessageThread)

    @on(MessageThread.Selected)
    def _record(self, message: MessageThread.Selected) -> None:
        self.selected.append(message.message_id)


class StatusHost(App[None]):
    def compose(self) -> ComposeResult:
        yield StatusLine(timezone=dt.UTC)
