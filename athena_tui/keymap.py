"""Every binding id of the app (what the config's ``[keymap]`` may rebind) and key checks."""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_ALIASES, KEY_TO_UNICODE_NAME, Keys

_PACKAGES = ("screens", "widgets")
_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_KEY_NAMES = {key.value for key in Keys} | set(KEY_ALIASES) | set(KEY_TO_UNICODE_NAME)


def binding_ids() -> dict[str, str]:
    """Binding id → the class that declares it, over the App, ``screens/`` and ``widgets/``.

    Imports every screen and widget module: call it after the interface language is set
    (bindings are translated when their module is imported)."""
    from athena_tui.app import AthenaApp

    classes: list[type] = [AthenaApp]
    for package_name in _PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{info.name}")
            classes.extend(
                value
                for value in vars(module).values()
                if isinstance(value, type)
                and issubclass(value, DOMNode)
                and value.__module__ == module.__name__
            )
    found: dict[str, str] = {}
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, cls.__name__)
    return found


def valid_key(key: str) -> bool:
    """Whether Textual can deliver ``key`` ("ctrl+r", "f5", "T", "question_mark"...)."""
    *modifiers, base = key.strip().split("+")
    if not base or any(modifier not in _MODIFIERS for modifier in modifiers):
        return False
    if len(base) == 1 or base in _KEY_NAMES:
        return True
    try:
        unicodedata.lookup(base.replace("_", " ").upper())
    except KeyError:
        return False
    return True


def keymap_problem(keymap: dict[str, str], known: dict[str, str]) -> tuple[str, str] | None:
    """The first (binding id, bad key or "") of ``keymap``: an unknown id gives ("id", "")."""
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            return binding_id, ""
        for key in keys.split(","):
            if not valid_key(key):
                return binding_id, key.strip()
    return None
