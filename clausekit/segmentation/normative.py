"""What a paragraph without a lead verb does in a normative text: prescribe, enact, or state.

General French drafting knowledge, shared by :func:`clausekit.segmentation.leads.infer_part`
(a clause given alone) and :mod:`clausekit.segmentation.boundaries` (a clause in context):

- a *prescription* (guide decision 5.8) uses a modal of obligation, advice or permission with a
  generic subject: "Les autorités devraient ...", "L'enseignement doit ...", "Il importe que ...",
  "Il y a lieu de ...", "Il est souhaitable que ...", "Les États sont invités à ...";
- an *enacting formula* announces the text that follows it and is structural (decision 5.1):
  "Soumet aux ministères ... la recommandation suivante :", "Adopte ... la déclaration suivante",
  "Recommande aux gouvernements ce qui suit :";
- a paragraph may arrive with a page marker ("— 182 —") or a section heading glued before its
  number ("Collaboration internationale 31. ..."), which says nothing about its part.
"""

from __future__ import annotations

import re

from clausekit.segmentation.lexicon import match_lead

_JUDGEMENT = (
    r"(?:souhaitable|désirable|recommandable|recommandé|indiqué(?=\s+d)|nécessaire|indispensable|essentiel|"
    r"opportun|préférable|utile|urgent|équitable|important|bon|à souhaiter|à recommander)"
)
# Obligation and advice: what a recommendation prescribes.
_STRONG = (
    r"\b(?:doi[tv]ent|doit|devr(?:a|ai|ait|aient|ont|ions)|devraient|devrait|sauraient|saurait)\b"
    r"|\b(?:il|11|ü)\s+(?:ne\s+)?(?:importe|importerait|importé|convient|conviendrait|faut|faudrait|appartient|appartiendrait)\b"
    r"|\bs'imposen?t?\b|\bce\s+qui\s+importe\b"
    r"|\b(?:a|ont|auront)\s+(?:pour\s+)?(?:devoir|mission|tâche|obligation|qualité)\s+(?:de|d'|pour)\b|\b(?:a|ont)\s+droit\s+à\b"
    r"|\bsembl(?:e|ent)\s+(?:le\s+)?(?:mieux|préférable|souhaitable|indiqué|opportun|convenir)\b"
    r"|\b(?:est|sont|serait|seraient)\s+(?:\w+\s+){0,2}(?:nécessaires?|indispensables?|souhaitables?|essentiel(?:le)?s?|utiles)\b"
    r"|\bil\s+y\s+(?:a|aurait)\s+(?:lieu|intérêt|avantage|tout\s+intérêt|tout\s+avantage|un\s+intérêt)"
    rf"|\b(?:il|ce)\s+(?:est\.?|serait|sera|semble|paraît|apparaît|devient|(?:peut|pourrait)\s+être)\s+(?:de\s+plus\s+en\s+plus\s+)?(?:(?:très|hautement|particulièrement|donc|aussi|également|"
    rf"cependant|en\s+outre|extrêmement|tout\s+à\s+fait)\s+)*{_JUDGEMENT}\b"
    rf"|\b(?:comme|rend(?:ent)?\s+(?:d'autant\s+plus\s+)?)\s*{_JUDGEMENT}\b"
    r"|\b(?:est|sont|seront|soient)\s+(?:instamment\s+|également\s+|vivement\s+)?(?:invités?|invitées?|priés?|priées?|encouragés?|encouragées?)\s+à\b"
    r"|\b(?:ont|a|auront|aura)\s+(?:tout\s+)?(?:intérêt|avantage)\s+à\b"
)
# Permission and provision in the future: prescriptive in a recommendation, but also found in statements.
_WEAK = (
    r"\b(?:peu[tv]ent|peut|pourr(?:a|ait|aient|ont))\b"
    r"|\b[a-zé]{2,}(?:eront|iront|dront|era|ira|dra)\b"
    r"|\b(?:sera|seront)\s+(?:\w+\s+)?(?:\w+(?:é|ée|és|ées|is|ise|ises|it|ite|its|ites|u|ue|us|ues))\b"
)
STRONG_PRESCRIPTION = re.compile(_STRONG, re.IGNORECASE)
"""A modal of obligation or advice, a judgement of need, an invitation: "devraient", "il importe", "sont invités à"."""
PRESCRIPTION = re.compile(f"{_STRONG}|{_WEAK}", re.IGNORECASE)
"""A strong prescription, or permission ("peut") or provision in the future ("sera confiée")."""

