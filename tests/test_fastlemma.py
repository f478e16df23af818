"""clausekit.fastlemma and the featurizer's lemma switch: the fast path replays the accurate one."""

from __future__ import annotations

import pytest

from clausekit import fastlemma, features


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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_fastlemma_use_cache_reads_another_cache(tmp_path) -> None:
    cache = dict(fastlemma.load_cache())
    cache["forms"] = {**cache["forms"], "Zorglub": "zorglubien"}
    path = fastlemma.save_cache(cache, tmp_path / "cache.json.gz")
    fastlemma.use_cache(path)
    try:
        assert fastlemma.lemmatize(["Zorglub"]) == [["zorglubien"]]
    finally:
        fastlemma.use_cache()
    assert fastlemma.lemmatize(["Zorglub"]) != [["zorglubien"]]
