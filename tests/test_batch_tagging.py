"""Documents tagged together (a chunk of inputs, one function-model pass) get the records they get alone.

``Tagger.records_many`` reads every document's clauses in one pass and ``clausekit tag`` / ``clausekit.tag``
hand it chunks of inputs (``tagging.batch.map_tag``); each row must still be computed alone, so the
figures are equal to the last bit, whatever the other documents of the chunk.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from clausekit.lemmas.frames import Clauses
from clausekit.read.sources import Source
from clausekit.segmentation.segmenter import segment_text
from clausekit.tagging.batch import (
    CHUNK,
    Failure,
    TagOptions,
    chunk_size,
    chunked,
    tag_source,
    tag_sources,
)
from clausekit.tagging.tagger import Tagger

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "seeds").glob("*.txt"))

# Made-up texts of other registers (no copied text): a short decision, a press release, a statement.
OTHERS = {
    "decision": "Le Conseil d'administration,\n\nRappelant sa décision antérieure,\n\n1. Prie le Directeur général de lui faire rapport ;\n\n2. Décide de reprendre l'examen de la question.\n",
    "press": "Communiqué de presse\n\nLe Comité s'est réuni ce matin pour examiner la situation humanitaire.\n\nLes délégations ont exprimé leur profonde préoccupation face aux mesures coercitives unilatérales.\n",
    "statement": "Les membres du Conseil condamnent l'attaque et réaffirment leur soutien à la coopération Sud-Sud face à la pandémie de COVID-19.\n",
    "one_clause": "Décide de rester saisi de la question.",
}


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


def _docs() -> list:
    docs = [segment_text(p.read_text(encoding="utf-8"), doc_id=p.stem) for p in SEEDS]
    docs += [segment_text(t, doc_id=k) for k, t in OTHERS.items()]
    docs.append(segment_text("   \n", doc_id="blank"))  # no clause at all
    return docs


def test_documents_tagged_together_get_their_records_alone(tagger: Tagger) -> None:
    docs = _docs()
    alone = [tagger.document_records(d) for d in docs]
    assert sum(map(len, alone)) > 100 and alone[-1] == []
    assert tagger.documents_records(docs) == alone
    # and in another order, another company
    assert tagger.documents_records(docs[::-1]) == alone[::-1]
    assert tagger.documents_records(docs[4:6]) == alone[4:6]


def test_function_probabilities_do_not_depend_on_the_batch(tagger: Tagger) -> None:
    batches = [Clauses.from_records(d.to_records()) for d in _docs() if d.clauses]
    together = tagger.function_model.score_clauses(Clauses.concat(batches))
    alone = np.vstack([tagger.function_model.score_clauses(b) for b in batches])
    assert np.array_equal(together, alone)  # bit for bit, not approximately


def test_concat_keeps_each_documents_positions() -> None:
    a = Clauses.from_records([{"doc_id": "d", "index": i, "text": f"Décide {i}", "part": "operative"} for i in range(3)])
    b = Clauses.from_records([{"doc_id": "d", "index": i, "text": f"Prie {i}", "part": "operative"} for i in range(5)])
    both = Clauses.concat([a, b])
    assert len(both) == 8 and both.raw == a.raw + b.raw and both.texts == a.texts + b.texts
    assert both.positions.tolist() == a.positions.tolist() + b.positions.tolist() == [0, 0.5, 1, 0, 0.25, 0.5, 0.75, 1]


def test_a_chunk_gives_what_each_input_gives_alone_failures_in_place() -> None:
    sources = [Source(doc_id=k, path=f"{k}.txt", text=t, encoding="utf-8") for k, t in OTHERS.items()]
    items = [sources[0], Failure("missing.txt", "missing.txt: no such file"), sources[1],
             Source(doc_id="empty", path="empty.txt", text="", encoding="utf-8"), *sources[2:]]
    options = TagOptions(output_format="jsonl")
    tasks = [(x, "text", None, False, "fast", options) for x in items]
    alone = [tag_source(t) for t in tasks]
    together = tag_sources(tasks)
    assert [r.path for r in together] == [x.path for x in items]
    assert together == alone
    assert together[1].error == "missing.txt: no such file"
    assert all(r.error is None and r.clauses for r in (together[0], together[2], together[4]))
    # lines and CSV inputs go through the same chunks
    line_tasks = [(sources[0], "lines", None, False, "fast", options), (sources[1], "text", None, False, "fast", options)]
    assert tag_sources(line_tasks) == [tag_source(t) for t in line_tasks]


def test_chunk_sizes() -> None:
    assert chunk_size(1, None) == chunk_size(1, 3) == CHUNK
    assert chunk_size(2, 10) == 1  # few inputs: one a task, so that both workers get some
    assert chunk_size(2, 10_000) == CHUNK
    assert chunk_size(2, None) == 4
    assert [len(c) for c in chunked(range(35), 16)] == [16, 16, 3]
    assert list(chunked([], 16)) == []
