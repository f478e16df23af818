"""The reference extractor (clausekit.references), the references column and `clausekit references`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clausekit.cli import app
from clausekit.references.bodies import GA, HRC, SC, build_symbol, canonical_body
from clausekit.references.extractor import extract

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "seeds").glob("*.txt"))
try:
    runner = CliRunner(mix_stderr=False)
except TypeError:
    runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "own", "expected"),
    [
        (
            "Rappelant sa résolution 54/181 du 17 décembre 1999,",
            GA,
            [("54/181", GA, "A/RES/54/181", "1999-12-17")],
        ),
        (
            "Rappelant sa résolution 54/181 du 17 décembre 1999,",
            HRC,
            [("54/181", HRC, "A/HRC/RES/54/181", "1999-12-17")],
        ),
        (
            "la résolution 48/141 de l'Assemblée générale, du 20 décembre 1993,",
            HRC,
            [("48/141", GA, "A/RES/48/141", "1993-12-20")],
        ),
        (
            "la résolution 926 (X) de l’Assemblée générale, en date du 14 décembre 1955",
            None,
            [("926 (X)", GA, "A/RES/926 (X)", "1955-12-14")],
        ),
        (
            "ses résolutions 46/14 du 23 mars 2021 et 49/25 du 1er avril 2022",
            HRC,
            [
                ("46/14", HRC, "A/HRC/RES/46/14", "2021-03-23"),
                ("49/25", HRC, "A/HRC/RES/49/25", "2022-04-01"),
            ],
        ),
        (
            "les résolutions 1267 (1999), 1333 (2000) et 1390 (2002)",
            None,
            [
                ("1267 (1999)", SC, "S/RES/1267 (1999)", None),
                ("1333 (2000)", SC, "S/RES/1333 (2000)", None),
                ("1390 (2002)", SC, "S/RES/1390 (2002)", None),
            ],
        ),
        (
            "Dans sa résolution 2178 (2014), le Conseil de sécurité a décidé",
            GA,
            [("2178 (2014)", SC, "S/RES/2178 (2014)", None)],
        ),
        (
            "la résolution 2000/22, du 18 août 2000, adoptée par la Sous-Commission de la promotion et de la protection des droits de l'homme",
            None,
            [
                (
                    "2000/22",
                    canonical_body("Sous-Commission"),
                    "E/CN.4/Sub.2/RES/2000/22",
                    "2000-08-18",
                )
            ],
        ),
    ],
)
def test_references_numbered_citations(text, own, expected):
    found = [(r.number, r.body, r.symbol, r.date) for r in extract(text, own_body=own)]
    assert found == expected


def test_references_ranges_expand_and_decisions_keep_their_kind():
    refs = extract("Rappelant ses résolutions 2/4 à 2/7 et sa décision 2/102,", own_body=HRC)
    assert [r.number for r in refs] == ["2/4", "2/5", "2/6", "2/7", "2/102"]
    assert refs[-1].kind == "decision" and refs[-1].symbol == "A/HRC/DEC/2/102"


@pytest.mark.parametrize(
    "symbol",
    [
        "E/CN.4/2001/2",
        "A/HRC/52/80",
        "CRC/C/PRK/4",
        "A/RES/55/109",
        "S/RES/2211 (2015)",
        "A/C.3/70/L.12/Rev.1",
    ],
)
def test_references_document_symbols_are_found_whole(symbol):
    text = f"Voir le document {symbol}, chap. II."
    (ref,) = extract(text)
    assert ref.symbol == symbol and text[ref.start : ref.end] == symbol


def test_references_report_kind_and_unknown_body_gets_no_symbol():
    (ref,) = extract("Prenant note du rapport du Secrétaire général (A/70/123),")
    assert ref.kind == "report"
    (ref,) = extract(
        "Prenant note de la résolution 689 (XXXV) de la Commission économique pour l'Amérique latine,"
    )
    assert ref.symbol is None


@pytest.mark.parametrize(
    "text",
    [
        "la Convention relative aux droits de l'enfant",
        "le Pacte international relatif aux droits civils et politiques",
        "la Convention de Bâle",
        "son Protocole facultatif",
    ],
)
def test_references_named_conventions(text):
    (ref,) = extract(f"Rappelant {text},")
    assert ref.kind == "convention" and ref.symbol is None


@pytest.mark.parametrize(
    "text",
    [
        "Décide de poursuivre l'examen de la question à sa prochaine session;",
        "Rappelant la présente résolution et la Convention,",
        "Prie le Secrétaire général de présenter un rapport,",
        "2 000 personnes et 1 800 hommes, 10/12 ans, km/h",
    ],
)
def test_references_none_where_nothing_is_cited(text):
    assert extract(text) == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_references_spans_point_into_the_clause_text(path):
    import clausekit

    doc = clausekit.segment(path)
    for c in doc.clauses:
        for r in extract(c.text, own_body=doc.heading.body):
            assert c.text[r.start : r.end] == r.text
            assert r.kind in ("resolution", "decision", "document symbol", "report", "convention")


def test_references_symbol_builder_refuses_irregular_schemes():
    assert build_symbol(SC, "decision", "12 (2001)") is None
    assert build_symbol("Conférence générale", "resolution", "27 C/5.7") is None
    assert build_symbol(GA, "resolution", "1234") is None


def test_references_column_in_records_and_csv():
    from clausekit.tagging.formats import csv_cell
    from clausekit.tagging.tagger import TAG_COLUMNS, Tagger

    assert "references" in TAG_COLUMNS
    rows = Tagger().tag_records(
        "L'Assemblée générale,\n\nRappelant sa résolution 54/181,\n\n1. Décide de poursuivre l'examen.",
        doc_id="t",
    )
    assert [r["number"] for r in rows[0]["references"]] == ["54/181"]
    assert rows[1]["references"] == []
    assert json.loads(csv_cell(rows[0]["references"]))[0]["symbol"] == "A/RES/54/181"


def test_references_cli_table_jsonl_and_bad_file(tmp_path):
    result = runner.invoke(
        app, ["references", str(ROOT / "data/seeds/004_f730982b1d88a241.txt"), "--format", "jsonl"]
    )
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["symbol"] for r in rows} >= {"A/RES/54/181", "E/CN.4/RES/2000/70", "A/RES/54/113"}
    result = runner.invoke(
        app,
        [
            "references",
            str(tmp_path / "missing.txt"),
            str(ROOT / "data/seeds/004_f730982b1d88a241.txt"),
        ],
    )
    assert (
        result.exit_code == 4 and "most cited" in result.stdout and "missing.txt" in result.stderr
    )


def test_references_figures_hold_on_the_hand_labels():
    from clausekit.training import corpora

    if not corpora.available():
        pytest.skip("../shared/corpora is absent: the hand-labelled UNPC citations cannot be read")
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts/references_eval.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(out.stdout)
    assert figures["labelled"] >= 300 and figures["labelled_units_not_found"] == 0
    assert (
        figures["precision"] >= 0.95
        and figures["recall"] >= 0.95
        and figures["symbol_accuracy"] >= 0.9
    )


def test_references_citation_tables_count_each_document_once():
    import pandas as pd

    from clausekit.outputs.citations import citation_tables

    refs = [{"text": "sa résolution 54/181", "kind": "resolution", "body": "Assemblée générale", "number": "54/181",
             "session": "54", "date": None, "symbol": "A/RES/54/181", "start": 0, "end": 20}]
    frame = pd.DataFrame({"doc_id": ["a", "a", "b"], "index": [0, 1, 0], "part": ["preamble"] * 3, "number": [None] * 3,
                          "references": [refs, refs, refs]})
    tables = citation_tables(frame)
    top = tables["most_cited"].iloc[0]
    assert (top.cited, top.citations, top.documents) == ("A/RES/54/181", 3, 2)
    assert list(tables["citations_by_document"].texts_cited) == [1, 1]
    assert citation_tables(frame.drop(columns="references")) == {}
