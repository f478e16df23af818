"""The HTML report and its tables: self-contained, complete, totals that add up, never half-written."""

from __future__ import annotations

import io
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from test_stats import tagged_frame

from clausekit.outputs import report, report_html
from clausekit.outputs import statistics as stats
from clausekit.outputs.duplicates import find_duplicates


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
    names = set(report.report_tables(df, lemmatize=stats.simple_lemmas).tables)
    assert set(stats.summary(df)) <= names
    assert {"documents", "by_year", "undated_documents", "clauses", "duplicates"} <= names
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
    assert html.count('<svg class="chart"') >= 4
    pngs = sorted((path.parent / "charts").glob("*.png"))  # the print fallbacks
    assert len(pngs) == html.count('<svg class="chart"')
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 1000 for p in pngs)
    assert '<nav id="toc">' in html
    for anchor in re.findall(r'<a href="#([^"?]+)"', html):
        assert f'id="{anchor}"' in html
    # nothing fetched from elsewhere: the only URLs are XML namespace names, which are never fetched
    text = re.sub(r'xmlns(?::\w+)?="[^"]*"', "", html)
    assert not re.search(r"(?:https?:)?//[a-z]|www\.", text)
    assert not re.search(
        r"<script[^>]*\bsrc=|<img[^>]*\bsrc=\"(?!data:)|<link\b|@import|url\((?!#)", html
    )
    assert '<html lang="fr">' in html and "Fonction × thème / Function × theme" in html
    assert (path.parent / "provenance.json").is_file()


def test_report_escapes_clause_text(tmp_path):
    df = tagged_frame()
    df.loc[0, "text"] = "Rappelant <script>alert(1)</script> & co"
    df.loc[0, "low_confidence"] = True
    html = report.build_report(df, tmp_path / "r", lemmatize=stats.simple_lemmas).read_text(
        encoding="utf-8"
    )
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_report_without_years_or_confidence_still_has_four_charts(tmp_path):
    df = tagged_frame().drop(
        columns=["year", "function_confidence", "low_confidence", "theme_scores"]
    )
    html = report.build_report(df, tmp_path / "r", lemmatize=stats.simple_lemmas).read_text(
        encoding="utf-8"
    )
    assert html.count('<svg class="chart"') >= 4
    assert "No known year" in html


def test_report_many_documents_keeps_charts_readable(tmp_path):
    frames = [tagged_frame().assign(doc_id=lambda d, i=i: d["doc_id"] + f"-{i}") for i in range(40)]
    df = pd.concat(frames, ignore_index=True)
    # each copy differs, or the 40 copies would be counted as one document
    df["text"] = [f"{t} (texte {d})" for t, d in zip(df["text"], df["doc_id"], strict=True)]
    df["text"] = [t.replace("résolution", f"résolution {i}") for i, t in enumerate(df["text"])]
    path = report.build_report(
        df, tmp_path / "r", lemmatize=stats.simple_lemmas, keep_duplicates=True
    )
    html = path.read_text(encoding="utf-8")
    assert f"first {report_html.MAX_HTML_ROWS} of" in html  # long tables show a part in the HTML...
    assert (
        len(pd.read_csv(path.parent / "tables" / "clauses_per_document.csv")) == 120
    )  # ...the files all
    assert html.count('<tr id="doc-') == 120  # every document has its profile


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
    report.build_report(tagged_frame(), out, lemmatize=stats.simple_lemmas)
    (out / "tables" / "stale.csv").write_text("old")
    report.build_report(tagged_frame().head(3), out, lemmatize=stats.simple_lemmas)
    assert not (out / "tables" / "stale.csv").exists() and (out / "report.html").exists()
    assert _no_leftovers(tmp_path) == []


# --- `clausekit report` end to end, on the shipped models -------------------------------

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "seeds"


def _models_missing() -> bool:
    from clausekit.models import registry

    return not (registry.default_model_dir() / "function").is_dir()


needs_models = [
    pytest.mark.slow,
    pytest.mark.skipif(
        _models_missing(), reason="models/ has no trained model (run `clausekit train`)"
    ),
]


def _runner():
    from typer.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 keeps stderr apart already
        return CliRunner()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory):
    from clausekit.cli import app

    tmp = tmp_path_factory.mktemp("cli")
    runner = _runner()
    tagged = runner.invoke(app, ["tag", str(SEEDS), "--format", "jsonl"])
    assert tagged.exit_code == 0, tagged.stderr
    rows = pd.read_json(io.StringIO(tagged.stdout), lines=True)
    done = runner.invoke(app, ["report", str(SEEDS), "--out", str(tmp / "report")])
    assert done.exit_code == 0, done.stderr
    return rows, tmp / "report", done


