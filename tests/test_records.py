import json

from framing.records import FLAG_COLUMNS, SCHEMA_VERSION, SENTENCE_COLUMNS

from .conftest import TINY_CORPUS


def test_json_has_schema_version_and_round_trips(toy_analyzer):
    analysis = toy_analyzer.analyze(TINY_CORPUS["loaded"], doc_id="d1", meta={"outlet": "X"})
    data = json.loads(analysis.to_json())
    assert data == analysis.to_dict()
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["doc_id"] == "d1" and data["meta"] == {"outlet": "X"}
    assert set(data["slant"]) == {"score", "label", "confidence", "explanation", "method"}
    for sentence in data["sentences"]:
        for flag in sentence["flags"]:
            assert data["text"][flag["start"]:flag["end"]] == flag["text"]


def test_frames(toy_analyzer):
    analysis = toy_analyzer.analyze(TINY_CORPUS["loaded"], doc_id="d1")
    sentences = analysis.sentences_frame()
    flags = analysis.flags_frame()
    assert list(sentences.columns) == SENTENCE_COLUMNS and len(sentences) == 2
    assert list(flags.columns) == FLAG_COLUMNS and len(flags) == 4
    assert sentences["n_flags"].tolist() == [3, 1]
    assert set(flags["doc_id"]) == {"d1"}


def test_empty_frames_keep_their_columns(toy_analyzer):
    analysis = toy_analyzer.analyze("")
    assert list(analysis.flags_frame().columns) == FLAG_COLUMNS
    assert analysis.sentences_frame().empty
