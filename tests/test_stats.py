"""Statistics over a tagged DataFrame, on a small hand-made frame (the functions are pure)."""

from __future__ import annotations

import pandas as pd
import pytest

from clausekit.outputs import statistics as stats

# (doc_id, index, part, lead, function, confidence, themes, text)
_ROWS = [
    (
        "hrc53",
        0,
        "preamble",
        "Rappelant",
        "recall",
        0.95,
        [],
        "Rappelant la résolution 70/1 de l'Assemblée générale,",
    ),
    (
        "hrc53",
        1,
        "preamble",
        "Profondément préoccupé",
        "concern",
        0.90,
        ["covid19"],
        "Profondément préoccupé par les effets de la pandémie de COVID-19 sur les pays en développement,",
    ),
    (
        "hrc53",
        2,
        "preamble",
        "Soulignant",
        "position",
        0.55,
        ["south_south", "covid19"],
        "Soulignant le rôle de la coopération Sud-Sud et triangulaire dans le relèvement après la pandémie de COVID-19,",
    ),
    (
        "hrc53",
        3,
        "operative",
        "Demande",
        "request",
        0.97,
        ["coercive_measures"],
        "Demande aux États de s'abstenir d'appliquer des mesures coercitives unilatérales,",
    ),
    (
        "hrc53",
        4,
        "operative",
        "Décide",
        "decision",
        0.99,
        [],
        "Décide de poursuivre l'examen de la question à sa cinquante-sixième session.",
    ),
    (
        "ga75",
        0,
        "preamble",
        "Réaffirmant",
        "recall",
        0.93,
        ["south_south"],
        "Réaffirmant le Plan d'action de Buenos Aires pour la coopération technique entre pays en développement,",
    ),
    (
        "ga75",
        1,
        "operative",
        "Se félicite",
        "position",
        0.40,
        ["south_south"],
        "Se félicite de l'essor de la coopération Sud-Sud et de la coopération triangulaire,",
    ),
    (
        "ga75",
        2,
        "operative",
        "Prie",
        "request",
        0.88,
        [],
        "Prie le Secrétaire général de lui présenter un rapport à sa soixante-seizième session.",
    ),
    (
        "note",
        0,
        "narrative",
        "",
        "other",
        0.80,
        [],
        "La présente note a été établie par le Secrétariat.",
    ),
    (
        "note",
        1,
        "narrative",
        "",
        "other",
        0.45,
        ["coercive_measures"],
        "Les mesures coercitives unilatérales et les blocus ont des effets sur les droits de l'homme.",
    ),
]
_META = {
    "hrc53": ("Conseil des droits de l'homme", "A/HRC/53/L.1", 2023),
    "ga75": ("Assemblée générale", "A/RES/75/1", 2020),
    "note": (None, None, None),
}


