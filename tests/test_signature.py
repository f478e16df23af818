"""A letter's signature block is furniture, not a clause: "(Signé) Name" and the title above it. Written for this test."""

from __future__ import annotations

import pytest

from clausekit.segmentation.segmenter import segment_text

LETTER = """Lettre datée du 3 mars 2026, adressée au Président du Conseil de sécurité par le Représentant permanent du Mali

J'ai l'honneur de vous faire tenir ci-joint le communiqué publié par mon gouvernement au sujet des mesures imposées à son économie.

Je vous serais reconnaissant de bien vouloir faire distribuer le texte de la présente lettre comme document du Conseil de sécurité.

{title}
(Signé) Issa Konfourou
"""


@pytest.mark.parametrize("title", ["Le Représentant permanent", "La Chargée d'affaires par intérim", ""])
def test_the_signature_block_is_furniture(title: str) -> None:
    doc = segment_text(LETTER.format(title=title))
    assert [c.text[:20] for c in doc.clauses] == ["J'ai l'honneur de vo", "Je vous serais recon"]
    signed = [f.text for f in doc.furniture if f.kind == "signature"]
    assert signed == ([title] if title else []) + ["(Signé) Issa Konfourou"]


def test_a_sentence_before_the_signature_stays_a_clause() -> None:
    doc = segment_text(LETTER.format(title="Veuillez agréer l'assurance de ma très haute considération."))
    assert doc.clauses[-1].text == "Veuillez agréer l'assurance de ma très haute considération."
