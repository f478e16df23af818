"""The page furniture of a UN PDF as text extraction lays it out: a bar-code line "*2520123*", the job number
"25-20123 (F)", and a footer with the page of pages and the job number on one line ("2/2   25-20123"), all
furniture, none glued into a paragraph (the bar code had become "2520123" in the text when Markdown emphasis
was read). The resolution is written for this test in UN style.
"""

from __future__ import annotations

from clausekit.segmentation.segmenter import segment_text
from clausekit.text.normalization import normalize

TEXT = """                                                                  A/RES/80/45
Nations Unies                                                     Assemblée générale
                                                                  Distr. générale
                                                                  15 décembre 2025

Quatre-vingtième session
Point 18 de l'ordre du jour

Résolution adoptée par l'Assemblée générale le 10 décembre 2025

80/45. Mesures économiques unilatérales utilisées pour exercer une pression politique et économique sur les pays en développement

L'Assemblée générale,

Rappelant ses résolutions antérieures sur la question, notamment la résolution 78/135 du 19 décembre 2023,

Gravement préoccupée par le fait que certains pays développés continuent d'appliquer des mesures économiques

25-20123 (F)
*2520123*
A/RES/80/45

unilatérales à l'encontre des pays en développement,

1. Demande instamment à la communauté internationale d'adopter d'urgence des mesures efficaces pour mettre fin à ces mesures ;

2. Prie le Secrétaire général de suivre la question et de lui présenter un rapport à sa quatre-vingt-deuxième session.

2/2                                                                        25-20123
"""


def test_pdf_page_furniture_is_never_clause_text() -> None:
    doc = segment_text(TEXT)
    texts = [c.text for c in doc.clauses]
    assert len(texts) == 4
    assert texts[1] == ("Gravement préoccupée par le fait que certains pays développés continuent d'appliquer des mesures "
                        "économiques unilatérales à l'encontre des pays en développement,")
    assert texts[3].endswith("quatre-vingt-deuxième session.")
    kinds = {(f.kind, " ".join(f.text.split())) for f in doc.furniture}
    assert {("page_header", "*2520123*"), ("page_header", "25-20123 (F)"), ("page_header", "2/2 25-20123")} <= kinds
    assert all("2520123" not in t and "25-20123" not in t for t in texts)


def test_a_bar_code_is_not_markdown_emphasis() -> None:
    assert normalize("*2520123*").text == "*2520123*"
    assert normalize("*Rappelant* sa résolution").text == "Rappelant sa résolution"


def test_page_of_pages_alone_is_a_page_number() -> None:
    text = TEXT.replace("2/2                                                                        25-20123", "2/2")
    doc = segment_text(text)
    assert ("page_number", "2/2") in {(f.kind, f.text) for f in doc.furniture}
    assert doc.clauses[-1].text.endswith("session.")
