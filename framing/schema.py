"""The tables' columns, types and order, written down once.

Every table framing writes (articles, sentences, flags, quotes, actors, frames) has the
columns below, in this order, with these types, whatever the corpus: a category, frame
or moral foundation no document uses is still a column, 0 in every row that has no
error. Metadata columns (``--meta-col``, ``meta=``) follow ``doc_id`` in every table; a
column a lexicon of yours adds (a new category) comes after the fixed ones.

Types map to pandas and Arrow as follows; a missing value is ``<NA>`` in pandas and
null in Parquet, in every column (an error row leaves every result column missing)::

    string        pandas "string"   Arrow string
    int           pandas "Int64"    Arrow int64
    float         pandas "Float64"  Arrow float64
    bool          pandas "boolean"  Arrow bool
    list<T>       object (lists)    Arrow list<T>   (CSV: JSON text)

``docs/schema.md`` is generated from this module (``python -m framing.schema``), and a
test checks that it matches.

>>> [c.name for c in columns("quotes")][:4]
['doc_id', 'sentence_index', 'sentence_no', 'start']
>>> conform([{"doc_id": "a", "start": 1}], "quotes")["start"].dtype
Int64Dtype()
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from framing.categories import FRAME_IDS, LABELS, MORAL_IDS, SUGGESTED
from framing.lazy import lazy_module

pd = lazy_module("pandas")  # imported when a table is first built

#: Bumped whenever a column is renamed, removed, retyped or changes meaning.
SCHEMA_VERSION = "3.0"

STRING, INT, FLOAT, BOOL = "string", "int", "float", "bool"
LIST_STRING = "list<string>"

#: The element types of list columns that hold records: field names and types.
STRUCTS: dict[str, tuple[tuple[str, str], ...]] = {
    "term_count": (("term", STRING), ("count", INT)),
    "frame_share": (("frame", STRING), ("label", STRING), ("share", FLOAT)),
    "foundation": (("foundation", STRING), ("virtue_label", STRING), ("vice_label", STRING),
                   ("virtue", INT), ("vice", INT)),
    "speaker": (("speaker", STRING), ("side", STRING), ("quotes", INT), ("quoted_words", INT),
                ("share_of_quoted_words", FLOAT)),
}

_TYPES_DOC = (
    "Every table has the columns below, in this order, with these types, whatever the "
    "corpus: a category, frame or moral foundation no document uses is still a column, 0 "
    "in every row without an error. Metadata columns (`--meta-col`, `meta=` in the "
    "library, `--meta-from-path`) follow `doc_id` in every table; a column a lexicon of "
    "yours adds (a new category) comes after the fixed ones.",
    "",
    "| type | pandas | Parquet (Arrow) | CSV |",
    "|---|---|---|---|",
    "| string | `string` | string | text |",
    "| int | `Int64` | int64 | number |",
    "| float | `Float64` | float64 | number |",
    "| bool | `boolean` | bool | True/False |",
    "| list<T> | `object` holding Python lists | list<T> (records: struct) | JSON text |",
    "",
    "A missing value is `<NA>` in pandas and null in Parquet (an empty cell in CSV), in "
    "every column (in a list column, whose pandas cells are Python objects, it is `None`); "
    "an error row leaves every result column missing. A metadata column named like a "
    "fixed column is kept as `meta.<name>`.",
)

_PANDAS = {STRING: "string", INT: "Int64", FLOAT: "Float64", BOOL: "boolean"}


@dataclass(frozen=True)
class Column:
    """One column: its name, type, meaning, and its value in a row where nothing was found.

    ``absent`` is what an analysed document (not an error row) gets when the column's
    key is missing from its results: 0 for a rate or count, an empty list for a list.
    ``None`` leaves it missing.
    """

    name: str
    type: str
    doc: str
    absent: Any = None

    @property
    def is_list(self) -> bool:
        return self.type.startswith("list<")


def _c(name: str, type_: str, doc: str, absent: Any = None) -> Column:
    return Column(name, type_, doc, absent)


DOC_ID = _c("doc_id", STRING, "The document's id: the `--id-col` value (`id_col=` in the "
            "library, whatever that column is called), the file path, `file#row`, or the "
            "position in the input (`0`, `1`...).")
SENTENCE_INDEX = _c("sentence_index", INT, "The sentence's position in the document, "
                    "counting from 0 (for code: `analysis.sentences[sentence_index]`).")
SENTENCE_NO = _c("sentence_no", INT, "The same sentence counted from 1, as the terminal, "
                 "the HTML report and its questions number it (`sentence_index + 1`).")
START = _c("start", INT, "Character offset where the span starts in the analysed text.")
END = _c("end", INT, "Character offset where the span ends (exclusive): "
         "`text[start:end]` is the span.")


def _rates(prefix: str, ids: Iterable[str], type_: str, what: str) -> list[Column]:
    zero = 0.0 if type_ == FLOAT else 0
    return [_c(f"{prefix}{key}", type_, what.format(key=key), zero) for key in ids]


def _cue_lists(prefix: str, ids: Iterable[str]) -> list[Column]:
    return [_c(f"{prefix}{key}", LIST_STRING, f"Top cue words of `{key}`.", ()) for key in ids]


ARTICLES = [
    DOC_ID,
    _c("schema_version", STRING, "The version of this schema the table was written with."),
    _c("slant_score", FLOAT, "Slant from 0 (neutral wording) to 100 (strongly slanted); "
       "missing for a text that is not judged (see `slant_label`)."),
    _c("slant_label", STRING, "The slant score in words, or why there is none: `too short "
       "to judge`, `only quoted speech: not judged`, `not an article: not judged`."),
    _c("slant_confidence", FLOAT, "How sure the verdict is, 0 to 1; missing when not judged."),
    _c("slant_explanation", STRING, "One sentence on how the score was reached."),
    _c("slant_method", STRING, "What produced the score (`classifier+density`, "
       "`flag-density`, or `not judged`)."),
    _c("n_words", INT, "Words in the document."),
    _c("n_sentences", INT, "Sentences in the document."),
    _c("n_flags", INT, "Flags of every voice and layer, negated ones included (the rows "
       "of the flags table); every other count and rate leaves negated flags out."),
    _c("voice.author", INT, "Flags in the author's own voice (not negated).", 0),
    _c("voice.quoted", INT, "Flags inside quotations (not negated).", 0),
    _c("voice.distanced", INT, "Loaded words the writer marks as someone else's "
       "(\"perceived\", \"so-called\", scare quotes).", 0),
    _c("n_loaded_author_flags", INT,
       "Loaded flags in the author's own voice: what the verdict counts.", 0),
    _c("loaded_author_flags_per_1000_words", FLOAT,
       "Those loaded author flags per 1,000 words.", 0.0),
    *_rates("author_flags_per_1000_words.", [c for c in LABELS if c != SUGGESTED], FLOAT,
            "Author-voice flags of category `{key}` per 1,000 words (0 when none)."),
    _c("top_terms", "list<term_count>", "The most frequent flagged terms and their counts.", ()),
    _c("n_quotes", INT, "Quotations and reported statements."),
    _c("quoted_word_share", FLOAT, "Share of the words that are inside quotations."),
    _c("frames.primary", STRING, "The policy frame with the largest share (missing if none)."),
    _c("frames.primary_label", STRING, "Its readable name."),
    _c("frames.primary_share", FLOAT, "Its share of the article's frame profile."),
    _c("frames.next", "list<frame_share>", "The frames after the primary one.", ()),
    *_rates("frames.distribution.", FRAME_IDS, FLOAT,
            "Share of the article's policy-frame profile held by `{key}` (0 when none)."),
    _c("frames.n_framed_sentences", INT, "Sentences with at least one frame cue."),
    _c("frames.n_sentences", INT, "Sentences considered for frames."),
    *_cue_lists("frames.top_cues.", FRAME_IDS),
    *_rates("moral.counts.", MORAL_IDS, INT, "Moral-foundation cues of `{key}` (0 when none)."),
    *_rates("moral.per_1000_words.", MORAL_IDS, FLOAT,
            "Moral-foundation cues of `{key}` per 1,000 words (0 when none)."),
    _c("moral.foundations", "list<foundation>", "Virtue and vice cue counts per foundation.",
       ()),
    _c("moral.primary", STRING, "The foundation side with the most cues (missing if none)."),
    *_cue_lists("moral.top_cues.", MORAL_IDS),
    _c("sources.n_sources", INT, "Distinct speakers quoted or reported."),
    _c("sources.n_sides", INT, "Distinct sides those speakers belong to."),
    _c("sources.speakers", "list<speaker>", "Each speaker: side, quotes, quoted words, share.",
       ()),
    _c("sources.anonymous_attributions", INT,
       "Quotations and reports credited to an unnamed source (\"officials said\")."),
    _c("sources.unattributed_quotes", INT, "Direct quotations without a speaker."),
    _c("sources.headline_quotes", INT, "Quotations in the headline (they name no speaker)."),
    _c("sources.scare_quotes", INT, "Short quoted phrases with no speaker (scare quotes)."),
    _c("error", STRING, "Why the document could not be analysed; missing when it was."),
]

SENTENCES = [
    DOC_ID, SENTENCE_INDEX, SENTENCE_NO,
    _c("paragraph", INT, "The paragraph the sentence is in, counting from 0."),
    _c("role", STRING, "`body`, `headline`, `byline`, `dateline` or `furniture`; only "
       "headline and body sentences are scored and flagged."),
    START, END,
    _c("text", STRING, "The sentence."),
    _c("slant_probability", FLOAT, "The classifier's probability that the sentence is "
       "slanted (missing without a model)."),
    _c("quoted_share", FLOAT, "Share of the sentence's words inside quotations."),
    _c("top_features", LIST_STRING, "The features that pushed its probability most."),
    _c("n_flags", INT, "Flags in the sentence, negated ones included."),
    _c("n_author_flags", INT, "Flags in the author's own voice, not negated."),
    _c("quoted", BOOL, "Whether a quotation is attributed in this sentence."),
]

FLAGS = [
    DOC_ID, SENTENCE_INDEX, SENTENCE_NO, START, END,
    _c("text", STRING, "The flagged words as written."),
    _c("category", STRING, "The kind of wording (see the lexicon README)."),
    _c("term", STRING, "The lexicon entry or pattern that matched."),
    _c("weight", FLOAT, "How strongly the entry signals slant."),
    _c("polarity", INT, "-1 negative, 0 neutral, 1 positive."),
    _c("voice", STRING, "`author`, `quoted` or `distanced`."),
    _c("rationale", STRING, "Why the wording was flagged."),
    _c("alternative", STRING, "A more neutral wording."),
    _c("lexicon", STRING, "The lexicon file or pattern scorer that flagged it."),
    _c("target", STRING, "The actor the wording is aimed at, if known."),
    _c("negated", BOOL, "Whether the wording is negated."),
    _c("layer", STRING, "`loaded` (counts toward the verdict) or `device`."),
    _c("confidence", FLOAT, "Probability that a media-bias annotator would mark the span, "
       "when known."),
    _c("reported", BOOL, "An author-voice flag inside reported speech (\"officials said the "
       "reckless plan ...\"): the writer's paraphrase of someone else."),
]

QUOTES = [
    DOC_ID, SENTENCE_INDEX, SENTENCE_NO, START, END,
    _c("text", STRING, "The quoted or reported words."),
    _c("speaker", STRING, "Who is quoted, if found."),
    _c("verb", STRING, "The attribution verb."),
    _c("verb_class", STRING, "`neutral`, `doubt-casting` or `endorsing`."),
    _c("kind", STRING, "`direct`, `partial`, `scare`, `indirect` or `headline`."),
    _c("speaker_actor", STRING, "The actor the speaker resolves to."),
    _c("speaker_kind", STRING, "`named`, `description` (\"a league spokesman\"), `anonymous` "
       "(\"officials said\"); missing without a speaker."),
]

ACTORS = [
    DOC_ID,
    _c("actor", STRING, "The actor's name."),
    _c("kind", STRING, "`name`, `country`, `institution`..."),
    _c("side", STRING, "The side the actor belongs to."),
    _c("mentions", INT, "Times mentioned."),
    _c("quotes", INT, "Times quoted directly."),
    _c("reported", INT, "Times reported without quotation marks."),
    _c("quoted_words", INT, "Words quoted from the actor."),
    _c("verbs_neutral", INT, "Neutral attribution verbs used of the actor."),
    _c("verbs_doubt_casting", INT, "Doubt-casting attribution verbs."),
    _c("verbs_endorsing", INT, "Endorsing attribution verbs."),
    _c("aimed_negative", INT, "Negative author-voice words aimed at the actor."),
    _c("aimed_positive", INT, "Positive author-voice words aimed at the actor."),
    _c("aimed_negative_terms", LIST_STRING, "Those negative words."),
    _c("aimed_positive_terms", LIST_STRING, "Those positive words."),
]

FRAMES = [
    DOC_ID, SENTENCE_INDEX, SENTENCE_NO,
    _c("kind", STRING, "`policy` or `moral`."),
    _c("frame", STRING, "A frame id, or a foundation and side such as `care_vice`."),
    _c("share", FLOAT, "Share of the sentence's policy-cue weight, or of its moral cues."),
    _c("weight", FLOAT, "Summed cue weight."),
    _c("n_cues", INT, "Cues matched."),
    _c("cues", LIST_STRING, "The matched words."),
]

TABLES: dict[str, list[Column]] = {
    "articles": ARTICLES, "sentences": SENTENCES, "flags": FLAGS,
    "quotes": QUOTES, "actors": ACTORS, "frames": FRAMES,
}
_BY_NAME = {table: {c.name: c for c in cols} for table, cols in TABLES.items()}
_RESERVED = frozenset(c.name for cols in TABLES.values() for c in cols)


def meta_cells(meta: dict[str, Any]) -> dict[str, Any]:
    """Metadata as row cells; a key named like any fixed column becomes ``meta.<key>``,
    and a name taken already gets a number (no value is lost; batch refuses such
    columns up front: :func:`meta_collisions`).

    >>> meta_cells({"outlet": "A", "text": "x"})
    {'outlet': 'A', 'meta.text': 'x'}
    >>> meta_cells({"text": "x", "meta.text": "y"})
    {'meta.text': 'x', 'meta.text.2': 'y'}
    """
    cells: dict[str, Any] = {}
    for key, value in meta.items():
        name = meta_cell_name(key)
        if name in cells:
            number = 2
            while f"{name}.{number}" in cells:
                number += 1
            name = f"{name}.{number}"
        cells[name] = value
    return cells


def meta_cell_name(key: str) -> str:
    """The column a metadata key is written as."""
    return f"meta.{key}" if key in _RESERVED else key


def meta_collisions(keys: Sequence[str]) -> list[tuple[str, str, str]]:
    """Pairs of metadata keys written as one column: ``(first, second, column)``.

    >>> meta_collisions(["text", "outlet", "meta.text"])
    [('text', 'meta.text', 'meta.text')]
    """
    seen: dict[str, str] = {}
    found = []
    for key in keys:
        name = meta_cell_name(key)
        if name in seen and seen[name] != key:
            found.append((seen[name], key, name))
        seen.setdefault(name, key)
    return found


def columns(table: str) -> list[Column]:
    """The fixed columns of a table, in order."""
    return TABLES[table]


def names(table: str, meta: Sequence[str] = ()) -> list[str]:
    """Column names in order: ``doc_id``, the metadata columns, then the fixed ones."""
    fixed = [c.name for c in TABLES[table]]
    return [fixed[0], *(m for m in meta if m not in _RESERVED), *fixed[1:]]


# --- pandas -------------------------------------------------------------------------


def _layout(rows: list[dict[str, Any]], table: str, meta: Sequence[str]
            ) -> tuple[list[str], list[str], list[bool] | None]:
    """The schema's column order, the extra keys of ``rows`` (a category from a lexicon
    of yours) in first-seen order, and, for articles, which rows are not errors."""
    order = names(table, meta)
    known = set(order)
    extras: list[str] = []
    if set().union(*rows) - known:
        extras = list(dict.fromkeys(k for row in rows for k in row if k not in known))
    ok = [row.get("error") is None for row in rows] if table == "articles" else None
    return order, extras, ok


def conform(rows: list[dict[str, Any]], table: str, meta: Sequence[str] = (),
            meta_types: dict[str, Any] | None = None) -> pd.DataFrame:
    """Rows as a table of the schema: fixed columns and types, metadata after ``doc_id``.

    In an articles row without an error, a rate, count or list the document lacks gets
    its ``absent`` value (0, an empty list). Keys outside the schema and ``meta`` (a
    category from a lexicon of yours) become extra columns at the end. ``meta_types``
    sets the metadata columns' dtypes, so that a batch's tables agree with its articles.
    """
    order, extras, ok = _layout(rows, table, meta)
    # Built column by column from Python values: one conversion per column, no object
    # DataFrame first (this runs once per batch chunk and table).
    typed = {c.name: _typed([row.get(c.name) for row in rows], c, ok) for c in TABLES[table]}
    for name in order + extras:
        if name not in typed:
            typed[name] = _plain_column(pd.Series([row.get(name) for row in rows], dtype=object))
    for name, dtype in (meta_types or {}).items():
        if name in typed and typed[name].dtype != dtype:
            typed[name] = typed[name].astype(dtype)
    return pd.DataFrame(typed, columns=order + extras, index=pd.RangeIndex(len(rows)))


def arrow_table(rows: list[dict[str, Any]], table: str, meta: Sequence[str] = (),
                meta_types: dict[str, Any] | None = None):
    """Rows as an Arrow table of the schema, built straight from the Python values: the
    columns, types, absent values and metadata of :func:`conform` and
    :func:`arrow_schema_for`, without a pandas table in between (batch's Parquet parts).
    ``meta_types`` are Arrow types of the metadata columns (the articles table's)."""
    import pyarrow as pa

    order, extras, ok = _layout(rows, table, meta)
    fixed = _BY_NAME[table]
    arrays = {}
    for name in order + extras:
        values = [row.get(name) for row in rows]
        column = fixed.get(name)
        arrays[name] = (_arrow_fixed(values, column, ok) if column is not None
                        else _arrow_plain(values))
    for name, type_ in (meta_types or {}).items():
        if name in arrays and arrays[name].type != type_:
            arrays[name] = _cast_or_keep(arrays[name], type_)
    fields = [pa.field(n, arrays[n].type) for n in order + extras]
    schema = pa.schema(fields, metadata={"framing_schema_version": SCHEMA_VERSION,
                                         "pandas": _pandas_metadata(fields)})
    return pa.Table.from_arrays([arrays[n] for n in order + extras], schema=schema)


def _pandas_metadata(fields: list) -> bytes:
    """The ``pandas`` entry of a Parquet file's metadata, so that ``pd.read_parquet``
    gives the nullable dtypes the pandas tables have (Int64, Float64, string, boolean)."""
    import pyarrow as pa

    def dtype(type_) -> str:
        for test, name in ((pa.types.is_integer, "Int64"), (pa.types.is_floating, "Float64"),
                           (pa.types.is_boolean, "boolean"), (pa.types.is_string, "string"),
                           (pa.types.is_large_string, "string")):
            if test(type_):
                return name
        return "object"

    empty = pd.DataFrame({f.name: pd.Series([], dtype=dtype(f.type)) for f in fields})
    return pa.Schema.from_pandas(empty, preserve_index=False).metadata[b"pandas"]


def _cast_or_keep(array, type_):
    """``array`` as ``type_`` (the articles table's type of a metadata column) when it
    converts; all missing becomes missing of that type."""
    import pyarrow as pa

    if array.null_count == len(array):
        return pa.nulls(len(array), type_)
    try:
        return array.cast(type_)
    except (pa.ArrowException, TypeError, ValueError):
        return array


def _arrow_fixed(values: list[Any], column: Column, ok: list[bool] | None):
    import pyarrow as pa

    type_ = arrow_type(column.type)
    try:
        if ok is not None and column.absent is not None:
            absent = column.absent
            values = [(list(absent) if column.is_list else absent) if v is None and good else v
                      for v, good in zip(values, ok, strict=True)]
        if column.is_list:
            values = [list(v) if isinstance(v, (list, tuple)) else None for v in values]
        return pa.array(values, type=type_, from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError, UnicodeEncodeError):
        # Text given for a number, a lone surrogate...: as the pandas path converts it.
        series = _typed(values, column, ok)
        return pa.Array.from_pandas(series, type=type_)


def _arrow_plain(values: list[Any]):
    """A metadata or extra column typed by its values (text when they are mixed or
    all missing), as the pandas path types it."""
    import pyarrow as pa

    if any(isinstance(v, (list, tuple, dict)) for v in values):
        values = [_without_surrogates(v) for v in values]
        try:
            return pa.array(values, from_pandas=True)
        except (pa.ArrowException, TypeError, ValueError):
            return pa.array([None if v is None else str(v) for v in values], pa.large_string())
    try:
        found = pa.array(values, from_pandas=True)
    except (pa.ArrowException, TypeError, ValueError, UnicodeEncodeError):
        found = pa.array([None if _missing(v) else _without_surrogates(str(v)) for v in values],
                         pa.large_string())
    # Text as pandas' Arrow-backed strings write it (large_string); all missing is text.
    if pa.types.is_null(found.type) or pa.types.is_string(found.type):
        return found.cast(pa.large_string())
    return found


def problems(frame: pd.DataFrame, table: str) -> list[str]:
    """How a DataFrame departs from the schema of ``table`` (empty when it conforms).

    The fixed columns must all be there, in order (metadata may sit after ``doc_id``,
    extra columns at the end), with their pandas types; list cells must be lists.
    """
    found: list[str] = []
    fixed = [c.name for c in TABLES[table]]
    present = [c for c in frame.columns if c in _BY_NAME[table]]
    if present != fixed:
        missing = [c for c in fixed if c not in present]
        found.append(f"columns missing or out of order: {missing or present}")
    for name in present:
        column = _BY_NAME[table][name]
        if column.is_list:
            bad = frame[name].map(lambda v: v is not None and not isinstance(v, list))
            if bad.any():
                found.append(f"{name}: cells that are not lists")
        elif str(frame[name].dtype) != str(pd.Series([], dtype=_PANDAS[column.type]).dtype):
            found.append(f"{name}: dtype {frame[name].dtype}, not {_PANDAS[column.type]}")
    return found


def table_columns(table: str) -> dict[str, Column]:
    """The fixed columns of a table by name."""
    return dict(_BY_NAME[table])


def typed_column(values: pd.Series, column: Column) -> pd.Series:
    """A column read back from CSV or Parquet with the type the schema gives it: list
    cells (JSON text in CSV) as lists, numbers and booleans from text, missing as NA."""
    if column.is_list:
        return values.map(_list_cell).astype(object)
    if column.type in (INT, FLOAT):
        return pd.to_numeric(values, errors="coerce").astype(_PANDAS[column.type])
    if column.type == BOOL:
        truth = {"true": True, "false": False, "1": True, "0": False}
        return values.map(lambda v: v if isinstance(v, bool) or v is None or v is pd.NA
                          else truth.get(str(v).lower())).astype("boolean")
    return values.map(lambda v: None if _missing(v) else str(v)).astype("string")


def _list_cell(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, tuple):
        value = list(value)
    return value if isinstance(value, list) else None


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _typed(values: list[Any], column: Column, ok: list[bool] | None) -> pd.Series:
    if ok is not None and column.absent is not None:
        absent = column.absent
        values = [(list(absent) if column.is_list else absent) if v is None and good else v
                  for v, good in zip(values, ok, strict=True)]
    if column.is_list:
        cells = [list(v) if isinstance(v, (list, tuple)) else None for v in values]
        return pd.Series(cells, dtype=object)
    dtype = _PANDAS[column.type]
    try:
        return pd.Series(pd.array(values, dtype=dtype))
    except UnicodeEncodeError:  # a lone surrogate, which Arrow-backed strings cannot hold
        return pd.Series(pd.array([_without_surrogates(v) for v in values], dtype=dtype))
    except (TypeError, ValueError):  # e.g. a number given as text: let pandas convert it
        return pd.Series(values, dtype=object).astype(dtype)


def _plain_column(values: pd.Series) -> pd.Series:
    """A metadata or extra column with pandas' nullable types (missing is ``<NA>``)."""
    if values.map(lambda v: isinstance(v, (list, tuple, dict))).any():
        return values.astype(object)
    if values.isna().all():  # nothing to infer from (a table with no rows): text
        return values.astype("string")
    try:
        return values.convert_dtypes()
    except UnicodeEncodeError:
        return values.map(_without_surrogates).convert_dtypes()


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    """A string's lone surrogates (which UTF-8 cannot encode) as U+FFFD, one for one,
    so offsets still index the text."""
    return _LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def to_csv_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with its list cells as JSON text, for CSV (which has no lists)."""
    lists = [c for c in frame.columns if frame[c].dtype == object
             and frame[c].map(lambda v: isinstance(v, (list, tuple, dict))).any()]
    if not lists:
        return frame
    as_json = {c: frame[c].map(lambda v: _without_surrogates(json.dumps(v, ensure_ascii=False))
                               if isinstance(v, (list, tuple, dict)) else v) for c in lists}
    return frame.assign(**as_json)


# --- Arrow --------------------------------------------------------------------------


def arrow_type(type_: str):
    """The Arrow type of a schema type name."""
    import pyarrow as pa

    scalars = {STRING: pa.string(), INT: pa.int64(), FLOAT: pa.float64(), BOOL: pa.bool_()}
    if type_ in scalars:
        return scalars[type_]
    inner = type_[len("list<"):-1]
    if inner in STRUCTS:
        return pa.list_(pa.struct([(n, arrow_type(t)) for n, t in STRUCTS[inner]]))
    return pa.list_(arrow_type(inner))


def arrow_schema(table: str):
    """The fixed columns of a table as a ``pyarrow.schema`` (without metadata columns)."""
    import pyarrow as pa

    return pa.schema([(c.name, arrow_type(c.type)) for c in TABLES[table]],
                     metadata={"framing_schema_version": SCHEMA_VERSION})


def arrow_problems(arrow_table_schema: Any, table: str) -> list[str]:
    """How a Parquet file's Arrow schema departs from the fixed columns of ``table``."""
    found = []
    for column in TABLES[table]:
        if column.name not in arrow_table_schema.names:
            found.append(f"{column.name}: missing")
        elif arrow_table_schema.field(column.name).type != arrow_type(column.type):
            found.append(f"{column.name}: {arrow_table_schema.field(column.name).type}, "
                         f"not {arrow_type(column.type)}")
    return found


def arrow_schema_for(frame: pd.DataFrame, table: str):
    """The Arrow schema to write a conformed DataFrame with: fixed columns typed by the
    schema, metadata and extra columns by their values, ``framing_schema_version`` in the
    file's metadata."""
    import pyarrow as pa

    fixed = _BY_NAME[table]
    others = [c for c in frame.columns if c not in fixed]
    inferred = pa.Schema.from_pandas(frame[others], preserve_index=False) if others else None
    fields = [pa.field(c, arrow_type(fixed[c].type)) if c in fixed else inferred.field(c)
              for c in frame.columns]
    return pa.schema(fields, metadata={"framing_schema_version": SCHEMA_VERSION})


# --- documentation ------------------------------------------------------------------


def markdown() -> str:
    """``docs/schema.md``: every table's columns, types and meanings."""
    lines = [
        "# Table schema",
        "",
        "<!-- Generated by `python -m framing.schema > docs/schema.md`; do not edit. -->",
        "",
        f"Schema version **{SCHEMA_VERSION}** (the `schema_version` column of the articles "
        "table, `framing_schema_version` in every Parquet file's metadata, "
        "`schema_version` in JSON output).",
        "",
        *_TYPES_DOC,
        "",
        "Sentences are numbered twice: `sentence_index` counts from 0 (for code) and "
        "`sentence_no` from 1 (for people). Paragraphs count from 0.",
        "",
        "The id column is always called `doc_id`, whatever the input's id column is "
        "called (`--id-col url` fills `doc_id` with the urls).",
        "",
        "Read a run's tables back with `framing.read_tables(OUTDIR)` (or one with "
        "`framing.read_table(path)`): from CSV or Parquet, they come back with the types "
        "below and list columns as Python lists, which `framing.schema.problems()` "
        "accepts. CSV written with the formula guard (the default) keeps a leading `'` "
        "on cells that start with `=`, `+`, `-` or `@`; `framing batch --no-csv-safe` "
        "writes text as it is. Every run folder also holds `provenance.json` (framing "
        "version, lexicon, model and input SHA-256s, settings, library versions), and "
        "every Parquet file the same record under the metadata key `framing_provenance`.",
        "",
        "A text that is not judged (`slant_label` *too short to judge*, *only quoted "
        "speech: not judged* or *not an article: not judged*) has no `slant_score` or "
        "`slant_confidence`. A negated flag counts in `n_flags` only: every other count "
        "and rate leaves it out.",
        "",
        "Record types inside list columns:",
        "",
    ]
    for name, fields in STRUCTS.items():
        inner = ", ".join(f"`{n}` {t}" for n, t in fields)
        lines.append(f"- `{name}`: {inner}")
    for table, cols in TABLES.items():
        lines += ["", f"## {table}", "", "| column | type | absent | meaning |",
                  "|---|---|---|---|"]
        for c in cols:
            absent = "" if c.absent is None else ("[]" if c.is_list else str(c.absent))
            lines.append(f"| `{c.name}` | {c.type} | {absent} | {c.doc} |")
            if c is DOC_ID:
                lines.append("| *(metadata)* | any | | the `--meta-col`, `--meta-from-path` "
                             "and `meta=` columns, in the order given |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")

