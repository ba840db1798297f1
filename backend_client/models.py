"""Pydantic models of the Athena wire format, shared by the server and the client."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from backend_client.bounds import MANY_FILES, Id, Line, Text, Token, Version, Word, Year, no_nul


class Wire(BaseModel):
    """Base of every wire model: strict about unknown fields, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- enums


class Status(StrEnum):
    """State of a contact file."""

    NEW = "new"
    ASSIGNED = "assigned"
    WAITING = "waiting"
    CLOSED = "closed"


class Priority(StrEnum):
    """Priority of a contact file."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Side(StrEnum):
    """Who wrote a message."""

    CITIZEN = "citizen"
    CONTACT_CENTER = "contact_center"
    SYSTEM = "system"


class ChannelKind(StrEnum):
    """Where a contact file came from (F0)."""

    MY_CAREER = "my_career"
    PARTNER = "partner"
    AGENT = "agent"


class Role(StrEnum):
    """An agent's role; a session is bound to exactly one."""

    CONTACT_CENTER = "contact_center"  # "Athena Centre de Contact"
    CASE_MANAGEMENT = "case_management"  # "Athena Gestion de Dossiers" (Professional)


class CareerKind(StrEnum):
    """Kind of a career period: a professional status, an assimilated period or an
    agent-only sanction."""

    EMPLOYEE = "employee"
    SELF_EMPLOYED = "self_employed"
    CIVIL_SERVANT = "civil_servant"
    UNEMPLOYMENT = "unemployment"
    SICKNESS = "sickness"
    INVALIDITY = "invalidity"
    MATERNITY = "maternity"
    CAREER_BREAK = "career_break"
    MILITARY_SERVICE = "military_service"
    STUDIES = "studies"
    NOTICE_PERIOD = "notice_period"
    SANCTION_MEDICAL_ABSENCE = "sanction_medical_absence"
    SANCTION_LATE_DECLARATION = "sanction_late_declaration"
    SANCTION_INAMI = "sanction_inami"


PROFESSIONAL_KINDS: frozenset[CareerKind] = frozenset(
    {CareerKind.EMPLOYEE, CareerKind.SELF_EMPLOYED, CareerKind.CIVIL_SERVANT}
)
SANCTION_KINDS: frozenset[CareerKind] = frozenset(
    {
        CareerKind.SANCTION_MEDICAL_ABSENCE,
        CareerKind.SANCTION_LATE_DECLARATION,
        CareerKind.SANCTION_INAMI,
    }
)
"""The three kinds the citizen never sees (manual §5)."""


class CareerView(StrEnum):
    """Whose eyes a career is shown to."""

    AGENT = "agent"
    CITIZEN = "citizen"


class DispatchOutcome(StrEnum):
    """What happened to one file of a dispatch."""

    DONE = "done"
    CONFLICT = "conflict"
    FORBIDDEN = "forbidden"
    NEEDS_CONFIRM = "needs_confirm"


# --------------------------------------------------------------------------- people


class Group(Wire):
    """A team that owns a queue: a language desk or a partner institution."""

    id: str
    name: str
    language: str
    partner: bool = False


class AgentRef(Wire):
    """An agent as shown next to a file."""

    id: int
    name: str


class Agent(Wire):
    """A contact-center employee."""

    id: int
    national_number: str
    name: str
    language: str
    roles: list[Role]
    groups: list[str]


class Teammate(Wire):
    """An agent of one of my groups, with the number of open files they hold."""

    id: int
    name: str
    groups: list[str]
    load: int


class Citizen(Wire):
    """A citizen known to the register."""

    niss: str
    last_name: str
    first_name: str
    birth_date: dt.date
    language: str


# --------------------------------------------------------------------------- sessions


class DemoLoginRequest(Wire):
    """Pick a demo agent (servers started with --demo only)."""

    agent_id: Id
    role: Role | None = None


class Session(Wire):
    """An opaque bearer token bound to one agent and one role."""

    token: str
    agent: Agent
    role: Role
    expires_at: dt.datetime


class RoleChoice(Wire):
    """Answer of a login when the agent holds several roles and named none."""

    agent: Agent
    roles: list[Role]
    # eID login: the single-use ticket that finishes the login with the chosen role
    # (POST /v1/auth/eid/role), so the card signs only once
    ticket: str | None = None


