"""clausekit.lemmas.fast and the featurizer's lemma switch: the fast path replays the accurate one without spaCy."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from clausekit.lemmas import fast as fastlemma
from clausekit.lemmas import frames as features
from clausekit.lemmas import tokenizer
from clausekit.training import lemma_cache

ROOT = Path(__file__).resolve().parents[1]


def test_fastlemma_set_lemmatizer_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="lemmatizer"):
        features.set_lemmatizer("spacy-large")
    assert features.get_lemmatizer() in features.LEMMATIZERS


def test_fastlemma_set_lemmatizer_returns_previous() -> None:
    previous = features.set_lemmatizer("fast")
    try:
        assert features.get_lemmatizer() == "fast"
    finally:
        assert features.set_lemmatizer(previous) == "fast"


# --- the tokenizer: expected tokens are fr_core_news_sm's on the same text (spaCy 3.8) --------

_CASES = [
    # elisions, with ' and ’, as prefixes (l' d' n') and infixes (qu' jusqu' lorsqu' s' ...)
    (
        "Rappelant sa résolution 54/181, l’Assemblée générale",
        ["Rappelant", "sa", "résolution", "54/181", ",", "l’", "Assemblée", "générale"],
    ),
    (
        "l'école d'aujourd'hui et qui, en temps de crise",
        ["l'", "école", "d'", "aujourd'hui", "et", "qui", ",", "en", "temps", "de", "crise"],
    ),
    (
        "qui étaient jusqu'ici réservés presqu'exclusivement à l'un",
        ["qui", "étaient", "jusqu'", "ici", "réservés", "presqu'", "exclusivement", "à", "l'", "un"],
    ),
    (
        "lorsqu’il y a lieu, puisqu'elle s'engage",
        ["lorsqu’", "il", "y", "a", "lieu", ",", "puisqu'", "elle", "s'", "engage"],
    ),
    (
        "Demande aux États qui ne l'ont pas encore fait d'adhérer",
        ["Demande", "aux", "États", "qui", "ne", "l'", "ont", "pas", "encore", "fait", "d'", "adhérer"],
    ),
    # hyphens: token_match words, infix splits, -t-il suffixes, special cases
    (
        "la coopération Nord-Sud, la coopération Sud-Sud et la coopération triangulaire",
        ["la", "coopération", "Nord-Sud", ",", "la", "coopération", "Sud-Sud", "et", "la", "coopération", "triangulaire"],
    ),
    (
        "de non-sélectivité, de non-politisation, du respect",
        ["de", "non-sélectivité", ",", "de", "non-politisation", ",", "du", "respect"],
    ),
    (
        "Prie le Haut-Commissaire des Nations Unies aux droits de l’homme",
        ["Prie", "le", "Haut-Commissaire", "des", "Nations", "Unies", "aux", "droits", "de", "l’", "homme"],
    ),
    (
        "Que fera-t-il, peut-être celui-ci ?",
        ["Que", "fera", "-t", "-il", ",", "peut-être", "celui-ci", "?"],
    ),
    (
        "« chefs-d’œuvre » du patrimoine…",
        ["«", "chefs", "-", "d’", "œuvre", "»", "du", "patrimoine", "…"],
    ),
    (
        "États-Unis d’Amérique, l’ex-Yougoslavie, COVID-19 et le SIDA.",
        ["États-Unis", "d’", "Amérique", ",", "l’", "ex-Yougoslavie", ",", "COVID-19", "et", "le", "SIDA", "."],
    ),
    (
        "Décide de poursuivre l’examen de la question à sa soixante-dix-septième session",
        ["Décide", "de", "poursuivre", "l’", "examen", "de", "la", "question", "à", "sa", "soixante-dix-septième", "session"],
    ),
    # numbers and document symbols
    (
        "la résolution A/RES/75/1 du 21 septembre 2020 (2020-2021)",
        ["la", "résolution", "A", "/", "RES/75/1", "du", "21", "septembre", "2020", "(", "2020", "-", "2021", ")"],
    ),
    (
        "le 1er janvier 2020, soit 12,5 % des 10% restants",
        ["le", "1er", "janvier", "2020", ",", "soit", "12,5", "%", "des", "10", "%", "restants"],
    ),
    # symbols, abbreviations, URLs; "):" and "°C." are special cases put together after the split
    (
        "commerciaux, etc. et, pour les jeunes filles, etc.)",
        ["commerciaux", ",", "etc.", "et", ",", "pour", "les", "jeunes", "filles", ",", "etc.", ")"],
    ),
    (
        "1° Que la création de la Recommandation N° 19 (voir A/75/1):",
        ["1", "°", "Que", "la", "création", "de", "la", "Recommandation", "N", "°", "19", "(", "voir", "A/75/1", "):"],
    ),
    (
        "M. René Maheu, Directeur général de l'Organisation (cf. p. 3)",
        ["M.", "René", "Maheu", ",", "Directeur", "général", "de", "l'", "Organisation", "(", "cf.", "p.", "3", ")"],
    ),
    (
        "consultables sur http://www.un.org/fr/ et www.ohchr.org.",
        ["consultables", "sur", "http://www.un.org/fr/", "et", "www.ohchr.org", "."],
    ),
    (
        "une hausse de 1,5 °C. Le coût est de 5 millions de dollars US$",
        ["une", "hausse", "de", "1,5", "°", "C", ".", "Le", "coût", "est", "de", "5", "millions", "de", "dollars", "US$"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), _CASES, ids=[c[0][:30] for c in _CASES])
def test_fastlemma_tokenize_real_clauses(text: str, expected: list[str]) -> None:
    tokens = tokenizer.tokenize(text)
    assert [t.text for t in tokens] == expected
    assert [t.i for t in tokens] == list(range(len(tokens)))
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in tokens)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'article 3 (2020):", ["l'", "article", "3", "(", "2020", "):"]),
        ("Mesure n°5 : article VI", ["Mesure", "n°", "5", ":", "article", "VI"]),
        ("renforcement des cours® et", ["renforcement", "des", "cours", "®", "et"]),
        ("n'est-ce pas", ["n'", "est", "-ce", "pas"]),
        # "°c." (a special case spelled as its own split) keeps the shorter "c." off its tokens
        ("°c.D", ["°", "c", ".", "D"]),
    ],
)
def test_fastlemma_tokenize_special_cases_across_splits(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenizer.tokenize(text)] == expected


def test_fastlemma_tokenize_whitespace_as_spacy() -> None:
    # one space after a token belongs to it; other runs of whitespace are tokens
    tokens = tokenizer.tokenize(" Prie  le\nSecrétaire\xa0général ")
    assert [(t.text, t.idx, t.is_space) for t in tokens] == [
        (" ", 0, True),
        ("Prie", 1, False),
        (" ", 6, True),
        ("le", 7, False),
        ("\n", 9, True),
        ("Secrétaire", 10, False),
        ("\xa0", 20, True),
        ("général", 21, False),
    ]
    assert tokenizer.tokenize("") == []


def test_fastlemma_shortcuts_split_as_the_full_rules() -> None:
    """Runs of letters, and letters before , ; : skip the affix rules: they split as the rules would."""
    from clausekit.text import frequency

    rules = tokenizer._rules()
    words = frequency._french()[0][::40]  # ~7,600 words of every frequency band
    words += ["XD", "xD", "Unies", "ǅemal", "Ελλάδα", "États", "aujourd"]
    for word in words:
        for run in (word, word.capitalize(), word.upper()):
            for chunk in (run, run + ",", run + ";", run + ":"):
                expected = tuple(rules.specials.get(chunk) or tokenizer._split_chunk(chunk, rules))
                tokenizer._CHUNKS.pop(chunk, None)
                assert tokenizer._split_cached(chunk, rules) == expected, chunk


def test_fastlemma_single_space_path_as_the_general_one() -> None:
    """Clauses with single spaces take a shorter loop; offsets and tokens are those of the general loop."""
    texts = [
        "Prie le Secrétaire général (A/75/1) de faire rapport, d'ici à 2025 ;",
        "Rappelant l'Assemblée, c.-à-d. la « Déclaration » de 1948 : XD etc. M. Dupont ",
        "a",
        "",
    ]
    for text in texts:
        # the same text with one tab appended goes through the general loop
        general = [(t.text, t.idx) for t in tokenizer.tokenize(text + "\t")][: len(tokenizer.tokenize(text))]
        assert [(t.text, t.idx) for t in tokenizer.tokenize(text)] == general
        assert tokenizer._pieces(text) == [(t.text, t.idx) for t in tokenizer.tokenize(text)]


def test_fastlemma_tokenize_flags() -> None:
    flags = {
        t.text: (t.is_punct, t.like_num)
        for t in tokenizer.tokenize("Prie, deux fois 54/181 % 12,5 °")
    }
    assert flags == {
        "Prie": (False, False),
        ",": (True, False),
        "deux": (False, True),
        "fois": (False, False),
        "54/181": (False, True),
        "%": (True, False),
        "12,5": (False, True),
        "°": (False, False),
    }


def test_fastlemma_tokenizer_rules_have_no_long_character_classes() -> None:
    rules = json.loads(tokenizer.TOKENIZER_RULES_PATH.read_text(encoding="utf-8"))
    assert len(rules["specials"]) > 200 and rules["specials"]["n'est-ce"] == ["n'", "est", "-ce"]
    # spaCy's own token_match is 1.4M characters; ours must compile in milliseconds
    assert sum(len(p) for p in rules["token_match"]) < 20_000


def test_fastlemma_does_not_import_spacy() -> None:
    code = (
        "import sys, clausekit.lemmas.fast as f\n"
        "out = f.lemmatize(['Prie le Secrétaire général de faire rapport sur les xyzunknownword'])\n"
        "assert out == [['prier', 'le', 'secrétaire', 'général', 'de', 'faire', 'rapport', 'sur', 'le', 'xyzunknownword']], out\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'sklearn')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- lemmas ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prie le Secrétaire général de faire rapport", ["prier", "le", "secrétaire", "général"]),
        ("Exhorte les États à agir", ["exhorter", "le", "état", "à", "agir"]),
        ("Rappelant sa résolution 54/181,", ["rappeler", "son", "résolution"]),
    ],
)
def test_fastlemma_lemmatize_lead_verbs(text: str, expected: list[str]) -> None:
    assert fastlemma.lemmatize([text])[0][: len(expected)] == expected


@pytest.mark.parametrize(
    ("form", "lemma"),
    [("réaffirmerions", "réaffirmer"), ("exhortassent", "exhorter"), ("naquirent", "naître")],
)
def test_fastlemma_lookup_table_for_forms_the_cache_lacks(form: str, lemma: str) -> None:
    cache = fastlemma.load_cache()
    assert form not in cache["forms"] and form not in cache["lower"]
    assert fastlemma.lemmatize([f"Les États {form}"]) == [["le", "état", lemma]]


def test_fastlemma_lookup_table_shipped_sorted_without_identities() -> None:
    with gzip.open(fastlemma.LOOKUP_PATH, "rt", encoding="utf-8") as f:
        header, *lines = f.read().splitlines()
    assert "MIT" in json.loads(header[1:])["source"]
    pairs = [line.split("\t") for line in lines]
    assert len(pairs) > 200_000 and ["chevaux", "cheval"] in pairs
    assert all(form != lemma and form == form.lower() for form, lemma in pairs)
    forms = [form for form, _ in pairs]
    assert forms == sorted(set(forms))  # _SortedLines bisects


def test_fastlemma_sorted_lines_finds_every_key() -> None:
    keys = ["a", "ab", "abc", "b", "ba", "bé", "z"]
    table = fastlemma._SortedLines("#{}\n" + "".join(f"{k}\t{k.upper()}\n" for k in keys))
    assert [table.get(k, "") for k in keys] == [k.upper() for k in keys]
    assert [table.get(k, "-") for k in ["", "aa", "abcd", "c", "#{}", "bb"]] == ["-"] * 6


def test_fastlemma_featurizer_switch_uses_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def spy(texts, **kwargs):
        calls.append(list(texts))
        return [["x"] for _ in calls[-1]]

    monkeypatch.setattr(fastlemma, "lemmatize", spy)
    previous = features.set_lemmatizer("fast")
    try:
        assert features.joined(["Décide de poursuivre"]) == ["x"]
    finally:
        features.set_lemmatizer(previous)
    assert calls == [["Décide de poursuivre"]]


def test_fastlemma_use_cache_reads_another_cache(tmp_path) -> None:
    cache = dict(fastlemma.load_cache())
    cache["forms"] = {**cache["forms"], "Zorglub": "zorglubien"}
    path = lemma_cache.save_cache(cache, tmp_path / "cache.json.gz")
    fastlemma.use_cache(path)
    try:
        assert fastlemma.lemmatize(["Zorglub"]) == [["zorglubien"]]
    finally:
        fastlemma.use_cache()
    assert fastlemma.lemmatize(["Zorglub"]) != [["zorglubien"]]


# --- against spaCy ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_clauses() -> list[str]:
    from clausekit.segmentation.segmenter import segment_text

    return [
        c.text
        for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))
        for c in segment_text(p.read_text(encoding="utf-8"), doc_id=p.stem).clauses
    ]


@pytest.mark.slow
def test_fastlemma_tokenize_agrees_with_spacy_on_seed_clauses(french_nlp, seed_clauses) -> None:
    # measured: 160/160 seed clauses identical (texts and offsets), as on 8,162 ICE/UNPC texts
    identical = tokens = shared = 0
    for text in seed_clauses:
        ours = [(t.text, t.idx) for t in tokenizer.tokenize(text)]
        theirs = [(t.text, t.idx) for t in french_nlp.tokenizer(text)]
        identical += ours == theirs
        tokens += len(theirs)
        shared += len(set(ours) & set(theirs))
    assert len(seed_clauses) >= 100
    assert identical / len(seed_clauses) >= 0.99
    assert shared / tokens >= 0.999


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3))
def test_fastlemma_tokenize_agrees_with_spacy_on_shuffled_fragments(french_nlp, seed) -> None:
    # pieces of real clauses glued without spaces stress the affix, infix and special-case rules
    import random

    rng = random.Random(seed)
    pieces = [piece for text, _ in _CASES for piece in text.split()]
    pieces += "( ) : ; . .. … % ° n° - ’ ' « » etc €".split()
    for _ in range(2000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "", "  ", "\n"]) for _ in range(4))
        ours = [(t.text, t.idx) for t in tokenizer.tokenize(text)]
        assert ours == [(t.text, t.idx) for t in french_nlp.tokenizer(text)], text
