"""Training and evaluation: annotations, shared corpora, cross-validation, model building."""
