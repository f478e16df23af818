"""clausekit.atomic: records as JSONL and CSV text (what --jobs workers send back), atomic writes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from clausekit.atomic import atomic_write
from clausekit.tagging.formats import csv_text, jsonl_text, records_text

RECORDS = [
    {"doc_id": "a", "text": "Prie, « le » ;\nSecrétaire", "themes": ["covid19", "south_south"], "scores": {"b": 0.5, "a": 1}, "extra": 1},
    {"doc_id": "b", "text": "", "themes": [], "scores": {}, "number": None},
]
COLUMNS = ("doc_id", "number", "text", "themes", "scores")


def test_io_jsonl_text_keeps_the_columns_in_order():
    lines = jsonl_text(RECORDS, COLUMNS).splitlines()
    assert [list(json.loads(line)) for line in lines] == [list(COLUMNS)] * 2
    assert json.loads(lines[0])["themes"] == ["covid19", "south_south"]
    assert "«" in lines[0]  # not escaped
    assert jsonl_text([], COLUMNS) == ""


def test_io_csv_text_reads_back_with_lists_and_dicts_flattened():
    text = csv_text(RECORDS, COLUMNS, header=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0] == {
        "doc_id": "a",
        "number": "",
        "text": "Prie, « le » ;\nSecrétaire",
        "themes": "covid19;south_south",
        "scores": '{"a": 1, "b": 0.5}',
    }
    assert rows[1]["themes"] == "" and rows[1]["scores"] == "{}"
    assert csv_text(RECORDS, COLUMNS).count("doc_id") == 0
    assert csv_text(RECORDS[:1], COLUMNS) + csv_text(RECORDS[1:], COLUMNS) == csv_text(RECORDS, COLUMNS)


def test_io_records_text_rejects_unknown_format():
    assert records_text(RECORDS, COLUMNS, "csv") == csv_text(RECORDS, COLUMNS)
    with pytest.raises(ValueError, match="jsonl, csv"):
        records_text(RECORDS, COLUMNS, "table")


def test_io_atomic_write_leaves_nothing_on_error(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("before", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as f:
        f.write("half")
        raise RuntimeError("stop")
    assert target.read_text(encoding="utf-8") == "before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
