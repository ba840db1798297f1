"""The one translation function for every user-visible string (fr, nl, en)."""

from __future__ import annotations

from athena_tui.i18n_catalog import CATALOG, SHORT

LANGUAGES = ("fr", "nl", "en")
_language = "en"


def set_language(language: str) -> None:
    """Choose the interface language; unknown codes fall back to English."""
    global _language
    _language = language if language in LANGUAGES else "en"


def current_language() -> str:
    """The interface language in use."""
    return _language


def t(text: str, /, **values: object) -> str:
    """Translate an English source string, then fill ``{name}`` placeholders.

    Values are inserted after translation so that data never becomes a format string.
    """
    translated = text if _language == "en" else CATALOG.get(text, {}).get(_language, text)
    return translated.format(**values) if values else translated


def t_short(text: str, /) -> str:
    """A short form of ``text`` where space is scarce (tab labels), else ``t(text)``.

    The manual's names are long in French and Dutch ("Dossiers de contact du groupe");
    the tab strip uses these short forms while help keeps the full names."""
    short = SHORT.get(text, {}).get(_language)
    return short if short is not None else t(text)


def tn(singular: str, plural: str, count: int, /, **values: object) -> str:
    """``t`` of the form that fits ``count`` (French counts 0 and 1 as singular), with
    ``{count}`` filled in."""
    one = count <= 1 if _language == "fr" else count == 1
    return t(singular if one else plural, count=count, **values)
