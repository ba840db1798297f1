"""Small generated attachment contents (PDF and text) shared by many demo messages."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

PDF = "application/pdf"
TEXT = "text/plain"


@dataclass(frozen=True)
class Blob:
    """One attachment content; messages reference it by sha256 (stored once)."""

    name: str
    media_type: str
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def tiny_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing ``lines`` (ASCII only, Helvetica)."""
    text = " ".join(
        f"({line.encode('ascii', 'replace').decode().replace('(', '[').replace(')', ']')}) Tj T*"
        for line in lines
    )
    stream = f"BT /F1 11 Tf 14 TL 50 780 Td {text} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _blob(name: str, media_type: str, content: bytes) -> Blob:
    return Blob(name, media_type, content, hashlib.sha256(content).hexdigest())


def blob_pool(rng: random.Random, size: int = 160) -> list[Blob]:
    """Distinct contents; some share a file name, like real attestations do."""
    pool: list[Blob] = []
    kinds = (
        ("attestation_employeur_{year}.pdf", "Attestation employeur {year}"),
        ("fiche_281_10_{year}.pdf", "Fiche fiscale 281.10 - revenus {year}"),
        ("livret_militaire.pdf", "Livret militaire - service {year}"),
        ("loonfiche_{year}.pdf", "Loonfiche {year}"),
        ("attest_ziekenfonds_{year}.pdf", "Attest ziekenfonds {year}"),
        ("diplome_{year}.pdf", "Diplome - annee academique {year}"),
    )
    while len(pool) < size:
        year = rng.randint(1975, 2025)
        if rng.random() < 0.2:
            body = (
                f"Notes du citoyen / notities van de burger\nAnnee / jaar {year}\n"
                f"Reference {rng.randint(100000, 999999)}\n"
            ).encode()
            pool.append(_blob(f"notes_{year}.txt", TEXT, body))
            continue
        name, title = rng.choice(kinds)
        lines = [
            title.format(year=year),
            f"Reference: {rng.randint(10**7, 10**8 - 1)}",
            f"Jours / dagen: {rng.randint(20, 312)}",
            f"Montant / bedrag: {rng.randint(9000, 68000)} EUR",
        ]
        pool.append(_blob(name.format(year=year), PDF, tiny_pdf(lines)))
    return pool
