"""Search keys: the upper-cased, accent-free form of names stored in the *_key columns."""

from __future__ import annotations

import unicodedata


def search_key(text: str) -> str:
    """``"Dupont-Lefèvre "`` → ``"DUPONT-LEFEVRE"``; the same function fills and queries."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.upper().split())
