"""The French and Dutch catalog covers every interface string, keeps its placeholders and
holds nothing stale; t() translates, then fills values."""

from __future__ import annotations

import ast
import importlib
import string
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from athena_tui.i18n import current_language, set_language, t
from athena_tui.i18n_catalog import CATALOG

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("athena_tui", "screens", "widgets", "backend_client")
"""Packages whose source is scanned for ``t("...")`` calls."""

INDIRECT: tuple[tuple[str, str, int | None], ...] = (
    # (module, name, index): English labels translated with t(variable) by the screens.
    # index None: the values of a dict; an int: that field of each tuple.
    ("widgets.file_table", "DEFAULT_COLUMN_LABELS", None),
    ("widgets.file_table", "DEFAULT_VALUE_LABELS", None),
    ("widgets.status_line", "DEFAULT_LABELS", None),
    ("widgets.message_thread", "DEFAULT_LABELS", None),
    ("widgets.timeline", "DEFAULT_KIND_LABELS", None),
    ("widgets.timeline", "DEFAULT_LABELS", None),
    ("widgets.career_tables", "DEFAULT_TABLE_LABELS", None),
    ("screens.contact_file", "PRIORITY_LABELS", None),
    ("screens.contact_file", "STATUS_LABELS", None),
    ("screens.citizen", "MENU", 2),
    ("screens.new_file", "CATEGORIES", 1),
    ("screens.new_file", "PRIORITIES", 1),
    ("athena_tui.eid_errors", "_REFUSALS", None),
)

TRANSLATING_HELPERS = {"view_title": 1}
"""Functions that pass one argument (at this position) through t()."""

DYNAMIC_CALLS = {
    ("athena_tui/eid_errors.py", "refusal_message"),
    ("athena_tui/i18n.py", "t_short"),  # falls back to t(text) of its own caller
    ("athena_tui/i18n.py", "tn"),  # t() of the form its caller chose (both extracted)
    ("athena_tui/widget_bindings.py", "translate_widget_bindings"),  # widget_binding_strings
    ("screens/career_detail.py", "table_labels"),
    ("screens/citizen.py", "compose"),
    ("screens/contact_file.py", "priority_label"),
    ("screens/contact_file.py", "status_label"),
    ("screens/new_file.py", "compose"),
    ("screens/timeline.py", "kind_labels"),
    ("screens/timeline.py", "timeline_labels"),
    ("screens/timeline.py", "view_title"),
    ("screens/widget_labels.py", "translated"),
}
"""Where t() gets a variable; each one reads labels listed in INDIRECT or
TRANSLATING_HELPERS."""

LANGUAGES = ("fr", "nl")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """Other tests read the English interface."""
    yield
    set_language("en")


def source_files() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def _calls(tree: ast.AST) -> Iterator[tuple[ast.Call, str]]:
    """Every call in ``tree`` with the name of the function it sits in."""

    def walk(node: ast.AST, where: str) -> Iterator[tuple[ast.Call, str]]:
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = child.name
            if isinstance(child, ast.Call):
                yield child, inner
            yield from walk(child, inner)

    yield from walk(tree, "<module>")


def _called(call: ast.Call) -> str | None:
    return call.func.id if isinstance(call.func, ast.Name) else None


def extract(
    paths: Iterable[Path], root: Path = ROOT
) -> tuple[dict[str, list[str]], set[tuple[str, str]]]:
    """(English string → where it is used, dynamic t() call sites as (file, function))."""
    found: dict[str, list[str]] = {}
    dynamic: set[tuple[str, str]] = set()
    for path in paths:
        relative = path.relative_to(root).as_posix()
        for call, where in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            name = _called(call)
            if name == "t":
                positions: tuple[int, ...] = (0,)
            elif name == "tn":  # singular and plural
                positions = (0, 1)
            elif name in TRANSLATING_HELPERS:
                positions = (TRANSLATING_HELPERS[name],)
            else:
                continue
            for position in positions:
                if len(call.args) <= position:
                    continue
                arg = call.args[position]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, []).append(f"{relative}:{call.lineno}")
                elif name in {"t", "tn"}:
                    dynamic.add((relative, where))
    return found, dynamic


def indirect_strings() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for module_name, name, index in INDIRECT:
        value = getattr(importlib.import_module(module_name), name)
        labels = value.values() if index is None else (item[index] for item in value)
        for label in labels:
            found.setdefault(label, []).append(f"{module_name}.{name}")
    return found