# A narrative sentence reports in the past: "a examiné", "ont été adoptés", "a eu lieu", the imperfect.
NARRATIVE = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:(?:également|aussi|déjà|ensuite|notamment)\s+)?"
    r"(?:été|eu|examiné|adopté|approuvé|décidé|pris|tenu|entendu|noté|souligné|rappelé|déclaré|"
    r"indiqué|présenté|fait|dit|estimé|considéré|exprimé|montré|souhaité|reconnu|invité|demandé|prié)\b",
    re.IGNORECASE,
)

# "Soumet aux ministères ... la recommandation suivante :", "Adopte, le 11 décembre 1986, ... la recommandation
# suivante", "Recommande aux gouvernements ce qui suit :", "les recommandations suivantes :".
_ANNOUNCES = re.compile(
    r"\b(?:(?:(?:la|les|le|a)\s+)?(?:(?:présente|présentes)\s+)?(?:recommandations?|déclarations?|résolutions?|décisions?|"
    r"conclusions?|propositions?|textes?|principes?|dispositions?|mesures?|programmes?|plans?)\s+suivante?s?"
    r"|ce\s+qui\s+suit)\b",
    re.IGNORECASE,
)


def is_enacting_formula(text: str) -> bool:
    """A paragraph that only announces the text that follows it (decision 5.1): structural, not a clause.

    >>> is_enacting_formula("Soumet aux ministères de l'éducation des États membres la recommandation suivante :")
    True
    >>> is_enacting_formula("Recommande aux gouvernements ce qui suit :")
    True
    >>> is_enacting_formula("Prie le Secrétaire général de présenter un rapport ;")
    False
    """
    t = text.strip()
    if len(t) > 400 or not t[:1].isupper():
        return False
    m = _ANNOUNCES.search(t)
    if m is None:
        return False
    # After the announcement comes at most a heading or its addressees ("..., qu'elle soumet aux ministères"),
    # not the first clause of the text announced ("... suivante : La Conférence, Considérant ...").
    rest = t[m.end() :]
    after_colon = rest.split(":", 1)[1].strip() if ":" in rest else ""
    return len(after_colon) < 80 and not re.search(r"[;.]\s+[A-ZÉ]", rest)


def is_address_formula(text: str) -> bool:
    """An operative verb with only its addressee, ending with ":" or ",": it introduces the numbered list.

    "Recommande aux ministères de l'éducation des divers pays :" — the items that follow carry the
    prescriptions. Short; no object clause ("de + infinitive", "que ...") after the addressee.

    >>> is_address_formula("Recommande aux ministères de l'éducation des divers pays :")
    True
    >>> is_address_formula("Demande aux États de coopérer :")
    False
    """
    t = text.strip()
    if len(t) > 160 or t[-1:] not in ":," or not t[:1].isupper():
        return False
    return (
        _ADDRESSEE.match(t) is not None
        and _OBJECT.search(t) is None
        and match_lead(t, "operative") is not None  # "Recommande aux ...", not "Ayant à l'esprit ..."
    )


_ADDRESSEE = re.compile(r"^\w+(?:\s+(?:également|en outre|aussi))?\s+(?:à|aux?)\s")
_OBJECT = re.compile(r"\b(?:que|qu'|ce qui suit)|\b(?:de\s+|d')(?:\w+\s+)?[a-zà-ÿ]{3,}(?:er|ir|re)\b")


_PAGE_MARK = re.compile(r"^(?:[—–-]\s*\d{1,4}\s*(?:[—–-]\s*)?|\d{1,4}\s+(?=[—–-]?\s*\d{1,3}[.)]\s))")
# A heading glued before a paragraph number: words without sentence punctuation, then "12. Capital".
_GLUED_HEADING = re.compile(
    r"^(?P<head>[A-ZÀ-Ý][^.,;:!?\d«»]{2,130}?)\s+(?=(?:\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3}){1,3}\.?)\s+[A-ZÀ-Ý])"
)
# A short opening formula glued before the first clause: "La Conférence 1) Constate ...", "La Conférence , Considérant".
_FORMULA_PREFIX = re.compile(
    r"^(?:L'|Le\s+|La\s+)(?:Conférence|Assemblée|Conseil|Commission|Comité)(?:\s+[a-zé]+){0,2}\s*,?\s+(?=\d{1,3}[.)°]\s|[A-ZÉ])"
)


