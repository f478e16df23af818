"""Reading inputs: encodings, line endings, and bad files refused with one clear message."""

from __future__ import annotations

import pytest

from clausekit.errors import InputError
from clausekit.read.sources import decode, expand_paths, read_path

TEXT = "Réaffirmant que le dialogue entre les États, « non-sélectivité » et l'œuvre,\nPrie le Haut-Commissaire ;\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8 (BOM)"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), None),
    ],
)
def test_ingest_decodes_encodings(data, encoding):
    text, found = decode(data)
    assert text.lstrip("\ufeff") == TEXT
    if encoding:
        assert found.startswith(encoding.split(" ")[0].replace("utf-16", "utf-16")) or found == encoding


def test_ingest_latin1_french_text_is_not_mojibake():
    data = ("Considérant que l'éducation à la paix est précieuse pour les États membres. " * 5).encode("latin-1")
    text, encoding = decode(data)
    assert "éducation à la paix" in text, encoding


def test_ingest_keeps_crlf_in_original(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"Ligne un\r\nLigne deux\r\n")
    assert read_path(p).text == "Ligne un\r\nLigne deux\r\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_ingest_refuses_bad_bytes(data, message):
    with pytest.raises(InputError, match=message):
        decode(data, source="bad.txt")


def test_ingest_error_names_the_file(tmp_path):
    p = tmp_path / "vide.txt"
    p.write_bytes(b"")
    with pytest.raises(InputError) as info:
        read_path(p)
    assert str(info.value).startswith(str(p))


def test_ingest_refuses_too_large_file_with_hint(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"Rappelant la r\xc3\xa9solution,\n" * 50_000)
    with pytest.raises(InputError, match="--max-size"):
        read_path(p, max_bytes=100_000)


def test_ingest_expand_paths(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "notes.md").write_text("x")
    assert [p.rsplit("/", 1)[1] for p in expand_paths([tmp_path])] == ["a.txt", "b.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no \\*.txt files"):
        expand_paths([empty])
    with pytest.raises(InputError, match="no such file"):
        expand_paths([tmp_path / "missing.txt"])
