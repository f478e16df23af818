"""The gate of runon_cuts's number patterns changes no cut.

``runon_cuts`` scans a line for its four number patterns (``_LOWER_AFTER_STOP``, ``_NUMBER_AFTER_MARK``,
``_GLUED_NUMBER``, ``_NUMBER_BEFORE_LEAD``) only when ``_SPACED_NUMBER`` finds white space, one to three
digits and ".", "°" or ":" in it. Each pattern is checked to need that much, and ``runon_cuts`` against
itself with the gate always open (the straightforward form), on generated lines and on real ones.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.segmentation import runon

ROOT = Path(__file__).resolve().parents[1]
_PATTERNS = [runon._LOWER_AFTER_STOP, runon._NUMBER_AFTER_MARK, runon._GLUED_NUMBER, runon._NUMBER_BEFORE_LEAD]
_OPEN = re.compile("")  # matches every line: the gate open

ALPHABET = "aéÿzAÉÀZ1239٣ \t\u00a0.;:,°()»«\"!?/…—–-'"
PIECES = ["Invite ", "Qu", "Que ", "Les ", "Le ", "la ", "11 importe", " 1.", " 25. ", "2° ", "13: ", "7.2.1 ", " 1960 ", "paragraphe "]


def _ungated(t: str) -> dict[int, str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(runon, "_SPACED_NUMBER", _OPEN)
        return runon.runon_cuts(t)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=ALPHABET, max_size=6), st.sampled_from(PIECES)), max_size=12))
def test_runon_number_gate_changes_no_cut_on_generated_lines(pieces: list[str]) -> None:
    t = "".join(pieces)
    if runon._SPACED_NUMBER.search(t) is None:
        assert not any(p.search(t) for p in _PATTERNS), t
    assert runon.runon_cuts(t) == _ungated(t)


def _real_lines() -> list[str]:
    from clausekit.training import corpora

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))]
    if corpora.available():
        texts += ["\n".join(p["para"] for p in paras if p["para"]) for _, _, paras in corpora.iter_ice()]
        texts += list(corpora.unpc_lines()["fr"])
    return [s for text in texts for line in text.split("\n") if len(s := line.strip()) > 12]


def test_runon_number_gate_changes_no_cut_on_real_lines() -> None:
    lines = _real_lines()
    gated = [runon.runon_cuts(t) for t in lines]
    assert gated == [_ungated(t) for t in lines]
    assert sum(bool(g) for g in gated) > 10  # cuts are found
