"""What changed between two versions of a text, clause by clause: :func:`diff_records` and :func:`diff`.

Clauses are aligned by :func:`clausekit.outputs.diff_align.align` (anchors by an optimal
assignment on a content-lemma and character n-gram similarity, then leftovers of the same part
between the same anchors, then leftovers that are each other's best match). An unaligned old
clause is *removed*, an unaligned new one *added*. An aligned pair is *kept* when its words are
the same (case, accents and punctuation aside), *reworded* otherwise, and *moved* when it is out
of order (not on the longest run of pairs whose order both versions share).

>>> df = diff("data/seeds/004_f730982b1d88a241.txt", "data/seeds/003_0d3b84d2626458c8.txt")  # doctest: +SKIP
>>> df.attrs["summary"]["added"]  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clausekit.outputs.diff_align import (
    GAP_THRESHOLD,
    MUTUAL_THRESHOLD,
    THRESHOLD,
    align,
    in_order,
    similarity_matrix,
)

if TYPE_CHECKING:
    import pandas as pd

    from clausekit.types import Document

DIFF_COLUMNS: tuple[str, ...] = (
    "status",
    "old_index",
    "new_index",
    "old_number",
    "new_number",
    "old_part",
    "new_part",
    "similarity",
    "old_function",
    "new_function",
    "old_themes",
    "new_themes",
    "themes_added",
    "themes_removed",
    "changes",
    "word_diff",
    "old_text",
    "new_text",
)
STATUSES = ("kept", "reworded", "moved", "added", "removed")
_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)


def _fold_words(text: str) -> list[str]:
    """Words without case, accents or punctuation: what "kept" compares."""
    plain = unicodedata.normalize("NFD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).replace("’", "'")
    return re.findall(r"\w+", plain)


def same_words(old: str, new: str) -> bool:
    """True when two texts have the same words, up to case, accents, punctuation and OCR-like slips.

    An OCR slip is a one-for-one word swap between words of four letters or more that are still
    75 % alike ("colt" for "coût"), at most one per 30 words; "sa" for "la" is a change.
    """
    a, b = _fold_words(old), _fold_words(new)
    if a == b:
        return True
    slips = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op != "replace" or i2 - i1 != j2 - j1:
            return False
        for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
            if min(len(x), len(y)) < 4 or difflib.SequenceMatcher(a=x, b=y).ratio() < 0.75:
                return False
            slips += 1
    return slips <= max(1, len(a) // 30)


def word_diff(old: str, new: str) -> tuple[str, list[tuple[str, str]]]:
    """The word-level diff of two texts: marked text (``[-removed-]{+inserted+}``) and ``(op, text)`` pieces.

    Words and punctuation are compared; each piece is the original text it covers, with one space
    before it where the text had white space, so the ``equal`` and ``delete`` pieces joined give the old
    text back and the ``equal`` and ``insert`` pieces the new one ("54/181" stays "54/181").

    >>> word_diff("Décide de poursuivre", "Décide de continuer")[0]
    'Décide de [-poursuivre-]{+continuer+}'
    >>> word_diff("sa résolution 54/181,", "sa résolution 55/109,")[0]
    'sa résolution [-54-]{+55+}/[-181-]{+109+},'
    """
    old, new = " ".join(old.split()), " ".join(new.split())
    a, b = list(_WORD.finditer(old)), list(_WORD.finditer(new))

    def piece(text: str, toks: list[re.Match[str]], i: int, j: int) -> str:
        space = " " if i > 0 and toks[i].start() > toks[i - 1].end() else ""
        return space + text[toks[i].start() : toks[j - 1].end()]

    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=[m.group() for m in a], b=[m.group() for m in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("equal", piece(old, a, i1, i2)))
            continue
        if i2 > i1:
            pieces.append(("delete", piece(old, a, i1, i2)))
        if j2 > j1:
            pieces.append(("insert", piece(new, b, j1, j2)))
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    out = []
    for k, (kind, t) in enumerate(pieces):
        space = " " if t.startswith(" ") and not (kind == "insert" and k and pieces[k - 1][0] == "delete") else ""
        out.append(space + marks[kind].format(t.lstrip(" ")))
    return "".join(out), pieces


def _row(status: str, o: dict | None, n: dict | None, sim: float | None) -> dict[str, Any]:
    old_themes, new_themes = (
        list((o or {}).get("themes") or []),
        list((n or {}).get("themes") or []),
    )
    row: dict[str, Any] = {
        "status": status,
        "old_index": o["index"] if o else None,
        "new_index": n["index"] if n else None,
        "old_number": o.get("number") if o else None,
        "new_number": n.get("number") if n else None,
        "old_part": o.get("part") if o else None,
        "new_part": n.get("part") if n else None,
        "similarity": round(float(sim), 4) if sim is not None else None,
        "old_function": o.get("function") if o else None,
        "new_function": n.get("function") if n else None,
        "old_themes": old_themes,
        "new_themes": new_themes,
        "themes_added": [t for t in new_themes if t not in old_themes] if o and n else [],
        "themes_removed": [t for t in old_themes if t not in new_themes] if o and n else [],
        "changes": [],
        "word_diff": None,
        "old_text": o.get("text") if o else None,
        "new_text": n.get("text") if n else None,
    }
    if o and n:
        for key in ("part", "number", "function"):
            if row[f"old_{key}"] != row[f"new_{key}"]:
                row["changes"].append(key)
        if row["themes_added"] or row["themes_removed"]:
            row["changes"].append("themes")
        if status == "moved":
            row["changes"].append("order")
        if _fold_words(o["text"]) != _fold_words(n["text"]):
            row["word_diff"] = word_diff(o["text"], n["text"])[0]
            if not same_words(o["text"], n["text"]):
                row["changes"].append("text")
    return row


def diff_records(
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    *,
    threshold: float = THRESHOLD,
    gap_threshold: float = GAP_THRESHOLD,
    mutual_threshold: float = MUTUAL_THRESHOLD,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Align two versions' tagged records; returns the diff rows (in the new version's order) and a summary.

    Each record needs ``index`` and ``text`` and may carry ``part``, ``number``, ``function``,
    ``themes`` (what :meth:`clausekit.Tagger.document_records` returns). ``threshold``,
    ``gap_threshold`` and ``mutual_threshold`` are the least similarities of the three passes of
    :func:`~clausekit.outputs.diff_align.align` (a value above 1 turns a pass off).
    """
    sim = similarity_matrix([r["text"] for r in old], [r["text"] for r in new])
    pairs = align(
        sim,
        [r.get("part") for r in old],
        [r.get("part") for r in new],
        threshold=threshold,
        gap_threshold=gap_threshold,
        mutual_threshold=mutual_threshold,
    )
    ordered = in_order(pairs)
    by_new = {j: i for i, j in pairs}
    matched_old = {i for i, _ in pairs}
    out: list[dict[str, Any]] = []
    removed_after: dict[
        int, list[int]
    ] = {}  # a removed clause is shown after the new clause its predecessor went to
    last_new = -1
    new_of_old = dict(pairs)
    for i in range(len(old)):
        if i in matched_old:
            last_new = new_of_old[i]
        else:
            removed_after.setdefault(last_new, []).append(i)
    for i in removed_after.get(-1, []):
        out.append(_row("removed", old[i], None, None))
    for j in range(len(new)):
        if j in by_new:
            i = by_new[j]
            moved = (i, j) not in ordered
            same = same_words(old[i]["text"], new[j]["text"])
            out.append(
                _row(
                    "moved" if moved else "kept" if same else "reworded", old[i], new[j], sim[i, j]
                )
            )
        else:
            out.append(_row("added", None, new[j], None))
        for i in removed_after.get(j, []):
            out.append(_row("removed", old[i], None, None))
    return out, summarize(out, old, new)


