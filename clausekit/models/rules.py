"""The rule logic, written once: the lead-phrase function rule and the theme term rules.

The rule baselines of :mod:`clausekit.models.estimators` and the compiled rule scorers of
:mod:`clausekit.models.scoring` both call these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from clausekit.lemmas.leads import strip_number
from clausekit.segmentation.lexicon import (
    find_lead,
    first_person_lead,
    lead_after_incidents,
    match_lead,
    opens_with_subject,
)
from clausekit.segmentation.normative import is_enacting_formula


def rule_function(text: str, part: str) -> str | None:
    """The function the lead-phrase table gives a clause; narrative -> ``other``; None when no lead is known."""
    if part == "narrative":
        return "other"
    text = strip_number(text)
    hit = match_lead(text, part if part in ("preamble", "operative") else None)
    if hit is None and part == "operative":
        found = first_person_lead(text)  # a declaration's "Demandons ...", "Nous nous engageons ..."
        if found:
            return found[2]
        hit = match_lead(text, "preamble")  # a participle lead where the part is operative: the lead decides (rule 1)
        return hit[1] if hit and hit[0] not in ("que", "qu'") else None  # "Que ..." prescribes (5.13)
    return hit[1] if hit else None


def speaking_for_itself(text: str) -> str | None:
    """Guide rule 5's exception: the function of a narrative sentence in which a body speaks for itself.

    A present-tense lead after a body or pronoun subject ("Les membres du Conseil condamnent ...",
    "Il demande ...", "Le Comité recommande ...") takes its function (decision 5.3); past tense and
    reported speech ("Le Conseil a décidé ...") give None.

    >>> speaking_for_itself("Les membres du Conseil de sécurité condamnent l'attaque."), speaking_for_itself("Le Conseil a décidé de proroger le mandat.")
    ('concern', None)
    """

    text = strip_number(text)
    if not opens_with_subject(text):
        return None  # no subject before the verb: find_lead's offset would be 0, and no body opens it
    found = find_lead(text, "operative")
    if found and found[0] > 0:
        return found[2]
    after = lead_after_incidents(text)  # "L'Assemblée générale, ayant examiné ..., décide ..."
    return after[1] if after and not is_enacting_formula(text) else None  # "..., adopte la recommandation suivante :"


def apply_lead_rules(proba: np.ndarray, classes: Sequence[str], texts: Sequence[str], parts: Sequence[str]) -> np.ndarray:
    """Probabilities of a function model with the guide's lead rules applied on top; returns a new array.

    - a narrative sentence of a body speaking for itself (:func:`speaking_for_itself`) takes its verb's
      function: the rule's class gets ``RULE_WEIGHT`` of the mass, the model's distribution the rest;
    - a preambular or operative clause whose lead the lexicon knows gets ``KNOWN_LEAD_WEIGHT`` of the mass
      on the lead's function (section 2: the lead decides), so that a lead the model saw rarely
      ("Proroge le mandat ...") is not outvoted by its words;
    - a preambular or operative clause that opens with a lead the lexicon does not know (a capitalized
      word that is not an article, pronoun, preposition or conjunction: :func:`_looks_like_a_lead`) is
      flattened towards uniform by ``UNKNOWN_LEAD_FLATTEN``, so that an unknown deliberative lead is not
      reported at 0.96 (its accuracy is measured in ``scripts/lead_confidence.py``). A clause with no
      lead at all ("Il importe que ...", "Les États devraient ...") is decided by its content, and the
      model's own probabilities are kept: in grouped CV they are calibrated there (0.94 confidence, 0.99
      accuracy), where flattening made them 0.66 at 0.96 accuracy.
    """
    out = np.array(proba, dtype=float, copy=True)
    index = {str(c): i for i, c in enumerate(classes)}
    k = len(index)
    for i, (text, part) in enumerate(zip(texts, parts, strict=True)):
        if part == "narrative":
            f = speaking_for_itself(text)
            if f is not None and f in index:
                out[i] *= 1.0 - RULE_WEIGHT
                out[i, index[f]] += RULE_WEIGHT
            continue
        known = rule_function(text, part)
        if known is None and k and _looks_like_a_lead(text):
            out[i] = (1.0 - UNKNOWN_LEAD_FLATTEN) * out[i] + UNKNOWN_LEAD_FLATTEN / k
        elif known in index:
            out[i] *= 1.0 - KNOWN_LEAD_WEIGHT
            out[i, index[known]] += KNOWN_LEAD_WEIGHT
    return out


# Words that open a clause without being its lead: the clause is then decided by its content.
_NOT_LEADS = frozenset(
    "il elle ils elles nous on que qu' quel quelle quoique la le les l' un une des du de d' en pour dans lorsque"
    " lorsqu' à a au aux sur sans malgré bien tout toute tous toutes ce cette ces cet chaque par avec si comme"
    " dès afin étant etant aucun aucune nul nulle leur leurs son sa ses notre nos".split()
)
_FIRST_WORD = re.compile(r"[^\W\d_]+'?")


def _looks_like_a_lead(text: str) -> bool:
    """Whether ``text`` (after its number) opens with a capitalized word that could be a lead phrase."""
    m = _FIRST_WORD.search(strip_number(text)[:40])
    return m is not None and m[0][:1].isupper() and m[0].lower() not in _NOT_LEADS


RULE_WEIGHT = 0.8
# Grouped CV (scripts/cv_lead_rules.py): the lexicon's function agrees with the gold label on all 559 known
# leads of the training data; 0.2 to 0.8 give the same macro-F1, 0.5 keeps the model's word for the rest.
KNOWN_LEAD_WEIGHT = 0.5
UNKNOWN_LEAD_FLATTEN = 0.35


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _isnan(v: Any) -> bool:
    try:
        return bool(np.isnan(v))
    except TypeError:
        return False


class ThemeRules:
    """Theme term lists vetoed by Security Council sanctions terms, as joined regular expressions.

    ``patterns``/``vetoes`` map a theme to one alternation (lowercase-insensitive); "la pandémie"
    counts for ``covid19`` only in texts of 2020 or later when the year is known.

    Speed: a case-insensitive search of each theme's alternation cost ~40 µs a clause, more
    than half of classifying it, though few clauses name any theme. Each term of a pattern
    joined as ``(?:term)|(?:term)...`` starts with literal text (``mesure`` of
    ``mesures? coercitives?``); a clause whose case-folded text contains none of a theme's
    literals cannot match it, so the regular expression runs only on the others. A pattern
    with a term that has no literal start of three characters or more is always searched.
    """

    def __init__(self, patterns: dict[str, str], vetoes: dict[str, str]) -> None:
        self.patterns = patterns
        self.vetoes = vetoes
        self._literals = {t: leading_literals(p) for t, p in patterns.items()}

    def fires(self, theme: str, text: str, year: Any = None, folded: str | None = None) -> bool:
        """Whether ``theme`` fires on ``text``; ``folded`` is ``text.casefold()`` when the caller has it."""
        literals = self._literals[theme]
        if literals is not None:
            folded = text.casefold() if folded is None else folded
            if not any(lit in folded for lit in literals):
                return False
        m = _regex(self.patterns[theme]).search(text)
        if not m:
            return False
        if (
            theme == "covid19"
            and m.group(0).lower() == "la pandémie"
            and year is not None
            and not _isnan(year)
            and int(year) < 2020
        ):
            return False
        veto = self.vetoes.get(theme)
        return not (veto and _regex(veto).search(text))

    def scores(self, themes: Sequence[str], texts: Iterable[str], years: Iterable[Any]) -> np.ndarray:
        """1.0 where a theme fires, else 0.0; one row per text, one column per theme."""
        rows = []
        for text, year in zip(texts, years, strict=True):
            folded = text.casefold()
            rows.append([float(self.fires(t, text, year, folded)) for t in themes])
        return np.array(rows, dtype=float).reshape(len(rows), len(themes))


_QUANTIFIERS = "?*{"
_SPECIAL = set(".^$*+?{}[]\\|()")


def _top_level_bar(term: str) -> bool:
    depth, i, in_class = 0, 0, False
    while i < len(term):
        c = term[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def leading_literals(pattern: str, min_length: int = 3) -> tuple[str, ...] | None:
    """The case-folded literal start of each term of ``(?:term)|(?:term)...``, or None.

    None when the pattern is not joined that way or a term has no literal start of
    ``min_length`` characters (then the pattern must always be searched).

    >>> leading_literals(r"(?:mesures? coercitives?)|(?:\\bblocus\\b)|(?:sud[- ]sud)")
    ('mesure', 'blocus', 'sud')
    >>> leading_literals(r"(?:\\d+ pays)|(?:blocus)") is None, leading_literals(r"(?:sida|vih)") is None
    (True, True)
    """
    if not (pattern.startswith("(?:") and pattern.endswith(")")):
        return None
    terms = pattern[3:-1].split(")|(?:")
    if "|".join(f"(?:{t})" for t in terms) != pattern:
        return None
    out = []
    for term in terms:
        try:
            re.compile(term)  # a split inside a term would leave unbalanced pieces
        except re.error:
            return None
        if _top_level_bar(term):
            return None  # "a|b": its literal start would miss "b"
        if term.startswith("\\b"):
            term = term[2:]
        end = 0
        while end < len(term) and term[end] not in _SPECIAL:
            end += 1
        literal = term[:end]
        if end < len(term) and term[end] in _QUANTIFIERS:
            literal = literal[:-1]  # "s?" may be absent
        if len(literal) < min_length:
            return None
        out.append(literal.casefold())
    return tuple(out)


