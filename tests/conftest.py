"""Fixtures shared by the test modules."""

import pytest

from components.language_detector import LanguageDetector


@pytest.fixture(scope="session")
def detector():
    """The NLU's language detector, to check which language an answer is in."""
    return LanguageDetector(LanguageDetector.get_default_config())