class TestReportCli:
    pytestmark = needs_models

    def test_report_cli_totals_equal_tag_output(self, seeds_report):
        rows, out, _ = seeds_report
        tables = out / "tables"
        overview = pd.read_csv(tables / "overview.csv").set_index("measure")["value"]
        # the OCR'd seed and its clean twin are one text: counted once by default (see the test below)
        twin = find_duplicates(
            rows.assign(source=[str(SEEDS / f"{d}.txt") for d in rows["doc_id"]])
        )
        dropped = set(twin.loc[twin["kind"] != "kept", "doc_id"])
        assert len(dropped) == 1 and rows["doc_id"].nunique() == 4
        rows = rows[~rows["doc_id"].isin(dropped)]
        assert overview["clauses"] == len(rows) > 80
        assert overview["documents"] == rows["doc_id"].nunique() == 3
        for f, n in rows["function"].value_counts().items():
            assert overview[f"function:{f}"] == n
        for p, n in rows["part"].value_counts().items():
            assert overview[f"part:{p}"] == n
        themes = rows["themes"].explode().dropna().value_counts()
        for t, n in themes.items():
            assert overview[f"theme:{t}"] == n
        assert overview["low-confidence clauses"] == rows["low_confidence"].sum()
        per_doc = pd.read_parquet(tables / "clauses_per_document.parquet").set_index("doc_id")[
            "clauses"
        ]
        assert per_doc.to_dict() == rows["doc_id"].value_counts().to_dict()
        crosstab = pd.read_csv(tables / "function_theme.csv").set_index("function")
        assert crosstab["clauses"].sum() == len(rows)
        html = (out / "report.html").read_text(encoding="utf-8")
        assert f"3 documents, {len(rows)} clauses" in html
        assert "1 duplicate document of 1 counted once" in html
        assert html.count('<svg class="chart"') >= 4

    def test_report_cli_says_what_it_wrote(self, seeds_report):
        rows, out, done = seeds_report
        assert (
            f"report of 4 documents, {len(rows)} clauses written to {out / 'report.html'} "
            "(1 duplicate counted once; --keep-duplicates counts all)" in done.stderr
        )
        assert "\x1b[" not in done.stderr  # no progress bar drawn when stderr is not a terminal

    def test_report_cli_keep_duplicates_counts_every_document(self, seeds_report, tmp_path):
        from clausekit.cli import app

        rows, _, _ = seeds_report
        done = _runner().invoke(
            app, ["report", str(SEEDS), "--keep-duplicates", "--out", str(tmp_path / "r")]
        )
        assert done.exit_code == 0, done.stderr
        overview = pd.read_csv(tmp_path / "r" / "tables" / "overview.csv").set_index("measure")[
            "value"
        ]
        assert overview["documents"] == 4 and overview["clauses"] == len(rows)
        assert "found and counted" in (tmp_path / "r" / "report.html").read_text(encoding="utf-8")

    def test_report_cli_metadata_names_and_dates_documents(self, tmp_path):
        from clausekit.cli import app

        seed = sorted(SEEDS.glob("*.txt"))[0]
        meta = tmp_path / "meta.csv"
        meta.write_text(
            f"doc_id,symbol,year,title\n{seed.stem},X/TEST/1,1999,Un titre d'essai\nmissing,,,\n",
            encoding="utf-8",
        )
        done = _runner().invoke(
            app, ["report", str(seed), "--metadata", str(meta), "--out", str(tmp_path / "r")]
        )
        assert done.exit_code == 0, done.stderr
        assert "1 doc_id match no tagged document (e.g. 'missing')" in done.stderr
        docs = pd.read_csv(tmp_path / "r" / "tables" / "documents.csv")
        assert docs.loc[0, "label"] == "X/TEST/1 · Un titre d'essai" and docs.loc[0, "year"] == 1999
        clauses = pd.read_csv(tmp_path / "r" / "tables" / "clauses.csv")
        assert set(clauses["label"]) == {"X/TEST/1 · Un titre d'essai"} and set(
            clauses["year"]
        ) == {1999}

    def test_report_cli_bad_metadata_is_one_line(self, tmp_path):
        from clausekit.cli import app

        meta = tmp_path / "meta.csv"
        meta.write_text("symbol\nX\n", encoding="utf-8")
        done = _runner().invoke(
            app, ["report", str(SEEDS), "--metadata", str(meta), "--out", str(tmp_path / "r")]
        )
        assert done.exit_code == 2
        assert (
            done.stderr.strip().count("\n") == 0
            and str(meta) in done.stderr
            and "doc_id" in done.stderr
        )
        assert not (tmp_path / "r").exists()

    def test_report_cli_goes_on_past_bad_files(self, tmp_path):
        from clausekit.cli import app

        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / "a.txt").write_bytes((SEEDS / "004_f730982b1d88a241.txt").read_bytes())
        (corpus / "b.txt").write_bytes(b"%PDF-1.4 binary")
        (corpus / "c.txt").write_bytes(b"")
        done = _runner().invoke(app, ["report", str(corpus), "--out", str(tmp_path / "r")])
        assert done.exit_code == 4, done.stderr
        assert "1 of 3 files done, 2 failed" in done.stderr and "b.txt" in done.stderr
        overview = pd.read_csv(tmp_path / "r" / "tables" / "overview.csv").set_index("measure")[
            "value"
        ]
        assert overview["documents"] == 1

    def test_report_cli_fail_fast_and_nothing_tagged_writes_nothing(self, tmp_path):
        from clausekit.cli import app

        (tmp_path / "bad.txt").write_bytes(b"%PDF-1.4")
        done = _runner().invoke(
            app,
            [
                "report",
                str(tmp_path / "bad.txt"),
                str(SEEDS),
                "--out",
                str(tmp_path / "r"),
                "--fail-fast",
            ],
        )
        assert done.exit_code == 1
        assert "no report was written" in done.stderr
        assert not (tmp_path / "r").exists()

    def test_report_cli_lines_input(self, tmp_path):
        from clausekit.cli import app

        clauses = tmp_path / "clauses.txt"
        clauses.write_text(
            "Rappelant sa résolution 75/1 sur la pandémie de COVID-19,\n"
            "Se félicitant du rôle de la coopération Sud-Sud et de la coopération triangulaire,\n"
            "1. Demande aux États de s'abstenir de toute mesure coercitive unilatérale ;\n",
            encoding="utf-8",
        )
        done = _runner().invoke(
            app, ["report", str(clauses), "--input-format", "lines", "--out", str(tmp_path / "r")]
        )
        assert done.exit_code == 0, done.stderr
        overview = pd.read_csv(tmp_path / "r" / "tables" / "overview.csv").set_index("measure")[
            "value"
        ]
        assert overview["clauses"] == 3

    def test_report_cli_interrupted_by_a_patched_writer_leaves_nothing(self, tmp_path, monkeypatch):
        from clausekit.cli import app

        def boom(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(report, "write_tables", boom)
        done = _runner().invoke(app, ["report", str(SEEDS), "--out", str(tmp_path / "r")])
        assert done.exit_code == 130
        assert (
            "interrupted after 4 of 4 files (4 tagged, 0 failed); no report was written"
            in done.stderr
        )
        assert list(tmp_path.iterdir()) == []

    def test_report_cli_sigterm_midway_leaves_no_partial_report(self, tmp_path):
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for i in range(200):  # 800 files: minutes of tagging, so the signal lands mid-way
            for seed in SEEDS.glob("*.txt"):
                (corpus / f"{seed.stem}_{i:03d}.txt").write_bytes(seed.read_bytes())
        out = tmp_path / "out" / "report"
        cmd = [
            sys.executable,
            "-c",
            "from clausekit.cli import main; main()",
            "report",
            str(corpus),
            "--out",
            str(out),
        ]
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
        )
        # Models loaded and tagging under way (start-up is about 10 s here; 800 files take minutes).
        time.sleep(20)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, stderr
        m = re.search(
            r"interrupted after (\d+) of 800 files \((\d+) tagged, 0 failed\); no report was written",
            stderr,
        )
        assert m and int(m.group(1)) < 800, stderr
        assert not out.exists()
        leftovers = (
            [p for p in (tmp_path / "out").rglob("*")] if (tmp_path / "out").exists() else []
        )
        assert leftovers == []


def test_report_names_the_inputs_it_could_not_read(tmp_path):
    # a batch with a binary file, an empty file and an .odt: the CLI said so on stderr, but the
    # report (the file that is shared) counted 1 document and said nothing of the other 3
    import json

    from typer.testing import CliRunner

    from clausekit.cli import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "res.txt").write_text(
        "L'Assemblée générale,\n\nRappelant sa résolution 77/185,\n\n1. Prie le Secrétaire général de lui présenter un rapport.\n",
        encoding="utf-8",
    )
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "scan.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "motion.odt").write_bytes(b"PK\x03\x04")
    out = tmp_path / "report"
    result = CliRunner().invoke(app, ["report", str(corpus), "--out", str(out), "-q"])
    assert result.exit_code == 4, result.output
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    not_read = {Path(f["path"]).name: f["reason"] for f in prov["not_read"]}
    assert set(not_read) == {"empty.txt", "scan.txt", "motion.odt"}
    assert not_read["empty.txt"].startswith("the file is empty")  # the reason, without the path again
    assert [Path(f["path"]).name for f in prov["inputs"]] == ["res.txt"]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "3 input files not read" in page
    for name in not_read:
        assert name in page
