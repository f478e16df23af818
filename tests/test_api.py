"""The public API's one contract: clausekit.tag() and clausekit.segment() on every kind of input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import clausekit
from clausekit.models import registry
from clausekit.tagging.api import looks_like_path
from clausekit.tagging.formats import TAG_COLUMNS

ROOT = registry.PROJECT_MODELS.parent
SEEDS = ROOT / "data" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
needs_models = pytest.mark.skipif(not (registry.PROJECT_MODELS / "function").is_dir(), reason="models/ has no trained model (run `clausekit train`)")
TEXT = "L'Assemblée générale,\n\nRappelant sa résolution 54/181,\n\n1. Prie le Secrétaire général de lui faire rapport ;\n"


# --- what reads as a path -------------------------------------------------------------------


@pytest.mark.parametrize("s", [
    "data/seeds/nonexist.txt", "nonexist.TXT", "A_RES_55_109.md", "corpus/2020/resolution.html", "./corpus", "../x", "~/notes",
    "/no/such/folder/here", "C:\\corpus\\doc.txt", f"{SEEDS}/missing",
])
def test_api_looks_like_path_for_mistyped_paths(s):
    assert looks_like_path(s)


@pytest.mark.parametrize("s", [
    "Rappelant sa résolution 54/181,",
    "Prie le Secrétaire général de lui présenter, à sa soixante-sixième session, un rapport.",
    "Réaffirmant la résolution A/RES/55/109 et la décision 2000/70 de la Commission,",
    "Décide de poursuivre l'examen de la question.",
    "Notant le document A/55/PV.81",
    "A/RES/55/109",
    "",
    TEXT,
])
def test_api_clause_text_does_not_look_like_a_path(s):
    assert not looks_like_path(s)


@pytest.mark.parametrize("func", [clausekit.tag, clausekit.segment])
@pytest.mark.parametrize("missing", ["data/seeds/nonexist.txt", "nonexist.csv", "./nowhere"])
def test_api_missing_path_raises_file_not_found(func, missing):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        func(missing)


@pytest.mark.parametrize("func", [clausekit.tag, clausekit.segment])
def test_api_missing_path_in_a_list_raises_before_any_work(func, tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        func([SEED_FILES[0], tmp_path / "absent.txt"])
    assert info.value.filename == str(tmp_path / "absent.txt")


@pytest.mark.parametrize("func", [clausekit.tag, clausekit.segment])
@pytest.mark.parametrize("bad", [42, b"bytes", {"text": "x"}.items()])
def test_api_unsupported_input_is_a_type_error(func, bad):
    with pytest.raises(TypeError, match="cannot read|text="):
        func(bad)


def test_api_text_and_input_together_is_a_type_error():
    with pytest.raises(TypeError, match="either"):
        clausekit.segment(SEED_FILES[0], text=TEXT)


# --- segment ------------------------------------------------------------------------------------


def test_api_segment_text_keyword_path_and_str_path_agree():
    doc = clausekit.segment(SEED_FILES[-1])
    assert isinstance(doc, clausekit.Document)
    same = clausekit.segment(str(SEED_FILES[-1]))
    again = clausekit.segment(text=SEED_FILES[-1].read_text(encoding="utf-8"))
    assert [c.text for c in doc.clauses] == [c.text for c in same.clauses] == [c.text for c in again.clauses]
    assert doc.doc_id == SEED_FILES[-1].stem and again.doc_id == "text"


def test_api_segment_folder_list_and_frame_give_documents_in_order(tmp_path):
    pd = pytest.importorskip("pandas")
    folder = clausekit.segment(SEEDS)
    assert [d.doc_id for d in folder] == [p.stem for p in SEED_FILES]
    backwards = clausekit.segment(SEED_FILES[::-1])
    assert [d.doc_id for d in backwards] == [p.stem for p in SEED_FILES[::-1]]
    frame = pd.DataFrame({"id": ["b", "a"], "text": [TEXT, "Rappelant sa résolution 54/181,"]})
    docs = clausekit.segment(frame)
    assert [d.doc_id for d in docs] == ["b", "a"] and len(docs[0].clauses) == 2
    series = clausekit.segment(pd.Series([TEXT], index=["r1"]))
    assert [d.doc_id for d in series] == ["r1"]


def test_api_frame_without_text_column_names_it():
    pd = pytest.importorskip("pandas")
    with pytest.raises(KeyError, match="'text' column.*'body'"):
        clausekit.segment(pd.DataFrame({"body": [TEXT]}))


# --- tag ------------------------------------------------------------------------------------------


@pytest.mark.slow
@needs_models
def test_api_tag_list_n_jobs_keeps_input_order_and_equals_one_by_one():
    order = [SEED_FILES[2], SEED_FILES[0], SEED_FILES[3]]
    together = clausekit.tag([str(p) for p in order], n_jobs=2)
    assert list(together.columns) == list(TAG_COLUMNS)
    assert list(dict.fromkeys(together["doc_id"])) == [p.stem for p in order]
    one_by_one = __import__("pandas").concat([clausekit.tag(p) for p in order], ignore_index=True)
    assert together.drop(columns=["theme_scores", "themes"]).equals(one_by_one.drop(columns=["theme_scores", "themes"]))
    assert list(together["themes"]) == list(one_by_one["themes"])


@pytest.mark.slow
@needs_models
def test_api_tag_nullable_dtypes_and_metadata():
    df = clausekit.tag(text="Rappelant sa résolution 54/181,")  # no heading: no year, no body
    assert str(df["year"].dtype) == "Int64" and df["year"].isna().all()
    assert str(df["text"].dtype).startswith("string") and str(df["doc_id"].dtype).startswith("string")
    assert str(df["index"].dtype) == "Int64" and str(df["low_confidence"].dtype) == "boolean"
    seeded = clausekit.tag(SEED_FILES[-1])
    assert str(seeded["year"].dtype) == "Int64" and seeded["year"].notna().all()
    assert seeded["source"].eq(str(SEED_FILES[-1])).all() and seeded["body"].notna().all()


@pytest.mark.slow
@needs_models
def test_api_tag_dataframe_rows_as_documents_or_clauses_keep_the_user_columns():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"ref": ["x1", "x2"], "text": [TEXT, "Exhorte les États à coopérer ;"], "score": [3, 4]})
    docs = clausekit.tag(frame, id_column="ref")
    assert list(dict.fromkeys(docs["doc_id"])) == ["x1", "x2"]
    assert list(docs.columns)[: len(TAG_COLUMNS)] == list(TAG_COLUMNS) and "score" in docs.columns
    assert docs.loc[docs["doc_id"] == "x1", "score"].eq(3).all()
    clauses = clausekit.tag(frame, input_format="csv", id_column="ref")
    assert len(clauses) == 2 and list(clauses["doc_id"]) == ["x1", "x2"] and list(clauses["score"]) == [3, 4]
    assert clauses.loc[1, "function"] == "request"


@pytest.mark.slow
@needs_models
def test_api_tag_reuses_one_tagger_per_process(monkeypatch):
    from clausekit.models import registry as reg
    from clausekit.tagging import batch

    monkeypatch.setattr(batch, "_TAGGERS", {})
    loads = []
    original = reg.load_scorer
    monkeypatch.setattr(reg, "load_scorer", lambda *a, **k: loads.append(a) or original(*a, **k))
    for path in SEED_FILES:
        clausekit.tag(path)
    assert len(loads) == 2  # the function and the theme model, once each


@pytest.mark.slow
@needs_models
def test_api_tag_own_tagger_and_threshold():
    tagger = clausekit.Tagger(low_confidence_below=0.0)
    none_low = clausekit.tag(SEED_FILES[-1], tagger=tagger)
    all_low = clausekit.tag(SEED_FILES[-1], tagger=tagger, low_confidence_below=1.01)
    assert not none_low["low_confidence"].any() and all_low["low_confidence"].all()
    assert tagger.low_confidence_below == 0.0  # the call's threshold did not stick


@pytest.mark.slow
@needs_models
def test_api_tag_bad_file_raises_or_is_skipped(tmp_path):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"%PDF-1.5\n" + bytes(range(256)))
    from clausekit.errors import InputError

    with pytest.raises(InputError, match="scan.txt: is not a readable PDF"):
        clausekit.tag([SEED_FILES[-1], bad])
    with pytest.warns(UserWarning, match="scan.txt"):
        df = clausekit.tag([bad, SEED_FILES[-1]], errors="warn")
    assert set(df["doc_id"]) == {SEED_FILES[-1].stem}


@pytest.mark.parametrize("call", ["tag", "segment"])
def test_api_names_the_files_of_a_folder_it_does_not_read(tmp_path, call):
    # A skipped file is never silent: the CLI names it on stderr, the API warns with its path and reason.
    import shutil

    shutil.copy(SEED_FILES[-1], tmp_path / SEED_FILES[-1].name)
    (tmp_path / "budget.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.warns(UserWarning, match=r"budget\.xlsx: not read"):
        out = getattr(clausekit, call)(tmp_path)
    assert len(out) > 0


@pytest.mark.slow
@needs_models
def test_api_tag_default_is_the_fast_path_without_spacy():
    code = (
        "import sys, clausekit\n"
        f"df = clausekit.tag({str(SEED_FILES[-1])!r})\n"
        "t = clausekit.Tagger(); t.tag_path(" + repr(str(SEED_FILES[-1])) + ")\n"
        "print(len(df), 'spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
    assert out == ["14", "False"]


@pytest.mark.slow
@needs_models
def test_api_tag_accurate_path_restores_the_process_switch():
    from clausekit.lemmas.frames import get_lemmatizer

    before = get_lemmatizer()
    clausekit.tag(text="Rappelant sa résolution 54/181,", lemmatizer="fast")
    assert get_lemmatizer() == before


def test_api_facade_has_the_public_names():
    for name in ("segment", "tag", "Tagger", "load_model", "Document", "Clause"):
        assert getattr(clausekit, name) is not None
    assert Path(clausekit.__file__).parent.name == "clausekit"


@pytest.mark.parametrize("input_format", ["text", "csv"])
def test_api_empty_text_rows_are_errors_not_silence(input_format):
    # As the CLI refuses an empty 'text' cell: a DataFrame row with no text raises, or is left out with a warning.
    import pandas as pd

    from clausekit.errors import ContentError

    df = pd.DataFrame({"text": ["Décide de rester saisi de la question.", "", None]})
    with pytest.raises(ContentError, match="'text' cell is empty"):
        clausekit.tag(df, input_format=input_format)
    with pytest.warns(UserWarning, match="'text' cell is empty"):
        out = clausekit.tag(df, input_format=input_format, errors="warn")
    assert list(out["text"]) == ["Décide de rester saisi de la question."]
