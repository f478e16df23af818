"""Shared-corpora readers and the id-only annotation file (skips when the corpora are absent)."""

from __future__ import annotations

import pandas as pd
import pytest

from clausekit.training import corpora

pytestmark = pytest.mark.corpora

FUNCTIONS = {"recall", "concern", "request", "decision", "position", "other"}
THEMES = {"covid19", "south_south", "coercive_measures"}
PARTS = {"preamble", "operative", "narrative"}


@pytest.fixture(scope="module")
def need_corpora():
    if not corpora.available():
        pytest.skip(
            f"shared corpora not found at {corpora.corpora_dir()}; set CLAUSEKIT_CORPORA"
        )


def test_corpora_dir_env(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAUSEKIT_CORPORA", str(tmp_path))
    assert corpora.corpora_dir() == tmp_path
    assert corpora.available() is False
    monkeypatch.delenv("CLAUSEKIT_CORPORA")
    assert corpora.corpora_dir() == corpora.PROJECT_ROOT.parent / "shared" / "corpora"


def test_missing_folder_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAUSEKIT_CORPORA", str(tmp_path / "nowhere"))
    with pytest.raises(corpora.CorporaNotFoundError, match="CLAUSEKIT_CORPORA"):
        corpora.load_annotations()
    with pytest.raises(corpora.CorporaNotFoundError, match="CLAUSEKIT_CORPORA"):
        corpora.unpc_lines()


def test_annotation_file_schema():
    ann = pd.read_csv(corpora.ANNOTATIONS_CSV, dtype=str, keep_default_na=False)
    assert list(ann.columns) == corpora.ANNOTATION_COLUMNS
    assert len(ann) >= 600
    assert set(ann["corpus"]) <= {"ice", "unpc"}
    assert set(ann["part"]) <= PARTS
    assert set(ann["function"]) <= FUNCTIONS
    for themes in ann["themes"]:
        assert set(t for t in themes.split(";") if t) <= THEMES
    assert not ann.duplicated(["corpus", "doc_id", "ref"]).any()
    # narrative rows are `other` unless a body speaks for itself (guide rule 5)
    assert (ann["family"] != "").all()


def test_iter_ice(need_corpora):
    items = list(corpora.iter_ice())
    assert len(items) == 92
    text_id, year, paras = items[0]
    assert text_id.startswith("ICPE-") and 1934 <= year <= 2008
    assert {"para_number", "para", "type"} <= set(paras[0])


def test_unpc_lines(need_corpora):
    df = corpora.unpc_lines()
    assert len(df) == 4000
    assert df["line"].iloc[0] == 1
    assert df["doc_id"].str.startswith("2015/").all()


def test_ice_expert_labels(need_corpora):
    df = corpora.ice_expert_labels()
    assert len(df) == 363 and "type" in df.columns


def test_every_annotation_resolves(need_corpora):
    ann = corpora.load_annotations()
    assert len(ann) >= 600
    assert ann["text"].notna().all()
    assert (ann["text"].str.strip() != "").all()
    assert ann["themes"].map(lambda t: isinstance(t, list)).all()
