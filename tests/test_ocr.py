"""Tests for clausekit.text.ocr_repair: each damage kind repaired in context, clean French untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.text.ocr_noise import corrupt
from clausekit.text.ocr_repair import looks_ocr_damaged, ocr_edits, repair

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def _seed(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8").replace("’", "'")


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("des droits de I'homme,", "des droits de l'homme,"),
        ("des droits de I’homme,", "des droits de l’homme,"),
        ("Le Conseil des droits de | 'homme,", "Le Conseil des droits de l'homme,"),
        (
            "la résolution 70/1 de I' Assemblée générale",
            "la résolution 70/1 de l'Assemblée générale",
        ),
        ("dans le domaine des droits de I'hnomme,", "dans le domaine des droits de l'homme,"),
        (
            "du systéme international des droits de I'lhnomme,",
            "du système international des droits de l'homme,",
        ),
        (
            "la jouissance de tous les droits de I'nomme, y compris",
            "la jouissance de tous les droits de l'homme, y compris",
        ),
        (
            "conformément a la Charte des Nations Unies",
            "conformément à la Charte des Nations Unies",
        ),
        (
            "qui s'est tenue & Bakou les 25 et 26 octobre 2019",
            "qui s'est tenue à Bakou les 25 et 26 octobre 2019",
        ),
        ("entre les Etats Membres dans le domaine", "entre les États Membres dans le domaine"),
        ("* Etat non membre du Conseil", "* État non membre du Conseil"),
        (
            "issu de la troisiéme Conférence internationale",
            "issu de la troisième Conférence internationale",
        ),
        (
            "de l'Assemblée genérale, du 15 décembre 2022",
            "de l'Assemblée générale, du 15 décembre 2022",
        ),
        (
            "la discrimination raciale, la xenophobie et l'intolérance",
            "la discrimination raciale, la xénophobie et l'intolérance",
        ),
        (
            "qui s'est tenue à Geneve du 20 au 24 avril 2009",
            "qui s'est tenue à Genève du 20 au 24 avril 2009",
        ),
        (
            "la coopération Sud-Sud compléte la coopération Nord-Sud",
            "la coopération Sud-Sud complète la coopération Nord-Sud",
        ),
        ("leurs engagements en matiére de droits", "leurs engagements en matière de droits"),
        (
            "Souligne en outre le réle que joue la coopération",
            "Souligne en outre le rôle que joue la coopération",
        ),
        ("de contribuer de fagon constructive", "de contribuer de façon constructive"),
        (
            "la mise en ceuvre de la coopération technique",
            "la mise en œuvre de la coopération technique",
        ),
        ("du 18 aolt 2000, concernant la promotion", "du 18 août 2000, concernant la promotion"),
        ("du 31 ao(t au 8 septembre 2001", "du 31 août au 8 septembre 2001"),
        ("Décide de promouvaoir le respect", "Décide de promouvoir le respect"),
        ("16.  Reéaffirme que la promotion", "16.  Réaffirme que la promotion"),
        ("une coopération veéritable et un dialogue", "une coopération véritable et un dialogue"),
        (
            "les difficultés et les obstacles rencontreés ;",
            "les difficultés et les obstacles rencontrés ;",
        ),
        (
            'du 23 mars 2021 et 49/25 du 1°" avril 2022',
            "du 23 mars 2021 et 49/25 du 1er avril 2022",
        ),
        ("de non-sélectivite, d'impartialité", "de non-sélectivité, d'impartialité"),
        ("à sa cinquante-deuxiéme session?,", "à sa cinquante-deuxième session?,"),
        ("pour s acquitter de leurs obligations", "pour s'acquitter de leurs obligations"),
        ("les principes d' impartialité", "les principes d'impartialité"),
    ],
)
def test_ocr_repairs_damage_in_context(damaged: str, clean: str) -> None:
    assert repair(damaged) == clean


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        # verb avoir: participle (after adverbs), subject pronoun / qui, a + le/les
        ("que la Conférence mondiale a adoptés le 25 juin 1993", None),
        ("dans laquelle l'Assemblée a également rappelé que", None),
        ("Rappelant sa résolution 6/17, dans laquelle il a prié le Secrétaire général", None),
        ("les principes qui a trait à la coopération", None),
        ("chaque État a le droit inaliénable de choisir", None),
        ("et a insisté sur la place qui revient aux droits", None),
        # preposition à
        (
            "visant a prévenir et combattre le terrorisme",
            "visant à prévenir et combattre le terrorisme",
        ),
        (
            "de garantir a tous les pays un accès équitable",
            "de garantir à tous les pays un accès équitable",
        ),
        (
            "de le lui présenter a sa soixantième session",
            "de le lui présenter à sa soixantième session",
        ),
        ("qui s'est tenue a Durban (Afrique du Sud)", "qui s'est tenue à Durban (Afrique du Sud)"),
        (
            "la pleine réalisation des buts, a cet égard",
            "la pleine réalisation des buts, à cet égard",
        ),
    ],
)
def test_ocr_a_verb_or_preposition(damaged: str, clean: str | None) -> None:
    assert repair(damaged) == (damaged if clean is None else clean)


@pytest.mark.parametrize(
    "sentence",
    [
        "Conscient que la coopération Sud-Sud doit continuer de s'enrichir des divers enseignements,",
        "Réaffirme que les États ont le devoir de coopérer les uns avec les autres ;",
        "Prend note du rapport annuel (A/HRC/52/80) du Conseil d'administration du Fonds ;",
        "de non-sélectivité, du dialogue et de la coopération constructifs à l'échelle internationale,",
        "la Haut-Commissaire des Nations Unies aux droits de l'homme de poursuivre ses activités",
        "les effets de la pandémie de maladie à coronavirus (COVID-19) sur l'exécution par les États",
        "Où en est la mise en œuvre ? Là où il y a eu des progrès, il a été dû à la volonté des États.",
        "Voir E/CN.4/2001/2-E/CN.4/Sub.2/2000/46, chap. II, sect. A.",
    ],
)
def test_ocr_leaves_clean_sentences_unchanged(sentence: str) -> None:
    assert ocr_edits(sentence) == []


@pytest.mark.parametrize(
    "name", ["003_0d3b84d2626458c8", "004_f730982b1d88a241", "000_10894b76cb1fbe11"]
)
def test_ocr_clean_seed_gets_zero_edits(name: str) -> None:
    text = _seed(name)
    assert ocr_edits(text) == []
    assert not looks_ocr_damaged(text)


def test_ocr_damaged_seed_is_detected_and_mostly_repaired() -> None:
    text = _seed("001_11bf369c9702862e")
    assert looks_ocr_damaged(text)
    fixed = repair(text)
    assert "I'homme" not in fixed and " Etats " not in fixed and "ceuvre" not in fixed


def test_ocr_repairs_synthetic_noise_on_clean_seed() -> None:
    clean = _seed("004_f730982b1d88a241")
    noisy = corrupt(clean, rate=0.15, seed=1)
    assert noisy != clean
    before = sum(a != b for a, b in zip(noisy.split(), clean.split(), strict=False))
    fixed = repair(noisy)
    after = sum(a != b for a, b in zip(fixed.split(), clean.split(), strict=False))
    assert after < before / 3


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aeélI|1'’ &°\"?-/ hnorsuAEÉ(tç.\n0")), max_size=60)
    | st.text(max_size=60)
)
def test_ocr_edits_are_sorted_non_overlapping_in_bounds(text: str) -> None:
    edits = ocr_edits(text)
    pos = 0
    for e in edits:
        assert 0 <= pos <= e.start <= e.end <= len(text)
        pos = e.end
    assert repair(text) is not None