def summarize(
    rows: list[dict[str, Any]], old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> dict[str, Any]:
    """Counts per status, and the themes present in one version only."""
    counts = {s: sum(r["status"] == s for r in rows) for s in STATUSES}
    old_themes = {t for r in old for t in r.get("themes") or []}
    new_themes = {t for r in new for t in r.get("themes") or []}
    return {
        **counts,
        "old_clauses": len(old),
        "new_clauses": len(new),
        "function_changed": sum("function" in r["changes"] for r in rows),
        "themes_appearing": sorted(new_themes - old_themes),
        "themes_disappearing": sorted(old_themes - new_themes),
    }


def summary_line(summary: dict[str, Any]) -> str:
    """``12 kept, 2 reworded, 0 moved, 56 added, 0 removed; themes appearing: covid19; disappearing: none``."""
    counts = ", ".join(f"{summary[s]} {s}" for s in STATUSES)
    return (
        f"{counts}; themes appearing: {', '.join(summary['themes_appearing']) or 'none'}; "
        f"disappearing: {', '.join(summary['themes_disappearing']) or 'none'}"
    )


def _tagged(obj: str | Path | Document, tagger: Any) -> tuple[list[dict[str, Any]], str]:
    from clausekit.types import Document

    if isinstance(obj, Document):
        return tagger.document_records(obj), obj.source or obj.doc_id
    from clausekit.segmentation.segmenter import _is_path

    if isinstance(obj, Path) or _is_path(str(obj)):
        from clausekit.read.sources import read_path

        src = read_path(obj)
        return tagger.tag_records(src.text, doc_id=src.doc_id, source=src.path), str(src.path)
    return tagger.tag_records(str(obj), doc_id="text", source="<text>"), "<text>"


def diff(
    old: str | Path | Document,
    new: str | Path | Document,
    *,
    model_dir: str | Path | None = None,
    trust: bool = False,
    threshold: float = THRESHOLD,
    gap_threshold: float = GAP_THRESHOLD,
    mutual_threshold: float = MUTUAL_THRESHOLD,
) -> pd.DataFrame:
    """The clause-by-clause diff of two versions (paths, texts or segmented documents) as a DataFrame.

    Columns are :data:`DIFF_COLUMNS`; ``df.attrs["summary"]`` holds :func:`summarize`'s counts and
    ``df.attrs["old"]``/``["new"]`` the two sources.
    """
    import pandas as pd

    from clausekit.tagging.tagger import Tagger

    tagger = Tagger(model_dir, trust=trust)
    old_records, old_name = _tagged(old, tagger)
    new_records, new_name = _tagged(new, tagger)
    rows, summary = diff_records(
        old_records,
        new_records,
        threshold=threshold,
        gap_threshold=gap_threshold,
        mutual_threshold=mutual_threshold,
    )
    frame = pd.DataFrame(rows, columns=list(DIFF_COLUMNS))
    frame.attrs.update(summary=summary, old=old_name, new=new_name)
    return frame
