"""The regular expressions and word sets the segmentation modules share."""

from __future__ import annotations

import re

from clausekit.text.months import MONTH_ALTERNATION, MONTH_FORMS

# --- line patterns -----------------------------------------------------------------

_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^(?:Page|page)\s+\d{1,3}(?:\s*(?:/|sur)\s*\d{1,3})?$"
    r"|^\d{1,3}\s?/\s?\d{1,3}$"  # "2/5", page of pages
)
_SYMBOL = r"(?:[A-Z]{1,8}(?:/[A-Za-z0-9.\-_()]+){1,8})"
_PAGE_HEADER = re.compile(
    rf"^(?:\d{{1,3}}\s+)?{_SYMBOL}(?:\s+\d{{1,3}})?$"  # A/RES/55/109, "2 A/RES/55/109"
    r"|^GE\.\d{2}-\d{3,6}\s*(?:\(F\))?.*$"  # Geneva job numbers
    r"|^(?:\d{1,3}/\d{1,3}\s+)?\d{2}-\d{4,6}\s*(?:\(F\))?(?:\s+\d{1,3}/\d{1,3})?$"  # New York job numbers, "2/5 25-20123"
    r"|^\*\d{7,}\*$"  # bar-code lines
)
_SEPARATOR = re.compile(r"^[_\-–—=.·]{5,}$")
_ASTERISK_NOTE = re.compile(r"^(\*{1,4})\s*(\S.*)$")
# A footnote: "3 Voir ...", or with the superscript number a web page or a converted file gives ("³ Voir ...").
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FOOTNOTE = re.compile(r"^(\d{1,3}(?=\s)|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*(\S.*)$")
# "1.", "12.", "4," and "13:" (OCR), "1)" (UNESCO style), "1 ." ; digits may be OCR-damaged (l/I for 1, O for 0).
_NUMBERED = re.compile(r"^(\d{1,3}|[1-9lI][0-9lIO]{1,2}|[0-9][lIO])\s?([.,)°:])\s*(?=\S)(?!\d)(.*)$")
# "18. 11 importe ...": the pronoun "Il" read by OCR as "11" after a paragraph number. Groups as _NUMBERED's
# (number, mark, body); only the impersonal verbs that follow "Il" in a prescription, so that "18. 11 pays ont
# ..." (a count) is not read so.
_OCR_IL = (
    r"(?:11|1l|l1)\s+(?:importe|convient|faut|est|y\s+a|serait|semble|appartient"
    r"|conviendrait|faudrait|importerait|doit|devrait|peut)\b"
)
_NUMBER_BEFORE_OCR_IL = re.compile(rf"^(\d{{1,3}})\s?([.)])\s+(?={_OCR_IL})(.*)$")
OPENS_WITH_OCR_IL = re.compile(_OCR_IL)


def opens_upper(t: str) -> bool:
    """Whether ``t`` opens with a capital, or with a draft's "[" before one ("[Profondément préoccupée]
    [Préoccupée] par ...": alternatives in brackets, guide decision 5.32)."""
    return t[:1].isupper() or (t[:1] == "[" and t[1:2].isupper())


def numbered(t: str) -> re.Match[str] | None:
    """``_NUMBERED``'s match of ``t``, or its match of a number before an OCR'd "Il" ("18. 11 importe que ...")."""
    return _NUMBERED.match(t) or _NUMBER_BEFORE_OCR_IL.match(t)


