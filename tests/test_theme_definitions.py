"""Theme definitions as data: the checker, the matcher's properties, document context, user themes.

Clauses here are written for the tests from the labeling guide (never from the challenge set).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from clausekit.errors import InputError
from clausekit.models.definitions import builtin_definitions, compile_definition, load_definition
from clausekit.models.matcher import ThemeSet, fold

ROOT = Path(__file__).resolve().parents[1]
CLIMATE = ROOT / "docs" / "examples" / "climate.toml"
CLIMATE_LABELS = ROOT / "docs" / "examples" / "climate_labels.csv"


@pytest.fixture(scope="module")
def themes() -> ThemeSet:
    return ThemeSet([compile_definition(d) for d in builtin_definitions()])


def _themes(ts: ThemeSet, text: str, year: int | None = None) -> set[str]:
    row = ts.scores([text], [year])[0]
    return {str(t) for t, s, th in zip(ts.classes_, row, ts.thresholds_, strict=True) if s >= th}


DASHES = ["-", "\u2011", "\u2010", "\u2013", " - ", " \u2013 ", "\u2011"]


@pytest.mark.parametrize("dash", DASHES)
@pytest.mark.parametrize("case", [str, str.lower, str.upper])
def test_matcher_south_south_typography_does_not_matter(themes: ThemeSet, dash: str, case) -> None:
    text = f"Encourage la coopération {case('Sud')}{dash}{case('Sud')} dans le domaine de la santé;"
    assert "south_south" in _themes(themes, text)


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc"])
def test_matcher_apostrophes_fold(themes: ThemeSet, apostrophe: str) -> None:
    text = f"Rappelant le Plan d{apostrophe}action de Buenos Aires pour la promotion de la coopération,"
    assert "south_south" in _themes(themes, text)
    assert fold(f"l{apostrophe}État") == "l'etat"


@pytest.mark.parametrize("adjectives", list(itertools.permutations(["économiques", "coercitives", "unilatérales"])))
def test_matcher_coercive_measures_hold_in_any_adjective_order(themes: ThemeSet, adjectives: tuple[str, ...]) -> None:
    text = f"Condamne l'application de mesures {' '.join(adjectives)} contre des pays en développement;"
    assert "coercive_measures" in _themes(themes, text)


@pytest.mark.parametrize("coordinated", [
    "les lois et mesures unilatérales de coercition",
    "les mesures et pratiques commerciales coercitives unilatérales",
    "le recours unilatéral à des mesures financières coercitives",
])
def test_matcher_coordinated_nouns(themes: ThemeSet, coordinated: str) -> None:
    assert "coercive_measures" in _themes(themes, f"Rejette {coordinated} qui entravent le développement;")


@pytest.mark.parametrize("text", [
    "Décide que tous les États prendront les mesures nécessaires pour empêcher la fourniture d'armes, conformément à l'embargo sur les armes;",
    "Prie le Comité créé par la résolution 1718 (2006) de surveiller l'application des sanctions économiques;",
    "Décide de reconduire le gel des avoirs et l'interdiction de voyager imposés par le Conseil de sécurité;",
    "Note que les sanctions imposées par le Conseil de sécurité en vertu du Chapitre VII doivent être appliquées;",
])
def test_matcher_security_council_sanctions_get_no_theme(themes: ThemeSet, text: str) -> None:
    assert _themes(themes, text) == set()


def test_matcher_council_named_beside_unilateral_measures_keeps_the_theme(themes: ThemeSet) -> None:
    text = ("Condamne les mesures coercitives unilatérales imposées sans l'autorisation du Conseil de sécurité, "
            "en violation de la résolution 2231 (2015);")
    assert "coercive_measures" in _themes(themes, text)


@pytest.mark.parametrize(("text", "year", "expected"), [
    ("Constate que la pandémie a aggravé les inégalités;", 2021, True),
    ("Constate que la pandémie a aggravé les inégalités;", 2012, False),
    ("Rappelle que la pandémie de 1918 a fait des millions de victimes;", 2021, False),
    ("Rappelle que la pandémie de grippe H1N1 a touché de nombreux pays;", 2021, False),
    ("Souligne la nécessité de se préparer aux futures pandémies;", 2022, False),
    ("Se félicite de la distribution de vaccins contre la COVID\u201119;", None, True),
])
def test_matcher_pandemic_year_and_disease(themes: ThemeSet, text: str, year: int | None, expected: bool) -> None:
    assert ("covid19" in _themes(themes, text, year)) is expected


def test_matcher_unknown_year_gives_a_lower_score(themes: ThemeSet) -> None:
    text = "Constate que la pandémie a aggravé les inégalités;"
    j = list(themes.classes_).index("covid19")
    known, unknown = themes.scores([text, text], [2021, None])[:, j]
    assert 0 < unknown < known


def test_context_backref_takes_the_theme_with_a_lower_score(themes: ThemeSet) -> None:
    doc = ["Profondément préoccupée par les mesures coercitives unilatérales imposées à certains pays,",
           "Demande instamment que de telles mesures soient levées sans délai;"]
    j = list(themes.classes_).index("coercive_measures")
    scores = themes.score_document(doc, [2019, 2019])[:, j]
    assert scores[1] >= themes.thresholds_[j]
    assert scores[1] < scores[0]
    assert themes.scores(doc[1:], [2019])[0, j] < themes.thresholds_[j]  # alone: no theme


def test_context_backref_after_council_sanctions_gets_no_theme(themes: ThemeSet) -> None:
    doc = ["Rejette les mesures coercitives unilatérales,",
           "Rappelle les sanctions imposées par le Conseil de sécurité dans sa résolution 1737 (2006),",
           "Souligne que ces mesures doivent être appliquées par tous les États;"]
    j = list(themes.classes_).index("coercive_measures")
    assert themes.score_document(doc, [2019] * 3)[2, j] < themes.thresholds_[j]


def test_context_title_establishes_the_theme(themes: ThemeSet) -> None:
    doc = ["Demande l'abrogation de ces mesures;"]
    j = list(themes.classes_).index("coercive_measures")
    titled = themes.score_document(doc, [2020], title="Droits de l'homme et mesures coercitives unilatérales")[0, j]
    assert titled >= themes.thresholds_[j] > themes.score_document(doc, [2020])[0, j]


def test_scores_are_graded(themes: ThemeSet) -> None:
    texts = ["Rejette les mesures coercitives unilatérales;", "Note les sanctions économiques;",
             "Rappelle le blocus;", "Constate que la pandémie a aggravé la pauvreté;", "Souligne l'éducation;"]
    scores = themes.scores(texts, [None] * len(texts))
    assert len(np.unique(scores.round(4))) > 2


@pytest.mark.parametrize(("content", "message"), [
    ('name = "x y"\n[[concept]]\nany = ["a"]\n', "'name'"),
    ('name = "climate"\n', "no [[concept]]"),
    ('name = "climate"\n[[concept]]\nany = ["climat"]\nwieght = 0.9\n', "unknown key"),
    ('name = "climate"\n[[concept]]\nany = ["climat"]\nweight = 3\n', "'weight'"),
    ('name = "climate"\n[[concept]]\nname = "c"\nany = ["climat"]\n[[veto]]\nterms = ["x"]\nblocks = ["nope"]\n', "no concept called"),
    ('name = "climate"\n[[concept\n', "not valid TOML"),
])
def test_definitions_bad_file_is_one_line_naming_it(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_definition(path)
    text = str(exc.value)
    assert str(path) in text and message in text and "\n" not in text


def test_definitions_builtin_files_are_packaged_and_valid() -> None:
    names = [d["name"] for d in builtin_definitions()]
    assert names == ["covid19", "south_south", "coercive_measures"]


def test_user_theme_leaves_builtin_scores_unchanged(themes: ThemeSet) -> None:
    from clausekit.models.theme_model import DefinitionThemeModel
    from clausekit.training.annotations import load_seeds

    seeds = load_seeds()
    base = DefinitionThemeModel().fit().predict_proba(seeds)
    both = DefinitionThemeModel(extra=[load_definition(CLIMATE)]).fit()
    assert list(both.classes_) == ["covid19", "south_south", "coercive_measures", "climate"]
    np.testing.assert_array_equal(both.predict_proba(seeds)[:, :3], base)


def test_user_theme_with_a_builtin_name_is_refused(tmp_path: Path) -> None:
    from clausekit.training.themes import build_themes

    path = tmp_path / "dup.toml"
    path.write_text('name = "covid19"\n[[concept]]\nany = ["grippe"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="defined twice"):
        build_themes(tmp_path / "models", extra_files=[path], learned=False)


def test_build_user_theme_writes_a_new_version_and_warns(tmp_path: Path) -> None:
    from clausekit.models.registry import load_scorer, read_card
    from clausekit.training.themes import build_themes

    out = build_themes(tmp_path, extra_files=[CLIMATE], labels=CLIMATE_LABELS, version="2.1.0")
    assert out["path"] == tmp_path / "themes" / "2.1.0"
    card = read_card(out["path"])
    assert card["labels"][-1] == "climate" and "climate" in card["evaluation"]["heldout"]["per_theme"]
    assert any("climate" in w and "positive" in w for w in out["warnings"])
    scorer = load_scorer("themes", "2.1.0", tmp_path, trust=True)
    assert list(scorer.classes_)[-1] == "climate"
    with pytest.raises(InputError, match="already exists"):
        build_themes(tmp_path, extra_files=[CLIMATE], labels=CLIMATE_LABELS, version="2.1.0")


def test_labels_with_an_undefined_theme_are_refused(tmp_path: Path) -> None:
    from clausekit.training.themes import build_themes

    path = tmp_path / "labels.csv"
    path.write_text("text,themes\nRappelle le climat,weather\n", encoding="utf-8")
    with pytest.raises(InputError, match="no definition"):
        build_themes(tmp_path / "m", labels=path, learned=False)


def test_matcher_prefilter_never_changes_what_fires(themes: ThemeSet) -> None:
    """The word-start prefilter only skips clauses no concept could match (any case, accents, dashes)."""
    unfiltered = ThemeSet([{**compile_definition(d), "literals": None} for d in builtin_definitions()])
    texts = [
        "Condamne les MESURES COERCITIVES UNILATÉRALES", "Salue la Coopération Sud‑Sud et TRIANGULAIRE",
        "Face à la Pandémie de maladie à coronavirus", "Rappelle le Plan d’action de Buenos Aires",
        "Le blocus économique, commercial et financier", "Emploi et lois du travail", "ces mesures",
        "Afin de contraindre un État à subordonner l'exercice de ses droits souverains",
        "Les lois extraterritoriales et sanctions secondaires", "coopération entre pays en développement",
    ]
    years = [2021] * len(texts)
    np.testing.assert_array_equal(themes.scores(texts, years), unfiltered.scores(texts, years))
    np.testing.assert_array_equal(themes.score_document(texts, years), unfiltered.score_document(texts, years))
