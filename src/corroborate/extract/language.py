"""Language identification for article bodies.

We use py3langid, whose wheel ships its trained model (no download at run
time). Its raw scores are log-probabilities; we turn them into a normalized
confidence and return ``None`` when the text is too short or the classifier
is unsure, rather than guessing.
"""

from __future__ import annotations

from functools import lru_cache

#: Shorter texts give unreliable guesses (a headline can look like anything).
MIN_CHARS_FOR_LANGUAGE = 40
#: Normalized probability below which we say "unknown" instead of guessing.
MIN_LANGUAGE_PROBABILITY = 0.6
#: Classifying the first few thousand characters is as accurate as the whole
#: text and keeps the cost flat for very long articles.
SAMPLE_CHARS = 4000
#: ISO 639-2 code the classifier gives for text with no language in it.
NO_LINGUISTIC_CONTENT = "zxx"


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    # py3langid's public ``classify`` returns raw log-scores; its loader is the
    # only way to ask for normalized probabilities we can threshold.
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or ``None`` when unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS_FOR_LANGUAGE:
        return None
    language, probability = _identifier().classify(sample)
    if probability < MIN_LANGUAGE_PROBABILITY or language == NO_LINGUISTIC_CONTENT:
        return None
    return str(language)