_HIERARCHICAL = re.compile(
    r"^(\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(?=\S)(?!\d)(.*)$"
)  # "6.1", "6.4.1" (UNESCO style)
# An opening formula: "L'Assemblée générale," or a declaration's "Nous, chefs d'État et de gouvernement, réunis à ...,".
# A decision's formula may end with a colon before its lettered paragraphs ("Le Conseil économique et social :" /
# "a) Prend note ..."; guide 5.36): only a deliberative body named in full, so that a list's "Les États Membres :"
# or a sentence's "Le Comité préparatoire décide :" is not one.
_DECIDING_BODIES = (
    "Assemblée générale|Conseil économique et social|Conseil de sécurité|Conseil des droits de l'homme"
    "|Conseil d'administration|Conseil exécutif|Conférence générale|Conférence des Parties|Comité exécutif"
    "|Commission de la condition de la femme|Commission du développement social|Commission des stupéfiants"
    "|Commission de la population et du développement|Commission de statistique|Commission des droits de l'homme"
)
_FORMULA = re.compile(
    r"^(?:(?:L'|Le\s+|La\s+|Les\s+)(?=[A-ZÉ])|(?=Nous,\s))((?:Nous,\s+)?[^.;:!?]{2,120}),\s*$"
    rf"|^(?:L'|Le\s+|La\s+)({_DECIDING_BODIES})\s?:\s*$"
)
# The formula announcing a presidential statement of the Security Council (guide 5.3, 5.35): "... a fait en son
# nom la déclaration suivante :", "... a fait la déclaration suivante au nom du Conseil :".
STATEMENT_FORMULA = (
    r"\ba fait,?\s+(?:(?:en son nom|au nom du Conseil(?: de sécurité)?),?\s+la\s+déclaration\s+suivante"
    r"|la\s+déclaration\s+suivante,?\s+(?:en son nom|au nom du Conseil(?: de sécurité)?))\s*:"
)
_TITLE = re.compile(r"^(\d{1,4}/(?:\d{1,4}|\.{3}|…)[A-Z]?)\.?\s+(\S.*)$")
_MONTHS = MONTH_FORMS


# A footnote marker glued to a word ("session1,", "l'homme4 ;", "santé »3,"), an OCR'd one ("session?,"),
# or one set apart by spaces before a comma ("Durban 2 , ainsi"), which French typography never does.
# The leading look-ahead changes nothing but speed: every marker starts with a digit or "?", and the
# engine then tries the five look-behinds only there, instead of at every character of a clause.
_MARKER = re.compile(
    r"(?=[\d?⁰¹²³⁴⁵⁶⁷⁸⁹])"
    r"(?:(?<=[a-zà-ÿœ]{3})(\d{1,2})(?=\s?[,;.:)]|\s*$|\s+[a-zà-ÿ])"
    r"|(?<=[a-zà-ÿœ][»)])(\d{1,2})(?=\s?[,;.:]|\s*$)"
    r"|(?<=[a-zà-ÿœ] [»)])(\d{1,2})(?=\s?[,;.:]|\s*$)"
    r"|(?<=[a-zà-ÿœ»])(\?)(?=[,;.])"
    r"|(?<=[a-zà-ÿœ»)] )(\d{1,2})(?= ,)"
    r"|(?<=\S)([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))",  # a superscript number glued to what it annotates ("2024¹,")
    re.MULTILINE,
)
_HYPHEN_JOIN = re.compile(r"(\w)-\n\s*(\w)")
_WORD_CHARS = re.compile(r"\w*")
_LEAD_WORD = re.compile(r"[^\W\d_]+(?:'|(?:-[^\W\d_]+)*)")  # a word as lexicon.words() reads it
_QUE = re.compile(r"Qu[e']")
# Prepositional preamble openers without a verb (guide decisions 5.18, 5.22): "Compte tenu de ...,", "En raison de ...;".
_PREAMBLE_PREPOSITION = re.compile(r"^(?:Compte tenu|Eu égard|Vu|En raison|Étant donné|Etant donné)\b", re.IGNORECASE)
# Words after which a number is a reference ("visée au paragraphe 3. Elle ..."), not a paragraph's own number.
# ("recommandation" is left out: "Application de la présente recommandation 36. Il importe ..." is a title.)
_REFERENCE_WORDS = frozenset(
    "paragraphe paragraphes alinéa alinéas article articles résolution résolutions décision décisions"
    " section sections chapitre chapitres point points annexe annexes page pages partie no n°".split()
)

