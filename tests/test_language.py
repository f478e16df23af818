"""clausekit.text.language: the shipped word -> language table agrees with wordfreq, and texts are judged right."""

from __future__ import annotations

import subprocess
import sys

import pytest

from clausekit.text import language


def test_language_shipped_table_agrees_with_wordfreq():
    pytest.importorskip("wordfreq")
    from wordfreq import zipf_frequency

    leaders = language._leaders()
    sample = sorted(leaders)[::997]  # ~100 words spread over the table
    for w in sample:
        scores = [zipf_frequency(w, lang) for lang in language._LANGUAGES]
        assert leaders[w] == language._LANGUAGES[scores.index(max(scores))], w
    for w, lang in [("résolution", "fr"), ("the", "en"), ("según", "es"), ("und", "de")]:
        assert leaders[w] == lang


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("L'Assemblée générale, rappelant sa résolution 54/181, décide de poursuivre l'examen de la question.", "fr"),
        ("The General Assembly, recalling its resolution 54/181, decides to continue the consideration of the question.", "en"),
        ("La Asamblea General, recordando su resolución 54/181, decide seguir examinando la cuestión en su próximo período.", "es"),
        ("Die Generalversammlung, unter Hinweis auf ihre Resolution 54/181, beschließt, die Prüfung der Frage fortzusetzen.", "de"),
    ],
)
def test_language_guess_names_the_language(text, best):
    guess = language.guess_language(text)
    assert guess.best == best
    assert guess.is_french == (best == "fr")


def test_language_check_does_not_load_wordfreq():
    code = "import sys; from clausekit.text.language import looks_french; looks_french('Le Conseil décide de rester saisi de la question. ' * 3); print('wordfreq' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
