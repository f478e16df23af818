"""Shared fixtures: the French spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def french_nlp():
    """spaCy ``fr_core_news_sm`` with clausekit's lead-verb fix (slow: loads the model)."""
    from clausekit.lemmas.accurate import french_pipeline

    return french_pipeline()
