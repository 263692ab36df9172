from framing.tokenize import QuoteIndex, tokenize


def quotes(text):
    return [q.text for q in tokenize(text).quotes]


def test_straight_curly_and_mixed_quotes():
    assert quotes('"One," he said. “Two,” she said. "Three,” they said.') == [
        '"One,"', "“Two,”", '"Three,”',
    ]


def test_quote_spanning_sentences_and_left_open_to_paragraph_end():
    text = '"We will act. We are ready," she said.\n"This goes on\nNext paragraph.'
    assert quotes(text) == ['"We will act. We are ready,"', '"This goes on']


def test_single_curly_quotes_are_not_apostrophes():
    assert quotes("US Says ‘In Lockstep’ With Germany’s Allies") == ["‘In Lockstep’"]


def test_quote_index_containment():
    index = QuoteIndex(list(tokenize('He said "a bold plan" today.').quotes))
    assert index.containing(10, 14) is not None
    assert index.containing(0, 2) is None
