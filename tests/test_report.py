"""The HTML report and its tables: self-contained, complete, totals that add up, never half-written."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from test_stats import tagged_frame

from clausekit import report, stats


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[pd.DataFrame, Path]:
    df = tagged_frame()
    out = tmp_path_factory.mktemp("rep") / "report"
    path = report.build_report(df, out, lemmatize=stats.simple_lemmas)
    return df, path


def _no_leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".part") or p.name.endswith(".old")]


def test_report_writes_html_and_every_table_as_csv_and_parquet(built):
    df, path = built
    assert path.name == "report.html" and path.is_file()
    names = set(stats.summary(df, lemmatize=stats.simple_lemmas))
    tables = path.parent / "tables"
    assert {p.stem for p in tables.glob("*.csv")} == names
    assert {p.stem for p in tables.glob("*.parquet")} == names
    for name in names:
        csv, parquet = (
            pd.read_csv(tables / f"{name}.csv"),
            pd.read_parquet(tables / f"{name}.parquet"),
        )
        assert list(csv.columns) == list(parquet.columns) and len(csv) == len(parquet)


def test_report_totals_equal_the_tagged_frame(built):
    df, path = built
    tables = path.parent / "tables"
    overview = pd.read_csv(tables / "overview.csv").set_index("measure")["value"]
    assert overview["clauses"] == len(df)
    assert overview["documents"] == df["doc_id"].nunique()
    for f, n in df["function"].value_counts().items():
        assert overview[f"function:{f}"] == n
    per_doc = pd.read_csv(tables / "clauses_per_document.csv").set_index("doc_id")["clauses"]
    assert per_doc.to_dict() == df["doc_id"].value_counts().to_dict()
    assert pd.read_csv(tables / "function_distribution.csv")["clauses"].sum() == len(df)
    html = path.read_text(encoding="utf-8")
    assert f"{df['doc_id'].nunique()} documents, {len(df)} clauses" in html


def test_report_html_is_self_contained_with_charts_and_contents(built):
    _, path = built
    html = path.read_text(encoding="utf-8")
    charts = re.findall(
        r'<img class="chart"[^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html
    )
    assert len(charts) >= 4
    assert all(len(c) > 1000 for c in charts)
    assert '<nav id="toc">' in html
    for anchor in re.findall(r'<a href="#([^"]+)"', html):
        assert f'id="{anchor}"' in html
    # nothing fetched from elsewhere: no URL, no external stylesheet, script or font
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)
    assert not re.search(r"(?:https?:)?//|www\.", text)
    assert (
        "<script" not in html
        and "<link" not in html
        and "@import" not in html
        and "url(" not in html
    )
    assert '<html lang="fr">' in html and "Fonction × thème / Function × theme" in html


def test_report_escapes_clause_text(tmp_path):
    df = tagged_frame()
    df.loc[0, "text"] = "Rappelant <script>alert(1)</script> & co"
    df.loc[0, "low_confidence"] = True
    html = report.build_report(df, tmp_path / "r", lemmatize=stats.simple_lemmas).read_text(
        encoding="utf-8"
    )
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_report_without_years_or_confidence_still_has_four_charts(tmp_path):
    df = tagged_frame().drop(
        columns=["year", "function_confidence", "low_confidence", "theme_scores"]
    )
    html = report.build_report(df, tmp_path / "r", lemmatize=stats.simple_lemmas).read_text(
        encoding="utf-8"
    )
    assert html.count('<img class="chart"') >= 4
    assert "No known year" in html


def test_report_many_documents_keeps_charts_readable(tmp_path):
    frames = [tagged_frame().assign(doc_id=lambda d, i=i: d["doc_id"] + f"-{i}") for i in range(40)]
    df = pd.concat(frames, ignore_index=True)
    path = report.build_report(df, tmp_path / "r", lemmatize=stats.simple_lemmas)
    html = path.read_text(encoding="utf-8")
    assert f"first {report.MAX_HTML_ROWS} of 120 rows" in html  # the HTML shows a part...
    assert (
        len(pd.read_csv(path.parent / "tables" / "clauses_per_document.csv")) == 120
    )  # ...the files all


def test_report_interrupted_leaves_no_partial_folder(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "render_html", boom)
    with pytest.raises(KeyboardInterrupt):
        report.build_report(tagged_frame(), tmp_path / "report", lemmatize=stats.simple_lemmas)
    assert list(tmp_path.iterdir()) == []


def test_report_interrupted_keeps_the_previous_report(tmp_path, monkeypatch):
    out = tmp_path / "report"
    report.build_report(tagged_frame(), out, lemmatize=stats.simple_lemmas)
    before = (out / "report.html").read_bytes()

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "write_tables", boom)
    with pytest.raises(KeyboardInterrupt):
        report.build_report(tagged_frame().head(3), out, lemmatize=stats.simple_lemmas)
    assert (out / "report.html").read_bytes() == before
    assert _no_leftovers(tmp_path) == []


def test_report_replaces_an_old_report_whole(tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    (out / "stale.txt").write_text("old")
    report.build_report(tagged_frame(), out, lemmatize=stats.simple_lemmas)
    assert not (out / "stale.txt").exists() and (out / "report.html").exists()
    assert _no_leftovers(tmp_path) == []
