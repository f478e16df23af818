"""The fast lemma path puts a usual clause together word by word (``fast._run_lemmas``): the same lemmas.

The reference is the token-by-token form, ``_lemmas(text, _pieces(text), ...)``, compared on
clauses drawn from words with punctuation, elisions, special cases spanning tokens ("aujourd'hui",
"semble-t-il", "M."), words whose lemma reads the word before, lead verbs at the start and after
a number or a punctuation mark, then on every line of the seed documents.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.lemmas import fast

ROOT = Path(__file__).resolve().parents[1]


def _cache():
    cache = fast.load_cache(fast._cache_path)
    return cache, fast._after_forms(cache["after"])


def reference(text: str) -> list[str]:
    cache, after_forms = _cache()
    return fast._lemmas(text, fast._pieces(text), cache, after_forms)


def _after_words() -> list[str]:
    cache, _ = _cache()
    pairs = sorted(cache["after"])[:: max(1, len(cache["after"]) // 30)]
    return [w for k in pairs for w in k.split("\t") if w]


WORDS = ["Prie", "prie", "Rappelant", "Décide", "le", "Secrétaire", "général", "(A/75/1)", "de", "faire", "rapport.",
         "l'homme", "c'est-à-dire", "aujourd'hui", "Aujourd'hui", "etc.", "M.", "Mme", "art.", "1.", "2)", "a)", "«", "»",
         "Sud-Sud", ";", ":", ",", "paix,", "n°", "St", "cf.", "semble-t-il,", "Qu'il", "qu'en", "n'est", "au", "en",
         "(", ")", "[", "]", "-", "Reaffirme", "Notant", "également", "avec", "préoccupation", "que", "Stratégie):",
         "e):", "xyzzyq", "Était", "ÉTATS", *_after_words()]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join), st.sampled_from(["", " ", "."]))
def test_run_lemmas_equal_token_by_token(text: str, end: str) -> None:
    cache, after_forms = _cache()
    got = fast._run_lemmas(text + end, cache, after_forms)
    assert got is None or got == reference(text + end)


def test_run_lemmas_on_seed_lines_and_layouts() -> None:
    cache, after_forms = _cache()
    lines = [ln.strip() for p in sorted((ROOT / "data" / "seeds").glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    assert len(lines) > 50
    used = 0
    for text in lines:
        got = fast._run_lemmas(text, cache, after_forms)
        used += got is not None
        assert got is None or got == reference(text), text
    assert used > len(lines) // 2  # the shortcut is taken on most lines
    for text in (" Prie le Conseil", "Prie  le Conseil", "Prie\tle Conseil", "Prie le\nConseil"):
        assert fast._run_lemmas(text, cache, after_forms) is None  # not a usual clause: token by token
    assert fast._run_lemmas("", cache, after_forms) == reference("") == []


def test_lemmatize_uses_run_lemmas_with_the_same_output() -> None:
    texts = ["Prie le Secrétaire général de faire rapport.", "Rappelant sa résolution 54/181, l’Assemblée…", "a  b"]
    fast._LEMMAS.clear()
    assert fast.lemmatize(texts) == [reference(t) for t in texts]