def widget_binding_strings() -> dict[str, list[str]]:
    """Descriptions and tooltips of the widgets' bindings (translate_widget_bindings)."""
    from textual.binding import Binding

    from athena_tui.widget_bindings import widget_classes

    found: dict[str, list[str]] = {}
    for cls in widget_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                for text in (binding.description, binding.tooltip):
                    if text:
                        found.setdefault(text, []).append(f"{cls.__name__}.BINDINGS")
    return found


def all_strings() -> dict[str, list[str]]:
    found, _ = extract(source_files())
    for text, places in [*indirect_strings().items(), *widget_binding_strings().items()]:
        found.setdefault(text, []).extend(places)
    return found


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


# --------------------------------------------------------------------------- extraction


def test_extraction_finds_calls_and_dynamic_sites(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'x = t("Take")\n'
        "def labels(d):\n"
        "    return {k: t(v) for k, v in d.items()}\n"
        'y = view_title(view, "Timeline")\n'
        'z = other("Not me")\n'
    )
    strings, dynamic = extract([sample], root=tmp_path)
    assert strings == {"Take": ["sample.py:1"], "Timeline": ["sample.py:4"]}
    assert dynamic == {("sample.py", "labels")}


def test_every_dynamic_call_is_accounted_for() -> None:
    _, dynamic = extract(source_files())
    unknown = sorted(dynamic - DYNAMIC_CALLS)
    assert not unknown, f"t() of a variable: list its labels in INDIRECT: {unknown}"


def test_the_scan_sees_the_interface() -> None:
    strings = all_strings()
    assert len(strings) > 250
    assert {"Group queue", "Take", "Release", "My CV", "Sanction MC call"} <= set(strings)


# --------------------------------------------------------------------------- catalog


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language: str) -> None:
    missing = {
        text: places[0]
        for text, places in all_strings().items()
        if not CATALOG.get(text, {}).get(language, "").strip()
    }
    assert not missing, f"{len(missing)} strings without {language}: {missing}"


def test_translations_keep_placeholders() -> None:
    wrong = [
        (text, language, translated)
        for text, entry in CATALOG.items()
        for language, translated in entry.items()
        if placeholders(translated) != placeholders(text)
    ]
    assert not wrong


def test_catalog_holds_only_known_languages() -> None:
    assert {language for entry in CATALOG.values() for language in entry} <= set(LANGUAGES)


def test_no_stale_entries() -> None:
    stale = sorted(set(CATALOG) - set(all_strings()))
    assert not stale, f"catalog entries no code uses: {stale}"


# --------------------------------------------------------------------------- t()


def test_french() -> None:
    set_language("fr")
    assert current_language() == "fr"
    assert t("Group queue") == "Dossiers de contact du groupe"
    assert t("Take") == "Prendre"


def test_dutch() -> None:
    set_language("nl")
    assert t("Group queue") == "Contactdossiers van de groep"
    assert t("Release") == "Vrijgeven"


def test_values_are_filled_after_translation() -> None:
    set_language("fr")
    # A value that looks like a placeholder stays as it is: it is data, not format.
    text = t("{ticket} is now yours.", ticket="{name}")
    assert text == CATALOG["{ticket} is now yours."]["fr"].replace("{ticket}", "{name}")
    assert "{name}" in text and text != "{name} is now yours."


def test_template_without_values_stays_a_template() -> None:
    set_language("nl")
    assert t("{count} marked") == CATALOG["{count} marked"]["nl"]
    assert "{count}" in t("{count} marked")


def test_unknown_language_falls_back_to_english() -> None:
    set_language("de")
    assert current_language() == "en"
    assert t("Group queue") == "Group queue"
    assert t("{ticket} released.", ticket="SR1234567") == "SR1234567 released."


def test_unknown_string_stays_english() -> None:
    set_language("fr")
    assert t("Not in the catalog {x}", x=1) == "Not in the catalog 1"


def test_widget_key_descriptions_follow_the_language() -> None:
    """The footer of a French session shows the widgets' keys in French."""
    import subprocess
    import sys

    code = (
        "from athena_tui.i18n import set_language; set_language('fr');"
        "from athena_tui.widget_bindings import translate_widget_bindings;"
        "translate_widget_bindings();"
        "from widgets.file_table import FileTable;"
        "from widgets.career_tables import YearTable;"
        "b = FileTable._merged_bindings; y = YearTable._merged_bindings;"
        "assert b is not None and y is not None;"
        "print(b.key_to_bindings['enter'][0].description);"
        "print(y.key_to_bindings['exclamation_mark'][0].description)"
    )
    # A fresh interpreter: translating mutates the widget classes of the process.
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split("\n")
    assert out[0] == CATALOG["Open"]["fr"]
    assert out[1] == CATALOG["Report a problem"]["fr"]
