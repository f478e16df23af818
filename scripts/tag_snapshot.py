"""Every tagged record of the seeds and the shared corpora, as JSONL, to prove a speed change changes no output.

Usage: python scripts/tag_snapshot.py OUT.jsonl  (then ``cmp`` two snapshots: before and after a change)

Tags, with the shipped models and the fast lemma path: each seed document (segmented); each ICE
resolution and each UNPC dev document joined as the `make bench` ``distinct`` corpus joins them
(segmented); and every ICE paragraph and UNPC dev line as a clause of its own (``text_records``),
once without context and once in context (a document's lines in order). The snapshot holds corpus
text, so write it outside the repository (e.g. under /tmp).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from clausekit.segmentation.segmenter import segment, segment_text
    from clausekit.tagging.tagger import Tagger
    from clausekit.training import corpora

    out_path = Path((argv or sys.argv[1:])[0])
    tagger = Tagger()
    n = 0
    with out_path.open("w", encoding="utf-8") as out:

        def write(records: list[dict]) -> None:
            nonlocal n
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False, default=str, sort_keys=False) + "\n")
            n += len(records)

        for path in sorted((ROOT / "data" / "seeds").glob("*.txt")):
            write(tagger.document_records(segment(path)))
        if corpora.available():
            for text_id, year, paras in corpora.iter_ice():
                texts = [p["para"] for p in paras if p["para"]]
                body = "\n\n".join(texts)
                if body.strip():
                    write(tagger.document_records(segment_text(body + "\n", doc_id=f"ice_{text_id}")))
                    write(tagger.text_records(texts, doc_id=f"ice_{text_id}"))
                    rows = tagger.text_records(texts, doc_id=f"ice_{text_id}")
                    write(tagger.records(rows, {"year": year, "context": True}))
            lines = corpora.unpc_lines()
            for doc_id, group in lines.groupby("doc_id", sort=True):
                texts = list(group["fr"])
                write(tagger.document_records(segment_text("\n\n".join(texts) + "\n", doc_id=f"unpc_{doc_id}")))
                write(tagger.text_records(texts, doc_id=doc_id))
                rows = tagger.text_records(texts, doc_id=doc_id)
                write(tagger.records(rows, {"year": 2015, "context": True}))
    print(f"{n} records written to {out_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
