"""What the report knows about documents: metadata, duplicates, time, drill-down, provenance (fast, no models)."""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import parse_qsl

import pandas as pd
import pytest
from test_stats import tagged_frame

from clausekit.errors import InputError
from clausekit.outputs import metadata, profiles, provenance, report
from clausekit.outputs import statistics as stats
from clausekit.outputs.duplicates import drop_duplicates, find_duplicates
from clausekit.text.ocr_noise import corrupt

# --- metadata ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "year", "symbol"),
    [
        ("ICPE-03-1934_RES1-FR_res_1.txt", 1934, None),
        ("A_RES_75_1.txt", None, "A/RES/75/1"),
        ("A_HRC_RES_53_4", None, "A/HRC/RES/53/4"),
        ("resolution_2004_final.txt", 2004, None),
        ("004_f730982b1d88a241.txt", None, None),  # a hash with digits is not a year
        ("report-1850.txt", None, None),  # outside the years clausekit reads
        ("a19990b.txt", None, None),
    ],
)
def test_metadata_from_file_name(name, year, symbol):
    assert metadata.from_file_name(name) == {"year": year, "symbol": symbol}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("symbol,year\nA/1,2000\n", "no doc_id column"),
        ("doc_id,year\na,20x0\n", "row 2: year '20x0'"),
        ("doc_id,year\na,2000\na,2001\n", "'a' appears more than once"),
        ("doc_id,year\na,1492\n", "not a year between"),
    ],
)
def test_metadata_csv_bad_input_is_one_line_naming_the_file(tmp_path, content, message):
    path = tmp_path / "meta.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        metadata.read_metadata_csv(path)
    text = str(err.value)
    assert str(path) in text and message in text and "\n" not in text


def test_metadata_precedence_user_then_heading_then_file_name(tmp_path):
    df = tagged_frame()
    df.loc[df["doc_id"] == "note", "source"] = "corpus/note_1999.txt"
    path = tmp_path / "meta.csv"
    path.write_text("doc_id,year,title\nga75.txt,2021,Notre avenir commun\n", encoding="utf-8")
    joined = metadata.apply_metadata(df, metadata.read_metadata_csv(path))
    per_doc = joined.groupby("doc_id")[["year", "year_source", "title"]].first()
    assert per_doc.loc["ga75", "year"] == 2021 and per_doc.loc["ga75", "year_source"] == "metadata"
    assert per_doc.loc["ga75", "title"] == "Notre avenir commun"
    assert per_doc.loc["hrc53", "year"] == 2023 and per_doc.loc["hrc53", "year_source"] == "heading"
    assert per_doc.loc["note", "year"] == 1999 and per_doc.loc["note", "year_source"] == "file name"
    assert len(joined) == len(df) and joined["text"].tolist() == df["text"].tolist()


def test_document_labels_are_unique_and_never_empty():
    meta = pd.DataFrame(
        {
            "symbol": ["53/...", "53/...", None, None],
            "title": ["Renforcement", "Renforcement", None, "Note"],
        },
        index=["a", "b", "c", "d"],
    )
    labels = metadata.document_labels(meta)
    assert labels.is_unique and all(labels.str.len() > 0)
    assert labels["c"] == "c" and labels["d"] == "Note" and "53/..." in labels["a"]


# --- duplicates ------------------------------------------------------------------------------


def _copy(df: pd.DataFrame, doc: str, new: str, transform=lambda t: t) -> pd.DataFrame:
    part = df[df["doc_id"] == doc].copy()
    part["doc_id"] = new
    part["text"] = [transform(t) for t in part["text"]]
    return part


