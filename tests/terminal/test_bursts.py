"""Keys arriving in one write, as SSH delivers them, are never lost or misrouted."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from athena_server.runner import RunningServer
from athena_server.schema import contact_files, messages
from tests.terminal.conftest import TerminalFactory, log_in, wait_for_rows
from tests.terminal.harness import CTRL_L, CTRL_S, DOWN, ENTER, ESC, TAB, UP, Terminal

pytestmark = pytest.mark.terminal

SOPHIE = 1
HEADER = re.compile(r"^ (SR\d{7})  .*Priority: (\w+)")


def my_files(term: Terminal) -> None:
    term.send("2")
    # My files have no assignee column (they are all mine).
    term.wait_until(
        lambda: any("Ticket" in line and "Assignee" not in line for line in term.lines()),
        what="my files",
    )
    wait_for_rows(term)


def open_first_file(term: Terminal) -> tuple[str, str]:
    """Enter on the cursor row; the ticket and priority the file view shows."""
    term.send(ENTER)
    term.wait_until(lambda: HEADER.match(term.lines()[1]) is not None, what="the file header")
    term.settle()
    match = HEADER.match(term.lines()[1])
    assert match is not None
    return match.group(1), match.group(2)


def test_keys_typed_with_the_operations_key_go_to_its_menu(launch: TerminalFactory) -> None:
    term = launch()
    log_in(term)
    my_files(term)
    term.send("o" + DOWN + ENTER)  # other operations → Split, in one write
    term.wait_for_text("Message to the parts")
    assert term.find_row("Subject:") is None, "a file was opened instead of the split"


def test_a_split_message_typed_then_ctrl_s_keeps_its_last_characters(
    launch: TerminalFactory,
) -> None:
    term = launch()
    log_in(term)
    my_files(term)
    term.send("o" + DOWN + ENTER)
    term.wait_for_text("Message to the parts")
    text = "Bonjour, voici la liste des documents"
    term.send(text + CTRL_S)
    term.wait_for_text("Message to the parts:")  # the confirmation's preview
    assert term.find_row("    " + text) is not None, term.text()
    term.send(ESC)


def test_a_priority_chosen_in_one_burst_is_the_one_applied(
    launch: TerminalFactory, server: RunningServer
) -> None:
    term = launch()
    log_in(term)
    my_files(term)
    ticket, before = open_first_file(term)
    move, expected = {"High": (DOWN, "Medium"), "Medium": (DOWN, "Low"), "Low": (UP, "Medium")}[
        before
    ]
    term.send("p" + move + ENTER)
    term.wait_until(lambda: f"Priority: {expected}" in term.lines()[1], what=f"priority {expected}")
    with server.engine.connect() as conn:
        stored = conn.execute(
            sa.select(contact_files.c.priority).where(contact_files.c.ticket == ticket)
        ).scalar_one()
    assert stored == expected.lower()


def test_a_reply_typed_as_the_editor_opens_is_sent_whole(
    launch: TerminalFactory, server: RunningServer
) -> None:
    term = launch()
    log_in(term)
    my_files(term)
    ticket, _ = open_first_file(term)
    text = "Voici la réponse complète à votre question, avec la liste des documents"
    # Reply, the text, send, and Enter on the final-answer confirmation: one write.
    term.send("r" + text + CTRL_S + ENTER)
    term.wait_until(lambda: term.find_row("Send the final answer?") is None, what="sent")

    def last_body() -> str | None:
        with server.engine.connect() as conn:
            return conn.execute(
                sa.select(messages.c.body)
                .join(contact_files, contact_files.c.id == messages.c.file_id)
                .where(contact_files.c.ticket == ticket, messages.c.author_agent_id == SOPHIE)
                .order_by(messages.c.id.desc())
                .limit(1)
            ).scalar_one_or_none()

    term.wait_until(lambda: last_body() == text, what="the whole reply on the server")


def test_enter_typed_thrice_at_login_opens_no_file(
    launch: TerminalFactory, server: RunningServer
) -> None:
    with server.engine.connect() as conn:
        held = conn.execute(
            sa.select(sa.func.count()).where(contact_files.c.assignee_id == SOPHIE)
        ).scalar_one()
    first = launch()
    log_in(first)  # a replica on disk: the next dashboard has rows at once
    first.close()
    term = launch()
    term.wait_for_text("Sophie Dubois")
    term.settle()
    term.send(ENTER + ENTER + ENTER)  # agent, role, and one Enter too many
    wait_for_rows(term)
    term.settle(quiet=0.5)
    assert term.find_row("Subject:") is None, "a file was opened by a key typed at login"
    with server.engine.connect() as conn:
        after = conn.execute(
            sa.select(sa.func.count()).where(contact_files.c.assignee_id == SOPHIE)
        ).scalar_one()
    assert after == held, "a file was taken by a key typed at login"


def test_a_new_file_filled_in_one_burst_is_created_whole(
    launch: TerminalFactory, server: RunningServer
) -> None:
    term = launch()
    log_in(term)
    my_files(term)
    open_first_file(term)
    term.send("c")
    term.wait_for_text("All contact files")
    term.settle()
    question = "Bonjour, il manque l'année 2012 dans ma carrière et la liste des documents"
    # New file; category: open, next, pick; Tab to the question past year, element,
    # priority and group; the question; create. One write.
    term.send("n" + ENTER + DOWN + ENTER + TAB * 5 + question + CTRL_S)

    def newest_question() -> str | None:
        with server.engine.connect() as conn:
            return conn.execute(
                sa.select(messages.c.body)
                .where(messages.c.author_agent_id == SOPHIE)
                .order_by(messages.c.id.desc())
                .limit(1)
            ).scalar_one_or_none()

    term.wait_until(lambda: newest_question() == question, what="the new file's whole question")


def test_enter_typed_twice_to_unlock_opens_no_file(
    launch: TerminalFactory, server: RunningServer
) -> None:
    term = launch()
    log_in(term)
    with server.engine.connect() as conn:
        held = conn.execute(
            sa.select(sa.func.count()).where(contact_files.c.assignee_id == SOPHIE)
        ).scalar_one()
    term.send(CTRL_L)
    term.wait_for_text("Athena is locked")
    term.settle()
    term.send(ENTER + ENTER)  # unlock, and one Enter too many
    term.wait_gone("Athena is locked")
    wait_for_rows(term)
    term.settle(quiet=0.5)
    assert term.find_row("Subject:") is None, "a file was opened by a key typed to unlock"
    with server.engine.connect() as conn:
        after = conn.execute(
            sa.select(sa.func.count()).where(contact_files.c.assignee_id == SOPHIE)
        ).scalar_one()
    assert after == held, "a file was taken by a key typed to unlock"
    term.send("j")  # keys count again once the dashboard is back
    term.settle()
    term.send(ENTER)
    term.wait_for_text("Subject:")


def test_escape_and_a_tab_key_in_one_write_are_two_keys(launch: TerminalFactory) -> None:
    term = launch()
    log_in(term)
    term.send("  ")  # two files marked
    term.wait_until(lambda: "2 marked" in term.text(), what="two marked files")
    term.send(ESC + "2")  # clear the marks, then my files: what a terminal reads as alt+2
    term.wait_until(
        lambda: any("Ticket" in line and "Assignee" not in line for line in term.lines()),
        what="my files",
    )
    term.wait_until(lambda: "marked" not in term.text(), what="the marks cleared")
