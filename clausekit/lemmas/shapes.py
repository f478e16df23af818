"""Two common shapes of a whitespace-free run whose tokens are known without the tokenizer's affix loop.

With spaCy's letter classes (``_ALPHA``), which the tokenizer reads from here. A speed shortcut of
:func:`clausekit.lemmas.tokenizer._split_cached` for runs it has not seen:
each costs one ``token_match`` call here, against some tens of microseconds in ``_split_chunk``.
"""

from __future__ import annotations

import re
from typing import Any

# Letters: \w without digits and "_", and without the letter-like characters spaCy's ALPHA leaves
# out that occur in Latin text (ª º µ, superscripts and fractions, roman numerals, ligatures).
_ALPHA = r"[^\W\d_\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00bc-\u00be\u2070-\u209c\u2150-\u2189\ufb00-\ufb06]"
_is_alpha = re.compile(_ALPHA).match


def _lowerish(c: str) -> bool:
    """spaCy's ALPHA_LOWER: lowercase letters and letters of scripts without case."""
    return _is_alpha(c) is not None and not (c.isupper() or c.istitle())


def _upperish(c: str) -> bool:
    """spaCy's ALPHA_UPPER: capitals and letters of scripts without case (not "ǅ")."""
    return _is_alpha(c) is not None and not (c.islower() or c.istitle() and not c.isupper())


def elided_or_final_dot(run: str, rules: Any) -> tuple[str, str] | None:
    """``tokenizer._split_chunk`` of two common shapes of a run that is no special case, without its loop; None for others.

    - letters + "." after a lowercase letter or two capitals ("pays.", "ONU."): the "." suffix
      comes off and the letters are one token, unless the letters are a special case or the whole
      run matches ``token_match``;
    - letters + one apostrophe + letters ("l'école", "qu'aucune"): the elided word is a prefix
      (d' l' n') or ends at the elision infix, the rest is one token, unless the rest is a special
      case or the whole run matches ``token_match``.

    No other rule can match inside letters (see ``tokenizer._split_cached``). Equal to ``_split_chunk``
    on the corpora's runs and on the frequency table's words in these shapes:
    tests/test_tokenizer_speed_equivalence.py.
    """
    if run[-1] == ".":
        word = run[:-1]
        if (
            word.isalpha()
            and word not in rules.specials
            and (_lowerish(word[-1]) or len(word) >= 2 and _upperish(word[-1]) and _upperish(word[-2]))
            and not rules.token_match(run)
        ):
            return (word, ".")
        return None
    k = run.find("'")
    if k < 0:
        k = run.find("’")
    if k <= 0:
        return None
    head, rest = run[:k], run[k + 1 :]
    if (
        head.isalpha()
        and rest.isalpha()
        and _is_alpha(head[-1])
        and _is_alpha(rest[0])
        and rest not in rules.specials
        and not rules.token_match(run)
    ):
        return (run[: k + 1], rest)
    return None