class Challenge(Wire):
    """A single-use nonce for the eID login, valid until ``expires_at``."""

    nonce: str
    expires_at: dt.datetime


class EidLoginRequest(Wire):
    """The card's answer to a challenge: certificates and signature, base64 (standard)
    of DER. ``signature`` is over ``backend_client.eid_proof.login_message``: PKCS#1 v1.5
    with SHA-256 for RSA keys, DER-encoded ECDSA with SHA-384 for P-384 keys."""

    nonce: Token
    certificate: Token
    intermediates: list[Token] = Field(default_factory=list, max_length=4)
    signature: Token
    role: Role | None = None


class EidRoleRequest(Wire):
    """Finish an eID login with the role chosen (the ticket of the 409 answer)."""

    ticket: Token
    role: Role


class EidRefusal(StrEnum):
    """Why an eID login was refused: ``details.reason`` of the error answer."""

    DISABLED = "eid_disabled"
    NONCE_UNKNOWN = "nonce_unknown"
    NONCE_REPLAYED = "nonce_replayed"
    NONCE_EXPIRED = "nonce_expired"
    BAD_CERTIFICATE = "bad_certificate"
    UNTRUSTED_CHAIN = "untrusted_chain"
    CERTIFICATE_EXPIRED = "certificate_expired"
    CERTIFICATE_NOT_YET_VALID = "certificate_not_yet_valid"
    NOT_FOR_AUTHENTICATION = "not_for_authentication"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_AGENT = "unknown_agent"
    TICKET_INVALID = "ticket_invalid"
    RATE_LIMITED = "rate_limited"


# --------------------------------------------------------------------------- files


class AttachmentMeta(Wire):
    """An attachment's metadata; its content is fetched separately."""

    id: int
    name: str
    media_type: str
    size: int
    sha256: str


class Message(Wire):
    """One message of a contact file."""

    id: int
    side: Side
    author: str
    author_agent_id: int | None = None
    body: str
    visible_to_citizen: bool
    final: bool
    created_at: dt.datetime
    attachments: list[AttachmentMeta] = Field(default_factory=list)


class FileSummary(Wire):
    """What the dashboards need of a contact file; the unit of sync."""

    id: int
    ticket: str
    citizen_niss: str
    citizen_name: str
    subject: str
    channel: ChannelKind
    channel_name: str
    group_id: str
    assignee: AgentRef | None = None
    status: Status
    priority: Priority
    language: str
    created_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None = None
    closed_by: AgentRef | None = None
    version: int
    message_count: int
    last_message_at: dt.datetime
    unread: bool = False


class ContactFile(Wire):
    """A contact file with its whole thread (agent view), oldest message first."""

    summary: FileSummary
    category: str | None = None
    career_year: int | None = None
    career_element: str | None = None
    merged_from: list[str] = Field(default_factory=list)
    merged_into: str | None = None
    split_from: str | None = None
    split_into: list[str] = Field(default_factory=list)
    reopened_from: str | None = None
    encoded_by: AgentRef | None = None
    """The agent who encoded the file for the citizen (channel ``agent``, F9)."""
    messages: list[Message]


class VersionedRef(Wire):
    """A file named with the version the caller saw."""

    id: Id
    version: Version


class TakeRequest(Wire):
    version: Version


class ReleaseRequest(Wire):
    version: Version


class MoveRequest(Wire):
    version: Version
    group_id: Word


class PriorityRequest(Wire):
    version: Version
    priority: Priority


class StatusRequest(Wire):
    version: Version
    status: Status


class DispatchRequest(Wire):
    """Assign one or more files of my group to a teammate (F10)."""

    assignee_id: Id
    files: list[VersionedRef] = Field(min_length=1, max_length=MANY_FILES)
    confirm_reassign: bool = False


class DispatchItem(Wire):
    file_id: int
    ticket: str
    outcome: DispatchOutcome
    detail: str = ""
    summary: FileSummary | None = None


class DispatchResult(Wire):
    items: list[DispatchItem]


class MergeRequest(Wire):
    """Merge two or more open files of one citizen (F13)."""

    files: list[VersionedRef] = Field(min_length=2, max_length=MANY_FILES)


class MergeResult(Wire):
    new_file: FileSummary
    originals: list[FileSummary]