# --- web and press furniture ----------------------------------------------------------

# Navigation, sharing, subscription and press-release footers: the page around a text, never clause text.
_NAVIGATION = re.compile(
    r"^(?:aller au contenu(?: principal)?|passer au contenu(?: principal)?|skip to (?:main )?content"
    r"|accueil|menu|rechercher|recherche|imprimer|partager\b.*|share\b.*|s[’']abonner\b.*|abonnez-vous\b.*"
    r"|suivez-nous\b.*|retour en haut.*|haut de (?:la )?page|newsletter\b.*|lettre d[’']information"
    r"|facebook|twitter|linkedin|youtube|instagram|(?:©|copyright)\s.*|©"
    r"|pour information\W+document non officiel\.?|à l[’']intention des organes d[’']information\b.*"
    r"|pour l[’']information des médias\b.*"
    r"|document non officiel\.?|couverture des réunions.*|meetings coverage.*"
    r"|[*\s]{3,}|\(\s*(?:…|\.\.\.)\s*\)|\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.|\(extraits?\)|\(suite\)"
    r")$",
    re.IGNORECASE,
)
# Breadcrumbs: "Accueil > Documents > Résolutions". Apart from _NAVIGATION and tried only on a line with a ">":
# its lazy scan of the first 60 characters at every line cost more than all the other alternatives together.
_BREADCRUMB = re.compile(r"^\S.{0,60}?\s>\s.+$", re.IGNORECASE)
# A press release's dateline and meeting line: "4 décembre 2024", "Soixante-dix-neuvième session, 48e séance plénière – matin".
_DATELINE = re.compile(
    r"^(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?:1er|\d{1,2})\s+"
    rf"(?:{MONTH_ALTERNATION})"
    r"\s+\d{4}$|^version du .{4,30}$",
    re.IGNORECASE,
)
_MEETING_LINE = re.compile(r"^(?:.{0,80},\s*)?\d{1,5}e\s+séance(?:\s+plénière)?(?:\s*[-–—]\s*(?:matin|après-midi|soir|nuit))?\.?$", re.IGNORECASE)
# A vote record after a text (guide 5.1): "[Adoptée à l'issue d'un vote enregistré par 30 voix contre 14 ...",
# "Ont voté pour :", "Se sont abstenus :"; the lists of States that follow continue it.
_VOTE_LINE = re.compile(
    r"^\[?(?:adopté(?:e|s|es)?\b[^;]*\bvot|ont\s+voté\s+(?:pour|contre)|se\s+sont\s+abstenus|les\s+voix\s+se\s+sont\s+réparties"
    r"|résultats?\s+du\s+vote|vote\s+enregistré)",
    re.IGNORECASE,
)
# An adoption line (guide 5.1): "Adoptée par le Conseil de sécurité à sa 9999e séance, le 3 mars 2026",
# "Adoptée sans vote à la 52e séance, le 5 octobre 2023.", "Résolution adoptée par le Conseil des droits de
# l'homme le 4 avril 2025": a meeting or a date, and no comma or semicolon at its end (a clause's).
_ADOPTION_LINE = re.compile(
    r"^(?:(?:résolution|décision)\s+)?adopté(?:e|s|es)?\s+(?:par|à|au|lors|sans|le)\s.{0,200}?"
    rf"(?:\d{{1,5}}e\s+séance|\b(?:1er|\d{{1,2}})\s+(?:{MONTH_ALTERNATION})\s+\d{{4}}).{{0,200}}(?<![,;])$",
    re.IGNORECASE,
)
# "I. Introduction", "III. Recommandations", "B. Observations": a section heading of a report.
_SECTION_HEADING = re.compile(r"^(?:[IVXL]{1,6}|[A-H])\.\s+[A-ZÀ-Ý][^.;:!?]{1,90}$|^(?:Annexes?|ANNEXES?)(?:\s+(?:[IVXL]{1,6}|\d{1,2}|[A-H]))?\.?$")