@pytest.mark.parametrize("seed", range(5))
def test_duplicates_an_ocr_noisy_copy_is_found_and_counted_once(seed):
    df = tagged_frame()
    noisy = _copy(df, "hrc53", "hrc53-ocr", lambda t: corrupt(t, 0.05, seed)).assign(
        ocr_confidence=0.7
    )
    corpus = pd.concat([df.assign(ocr_confidence=0.99), noisy], ignore_index=True)
    dup = find_duplicates(corpus)
    assert set(dup["doc_id"]) == {"hrc53", "hrc53-ocr"}
    assert dup.set_index("doc_id").loc["hrc53-ocr", "kept"] == "hrc53"  # the cleaner text is kept
    once = report.report_tables(corpus, lemmatize=stats.simple_lemmas)
    counted = once.tables["overview"].set_index("measure")["value"]
    assert counted["documents"] == df["doc_id"].nunique() and counted["clauses"] == len(df)
    every = report.report_tables(corpus, keep_duplicates=True, lemmatize=stats.simple_lemmas)
    assert (
        every.tables["overview"].set_index("measure")["value"]["documents"]
        == df["doc_id"].nunique() + 1
    )


def test_duplicates_exact_copy_is_exact_and_distinct_texts_sharing_a_formula_are_not():
    df = tagged_frame()
    corpus = pd.concat([df, _copy(df, "ga75", "ga75-bis")], ignore_index=True)
    # A different resolution that opens with the same first clause (boilerplate) is not a duplicate.
    other = _copy(df, "hrc53", "other")
    other.loc[other["index"] > 0, "text"] = [
        f"Prie le Secrétaire général de présenter un rapport numéro {i} sur la question des océans et du droit de la mer"
        for i in range(int((other["index"] > 0).sum()))
    ]
    dup = find_duplicates(pd.concat([corpus, other], ignore_index=True))
    assert set(dup["doc_id"]) == {"ga75", "ga75-bis"}
    assert dup.set_index("doc_id").loc["ga75-bis", "kind"] == "exact"
    assert drop_duplicates(corpus, dup)["doc_id"].nunique() == df["doc_id"].nunique()


def test_duplicates_none_in_distinct_documents():
    assert find_duplicates(tagged_frame()).empty


# --- time and documents ------------------------------------------------------------------------


def test_by_year_counts_add_up_and_undated_documents_are_listed():
    df = tagged_frame()
    years = profiles.by_year(df)
    dated = df.dropna(subset=["year"])
    assert years["year"].is_monotonic_increasing and years["year"].dtype == "int64"
    assert years["documents"].sum() == dated.groupby("year")["doc_id"].nunique().sum()
    assert years["clauses"].sum() == len(dated)
    for t in stats.THEMES:
        assert (years[f"{t}_documents"] <= years["documents"]).all()
    shares = years[[c for c in years.columns if c.startswith("share:")]].sum(axis=1)
    assert shares.round(9).eq(1).all()
    undated = profiles.undated_documents(df)
    assert set(undated["doc_id"]) == set(df.loc[df["year"].isna(), "doc_id"])


def test_documents_profile_adds_up_to_the_clauses():
    df = tagged_frame()
    docs = profiles.documents(df).set_index("doc_id")
    assert docs["clauses"].to_dict() == df["doc_id"].value_counts().to_dict()
    assert (docs["preamble"] + docs["operative"] + docs["narrative"]).equals(docs["clauses"])
    shares = docs[[c for c in docs.columns if c.startswith("share:")]].sum(axis=1)
    assert shares.round(9).eq(1).all()
    for doc, themes in docs["themes"].items():
        assert set(themes) == {t for cell in df.loc[df["doc_id"] == doc, "themes"] for t in cell}


def test_documents_profile_lists_cited_texts_when_tagging_gives_them():
    df = tagged_frame().assign(references=[["70/1"], [], ["70/1", "75/1"]] + [[]] * 7)
    docs = profiles.documents(df).set_index("doc_id")
    assert docs.loc["hrc53", "references"] == ["70/1", "75/1"]


# --- the built report: drill-down and links ---------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = report.build_report(
        tagged_frame(), tmp_path_factory.mktemp("r") / "report", lemmatize=stats.simple_lemmas
    )
    return path, path.read_text(encoding="utf-8")


