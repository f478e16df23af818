"""clausekit.text.frequency: the shipped tables answer what wordfreq answers, and tagging never loads wordfreq."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from clausekit.text import frequency
from clausekit.text import ocr_repair as ocr


@pytest.fixture(scope="module")
def wordfreq():
    return pytest.importorskip("wordfreq", reason="wordfreq (a dev dependency) builds the shipped tables")


def test_zipf_equals_wordfreq_on_every_french_word(wordfreq):
    words, _ = frequency._french()
    assert len(words) > 300_000
    for w in words[::7]:  # every 7th of ~305,000 words, all frequency bands
        assert frequency.zipf(w) == wordfreq.zipf_frequency(w, "fr"), w


def test_zipf_combines_tokens_as_wordfreq_does(wordfreq):
    rng = random.Random(0)
    words, _ = frequency._french()
    pairs = [(rng.choice(words), rng.choice(words)) for _ in range(2000)]
    cases = [f"{a}-{b}" for a, b in pairs] + [f"{a}({b}" for a, b in pairs]
    cases += ["porte-parole", "Celle-ci", "ÉTAT", "Etat", "candidat(e", "x", "", ",", "non-existentword", "e\u0301tat"]
    for w in cases:
        assert frequency.zipf(w) == wordfreq.zipf_frequency(w, "fr"), w


def test_is_english_equals_the_wordfreq_comparison(wordfreq):
    rng = random.Random(1)
    english = [w for w in wordfreq.top_n_list("en", 50_000) if w.isalpha()]
    french = frequency._french()[0]
    sample = rng.sample(english, 3000) + rng.sample(french, 3000)
    sample += ["peacekeeping", "mainstreaming", "the", "résolution", "a", "Report"]
    for w in sample:
        expected = wordfreq.zipf_frequency(w, "en") > wordfreq.zipf_frequency(w, "fr") + 1.0
        assert frequency.is_english(w) == expected, w
    assert not frequency.is_english("")
    assert not frequency.is_english(",")


def test_ocr_index_is_the_one_built_from_wordfreq(wordfreq):
    """Every skeleton gives the form the old index (built from wordfreq's list) gave, and only those."""
    ordered = [w for bucket in wordfreq.get_frequency_list("fr") for w in bucket]
    index = frequency.skeleton_index_from(ordered)
    for skeleton, word in index.items():
        assert ocr._most_frequent_form(skeleton) == word, skeleton
    for skeleton in ("xqzw", "etatt", "resolutiion"):
        assert skeleton not in index
        assert ocr._most_frequent_form(skeleton) is None


@pytest.mark.slow
def test_shipped_tables_rebuild_byte_for_byte(wordfreq):
    """``python -m clausekit.text.frequency build`` reproduces the files in clausekit/data (~10 s)."""
    for path, content in frequency.build().items():
        assert path.read_bytes() == content, f"{path.name} is stale: run python -m clausekit.text.frequency build"


def test_segmenting_and_repairing_do_not_import_wordfreq(tmp_path):
    """Loading wordfreq cost ~0.7 s per process and worker; the shipped tables replace it."""
    code = (
        "import sys\n"
        "from clausekit.segmentation.segmenter import segment\n"
        "from clausekit.text.ocr_repair import repair, looks_ocr_damaged\n"
        "segment('Rappelant sa résolution 1/2,\\n\\n1. Prie le Secrétaire géné-\\nral de faire rapport ;')\n"
        "assert repair(\"le rapport de I'Etat, la troisiéme session\") == \"le rapport de l'État, la troisième session\"\n"
        "looks_ocr_damaged('Ia rnaison et Ies dossiers de l Organisation')\n"
        "print('wordfreq' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
