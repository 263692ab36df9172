import codecs

import pytest

from framing.errors import InputError
from framing.io import read_document

TEXT = "Zürich said “no”.\r\nSecond line."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with a BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
)
def test_encodings_with_and_without_bom_read_back_exactly(tmp_path, data):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_document(path) == TEXT


def test_explicit_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("café crème".encode("latin-1"))
    with pytest.raises(InputError, match="--encoding"):
        read_document(path)
    assert read_document(path, encoding="latin-1") == "café crème"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (lambda p: p.write_bytes(b"caf\xe9 \xff\xfe ok"), "not valid utf-8"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b" \n\t\r\n"), "empty"),
    ],
)
def test_bad_inputs_raise_one_clear_error(tmp_path, make, words):
    path = tmp_path / "doc.txt"
    make(path)
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(str(path)) and words in message and "\n" not in message


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    with pytest.raises(InputError, match="--max-bytes"):
        read_document(path, max_bytes=50)
    assert read_document(path, max_bytes=1000).startswith("word")