class SplitRequest(Wire):
    """Split one file in two (F14); message goes to the original and the parts."""

    version: Version
    message: Text


class SplitResult(Wire):
    original: FileSummary
    parts: list[FileSummary]


class NewFileRequest(Wire):
    """A contact file encoded by an agent on behalf of a citizen (F9)."""

    category: Word
    career_year: Year | None = None
    career_element: Line | None = None
    question: Text
    priority: Priority = Priority.MEDIUM
    group_id: Word | None = None


# --------------------------------------------------------------------------- sync


class SyncPage(Wire):
    """Changes in the caller's scope since a cursor.

    ``files`` are current summaries to upsert; ``removed`` are ids that left the
    caller's scope. ``more`` asks the caller to fetch again at once.
    """

    files: list[FileSummary]
    removed: list[int] = Field(default_factory=list)
    cursor: str
    more: bool = False
    total: int | None = None


# --------------------------------------------------------------------------- career


class CareerPeriod(Wire):
    """One period of a citizen's career."""

    id: int
    kind: CareerKind
    start: dt.date
    end: dt.date
    days: int
    employer: str | None = None
    remuneration: float | None = None
    attestation_date: dt.date | None = None
    future: bool = False


class Career(Wire):
    niss: str
    view: CareerView
    last_attestation: dt.date | None
    periods: list[CareerPeriod]


# --------------------------------------------------------------------------- audit, errors


class AuditEntry(Wire):
    id: int
    at: dt.datetime
    agent: AgentRef | None
    action: str
    file_id: int | None
    before: dict[str, object] | None
    after: dict[str, object] | None


class ErrorBody(Wire):
    """The JSON body of every 4xx/5xx answer: ``{"error": {...}}``."""

    code: str
    message: str
    field: str | None = None
    details: dict[str, object] = Field(default_factory=dict)


class ErrorEnvelope(Wire):
    error: ErrorBody


# --------------------------------------------------------------------------- citizens' data

REASON_MIN = 10
"""Shortest reason an agent may type to read a citizen without a contact file."""
REASON_MAX = 300
SEARCH_PAGE = 20
"""Citizens per search page by default; at most ``SEARCH_PAGE_MAX``."""
SEARCH_PAGE_MAX = 50
SEARCH_OFFSET_MAX = 200
"""A name search pages no further: past that, the query must be made narrower."""
SEARCH_MIN_CHARS = 3
"""A name search needs at least this many letters of the last name (or a full NISS)."""


class Purpose(Wire):
    """Why an agent reads a citizen's data (GDPR purpose): a contact file of that
    citizen the agent may read, or a reason the agent typed, which is stored."""

    file_id: Id | None = None
    reason: str | None = Field(default=None, max_length=REASON_MAX)


class CitizenRead(Wire):
    """A read of one citizen's identity or files; the NISS travels in the body, never
    in the URL (server logs)."""

    niss: str = Field(max_length=20)
    purpose: Purpose | None = None


class CareerRead(Wire):
    """A read of one citizen's career in a view."""

    niss: str = Field(max_length=20)
    view: CareerView = CareerView.AGENT
    purpose: Purpose | None = None


class CitizenNewFile(Wire):
    """A contact file encoded for a citizen (F9), with the purpose of the agent."""

    niss: str = Field(max_length=20)
    purpose: Purpose | None = None
    file: NewFileRequest


SearchName = Annotated[str, Field(max_length=100), AfterValidator(no_nul)]
"""A name typed into the search: bounded, no NUL (PostgreSQL refuses it in text)."""


class CitizenSearch(Wire):
    """Search by a full NISS, or by at least ``SEARCH_MIN_CHARS`` letters of the last
    name [+ first name] [+ birth date]; one page of ``limit`` from ``offset``."""

    niss: str | None = Field(default=None, max_length=20)
    last_name: SearchName | None = None
    first_name: SearchName | None = None
    birth_date: dt.date | None = None
    limit: int = Field(default=SEARCH_PAGE, ge=1, le=SEARCH_PAGE_MAX)
    offset: int = Field(default=0, ge=0, le=SEARCH_OFFSET_MAX)


class CitizenPage(Wire):
    """One page of a citizen search; ``more`` when a next page exists."""

    citizens: list[Citizen]
    offset: int
    more: bool = False
