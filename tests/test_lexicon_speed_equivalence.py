"""The speed shortcuts of the lead lexicon give exactly what the straightforward lookups gave.

``_plain_lookup`` stops once its key starts no key of the lead tables, ``_without_adverbs`` returns
early when no adverb can be dropped, ``words`` slices the matches: each is compared here with its
first form, on word lists drawn from the lead tables themselves (so that leads are found, nearly
found and extended by adverbs), and ``find_lead``/``match_lead`` on the seed documents' lines.
``_folded_words`` remembers each text's first folded words: any sequence of limits gives what
folding ``words(text, limit)`` gives.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.segmentation import lexicon as lx

ROOT = Path(__file__).resolve().parents[1]


def reference_plain_lookup(ws, tables):
    joined = [w if w.endswith("'") else w + " " for w in ws]
    best, best_len = None, 0
    for n in range(1, min(len(ws), lx._MAX_WORDS) + 1):
        key = "".join(joined[:n]).strip()
        for table in tables:
            hit = table.get(key)
            if hit and n > best_len:
                best, best_len = hit, n
    return best, best_len


def reference_without_adverbs(ws):
    out = ws[:1]
    i = 1
    while i < len(ws):
        if " ".join(ws[i : i + 2]) in ("en outre", "de nouveau", "a nouveau", "par ailleurs", "de plus", "tout particulierement", "tout specialement"):
            i += 2
            continue
        if ws[i] not in lx._SKIPPABLE_ADVERBS:
            out.append(ws[i])
        i += 1
    return out


def reference_words(text, limit=12):
    text = text.replace("’", "'")
    out = []
    for m in lx._WORD.finditer(text):
        out.append(m.group(0))
        if len(out) >= limit:
            break
    return out


_TABLE_WORDS = sorted({w for t in (lx._PREAMBLE_INDEX, lx._OPERATIVE_INDEX) for k in t for w in k.replace("'", "' ").split()})
VOCABULARY = [*_TABLE_WORDS, "en", "outre", "de", "nouveau", "a", "par", "ailleurs", "plus", "tout", "particulierement", "egalement", "le", "conseil", "x"]
TABLES = [[lx._PREAMBLE_INDEX], [lx._OPERATIVE_INDEX], [lx._PREAMBLE_INDEX, lx._OPERATIVE_INDEX], [{"de x": ("de x", "recall")}]]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=10), st.sampled_from(TABLES))
def test_lexicon_lookups_match_their_first_forms(ws: list[str], tables) -> None:
    assert lx._plain_lookup(ws, tables) == reference_plain_lookup(ws, tables)
    assert lx._without_adverbs(ws) == reference_without_adverbs(ws)
    text = " ".join(ws)
    for limit in (0, 1, 3, 12):
        assert lx.words(text, limit) == reference_words(text, limit)


def reference_folded_words(text, limit):
    return [lx.fold(w) for w in reference_words(text, limit)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*VOCABULARY, "Réaffirmant", "PRIE", "l'État", "d'", "Sud-Sud", "1.", ",", "(a)", "œuvre", "x" * 40]), max_size=30),
    st.lists(st.integers(min_value=-1, max_value=30), min_size=1, max_size=6),
)
def test_lexicon_folded_words_remembered_match_folding_each_time(ws: list[str], limits: list[int]) -> None:
    text = " ".join(ws)
    lx._FOLDED.pop(text, None)
    for limit in limits:
        got = lx._folded_words(text, limit)
        assert got == reference_folded_words(text, limit)
        got.append("mutated")  # a caller's list is its own: the remembered words stay as they were
    assert lx._folded_words(text, lx._FOLDED_LIMIT) == reference_folded_words(text, lx._FOLDED_LIMIT)


def test_lexicon_folded_words_cover_every_limit_asked() -> None:
    assert max(lx._MAX_WORDS + 8, 16) <= lx._FOLDED_LIMIT  # find_lead's, lead_phrase's


def test_lexicon_lead_phrase_reads_the_remembered_folded_words() -> None:
    """lead_phrase takes its 16 folded words from _folded_words instead of folding its own matches."""
    from itertools import islice

    import pytest

    from clausekit.segmentation import leads
    from clausekit.segmentation.patterns import _LEAD_WORD

    assert _LEAD_WORD.pattern == lx._WORD.pattern and _LEAD_WORD.flags == lx._WORD.flags
    lines = [ln for p in sorted((ROOT / "data" / "seeds").glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    lines += ["Se déclarant profondément préoccupé", "Vivement alarmé par", "Le Conseil de sécurité rappelle également de nouveau que", "x"]
    calls = [(ln, part) for ln in lines for part in (None, "preamble", "operative", "narrative")]

    def run() -> list:
        lx._FOLDED.clear()
        return [leads.lead_phrase(t, p) for t, p in calls]

    fast = run()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(leads, "_folded_words", lambda text, limit: [leads._fold_word(m.group()) for m in islice(_LEAD_WORD.finditer(text.replace("’", "'")), limit)])
        slow = run()
    assert fast == slow
    assert sum(bool(x) for x in fast) > 100


def test_lexicon_finds_the_same_leads_in_the_seeds() -> None:
    """find_lead/match_lead with the shortcuts against the same functions with the first forms patched in."""
    import pytest

    lines = [ln for p in sorted((ROOT / "data" / "seeds").glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    calls = [(ln, part) for ln in lines for part in (None, "preamble", "operative")]

    def run() -> list:
        lx.find_lead.cache_clear()
        lx.match_lead.cache_clear()
        lx._FOLDED.clear()
        return [(lx.find_lead(t, p), lx.match_lead(t, p)) for t, p in calls]

    fast = run()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lx, "_plain_lookup", reference_plain_lookup)
        mp.setattr(lx, "_without_adverbs", reference_without_adverbs)
        mp.setattr(lx, "words", reference_words)
        mp.setattr(lx, "_folded_words", reference_folded_words)
        slow = run()
    lx.find_lead.cache_clear()
    lx.match_lead.cache_clear()
    assert fast == slow
    assert sum(f is not None for f, _ in fast) > 100  # leads are found


def reference_speaking_for_itself(text):
    from clausekit.lemmas.leads import strip_number
    from clausekit.segmentation.normative import is_enacting_formula

    text = strip_number(text)
    found = lx.find_lead(text, "operative")
    if found and found[0] > 0:
        return found[2]
    after = lx.lead_after_incidents(text)
    return after[1] if after and not is_enacting_formula(text) else None


_SUBJECTS = ["Il", "Elle", "Nous", "On", "Ils", "Elles", "Le", "La", "Les", "L'", "Tout", "en", "Conseil", "Comité", "membres",
             "du", "de", "sécurité", "Assemblée", "générale", "ne", "a", "est", "invitons", "condamnent", "se", "félicitent", "3."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*VOCABULARY, *_SUBJECTS]), max_size=10))
def test_lexicon_speaking_for_itself_gate_changes_nothing(ws: list[str]) -> None:
    """rules.speaking_for_itself skips find_lead when the text opens with no subject (lexicon.opens_with_subject)."""
    from clausekit.models.rules import speaking_for_itself

    text = " ".join(ws)
    assert speaking_for_itself(text) == reference_speaking_for_itself(text)
    cap = text[:1].upper() + text[1:]
    assert speaking_for_itself(cap) == reference_speaking_for_itself(cap)


_SPEAKING = ["Tout en prenant note du rapport", "Tout en réaffirmant sa résolution", "Il condamne l'attaque", "Elles se félicitent",
             "Les membres du Conseil condamnent", "Nous invitons les États", "Le Conseil de sécurité rappelle", "L'Assemblée générale prie",
             "La Conférence demande", "Le Comité a approuvé", "Il ne reconnaît pas", "Invitons les États", "Rappelle sa résolution", "Tout"]


def test_lexicon_speaking_for_itself_gate_on_each_subject() -> None:
    from clausekit.models.rules import speaking_for_itself

    got = [speaking_for_itself(t) for t in _SPEAKING]
    assert got == [reference_speaking_for_itself(t) for t in _SPEAKING]
    assert got[0] is not None and got[2] is not None and got[4] is not None


def test_lexicon_speaking_for_itself_gate_on_real_paragraphs() -> None:
    from clausekit.models.rules import speaking_for_itself
    from clausekit.training import corpora

    texts = [ln for p in sorted((ROOT / "data" / "seeds").glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    texts += ["Les membres du Conseil de sécurité condamnent l'attaque.", "Il demande au Secrétaire général", "Nous invitons les États",
              "Tout en prenant note du rapport", "Le Comité a approuvé le rapport.", "Invitons les États"]
    if corpora.available():
        texts += [p["para"] for _, _, paras in corpora.iter_ice() for p in paras if p["para"]]
        texts += list(corpora.unpc_lines()["fr"])
    got = [speaking_for_itself(t) for t in texts]
    assert got == [reference_speaking_for_itself(t) for t in texts]
    assert sum(g is not None for g in got) >= 3


_FIRST_WORDS = ["le", "assemblee", "conformement", "", " prie", "prie ", "se", "s'", "est", "reste", "profondement", "tres", "l'", "q"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([*VOCABULARY, *_FIRST_WORDS]), max_size=10), st.sampled_from(TABLES))
def test_lexicon_table_lookup_gate_matches_the_full_lookup(ws: list[str], tables) -> None:
    """_table_lookup answers (None, 0) at once when no lead starts with the first word: as the full lookup does."""
    assert lx._table_lookup(ws, tables) == lx._lookup_in_tables(ws, tables)
    assert lx._table_lookup(ws[1:], tables) == lx._lookup_in_tables(ws[1:], tables)


def test_lexicon_table_lookup_gate_on_real_lines() -> None:
    """The same on the folded first words of every seed, ICE and UNPC line, with each part's tables."""
    from clausekit.training import corpora

    texts = [ln for p in sorted((ROOT / "data" / "seeds").glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if corpora.available():
        texts += [p["para"] for _, _, paras in corpora.iter_ice() for p in paras if p["para"]]
        texts += list(corpora.unpc_lines()["fr"])
    gated = 0
    for text in texts:
        ws = lx._fold_words(text, lx._MAX_WORDS + 8)
        for tables in TABLES[:3]:
            got = lx._table_lookup(ws, tables)
            assert got == lx._lookup_in_tables(ws, tables), text
            gated += bool(ws) and ws[0] not in lx._SPECIAL_FIRST and ws[0].strip() not in lx._KEY_STARTS
    assert gated > 1000  # the gate answers many lookups
