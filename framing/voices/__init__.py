"""Who speaks and who is framed: the voices wing of the pipeline.

- ``actors``: people, countries and institutions the text mentions (gazetteer and names);
- ``attribution``: who said each quotation, and with which verb;
- ``verbs``: the speech verbs and their stance class (neutral, doubt-casting, endorsing);
- ``targets``: at which actor each loaded word is aimed;
- ``speakers``: the article's source and actor tables.

May import the core stages below the scoring pass (``records``, ``tokenize``, ``lexicon``,
``patterns``) and ``errors``; never ``score``, ``analyzer`` or another wing. The scoring
pass (:mod:`framing.score`) runs it.
"""
