"""The binding id registry and the key check the start-up keymap refusal relies on."""

from __future__ import annotations

import pytest

from athena_tui.keymap import binding_ids, keymap_problem, valid_key


def test_registry_has_the_app_screen_and_widget_ids() -> None:
    ids = binding_ids()
    assert {"app.help", "login.retry", "help.close"} <= set(ids)
    assert ids["login.retry"] == "LoginScreen"


@pytest.mark.parametrize("key", ["T", "ctrl+r", "f5", "question_mark", "enter", "ctrl+shift+up"])
def test_keys_textual_delivers(key: str) -> None:
    assert valid_key(key)


@pytest.mark.parametrize("key", ["ctrl+blah", "shift+", "bogus+x", "", "control-r"])
def test_impossible_keys(key: str) -> None:
    assert not valid_key(key)


def test_keymap_problem_names_the_id_or_the_key() -> None:
    known = {"dash.take": "DashboardScreen"}
    assert keymap_problem({"dash.take": "T"}, known) is None
    assert keymap_problem({"dash.nope": "T"}, known) == ("dash.nope", "")
    assert keymap_problem({"dash.take": "T, ctrl+blah"}, known) == ("dash.take", "ctrl+blah")
