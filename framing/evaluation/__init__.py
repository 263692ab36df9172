"""Training and measuring: the models against labelled data, frames and quotes against gold sets.

- ``data``: labelled tables and annotated words, and matching flags against them;
- ``train``: training and cross-validating the sentence slant classifier;
- ``train_words``: training and cross-validating the expert-word flagger;
- ``evaluate``: word-level agreement of flags with experts' marked words;
- ``frames``: primary-frame accuracy on a gold set;
- ``quotes``: quotes, speakers, stance and targets on gold sets;
- ``gold/``: the gold sets written for framing.

Evaluation depends on training, never the reverse; ``data`` sits below both. May import
``analyzer`` and everything below it; never ``report``, ``corpus`` or ``cli``.
"""