def _embedded(html: str) -> pd.DataFrame:
    m = re.search(r'<script type="application/json" id="clause-data">(.*?)</script>', html, re.S)
    payload = json.loads(m.group(1))
    return pd.DataFrame(payload["rows"], columns=payload["columns"])


def test_report_drilldown_embeds_every_clause_with_its_document_name(built):
    _, html = built
    rows = _embedded(html)
    df = tagged_frame()
    assert len(rows) == len(df) and rows["text"].tolist() == df["text"].tolist()
    assert "A/HRC/53/L.1" in set(rows["label"])


def test_report_every_chart_link_leads_to_clauses(built):
    """A click on any bar, point or cell of a chart filters the drill-down to at least one clause."""
    _, html = built
    rows = _embedded(html)
    links = set(re.findall(r'xlink:href="#clauses\?([^"]*)"', html)) | set(
        re.findall(r'href="#clauses\?([^"]*)"', html)
    )
    assert len(links) > 10
    for query in links:
        sub = rows
        for key, value in parse_qsl(query.replace("&amp;", "&")):
            if key == "theme":
                has = sub["themes"].fillna("").str.split(";").map(lambda ts: [t for t in ts if t])
                keep = (
                    has.map(bool)
                    if value == "(any)"
                    else ~has.map(bool)
                    if value == "(none)"
                    else has.map(lambda ts, v=value: v in ts)
                )
                sub = sub[keep]
            elif key == "doc":
                sub = sub[sub["doc_id"] == value]
            elif key == "year":
                sub = sub[sub["year"].map(lambda y: "" if pd.isna(y) else str(int(y))) == value]
            else:
                sub = sub[sub[key].astype(str) == value]
        assert len(sub) > 0, query


def test_report_provenance_names_models_and_hashes_inputs(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Rappelant sa résolution,", encoding="utf-8")
    prov = provenance.provenance(inputs=[src], argv=["clausekit", "report", str(src)])
    assert prov["inputs"] == [
        {"path": str(src), "sha256": hashlib.sha256(src.read_bytes()).hexdigest()}
    ]
    names = {m["name"] for m in prov["models"]}
    assert names == {"function", "themes"}
    for m in prov["models"]:
        if "error" not in m:
            assert re.fullmatch(r"[0-9a-f]{64}", m["card_sha256"]) and m["version"]
    assert prov["command"].startswith("clausekit report") and prov["theme_method"]


def test_report_says_duplicates_count_once(tmp_path):
    df = tagged_frame()
    corpus = pd.concat([df, _copy(df, "ga75", "ga75-bis")], ignore_index=True)
    html = report.build_report(corpus, tmp_path / "r", lemmatize=stats.simple_lemmas).read_text(
        encoding="utf-8"
    )
    assert "1 duplicate document of 1 counted once" in html
    assert f"{df['doc_id'].nunique()} documents, {len(df)} clauses" in html
    kept = report.build_report(
        corpus, tmp_path / "k", keep_duplicates=True, lemmatize=stats.simple_lemmas
    )
    assert "found and counted" in kept.read_text(encoding="utf-8")


def test_metadata_csv_from_french_excel_with_semicolons_is_read(tmp_path):
    # Excel in a French locale saves ';'-separated CSV; it was refused: "no doc_id column (found: doc_id;symbol;year;title)"
    path = tmp_path / "meta.csv"
    path.write_bytes("\ufeffDoc_id;symbol;year;title\nunesco;42 C/Res.15;2023;Éducation, science et culture\n".encode())
    table = metadata.read_metadata_csv(path)
    assert table.loc["unesco", "symbol"] == "42 C/Res.15" and table.loc["unesco", "year"] == 2023
    assert table.loc["unesco", "title"] == "Éducation, science et culture"
    comma = tmp_path / "comma.csv"
    comma.write_text("doc_id,title\nga,Paix ; sécurité\n", encoding="utf-8")
    assert metadata.read_metadata_csv(comma).loc["ga", "title"] == "Paix ; sécurité"
