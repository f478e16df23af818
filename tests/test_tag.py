"""tag() and Tagger on the shipped models (skipped when models/ has none)."""

from __future__ import annotations

import pytest

from clausekit.models import registry

ROOT = registry.PROJECT_MODELS.parent
SEED = ROOT / "data" / "seeds" / "004_f730982b1d88a241.txt"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (registry.PROJECT_MODELS / "function").is_dir(), reason="models/ has no trained model (run `clausekit train`)"),
]


@pytest.fixture(scope="module")
def tagger():
    from clausekit.tagging.tagger import Tagger

    return Tagger()


def test_tag_schema_on_a_seed(tagger):
    from clausekit import tag
    from clausekit.tagging.tagger import TAG_COLUMNS

    df = tag(SEED)
    assert list(df.columns) == list(TAG_COLUMNS)
    assert len(df) == 14
    assert set(df["function"]) <= {"recall", "concern", "request", "decision", "position", "other"}
    assert df["function_confidence"].between(0, 1).all()
    assert all(isinstance(t, list) for t in df["themes"]) and all(isinstance(s, dict) for s in df["theme_scores"])


def test_tag_lines_one_record_per_non_empty_line(tagger):
    text = "La présente note a été établie.\n\nRappelant sa résolution 54/181,\n   \n12. Prie le Secrétaire général de faire rapport ;\n"
    df = tagger.tag_lines(text)
    assert list(df["text"]) == ["La présente note a été établie.", "Rappelant sa résolution 54/181,", "12. Prie le Secrétaire général de faire rapport ;"]
    assert list(df["part"]) == ["narrative", "preamble", "operative"]
    assert df.loc[2, "function"] == "request"
    assert text[df.loc[2, "start"] : df.loc[2, "end"]] == df.loc[2, "text"]


@pytest.mark.parametrize("seed", ["003_0d3b84d2626458c8.txt", "004_f730982b1d88a241.txt"])
def test_a_seeds_clauses_one_per_line_keep_their_parts_and_functions(tagger, seed):
    """The clauses of a segmented seed, given one per line (``-i lines``): one record per line, the same
    parts (decided with the document) and functions; as CSV rows, one record per row."""
    import io

    import pandas as pd

    from clausekit.segmentation.segmenter import segment

    doc = segment(ROOT / "data" / "seeds" / seed)
    segmented = tagger.tag_document(doc)
    lines = [" ".join(c.text.split()) for c in doc.clauses]
    df = tagger.tag("\n".join(lines), input_format="lines")
    assert list(df["text"]) == lines
    assert list(df["part"]) == [c.part for c in doc.clauses]
    assert list(df["function"]) == list(segmented["function"])
    buf = io.StringIO()
    pd.DataFrame({"text": lines}).to_csv(buf, index=False)
    assert list(tagger.tag(buf.getvalue(), input_format="csv")["text"]) == lines


def test_tag_csv_needs_a_text_column(tagger):
    from clausekit.errors import InputError

    with pytest.raises(InputError, match="'text' column"):
        tagger.tag_csv("clause\nPrie les États\n", source="x.csv")
    assert len(tagger.tag_csv("text\nPrie les États de coopérer ;\n")) == 1


def test_tag_document_and_covid_theme(tagger):
    from clausekit.segmentation.segmenter import segment

    df = tagger.tag_document(segment(ROOT / "data" / "seeds" / "003_0d3b84d2626458c8.txt"))
    assert "covid19" in df.loc[10, "themes"]
    assert df.loc[53, "function"] == "request"  # Prie


@pytest.mark.parametrize("lemmatizer", ["fast", "accurate"])
@pytest.mark.parametrize("text", ["Zxqv wrrp kkjh.", "Zxqv wrrp kkjh.\nQwpl vvbn."])
def test_tag_clauses_with_no_known_word(text, lemmatizer):
    """No n-gram of the model's vocabulary: every feature block is empty, and the scores are still floats
    (numpy's bincount of nothing is int64, which once crashed `clausekit tag --accurate` on such a text)."""
    from clausekit import tag

    df = tag(text=text, input_format="lines", lemmatizer=lemmatizer)
    assert len(df) == len(text.splitlines())
    assert df["function_confidence"].between(0, 1).all()


def test_tag_sparse_product_of_nothing_is_float():
    import numpy as np

    from clausekit.models.linear import _Sparse

    empty = np.array([], dtype=np.int64)
    out = _Sparse(3, empty, empty, np.array([], dtype=float)).dot(np.ones((5, 2)))
    assert out.dtype == np.float64 and out.shape == (3, 2) and not out.any()


def test_tag_lines_read_typography_as_documents_do(tagger):
    # Typographic apostrophes, no-break spaces and ligatures are the analysis text's plain forms, in lines as in documents.
    plain = ["Ayant à l'esprit les engagements pris lors du Sommet,", "Se déclarant préoccupée par la situation ;",
             "Prie le Secrétaire général de lui faire rapport à sa prochaine session ;"]
    fancy = [t.replace("'", "’").replace(" ;", "\u00a0;").replace("fi", "ﬁ") for t in plain]
    assert fancy != plain
    keys = ("part", "lead", "function", "function_confidence", "text")
    got = [[r[k] for k in keys] for r in tagger.line_records("\n".join(fancy))]
    assert got == [[r[k] for k in keys] for r in tagger.line_records("\n".join(plain))]


def test_tag_every_lead_of_the_lexicon_gets_its_function_and_part(tagger):
    # Section 2 of the guide: the lead decides. Each lead phrase of the lexicon, with a neutral object, must get the
    # lexicon's function from the shipped model and the lead rules, including leads the model saw rarely ("Proroge").
    from clausekit.segmentation.lexicon import OPERATIVE_LEADS, PREAMBLE_LEADS

    # Given alone, each also gets the part of its table (guide 5.13).
    wrong = []
    for table, tail, part in ((PREAMBLE_LEADS, " les travaux menés dans ce domaine,", "preamble"),
                              (OPERATIVE_LEADS, " les travaux menés dans ce domaine ;", "operative")):
        leads = list(table)
        records = tagger.text_records([k[:1].upper() + k[1:] + tail for k in leads])
        wrong += [(k, table[k], part, r["function"], r["part"]) for k, r in zip(leads, records, strict=True)
                  if (r["function"], r["part"]) != (table[k], part)]
    assert not wrong, f"{len(wrong)} leads: {wrong[:10]}"
