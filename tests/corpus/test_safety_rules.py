"""What framing.corpus.safety promises, one rule at a time and without a batch run (issue 31):
which settings a resume compares, which inputs and documents are kept apart from the
output folder, how ids from any file name are written, and the CPU-time limit.

The time-limit tests spin on small busy loops, never analyse a document, and are named
without "cpu_time" or "timeout", so the mutation run (benchmarks/mutation.sh) keeps them.
"""

from __future__ import annotations

import contextlib
import json
import signal
import threading
import time
from pathlib import Path

import pytest

from framing.corpus import safety
from framing.corpus.batch import AnalyzerSpec, ReadOptions
from framing.corpus.inputs import Doc, TableSpec
from framing.corpus.safety import (
    UNREADABLE,
    DocumentTimeout,
    cpu_time_limit,
    guarded_docs,
    printable,
    printable_id,
    refuse_inputs_inside,
    refuse_meta_collisions,
    run_settings,
    timeout_handler,
)
from framing.errors import InputError
from framing.slant.modelfile import SHIPPED_MODEL, SHIPPED_WORD_MODEL, sha256_of, shipped_model_path
from framing.version import __version__

NO_MODEL = AnalyzerSpec(model=None)


def _settings(analyzer=NO_MODEL, read=None, table=None, path_meta=()):
    return run_settings(analyzer, read or ReadOptions(), table or TableSpec(), path_meta)


def _lexicon(path: Path, term: str) -> str:
    path.write_text(f"term\tcategory\n{term}\tloaded_negative\n", encoding="utf-8")
    return str(path)


# --- run_settings: what a resume compares ----------------------------------------------


def test_a_lexicon_counts_by_its_content_not_its_path(tmp_path):
    first = _lexicon(tmp_path / "a.tsv", "regime")
    same = _lexicon(tmp_path / "b.tsv", "regime")
    other = _lexicon(tmp_path / "c.tsv", "junta")
    one, sources = _settings(AnalyzerSpec(lexicons=(first,), model=None))
    assert one["lexicons"] == [sha256_of(Path(first))]
    assert sources["lexicons"] == [first]
    assert one == _settings(AnalyzerSpec(lexicons=(same,), model=None))[0]
    assert one != _settings(AnalyzerSpec(lexicons=(other,), model=None))[0]
    both, sources = _settings(AnalyzerSpec(lexicons=(first, other), model=None))
    assert len(both["lexicons"]) == 2 and sources["lexicons"] == [first, other]


def test_a_lexicon_that_cannot_be_read_is_recorded_as_unreadable(tmp_path):
    missing = str(tmp_path / "gone.tsv")
    settings, sources = _settings(AnalyzerSpec(lexicons=(missing,), model=None))
    assert settings["lexicons"] == [UNREADABLE] and sources["lexicons"] == [missing]


def test_the_builtin_lexicons_count_as_one_digest_or_none():
    with_them = _settings()[0]["builtin_lexicons"]
    assert isinstance(with_them, str) and len(with_them) == 64
    assert with_them == _settings()[0]["builtin_lexicons"]
    without = _settings(AnalyzerSpec(model=None, builtin_lexicons=False))[0]
    assert without["builtin_lexicons"] is None