def strip_glued_prefix(text: str) -> str:
    """``text`` without a leading page marker or a section heading glued before its paragraph number.

    >>> strip_glued_prefix("— 182 — 2. Selon le système ...")
    '2. Selon le système ...'
    >>> strip_glued_prefix("Collaboration internationale 31. En raison du nombre ...")
    '31. En raison du nombre ...'
    """
    t = _PAGE_MARK.sub("", text.strip(), count=1)
    if (f := _FORMULA_PREFIX.match(t)) and _LEAD_AFTER_FORMULA.match(t, f.end()):
        return t[f.end() :]
    m = _GLUED_HEADING.match(t)
    if m and len(m.group("head").split()) <= 14:
        t = t[m.end() :]
    return t


_LEAD_AFTER_FORMULA = re.compile(r"\d{1,3}[.)°]\s|[A-ZÉ][a-zéè]+(?:ant|e|ent)\b")
_INFINITIVE_ITEM = re.compile(r"^(?:d'|de\s+|à\s+)?(?:ne\s+pas\s+|s'|se\s+)?[a-zà-ÿ]{3,}(?:er|ir|re)\b")


def is_action_item(body: str) -> bool:
    """A list item that is an infinitive action ("favoriser ...", "d'inviter ...", "de donner ...")."""
    return _INFINITIVE_ITEM.match(body) is not None


# Words in -er/-ir/-re that open a paragraph without being infinitives.
_NOT_INFINITIVES = frozenset(
    "entre outre contre notre votre autre autres leur pour sur par hier premier première dernier dernière "
    "chapitre membre membres titre ordre centre lettre nombre cadre ministre registre livre oeuvre œuvre "
    "avenir désir loisir plaisir souvenir pouvoir devoir savoir dossier hiver papier métier foyer atelier "
    "calendrier quartier chantier projet personnel matière frontière carrière manière lumière".split()
)


def opens_with_infinitive(body: str) -> bool:
    """A capitalized infinitive action ("Assurer une large publicité ...", "S'assurer que ..."): decision 5.8.

    >>> opens_with_infinitive("Assurer une large publicité aux programmes")
    True
    >>> opens_with_infinitive("Membre du personnel enseignant")
    False
    """
    m = _CAP_INFINITIVE.match(body)
    if m is None:
        return False
    word = (m.group(1) or m.group(2)).lower()
    if word in _NOT_INFINITIVES:
        return False
    # Infinitives in -re end in -dre, -tre, -ire, -vre, -pre, -cre, -clure ("prendre", "mettre", "réduire",
    # "suivre", "rompre", "vaincre", "conclure"); nouns end in -aire, -oire, -ure ("commissaire", "procédure").
    return not word.endswith("re") or (word.endswith(("dre", "tre", "ire", "vre", "pre", "cre", "clure")) and not word.endswith(("aire", "oire")))


_CAP_INFINITIVE = re.compile(
    r"^(?:Se\s+|Ne\s+pas\s+)?([A-ZÀ-Ý][a-zà-ÿ]{2,}(?:er|ir|re))\s+(?!de\s|du\s|des\s|d')|^S[’']([a-zà-ÿ]{3,}(?:er|ir|re))\s"
)


def prescribes(body: str, *, strong: bool = False) -> bool:
    """A prescription (decision 5.8) and no past-tense report in its first sentence; ``strong``: obligation
    or advice only, not permission or the future."""
    head = body[:400]
    found = (STRONG_PRESCRIPTION if strong else PRESCRIPTION).search(head)
    if found is None:
        return False
    reported = NARRATIVE.search(head[:120])
    return reported is None or reported.start() > found.start()  # "... doivent être envisagées pour ceux qui ont été ..."


def is_action_heading(body: str) -> bool:
    """An infinitive action item ("Développer une stratégie globale.", "Assurer une large publicité aux
    programmes ... ;"), not the title of a statement ("Améliorer la qualité : Trop de jeunes ...")."""
    if not opens_with_infinitive(body):
        return False
    first = re.split(r"(?<=[.;:])\s", body, maxsplit=1)[0]
    return not first.endswith(":")


def opens_prescription(t: str) -> bool:
    """"Il serait utile ...", "Chaque pays devrait ...", "Des mesures devraient être prises ...": a capitalized
    sentence whose first clause is a prescription (obligation or advice, guide decision 5.8)."""
    if not t[:1].isupper():
        return False
    head = t[:_PRESCRIPTION_HEAD]
    m = STRONG_PRESCRIPTION.search(head)
    return m is not None and not any(c in head[: m.start()] for c in ".;:")


_PRESCRIPTION_HEAD = 90  # the subject and its modal stand within the first words of the sentence
