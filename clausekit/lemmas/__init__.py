"""Lemmas: the fast tokenizer and lemma tables, the accurate spaCy path, the scikit-learn featurizer."""