def _package(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def _digest(monkeypatch, folder: Path) -> str:
    monkeypatch.setattr(safety.resources, "files", lambda package: folder)
    return safety._builtin_lexicons_sha256()


def test_the_builtin_lexicons_digest_follows_every_name_and_byte(tmp_path, monkeypatch):
    base = {"loaded.tsv": b"regime\n", "actors/people.tsv": b"mayor\n"}
    digest = _digest(monkeypatch, _package(tmp_path / "base", base))
    variants = {
        "bytes": {**base, "loaded.tsv": b"junta\n"},
        "name": {"loaded2.tsv": b"regime\n", "actors/people.tsv": b"mayor\n"},
        "subfolder": {"loaded.tsv": b"regime\n", "people.tsv": b"mayor\n"},
        "one more": {**base, "frames/x.tsv": b""},
        # where a name ends and its bytes begin is part of the digest
        "shifted": {"loaded.ts": b"vregime\n", "actors/people.tsv": b"mayor\n"},
        "next file": {"loaded.tsv": b"regime\nactors/people.tsv\0mayor\n"},
        "other subfolder": {"loaded.tsv": b"regime\n", "frames/people.tsv": b"mayor\n"},
    }
    for why, files in variants.items():
        assert _digest(monkeypatch, _package(tmp_path / why, files)) != digest, why
    # Compiled files are no lexicon: they come and go with the interpreter.
    noise = {**base, "__pycache__/x.cpython-311.pyc": b"\0", "stale.pyc": b"\1"}
    assert _digest(monkeypatch, _package(tmp_path / "noise", noise)) == digest


def test_a_model_counts_by_its_content(tmp_path):
    model = tmp_path / "mine.npz"
    model.write_bytes(b"PK\x03\x04 our own bytes")
    settings, sources = _settings(AnalyzerSpec(model=str(model)))
    assert settings["model"] == sha256_of(model) and sources["model"] == str(model)
    none, sources = _settings()
    assert none["model"] is None and sources["model"] is None
    gone, _ = _settings(AnalyzerSpec(model=str(tmp_path / "gone.npz")))
    assert gone["model"] == UNREADABLE


@pytest.mark.skipif(shipped_model_path(SHIPPED_WORD_MODEL) is None
                    or shipped_model_path(SHIPPED_MODEL) is None, reason="no shipped models")
def test_the_shipped_models_count_by_their_own_files():
    settings, sources = _settings(AnalyzerSpec(word_model="shipped"))
    assert settings["model"] == sha256_of(shipped_model_path(SHIPPED_MODEL))
    assert settings["word_model"] == sha256_of(shipped_model_path(SHIPPED_WORD_MODEL))
    assert sources["model"] == sources["word_model"] == "shipped"


def test_a_shipped_model_the_package_lacks_is_recorded_as_none(monkeypatch):
    monkeypatch.setattr(safety, "shipped_model_path", lambda name: None)
    assert _settings(AnalyzerSpec())[0]["model"] is None


def test_trusting_a_model_changes_no_setting(tmp_path):
    model = tmp_path / "m.npz"
    model.write_bytes(b"model")
    trusted = _settings(AnalyzerSpec(model=str(model), trust_model=True))[0]
    assert trusted == _settings(AnalyzerSpec(model=str(model)))[0]
    assert "trust_model" not in trusted


def test_every_read_and_table_option_is_recorded_by_name():
    settings, _ = _settings(read=ReadOptions(encoding="latin-1", max_bytes=1234, timeout=2.5),
                            table=TableSpec(text_col="body", id_col="url", meta_cols=("a", "b")))
    assert settings["framing_version"] == __version__
    assert settings["encoding"] == "iso8859-1"
    assert settings["max_bytes"] == 1234 and settings["timeout_per_doc"] == 2.5
    assert (settings["text_col"], settings["id_col"], settings["meta_cols"]) == ("body", "url",
                                                                                 ["a", "b"])
    assert "meta_from_path" not in settings  # runs without it compare as before
    with_paths, _ = _settings(path_meta=[("outlet", "{parent}"), ("day", "{stem}")])
    assert with_paths["meta_from_path"] == [["outlet", "{parent}"], ["day", "{stem}"]]


def test_recorded_settings_compare_equal_after_a_trip_through_run_json():
    settings, sources = _settings(table=TableSpec(meta_cols=("outlet",)),
                                  path_meta=[("o", "{stem}")])
    assert json.loads(json.dumps(settings)) == settings
    assert json.loads(json.dumps(sources)) == sources


def test_an_option_added_later_that_holds_a_path_is_recorded_as_its_text(tmp_path):
    from dataclasses import make_dataclass

    wider = make_dataclass("WiderSpec", [("stoplist", Path, None)], bases=(AnalyzerSpec,),
                           frozen=True)
    settings, _ = _settings(wider(model=None, stoplist=tmp_path / "stop.txt"))
    assert settings["stoplist"] == str(tmp_path / "stop.txt")


def test_encodings_are_named_once_and_unknown_ones_kept():
    assert _settings(read=ReadOptions(encoding="UTF8"))[0]["encoding"] == "utf-8"
    assert _settings(read=ReadOptions(encoding="no-such-codec"))[0]["encoding"] == "no-such-codec"
    assert _settings()[0]["encoding"] is None


# --- metadata columns that would be written as one ---------------------------------------


def test_meta_columns_written_as_one_are_refused_naming_the_option():
    with pytest.raises(InputError) as err:
        refuse_meta_collisions(TableSpec(meta_cols=("text", "outlet", "meta.text")))
    assert str(err.value).startswith("--meta-col meta.text: ")
    assert "the column meta.text, as text is" in str(err.value)
    with pytest.raises(InputError, match=r"^--meta-from-path meta\.doc_id: .*as doc_id is"):
        refuse_meta_collisions(TableSpec(), [("doc_id", "{stem}"), ("meta.doc_id", "{parent}")])
    refuse_meta_collisions(TableSpec(meta_cols=("outlet",)), [("day", "{stem}")])


# --- inputs apart from outputs -----------------------------------------------------------


def test_inputs_inside_the_output_folder_are_refused_and_others_kept(tmp_path):
    out = tmp_path / "out"
    (out / "deep").mkdir(parents=True)
    (out / "deep" / "table.csv").write_text("text\nx\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        refuse_inputs_inside(["-", str(out / "deep" / "table.csv")], out)
    assert err.value.source == str(out / "deep" / "table.csv")
    assert str(err.value).endswith(f"lies inside the output folder {out}; batch never reads "
                                   "from the folder it writes into, so choose another --out")
    refuse_inputs_inside([str(out / "gone.csv")], out)  # absent: the reader says so, per file
    (tmp_path / "out2").mkdir()  # a name that merely starts like the output folder
    (tmp_path / "news.csv").write_text("text\nx\n", encoding="utf-8")
    refuse_inputs_inside(["-", str(tmp_path / "out2"), str(tmp_path / "news.csv"),
                          str(tmp_path)], out)


def test_a_link_into_the_output_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.csv").write_text("text\nx\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(out / "articles.csv")
    with pytest.raises(InputError, match="link.csv"):
        refuse_inputs_inside([str(tmp_path / "link.csv")], out)


def _doc(root: Path, name: str, **meta) -> Doc:
    return Doc(doc_id=str(root / name), path=str(root / name), meta=meta)


def test_a_folder_that_holds_the_output_folder_yields_none_of_its_files(tmp_path):
    out = tmp_path / "out"
    docs = [_doc(tmp_path, "a.txt"), _doc(out, "parts/x.txt"), _doc(out, ""),
            Doc("typed", text="from a table"), _doc(tmp_path, "out2/b.txt")]
    kept = [d.doc_id for d in guarded_docs(docs, ["-", str(tmp_path)], out)]
    assert kept == [str(tmp_path / "a.txt"), "typed", str(tmp_path / "out2" / "b.txt")]


def test_only_a_folder_input_can_walk_into_the_output_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "list.txt").write_text("x", encoding="utf-8")
    docs = [_doc(out, "x.txt")]
    for inputs in ([str(tmp_path / "list.txt")], [str(tmp_path / "elsewhere")], ["-"]):
        assert [d.doc_id for d in guarded_docs(docs, inputs, out)] == [str(out / "x.txt")]


def test_ids_and_text_metadata_come_out_printable(tmp_path):
    doc = Doc("caf\udce9.txt", meta={"outlet": "b\udcffd", "year": 2024, "tags": None})
    (made,) = guarded_docs([doc], [], tmp_path / "out")
    assert made.doc_id == "caf\\xe9.txt"
    assert made.meta == {"outlet": "b\\xffd", "year": 2024, "tags": None}
    only_meta = Doc("a.txt", meta={"outlet": "b\udcffd"}, text="t")
    assert next(guarded_docs([only_meta], [], tmp_path / "out")).meta == {"outlet": "b\\xffd"}
    plain = Doc("a.txt", meta={"outlet": "x"}, text="t")
    assert list(guarded_docs([plain], [], tmp_path / "out")) == [plain]
    typed = Doc("caf\\xe9.txt", text="t")  # a name typed with a backslash keeps its own id
    assert next(guarded_docs([typed], [], tmp_path / "out")).doc_id == "caf\\\\xe9.txt"


# --- printable ids -------------------------------------------------------------------------


def test_printable_escapes_only_what_utf8_cannot_hold():
    assert printable("café, naïve.txt") == "café, naïve.txt"
    assert printable("caf\udce9 \udcff.txt") == "caf\\xe9 \\xff.txt"
    assert printable("half \ud800 pair") == "half \\ud800 pair"  # not a byte of a file name
    assert printable("both \udce9 \ud800") == "both \\udce9 \\ud800"


def test_every_file_name_gets_an_id_of_its_own():
    names = ["caf\udce9.txt", "caf\\xe9.txt", "caf\\\\xe9.txt", "a\\b.txt", "a\\\\b.txt",
             "x\\u00e9", "x\\U00e9", "x\\XE9", "n\\xE9", "w\\\\", "w\\", "w"]
    ids = [printable_id(name) for name in names]
    assert len(set(ids)) == len(names), ids
    for made in ids:
        made.encode("utf-8")


def test_ids_change_only_where_they_must():
    assert printable_id("a\\b.txt") == "a\\b.txt"
    assert printable_id("x\\XE9") == "x\\XE9" and printable_id("x\\xg9") == "x\\xg9"
    assert printable_id("x\\u12g4") == "x\\u12g4"
    assert printable_id("caf\udce9.txt") == "caf\\xe9.txt"
    assert printable_id("n\\xE9") == "n\\\\xE9" and printable_id("x\\u00e9") == "x\\\\u00e9"
    assert printable_id("a\\\\b") == "a\\\\\\\\b"
    assert printable_id("d\\b\udce9") == "d\\\\b\\xe9"


# --- the CPU-time limit ----------------------------------------------------------------------


def _spin(seconds: float) -> None:
    """Busy for ``seconds`` of CPU time (a limit that never fires ends the test here)."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def _disarmed() -> bool:
    return signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_the_limit_stops_a_busy_block_with_what_to_do():
    before = signal.getsignal(signal.SIGPROF)
    started = time.process_time()
    with pytest.raises(DocumentTimeout) as stopped, cpu_time_limit(0.05):
        _spin(3.0)
    assert time.process_time() - started < 2.0
    assert stopped.value.seconds == 0.05
    assert str(stopped.value) == (
        "took more than 0.05 s of CPU time, so it was stopped; it may be built to slow the "
        "analysis down (raise --timeout-per-doc, or 0 for no limit)")
    assert signal.getsignal(signal.SIGPROF) == before and _disarmed()


def test_the_limit_is_not_an_exception_the_analysis_could_swallow():
    assert not issubclass(DocumentTimeout, Exception)
    # contextlib.suppress(Exception): what a careless analysis step might do
    with pytest.raises(DocumentTimeout), cpu_time_limit(0.05), contextlib.suppress(Exception):
        _spin(3.0)


def test_a_swallowed_stop_comes_again():
    stops = 0
    with pytest.raises(DocumentTimeout), cpu_time_limit(0.05):
        while True:
            try:
                _spin(3.0)
                break
            except DocumentTimeout:  # a __del__ that drops what it raised
                stops += 1
                if stops == 1:
                    continue
                raise
    assert stops == 2


def test_the_limit_counts_cpu_time_not_waiting():
    with cpu_time_limit(0.05):
        time.sleep(0.3)
    assert _disarmed()


def test_a_block_within_its_limit_ends_disarmed_and_restored():
    before = signal.getsignal(signal.SIGPROF)
    with cpu_time_limit(5.0):
        assert not _disarmed()
        assert signal.getsignal(signal.SIGPROF) is not before
    assert _disarmed() and signal.getsignal(signal.SIGPROF) == before


@pytest.mark.parametrize("seconds", [None, 0, 0.0])
def test_no_limit_arms_nothing(seconds):
    before = signal.getsignal(signal.SIGPROF)
    with cpu_time_limit(seconds):
        assert _disarmed() and signal.getsignal(signal.SIGPROF) == before
        _spin(0.1)
    assert _disarmed()


def test_a_limit_in_another_thread_arms_nothing_and_runs():
    seen = []

    def work():
        with cpu_time_limit(0.01):
            _spin(0.1)
            seen.append(_disarmed())

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [True]


def test_one_handler_serves_many_limits_and_is_restored_after():
    before = signal.getsignal(signal.SIGPROF)
    with timeout_handler():
        installed = signal.getsignal(signal.SIGPROF)
        assert installed != before
        for seconds in (0.05, 0.08):
            with pytest.raises(DocumentTimeout, match=f"{seconds:g} s"), cpu_time_limit(seconds):
                _spin(3.0)
            assert signal.getsignal(signal.SIGPROF) == installed and _disarmed()
        with timeout_handler():  # nested: nothing more to install or restore
            assert signal.getsignal(signal.SIGPROF) == installed
        assert signal.getsignal(signal.SIGPROF) == installed
    assert signal.getsignal(signal.SIGPROF) == before


def _ours(signum, frame):  # a handler of the program that uses framing
    pass


def test_a_handler_of_the_caller_is_put_back():
    previous = signal.signal(signal.SIGPROF, _ours)
    try:
        with pytest.raises(DocumentTimeout), cpu_time_limit(0.05):
            _spin(3.0)
        assert signal.getsignal(signal.SIGPROF) is _ours
        with timeout_handler(), cpu_time_limit(5.0):
            assert signal.getsignal(signal.SIGPROF) is not _ours
        assert signal.getsignal(signal.SIGPROF) is _ours
    finally:
        signal.signal(signal.SIGPROF, previous)


def test_no_handler_when_no_limit_is_needed():
    before = signal.getsignal(signal.SIGPROF)
    with timeout_handler(needed=False):
        assert signal.getsignal(signal.SIGPROF) == before
    assert signal.getsignal(signal.SIGPROF) == before


def test_a_handler_set_outside_python_is_restored_as_the_default(monkeypatch):
    # signal.signal() answers None for a handler that C code installed; it cannot be put
    # back as it is, so the default goes back instead.
    real = signal.signal
    real(signal.SIGPROF, signal.SIG_IGN)
    monkeypatch.setattr(signal, "signal", lambda signum, handler: [real(signum, handler), None][1])
    try:
        with timeout_handler():
            pass
        assert signal.getsignal(signal.SIGPROF) == signal.SIG_DFL
        real(signal.SIGPROF, signal.SIG_IGN)
        with cpu_time_limit(5.0):
            pass
        assert signal.getsignal(signal.SIGPROF) == signal.SIG_DFL
    finally:
        real(signal.SIGPROF, signal.SIG_DFL)
