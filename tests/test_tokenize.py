from hypothesis import given, settings
from hypothesis import strategies as st

from framing.tokenize import paragraph_spans, tokenize, word_tokens


def texts(doc):
    return [s.text for s in doc.sentences]


def test_abbreviations_do_not_end_sentences():
    doc = tokenize("Gen. Lee met Mr. Smith in the U.S. on Jan. 5. They talked.")
    assert texts(doc) == ["Gen. Lee met Mr. Smith in the U.S. on Jan. 5.", "They talked."]


def test_quote_followed_by_lowercase_attribution_stays_one_sentence():
    doc = tokenize('"Why now?" he asked. Nobody answered.')
    assert texts(doc) == ['"Why now?" he asked.', "Nobody answered."]


def test_word_tokens_keep_hyphens_contractions_numbers_and_quotes():
    tokens = [t.text for t in word_tokens("Don’t call it “so-called” aid: 8,500 troops, 3.5% of U.S. forces'")]
    assert tokens == [
        "Don’t", "call", "it", "“", "so-called", "”", "aid", ":", "8,500", "troops", ",",
        "3.5%", "of", "U.S.", "forces", "'",
    ]


def test_norm_is_lowercase_with_straight_apostrophe():
    (token,) = word_tokens("Moscow’s")
    assert token.norm == "moscow's"


def test_offsets_slice_back_on_crlf_tabs_and_unicode():
    text = "Zürich\u00a0 said:\r\n\r\n\t“Ça va” — ok… 😀 مرحبا.\r\nNext line here."
    doc = tokenize(text)
    for sentence in doc.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start:token.end] == token.text
    assert [t.text for t in doc.tokens][:2] == ["Zürich", "said"]


def test_paragraphs_split_on_line_breaks_but_not_hard_wraps():
    text = (
        "Headline\n"
        "This long line of running text goes on and on past sixty characters and\n"
        "continues here in lowercase.\n\nSecond paragraph."
    )
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "Headline",
        text[9:text.index("\n\n")],
        "Second paragraph.",
    ]


def test_empty_and_blank_input():
    assert tokenize("").sentences == ()
    assert tokenize(" \r\n\t ").sentences == ()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_keeps_offsets_and_order(text):
    doc = tokenize(text)
    previous_end = 0
    for sentence in doc.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start:sentence.end] == sentence.text
        previous_end = sentence.end
        for token in sentence.tokens:
            assert sentence.start <= token.start < token.end <= sentence.end
            assert text[token.start:token.end] == token.text
