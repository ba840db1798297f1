"""A small deterministic store for server tests, built directly with SQLAlchemy."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import sqlalchemy as sa

from athena_server.keys import search_key
from athena_server.schema import (
    agents,
    attachments,
    blobs,
    career_periods,
    citizens,
    contact_files,
    groups,
    memberships,
    messages,
)
from backend_client.niss import make_niss

T0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)

# groups
FR, NL, PARTNER = "fr-desk", "nl-desk", "partner-x"

# agents
JAN, MARIE, SOPHIE, PIETER, LUC = 1, 2, 3, 4, 5
AGENT_NAMES = {
    JAN: "Jan Peeters",
    MARIE: "Marie Dubois",
    SOPHIE: "Sophie Martin",
    PIETER: "Pieter Janssens",
    LUC: "Luc Lambert",
}

# citizens
EMILE = make_niss(dt.date(1985, 7, 30), 33)
ANNA = make_niss(dt.date(2001, 3, 4), 12)  # born 2000 or later: the other check-digit rule
MARC = make_niss(dt.date(1960, 1, 1), 101)
NOBODY = make_niss(dt.date(1990, 1, 1), 5)  # valid, but no such citizen

# files: id → (citizen, group, status, assignee, closed_by, message count)
NEW_FR = 1  # Emile, fr, new, 2 citizen messages, the 2nd with an attachment
MARIE_A = 2  # Emile, fr, assigned to Marie, 3 messages
MARIE_B = 3  # Emile, fr, waiting, Marie, 1 message
NEW_NL = 4  # Anna, nl, new, 1 message
CLOSED_FR = 5  # Marc, fr, closed by Marie, 2 messages
NEW_PARTNER = 6  # Marc, partner, new, 1 message
JAN_NL = 7  # Anna, nl, assigned to Jan, 1 message
MARIE_C = 8  # Marc, fr, assigned to Marie, 1 message (other citizen than 2 and 3)

ATTACHMENT_BYTES = b"%PDF-1.4 fake attestation\n"
ATTACHMENT_ID = 1

TODAY = dt.date.today()
FUTURE_NOTICE_START = TODAY + dt.timedelta(days=30)


def ticket(file_id: int) -> str:
    return f"SR{file_id:07d}"


def build(engine: sa.Engine) -> None:
    """Fill an empty store (schema already created)."""
    with engine.begin() as conn:
        conn.execute(
            groups.insert(),
            [
                {"id": FR, "name": "Desk FR", "language": "fr", "partner": False},
                {"id": NL, "name": "Desk NL", "language": "nl", "partner": False},
                {"id": PARTNER, "name": "Partner X", "language": "fr", "partner": True},
            ],
        )
        roles = {
            JAN: "contact_center",
            MARIE: "contact_center",
            SOPHIE: "contact_center,case_management",
            PIETER: "contact_center",
            LUC: "case_management",
        }
        conn.execute(
            agents.insert(),
            [
                {
                    "id": a,
                    "national_number": f"{70000000000 + a}",
                    "name": AGENT_NAMES[a],
                    "language": "nl" if a in (JAN, PIETER) else "fr",
                    "roles": roles[a],
                    "active": True,
                }
                for a in AGENT_NAMES
            ],
        )
        conn.execute(
            memberships.insert(),
            [
                {"agent_id": JAN, "group_id": NL},
                {"agent_id": JAN, "group_id": FR},
                {"agent_id": MARIE, "group_id": FR},
                {"agent_id": SOPHIE, "group_id": FR},
                {"agent_id": PIETER, "group_id": NL},
                {"agent_id": LUC, "group_id": PARTNER},
            ],
        )
        people = [
            (EMILE, "Lefèvre", "Émile", dt.date(1985, 7, 30), "fr"),
            (ANNA, "Janssens", "Anna", dt.date(2001, 3, 4), "nl"),
            (MARC, "Dupont", "Marc", dt.date(1960, 1, 1), "fr"),
        ]
        conn.execute(
            citizens.insert(),
            [
                {
                    "niss": n,
                    "last_name": last,
                    "first_name": first,
                    "last_name_key": search_key(last),
                    "first_name_key": search_key(first),
                    "birth_date": born,
                    "language": lang,
                }
                for n, last, first, born, lang in people
            ],
        )
        period = {"employer": None, "remuneration": None, "attestation_date": None}
        conn.execute(
            career_periods.insert(),
            [
                {
                    **period,
                    "id": 1,
                    "niss": EMILE,
                    "kind": "employee",
                    "start": dt.date(2005, 1, 1),
                    "end": dt.date(2010, 12, 31),
                    "days": 1560,
                    "employer": "Acme SA",
                    "remuneration": 31000.0,
                    "attestation_date": dt.date(2011, 3, 1),
                },
                {
                    **period,
                    "id": 2,
                    "niss": EMILE,
                    "kind": "unemployment",
                    "start": dt.date(2011, 1, 1),
                    "end": dt.date(2011, 6, 30),
                    "days": 156,
                },
                {
                    **period,
                    "id": 3,
                    "niss": EMILE,
                    "kind": "sanction_inami",
                    "start": dt.date(2011, 2, 1),
                    "end": dt.date(2011, 2, 10),
                    "days": 8,
                },
                {
                    **period,
                    "id": 4,
                    "niss": EMILE,
                    "kind": "sanction_late_declaration",
                    "start": dt.date(2011, 3, 1),
                    "end": dt.date(2011, 3, 5),
                    "days": 4,
                },
                {
                    **period,
                    "id": 5,
                    "niss": EMILE,
                    "kind": "sanction_medical_absence",
                    "start": dt.date(2011, 4, 1),
                    "end": dt.date(2011, 4, 3),
                    "days": 2,
                },
                {
                    **period,
                    "id": 6,
                    "niss": EMILE,
                    "kind": "notice_period",
                    "start": FUTURE_NOTICE_START,
                    "end": FUTURE_NOTICE_START + dt.timedelta(days=90),
                    "days": 65,
                    "employer": "Acme SA",
                    "attestation_date": TODAY,
                },
            ],
        )
        files: list[dict[str, Any]] = []
        msgs: list[dict[str, Any]] = []

        def add(
            file_id: int,
            niss: str,
            group: str,
            status: str,
            assignee: int | None,
            n_messages: int,
            closed_by: int | None = None,
        ) -> None:
            created = T0 + dt.timedelta(hours=file_id)
            last = created + dt.timedelta(minutes=10 * (n_messages - 1))
            files.append(
                {
                    "id": file_id,
                    "ticket": ticket(file_id),
                    "niss": niss,
                    "subject": f"Question {file_id} about my career",
                    "channel": "my_career" if group != PARTNER else "partner",
                    "channel_name": "My Career" if group != PARTNER else "Partner X app",
                    "group_id": group,
                    "assignee_id": assignee,
                    "status": status,
                    "priority": "medium",
                    "language": "nl" if group == NL else "fr",
                    "created_at": created,
                    "updated_at": last,
                    "updated_by": None,
                    "last_action": None,
                    "closed_at": last if status == "closed" else None,
                    "closed_by": closed_by,
                    "version": 1,
                    "message_count": n_messages,
                    "last_message_at": last,
                    "news_at": last,
                }
            )
            for n in range(n_messages):
                citizen_side = n % 2 == 0
                msgs.append(
                    {
                        "id": file_id * 100 + n,
                        "file_id": file_id,
                        "side": "citizen" if citizen_side else "contact_center",
                        "author": "the citizen" if citizen_side else AGENT_NAMES[MARIE],
                        "author_agent_id": None if citizen_side else MARIE,
                        "body": f"message {n} of file {file_id}",
                        "visible_to_citizen": True,
                        "final": status == "closed" and n == n_messages - 1,
                        "created_at": created + dt.timedelta(minutes=10 * n),
                    }
                )

        add(NEW_FR, EMILE, FR, "new", None, 2)
        add(MARIE_A, EMILE, FR, "assigned", MARIE, 3)
        add(MARIE_B, EMILE, FR, "waiting", MARIE, 1)
        add(NEW_NL, ANNA, NL, "new", None, 1)
        add(CLOSED_FR, MARC, FR, "closed", None, 2, closed_by=MARIE)
        add(NEW_PARTNER, MARC, PARTNER, "new", None, 1)
        add(JAN_NL, ANNA, NL, "assigned", JAN, 1)
        add(MARIE_C, MARC, FR, "assigned", MARIE, 1)
        conn.execute(contact_files.insert(), files)
        # make the second message of file 1 a citizen message with an attachment
        msgs[1].update(side="citizen", author="the citizen", author_agent_id=None)
        conn.execute(messages.insert(), msgs)
        digest = hashlib.sha256(ATTACHMENT_BYTES).hexdigest()
        conn.execute(
            blobs.insert().values(
                sha256=digest, size=len(ATTACHMENT_BYTES), content=ATTACHMENT_BYTES
            )
        )
        conn.execute(
            attachments.insert().values(
                id=ATTACHMENT_ID,
                message_id=NEW_FR * 100 + 1,
                name="attestation.pdf",
                media_type="application/pdf",
                size=len(ATTACHMENT_BYTES),
                sha256=digest,
            )
        )