def tagged_frame() -> pd.DataFrame:
    """A small tagged frame in the schema of ``clausekit.tag()`` (also used by the report tests)."""
    rows = []
    for doc_id, index, part, lead, function, conf, themes, text in _ROWS:
        body, symbol, year = _META[doc_id]
        rows.append(
            {
                "doc_id": doc_id,
                "index": index,
                "part": part,
                "number": None,
                "lead": lead,
                "text": text,
                "start": 0,
                "end": len(text),
                "function": function,
                "function_confidence": conf,
                "themes": themes,
                "theme_scores": {t: (0.9 if t in themes else 0.1) for t in stats.THEMES},
                "low_confidence": conf < 0.6,
                "source": f"{doc_id}.txt",
                "body": body,
                "symbol": symbol,
                "year": year,
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture
def tagged() -> pd.DataFrame:
    return tagged_frame()


def test_stats_overview_counts_every_clause(tagged):
    o = stats.overview(tagged).set_index("measure")["value"]
    assert o["documents"] == 3 and o["clauses"] == 10
    assert o["part:preamble"] + o["part:operative"] + o["part:narrative"] == 10
    assert sum(o[f"function:{f}"] for f in stats.FUNCTIONS) == 10
    assert (
        o["theme:south_south"] == 3
        and o["theme:covid19"] == 2
        and o["theme:coercive_measures"] == 2
    )
    assert o["clauses with a theme"] == 6
    assert o["low-confidence clauses"] == 3


def test_stats_clauses_per_document_keeps_corpus_order_and_metadata(tagged):
    t = stats.clauses_per_document(tagged)
    assert t["doc_id"].tolist() == ["hrc53", "ga75", "note"]
    assert t[["preamble", "operative", "narrative"]].values.tolist() == [
        [3, 2, 0],
        [1, 2, 0],
        [0, 0, 2],
    ]
    assert t["clauses"].sum() == len(tagged)
    assert t.loc[1, "year"] == 2020 and pd.isna(t.loc[2, "year"])


def test_stats_function_distribution_sums_to_one(tagged):
    d = stats.function_distribution(tagged)
    assert d["function"].tolist() == list(stats.FUNCTIONS)
    assert d["clauses"].sum() == 10
    assert d["share"].sum() == pytest.approx(1.0)
    assert d.set_index("function").loc["request", "clauses"] == 2


def test_stats_function_by_document_counts_and_shares(tagged):
    counts = stats.function_by_document(tagged).set_index("doc_id")
    assert counts.loc["hrc53", list(stats.FUNCTIONS)].sum() == counts.loc["hrc53", "clauses"] == 5
    shares = stats.function_by_document(tagged, share=True).set_index("doc_id")
    assert shares.loc["note", "other"] == 1.0
    assert shares[list(stats.FUNCTIONS)].sum(axis=1).tolist() == pytest.approx([1, 1, 1])


def test_stats_function_by_part(tagged):
    t = stats.function_by_part(tagged).set_index("part")
    assert t["clauses"].to_dict() == {"preamble": 4, "operative": 4, "narrative": 2}


def test_stats_theme_prevalence_overall_shares_of_clauses_and_documents(tagged):
    p = stats.theme_prevalence(tagged).set_index("theme")
    assert p.loc["south_south", "clauses"] == 3
    assert p.loc["south_south", "clause_share"] == pytest.approx(0.3)
    assert p.loc["south_south", "documents"] == 2
    assert p.loc["south_south", "document_share"] == pytest.approx(2 / 3)
    assert p.loc["covid19", "documents"] == 1


def test_stats_theme_prevalence_per_body_marks_unknown(tagged):
    p = stats.theme_prevalence(tagged, by="body")
    assert set(p["body"]) == {"Assemblée générale", "Conseil des droits de l'homme", stats.UNKNOWN}
    row = p[(p["body"] == stats.UNKNOWN) & (p["theme"] == "coercive_measures")].iloc[0]
    assert (row["clauses"], row["total_clauses"], row["documents"]) == (1, 2, 1)


def test_stats_theme_prevalence_per_year_leaves_out_unknown_years(tagged):
    p = stats.theme_prevalence(tagged, by="year")
    assert sorted(set(p["year"])) == [2020, 2023]
    assert (
        p.groupby("year")["total_clauses"].first().sum() == 8
    )  # the undated note's 2 clauses are left out


def test_stats_theme_prevalence_per_document(tagged):
    p = stats.theme_prevalence(tagged, by="doc_id")
    assert p["doc_id"].drop_duplicates().tolist() == ["hrc53", "ga75", "note"]
    hrc = p[p["doc_id"] == "hrc53"].set_index("theme")
    assert hrc.loc["covid19", "clauses"] == 2 and hrc.loc["covid19", "document_share"] == 1.0


def test_stats_theme_prevalence_unknown_grouping_is_an_error(tagged):
    with pytest.raises(KeyError):
        stats.theme_prevalence(tagged, by="nope")


def test_stats_function_theme_crosstab(tagged):
    x = stats.function_theme_crosstab(tagged).set_index("function")
    assert x.loc["position", "south_south"] == 2 and x.loc["position", "covid19"] == 1
    assert x.loc["decision", "(no theme)"] == 1
    assert x["clauses"].sum() == 10
    # a clause counts in each of its themes, or once under "(no theme)"
    assert (x[list(stats.THEMES) + ["(no theme)"]].sum(axis=1) >= x["clauses"]).all()


def test_stats_documents_by_theme_ranks_by_share(tagged):
    r = stats.documents_by_theme(tagged)
    south = r[r["theme"] == "south_south"]
    assert south["doc_id"].tolist() == ["ga75", "hrc53"]  # 2/3 of ga75, 1/5 of hrc53
    assert south["rank"].tolist() == [1, 2]
    assert south.iloc[0]["share"] == pytest.approx(2 / 3)
    assert south.iloc[0]["mean_score"] == pytest.approx((0.9 + 0.9 + 0.1) / 3)
    assert "note" not in set(r[r["theme"] == "covid19"]["doc_id"])


def test_stats_characteristic_lemmas_with_an_injected_lemmatizer(tagged):
    calls = []

    def lemmatize(texts):
        calls.append(len(texts))
        return stats.simple_lemmas(texts)

    lem = stats.characteristic_lemmas(tagged, lemmatize=lemmatize, top=5)
    assert calls == [len(tagged)]  # one batch, one call
    south = lem[lem["theme"] == "south_south"]
    assert south.iloc[0]["lemma"] in {"coopération", "sud-sud", "triangulaire"}
    assert south["z"].is_monotonic_decreasing
    assert "ga75:1" in " ".join(south["examples"])
    cov = lem[lem["theme"] == "covid19"]
    assert {"covid", "pandémie"} & set(cov["lemma"])


def test_stats_characteristic_lemmas_rejects_a_lemmatizer_that_drops_texts(tagged):
    with pytest.raises(ValueError, match="lemma lists"):
        stats.characteristic_lemmas(tagged, lemmatize=lambda texts: [[]])


def test_stats_low_confidence_least_confident_first(tagged):
    low = stats.low_confidence_clauses(tagged)
    assert low["function_confidence"].tolist() == [0.40, 0.45, 0.55]
    assert low.iloc[2]["themes"] == "south_south;covid19"
    assert len(stats.low_confidence_clauses(tagged, limit=1)) == 1


def test_stats_summary_names_every_table(tagged):
    s = stats.summary(tagged, lemmatize=stats.simple_lemmas)
    assert list(s)[0] == "overview"
    assert {
        "function_theme",
        "documents_by_theme",
        "characteristic_lemmas",
        "low_confidence",
        "theme_prevalence_by_year",
    } <= set(s)
    assert all(isinstance(v, pd.DataFrame) for v in s.values())


def test_stats_compact_keeps_the_figures(tagged):
    small = stats.compact(tagged)
    assert "start" not in small and "end" not in small and "lead" in small
    assert "source" in small  # kept: the duplicate check reads a document's file to tell the clean copy
    assert isinstance(small["doc_id"].dtype, pd.CategoricalDtype)
    both = stats.concat([small.iloc[:5], small.iloc[5:]])
    pd.testing.assert_frame_equal(stats.overview(both), stats.overview(tagged))
    pd.testing.assert_frame_equal(
        stats.theme_prevalence(both, by="body"), stats.theme_prevalence(tagged, by="body")
    )
    assert stats.clauses_per_document(both)["clauses"].tolist() == [5, 3, 2]


def test_stats_themes_given_as_strings_are_read(tagged):
    as_csv = tagged.assign(themes=[";".join(t) for t in tagged["themes"]])
    pd.testing.assert_frame_equal(
        stats.function_theme_crosstab(as_csv), stats.function_theme_crosstab(tagged)
    )


def test_stats_empty_frame_gives_empty_tables():
    empty = pd.DataFrame(columns=["doc_id", "index", "part", "function", "themes", "text"])
    s = stats.summary(empty, lemmatize=stats.simple_lemmas)
    assert s["overview"].set_index("measure").loc["clauses", "value"] == 0
    assert s["characteristic_lemmas"].empty and s["low_confidence"].empty


def test_stats_collector_gathers_documents_in_chunks(tagged):
    c = stats.Collector(chunk=2)
    for _, doc in tagged.groupby("doc_id", sort=False):
        c.add(doc)
    assert (c.documents, c.clauses) == (3, 10)
    got = c.frame()
    pd.testing.assert_frame_equal(stats.overview(got), stats.overview(tagged))
    assert got["doc_id"].astype(str).tolist() == tagged["doc_id"].tolist()
    assert c.frame() is c.frame()  # gathered once
