import pytest

from framing.errors import LexiconError
from framing.lexicon import (
    Lexicon,
    builtin_files,
    inflect,
    load_lexicon,
    parse_lexicon,
    read_lexicon_file,
    surface_forms,
)

HEADER = "term\tcategory\tweight\tpolarity\trationale\talternative\n"


def parse(body: str, header: str = HEADER):
    return parse_lexicon((header + body).encode("utf-8"), "user.tsv")


def error_of(body: str, header: str = HEADER) -> LexiconError:
    with pytest.raises(LexiconError) as info:
        parse(body, header)
    return info.value


def test_every_shipped_lexicon_parses():
    assert builtin_files(), "no lexicon ships with the package"
    lexicon = load_lexicon()
    assert len(lexicon) > 0
    for entry in lexicon.entries:
        assert entry.term == entry.term.lower().strip()
        assert 0 <= entry.weight <= 1 and entry.polarity in (-1, 0, 1)
        assert entry.rationale or entry.is_exception


def test_parse_reads_all_columns_and_comments():
    (entry,) = parse("# a comment\nbrazen\tloaded_negative\t0.6\t-1\tShameless.\tbold\n\n")
    assert (entry.term, entry.category, entry.weight, entry.polarity) == ("brazen", "loaded_negative", 0.6, -1)
    assert entry.rationale == "Shameless." and entry.alternative == "bold"
    assert entry.line == 3


@pytest.mark.parametrize(
    ("body", "line", "column", "words"),
    [
        ("brazen\tloaded\t0.6\t-1\n", 2, 5, "missing column 'rationale'"),
        ("brazen\tloaded\theavy\t-1\tWhy.\t\n", 2, 3, "not a number"),
        ("brazen\tloaded\t1.5\t-1\tWhy.\t\n", 2, 3, "outside 0 to 1"),
        ("brazen\tloaded\t0.5\t2\tWhy.\t\n", 2, 4, "must be -1, 0 or 1"),
        ("brazen\tLoaded!\t0.5\t1\tWhy.\t\n", 2, 2, "category"),
        ("brazen\tloaded\t0.5\t1\t\t\n", 2, 5, "needs a rationale"),
        ("brazen\tloaded\t0.5\t1\tWhy.\t\textra\n", 2, 7, "stray tab"),
        ("\tloaded\t0.5\t1\tWhy.\t\n", 2, 1, "empty term"),
        ("brazen\tloaded\t0.5\t-1\tWhy.\t\nBrazen\tloaded\t0.9\t-1\tWhy.\t\n", 3, 1, "already defined on line 2"),
    ],
)
def test_bad_rows_name_line_and_column(body, line, column, words):
    err = error_of(body)
    assert (err.line, err.column) == (line, column)
    assert words in str(err)
    assert str(err).startswith(f"user.tsv:{line}:{column}: ")


def test_identical_duplicate_rows_are_tolerated():
    assert len(parse("a\tx\t0.5\t1\tWhy.\t\na\tx\t0.5\t1\tWhy.\t\n")) == 1


def test_missing_header_column_is_reported_on_line_one():
    err = error_of("brazen\tloaded\t0.5\n", header="term\tcategory\tweight\n")
    assert (err.line, err.column) == (1, 4) and "polarity" in str(err)


def test_non_utf8_byte_is_located():
    data = (HEADER + "ok\tx\t0.5\t1\tWhy.\t\ncaf").encode() + b"\xe9\tx\t0.5\t1\tWhy.\t\n"
    with pytest.raises(LexiconError) as info:
        parse_lexicon(data, "latin.tsv")
    assert (info.value.line, info.value.column) == (3, 4)
    assert "not UTF-8" in str(info.value)


def test_missing_and_directory_files(tmp_path):
    with pytest.raises(LexiconError, match="no such lexicon file"):
        read_lexicon_file(tmp_path / "nope.tsv")
    with pytest.raises(LexiconError, match="directory"):
        read_lexicon_file(tmp_path)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("slam", {"slams", "slammed", "slamming"}),
        ("smear", {"smears", "smeared", "smearing"}),
        ("rage", {"rages", "raged", "raging"}),
        ("bully", {"bullies", "bullied", "bullying"}),
        ("lambast", {"lambasts", "lambasted", "lambasting"}),
        ("bash", {"bashes", "bashed", "bashing"}),
        ("tie", {"ties", "tied", "tying"}),
        ("rat", {"rats", "ratted", "ratting"}),
    ],
)
def test_inflection_rule(word, expected):
    assert inflect(word) == expected


def test_forms_column_exact_and_irregular():
    assert surface_forms("bellicose", "exact") == ("bellicose",)
    assert set(surface_forms("lash out", "")) >= {"lash out", "lashed out", "lashes out"}
    assert set(surface_forms("go", "went|gone")) == {"go", "went", "gone"}


def test_matching_is_case_insensitive_longest_and_honours_exceptions(toy_lexicon_file):
    lexicon = Lexicon(read_lexicon_file(toy_lexicon_file))
    norms = "the regime made a power grab under the tax regime and went on".split()
    found = [(m.start, m.end, m.entries[0].term) for m in lexicon.match(norms)]
    assert found == [(1, 2, "regime"), (4, 6, "power grab"), (11, 12, "go")]
    assert lexicon.lookup("POWER GRABS")[0].term == "power grab"


def test_possessive_form_matches_the_base_entry(toy_lexicon_file):
    lexicon = Lexicon(read_lexicon_file(toy_lexicon_file))
    assert [m.entries[0].term for m in lexicon.match(["the", "regime's", "army"])] == ["regime"]


def test_user_entry_overrides_shipped_entry(tmp_path):
    shipped = load_lexicon()
    term = shipped.entries[0].term
    user = tmp_path / "mine.tsv"
    user.write_text(HEADER + f"{term}\tmy_category\t0.1\t0\tMine.\t\n", encoding="utf-8")
    merged = load_lexicon([user])
    assert [e.category for e in merged.lookup(term)] == ["my_category"]
    assert len(load_lexicon([user], builtin=False)) == 1


def test_every_shipped_category_is_documented():
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "lexicons" / "README.md").read_text(encoding="utf-8")
    for category in load_lexicon().categories():
        assert category in readme, f"category {category!r} is not described in lexicons/README.md"
