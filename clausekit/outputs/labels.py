"""The French (and English) words the report and its charts show for labels and tables."""

from __future__ import annotations

#: French labels, with the English name the data uses in brackets in the report.
FUNCTION_LABELS = {
    "recall": "rappel",
    "concern": "préoccupation",
    "request": "demande",
    "decision": "décision",
    "position": "position",
    "other": "autre",
}
THEME_LABELS = {
    "covid19": "COVID-19",
    "south_south": "coopération Sud-Sud",
    "coercive_measures": "mesures coercitives unilatérales",
}
PART_LABELS = {"preamble": "préambule", "operative": "dispositif", "narrative": "narratif"}

#: Title of each table in the report (French / English).
TABLE_TITLES = {
    "overview": "Totaux / Totals",
    "documents": "Profil de chaque document / Profile of each document",
    "by_year": "Le corpus année par année / The corpus year by year",
    "undated_documents": "Documents sans année / Documents without a year",
    "clauses": "Toutes les clauses / Every clause",
    "duplicates": "Documents en double / Duplicate documents",
    "clauses_per_document": "Clauses par document et partie / Clauses per document and part",
    "function_distribution": "Fonctions, corpus entier / Functions, whole corpus",
    "function_by_part": "Fonctions par partie / Functions per part",
    "function_by_document": "Fonctions par document / Functions per document",
    "theme_prevalence": "Thèmes, corpus entier / Themes, whole corpus",
    "theme_prevalence_by_document": "Thèmes par document / Themes per document",
    "theme_prevalence_by_body": "Thèmes par organe / Themes per body",
    "theme_prevalence_by_year": "Thèmes par année / Themes per year",
    "function_theme": "Fonction × thème / Function × theme",
    "documents_by_theme": "Documents classés par intensité thématique / Documents ranked by theme intensity",
    "characteristic_lemmas": "Lemmes caractéristiques de chaque thème / Characteristic lemmas of each theme",
    "low_confidence": "Clauses à vérifier (faible confiance) / Clauses to review (low confidence)",
    "most_cited": "Textes les plus cités / Most cited texts",
    "citations_by_document": "Textes cités par chaque document / Texts each document cites",
}


def function_label(f: str) -> str:
    """``rappel (recall)``: the French word, then the data's name."""
    return f"{FUNCTION_LABELS[f]} ({f})" if FUNCTION_LABELS.get(f, f) != f else f


def theme_label(t: str) -> str:
    return THEME_LABELS.get(t, t)
