"""How slanted: the sentence classifier, its features and the article score.

- ``features``: our flags as scikit-learn features (:class:`LexiconFeatures`);
- ``tokens``: hashed token and n-gram features of the sentence model;
- ``sentence``: the stacked sentence classifier (:class:`StackedSlantClassifier`);
- ``article``: the 0-100 article score and its explanation;
- ``modelfile``: saving and loading models with their cards and SHA-256;
- ``words``: the learned expert-word flagger (``--expert-words``).

May import the core stages (``score`` and below) and ``voices``; never ``analyzer``,
``report``, ``corpus``, ``evaluation`` or ``cli``. Model pickles name classes by these
module paths, so moving a pickled class means re-saving the shipped models.
"""
