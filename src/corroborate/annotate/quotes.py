"""Attributed quotes: who said what in an article, with exact character spans.

Part of the ``annotate`` stage. :func:`find_quotes` reads an article's clean
text (and its spaCy ``Doc`` from :mod:`corroborate.annotate.nlp`) and returns
one :class:`Quote` per attribution:

- **direct** quotes are found by pairing quote marks (curly ``“ ”``, straight
  ``"``, and the typewriter/archive pairs ````…''`` and ``''…''``; stray marks
  are ignored), then looking for a reporting verb right after the closing mark
  (``“…,” a U.S. official told reporters``) or right before the opening one
  (``she said, “…”``, ``He said:`` ending the previous paragraph). A quote
  with no cue of its own continues the previous speaker in the same paragraph
  (``“…,” he said. “…”``), and a quote left open at the end of a paragraph
  continues into the next paragraph when that one opens with a quote mark (the
  newspaper convention). Transcript labels (``WALLACE: …``) and dash
  signatures (``“…” ― Jane Doe``) name speakers too.
- **indirect** quotes come from the dependency parse: a reporting verb with a
  clausal complement (``X told reporters that …``, ``X stressed that …``), a
  closing or parenthetical cue (``…, the official said.``, ``…, Graham said,
  since …``), ``…, according to X`` (the whole
  sentence around the phrase), ``As X reported, …``, ``X urged Congress to
  act``, and speech nouns (``Trump's claim that …``). Withheld speech (``did
  not say``, ``declined to say``) is skipped. A plain noun saying something
  is a source (``the pastor said``, ``polls show``) unless the cue usually
  takes a thing as subject (``the incident underscored how …``). Mental states
  (``believes``, ``thinks``) are not reported speech and are left out.

Speakers are resolved to a name: a person named earlier in full (``Ms. Singh``
-> ``Sabrina Singh``, ``the mayor, Karen Bass`` -> ``Karen Bass``), a described
anonymous source (``a U.S. official who spoke on the condition of anonymity``
-> ``U.S. official (anonymous)``; ``the official`` -> the most recent official
mentioned), a document named after its issuer (``the statement`` -> ``joint
statement by Washington and Baghdad``), an organization, or for a pronoun the
most recent compatible person or source, preferring grammatical subjects, with
each person's gender learned from the article's own pronouns.

spaCy has no quotation component and the libraries that do (textacy) find only
direct quotes with a verb next to the marks, without multi-paragraph quotes,
indirect speech or speaker resolution, so this module is written on top of the
parse with a few general rules. The window sizes below were set by reading
news text. Which patterns to cover was decided by their measured gain on the
PolNeAR *train* split (``run_attribution_benchmark(root, split="train")``);
the dev split that ``corroborate bench attribution`` records is held out and
was only measured to check. No rule is fitted to particular files or names.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corroborate.annotate.cues import (
    ANONYMITY_MARKERS,
    ANONYMOUS_NOUNS,
    CLAUSE_ONLY_CUES,
    CUE_FORMS,
    DIRECT_CUE_FORMS,
    DOCUMENT_NOUNS,
    FEMALE_MARKERS,
    FIRST_PERSON_PRONOUNS,
    HONORIFICS,
    DIRECTIVE_CUES,
    INTENT_CUES,
    MALE_MARKERS,
    NOMINAL_CUES,
    ORGANIZATION_NOUNS,
    PARTICLE_CUES,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    QUANTITY_NOUNS,
    THING_PRONOUNS,
    THING_SUBJECT_CUES,
)
from corroborate.annotate.nlp import token_starts
from corroborate.model import Quote, Span

__all__ = ["Quote", "QuoteMarks", "find_quotes", "pair_quote_marks", "parse_paragraphs"]

#: Opening, closing and ambiguous (straight) double quote marks.
OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
STRAIGHT_MARKS = '"'

#: How far (in tokens) after a closing quote mark the cue may sit; covers
#: ``,” a U.S. official who spoke on the condition of anonymity told reporters``
#: and ``,” Jane Doe, director of a long-named institute and a professor at …, said``.
MAX_TAIL_TOKENS = 40
#: How far (in tokens) before an opening quote mark the cue may sit; covers
#: ``a senior official, when asked about …, said, “…``.
MAX_HEAD_TOKENS = 40
#: A name after a dash (``” — Jane Doe, teacher``) is a source only when short.
MAX_DASH_SOURCE_TOKENS = 12
DASHES = {"—", "―", "–", "-", "--"}
#: ``…, the official said on Friday in a statement.``: how long the words after
#: a closing cue may run, and what they may be (time, place, manner, agent).
MAX_TRAILING_TOKENS = 14
_TRAILING_DEPS = {"prep", "npadvmod", "advmod", "punct", "agent", "tmod", "nsubj", "advcl", "prt"}
#: When the parse gives a cue no subject, a source noun this close before it stands in.
MAX_SUBJECT_GAP = 4
#: A speaker label opening a transcript paragraph: ``WALLACE:``, ``SEN. KAINE:``.
_SPEAKER_LABEL = re.compile(r"[ \t]*[\"“]?(?P<label>[A-Z][\w.'’\- ]{0,40}?)[ \t]*(?P<colon>:)[ \t]+(?=\S)")
#: Paragraph openers that look like labels but name no speaker.
NOT_SPEAKER_LABELS = frozenset(
    {
        "update", "updated", "note", "editor's note", "editor’s note", "correction", "clarification",
        "related", "read more", "watch", "video", "photo", "photos", "advertisement", "source",
        "sources", "disclosure", "caption", "credit", "transcript", "warning", "breaking",
        "exclusive", "analysis", "opinion", "q", "a",
    }
)
#: Words allowed between a cue and the next sentence's uncued quote it carries on to
#: (``she said on Friday in Houston. “…”``).
MAX_FOLLOW_ON_WORDS = 8
#: A dateline opening a story's first sentence: ``WASHINGTON —``, ``BAGHDAD (Reuters) -``.
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s+")
#: A wire-service dateline: ``RENO, Nev. (AP) —``, ``Dec 29 (Reuters) -``.
_WIRE_DATELINE = re.compile(r"[A-Z][^\n()—–]{0,40}\([A-Z][^)]{0,30}\)\s*[—–-]{1,2}\s+")
#: A quote opening a sentence but ending inside it counts as speech from this many words.
MIN_SENTENCE_QUOTE_WORDS = 4
#: How many earlier mentions "the official" may look back through (bounds the work on huge texts).
MAX_ANTECEDENT_LOOKBACK = 400
#: An indirect quote needs at least this many words of content; shorter
#: complements ("he said so") carry no claim worth citing.
MIN_INDIRECT_WORDS = 3
#: Pronouns look back this many sentences for an antecedent that is a
#: grammatical subject before settling for the most recent mention of any role.
PRONOUN_SUBJECT_WINDOW = 3

_SENTENCE_END = {".", "!", "?"}
_BRACKETS = {")": "(", "]": "["}
_MALE_PRONOUNS = {"he", "his", "him", "himself"}
_FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
#: Verbs that, governing a cue, mean the words were withheld ("declined to say").
_REFUSALS = {"declined", "declines", "decline", "declining", "refused", "refuses", "refuse", "refusing"}
#: Characters looked at around a quote for its cue (far more than MAX_HEAD_TOKENS words).
_WINDOW_CHARS = 600
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "another", "some"}
#: Focus particles and conjunctions that open a source's phrase but are no part of it.
_FOCUS_WORDS = {"even", "only", "just", "and", "but"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}


@dataclass(frozen=True)
class QuoteMarks:
    """A stretch of text between paired quote marks, within one paragraph.

    ``open`` is the index of the opening mark, ``close`` the index of the
    closing mark (or of the paragraph end when the quote runs on into the next
    paragraph, then ``continues`` is true). ``continued`` is true when this
    stretch continues a quote left open in the previous paragraph.
    """

    open: int
    close: int
    continues: bool = False
    continued: bool = False


def find_quotes(text: str, doc: Any = None) -> list[Quote]:
    """Attributed quotes in text (doc: an optional spaCy Doc for the same text, to avoid parsing twice)."""
    if not text.strip():
        return []
    if doc is None or not text.startswith(doc.text) or not doc.text:
        doc = parse_paragraphs(text)
    return _QuoteFinder(text, doc).run()


def parse_paragraphs(text: str) -> Any:
    """The shared pipeline's Doc for text, with a sentence break at every line break."""
    from corroborate.annotate.nlp import parse_text

    return parse_text(text)


def pair_quote_marks(text: str) -> list[QuoteMarks]:
    """Paired double quote marks in text, paragraph by paragraph; stray marks are skipped.

    Curly marks pair by direction; a straight ``"`` opens when no quote is
    open and closes otherwise. A quote still open at a paragraph's end runs on
    when the next paragraph opens with a quote mark, and is dropped otherwise.
    """
    pairs: list[QuoteMarks] = []
    paragraphs = _paragraph_bounds(text)
    carried = False
    for index, (start, end) in enumerate(paragraphs):
        open_at: int | None = None  # index of the opening mark's last character
        opened_at_first = False
        first = _first_visible(text, start, end)
        continued = carried and first is not None and _is_opening(text, first)
        carried = False
        # Only the marks matter: jumping from one to the next reads the same
        # marks as stepping through every character, in a fraction of the time.
        for found in _QUOTE_MARK.finditer(text, start, end):
            position = found.start()
            kind, width = _mark_at(text, position)
            if kind == "open" or (kind == "straight" and open_at is None):
                if kind == "straight" and not _straight_can_open(text, position + width - 1, end):
                    continue
                if open_at is not None:
                    continued = False  # a second opening mark before any close: the first was stray
                open_at = position + width - 1
                opened_at_first = position == first
            elif kind in ("close", "straight") and open_at is not None:
                pairs.append(QuoteMarks(open_at, position, continued=continued and opened_at_first))
                open_at = None
                continued = False
        if open_at is not None and _has_words(text, open_at + 1, end):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            next_first = _first_visible(text, *following) if following else None
            if next_first is not None and _is_opening(text, next_first):
                close = _rstrip_index(text, open_at + 1, end)
                pairs.append(
                    QuoteMarks(open_at, close, continues=True, continued=continued and opened_at_first)
                )
                carried = True
    return pairs


#: Every quote mark _mark_at reads, two-character marks first as it reads them.
_QUOTE_MARK = re.compile("``|''|[" + re.escape(OPEN_MARKS + CLOSE_MARKS + STRAIGHT_MARKS) + "]")


def _mark_at(text: str, position: int) -> tuple[str | None, int]:
    """(kind, width) of the quote mark at position: "open", "close", "straight" or None.

    Besides curly and straight marks, two-character marks are read: ````…''``
    (typewriter style) and ``''…''`` (some newspaper archives).
    """
    char = text[position]
    pair = text[position : position + 2]
    if pair == "``":
        return "open", 2
    if pair == "''":
        return "straight", 2
    if char in OPEN_MARKS:
        return "open", 1
    if char in CLOSE_MARKS:
        return "close", 1
    if char in STRAIGHT_MARKS:
        return "straight", 1
    return None, 1


# --- quote marks -----------------------------------------------------------


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line-separated paragraph of text."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if line.strip():
            bounds.append((position, end))
        position = end + 1
    return bounds


def _first_visible(text: str, start: int, end: int) -> int | None:
    for position in range(start, end):
        if not text[position].isspace():
            return position
    return None


def _is_opening(text: str, position: int) -> bool:
    return _mark_at(text, position)[0] in ("open", "straight")


def _straight_can_open(text: str, position: int, end: int) -> bool:
    """A straight quote opens a quote only when a word follows it."""
    following = text[position + 1] if position + 1 < end else ""
    return bool(following) and not following.isspace() and following not in ",.;:!?)]"


def _has_words(text: str, start: int, end: int) -> bool:
    return any(char.isalnum() for char in text[start:end])


def _rstrip_index(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# --- the finder ------------------------------------------------------------


@dataclass
class _Attribution:
    """An attribution before its speaker is resolved."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker_head: Any = None  # spaCy Token
    speaker: tuple[int, int] | None = None
    inherits: _Attribution | None = None
    marks: QuoteMarks | None = None
    group: int | None = None
    resolved: tuple[str | None, str | None] = (None, None)
    label: str | None = None


@dataclass
class _Antecedent:
    """A mention a later pronoun or definite description can refer back to."""

    start: int
    head: str
    words: frozenset[str]
    name: str
    kind: str
    gender: str | None
    plural: bool
    subject: bool
    sentence: int


class _QuoteFinder:
    """Finds the attributions of one text; one instance per call of :func:`find_quotes`."""

    def __init__(self, text: str, doc: Any) -> None:
        self.text = text
        self.doc = doc
        self.token_starts = token_starts(doc)
        self.sentence_of = {}
        for number, sentence in enumerate(doc.sents):
            for index in range(sentence.start, sentence.end):
                self.sentence_of[index] = number
        self.used_cues: set[int] = set()
        self.quoted: list[tuple[int, int]] = []
        self.quote_opens: list[int] = []
        self.surnames: dict[str, str] = {}
        self.genders: dict[str, str] = {}
        self.antecedents: list[_Antecedent] = []
        self.antecedent_at: dict[int, _Antecedent] = {}
        self.chunks = list(doc.noun_chunks)
        self.chunk_of_token = {token: chunk for chunk in self.chunks for token in range(chunk.start, chunk.end)}
        self.entity_of_token = {token: entity for entity in doc.ents for token in range(entity.start, entity.end)}

    # -- orchestration --

    def run(self) -> list[Quote]:
        marks = pair_quote_marks(self.text)
        self.quoted = [(mark.open, mark.close) for mark in marks]
        self.quote_opens = [open_ for open_, _ in self.quoted]
        labelled = self._speaker_labels()
        taken = [(self._paragraph_start(attribution.content[0]), attribution.content[1]) for attribution in labelled]
        marks = [mark for mark in marks if not self._inside_any(mark.open, taken)]
        attributions = labelled + self._direct(marks)
        attributions += self._indirect(attributions)
        self._follow_on(attributions)
        self._collect_antecedents()
        for attribution in sorted(attributions, key=lambda item: item.content[0]):
            if attribution.label is not None:
                attribution.resolved = (self._label_name(attribution.label), "person")
            elif attribution.speaker_head is not None:
                attribution.resolved = self._resolve_coordinated(attribution.speaker_head, attribution.speaker)
        attributions = [item for item in attributions if not self._no_source(item)]
        self._propagate(attributions)
        quotes = [self._quote(attribution) for attribution in attributions]
        quotes = [quote for quote in quotes if quote is not None]
        quotes.sort(key=lambda quote: (quote.content.start, quote.content.end))
        return quotes

    def _quote(self, attribution: _Attribution) -> Quote | None:
        content = self._span(*attribution.content)
        if content is None or not content.text.strip():
            return None
        source = attribution
        seen = set()
        while source.inherits is not None and id(source) not in seen:
            seen.add(id(source))
            source = source.inherits
        cue = self._span(*source.cue) if source.cue else None
        speaker = self._span(*source.speaker) if source.speaker else None
        name, kind = source.resolved
        points = [content.start, content.end]
        for part in (cue, speaker):
            if part is not None:
                points += [part.start, part.end]
        start, end = min(points), max(points)
        return Quote(
            kind=attribution.kind,
            start=start,
            end=end,
            text=self.text[start:end],
            content=content,
            cue=cue,
            speaker=speaker,
            speaker_name=name,
            speaker_kind=kind,
        )

    def _span(self, start: int, end: int) -> Span | None:
        if start >= end:
            return None
        return Span(start, end, self.text[start:end])

    def _follow_on(self, attributions: list[_Attribution]) -> None:
        """``DuVernay said … “…,” she said. “We have no context …”``: an uncued quote right
        after a sentence with an attribution in the same paragraph continues that speaker."""
        cued = [item for item in attributions if item.cue is not None and item.speaker_head is not None]
        for attribution in attributions:
            if attribution.kind != "direct" or attribution.marks is None or attribution.label is not None:
                continue
            if attribution.speaker_head is not None or attribution.inherits is not None or attribution.group:
                continue
            opening = attribution.marks.open
            paragraph = self._paragraph_start(opening)
            before = [item for item in cued if paragraph <= item.cue[1] <= opening and item is not attribution]
            if not before:
                continue
            nearest = max(before, key=lambda item: item.cue[1])
            gap = self.text[nearest.cue[1] : opening]
            if len(gap.split()) <= MAX_FOLLOW_ON_WORDS and sum(gap.count(end) for end in _SENTENCE_END) <= 1:
                attribution.inherits = nearest

    def _propagate(self, attributions: list[_Attribution]) -> None:
        """Give every quote of a multi-paragraph group the speaker one of them names."""
        groups: dict[int, list[_Attribution]] = {}
        for attribution in attributions:
            if attribution.group is not None:
                groups.setdefault(attribution.group, []).append(attribution)
        for members in groups.values():
            named = [member for member in members if member.speaker_head is not None]
            if not named:
                named = [member for member in members if member.inherits is not None]
            if not named:
                continue
            for member in members:
                if member.speaker_head is None and member.inherits is None and member is not named[0]:
                    member.inherits = named[0]

    # -- token helpers --

    def _tokens_between(self, start: int, end: int) -> list[Any]:
        first = bisect.bisect_left(self.token_starts, start)
        last = bisect.bisect_left(self.token_starts, end)
        return [token for token in self.doc[first:last] if token.idx + len(token) <= end]

    def _token_at(self, position: int) -> Any:
        index = bisect.bisect_right(self.token_starts, position) - 1
        return self.doc[max(index, 0)]

    def _inside_quote(self, position: int) -> bool:
        # Quoted stretches never overlap, so only the last one opening before position can hold it.
        index = bisect.bisect_left(self.quote_opens, position) - 1
        return index >= 0 and position < self.quoted[index][1]

    def _is_cue(self, token: Any, next_to_quote: bool = False) -> bool:
        lemma = CUE_FORMS.get(token.lower_)
        if lemma is None and next_to_quote:
            lemma = DIRECT_CUE_FORMS.get(token.lower_)
        if lemma is None or not token.tag_.startswith("VB"):
            return False
        particle = PARTICLE_CUES.get(lemma)
        if particle and not any(child.lower_ == particle for child in token.children):
            return False
        return True

    def _cue_span(self, token: Any) -> tuple[int, int]:
        end = token.idx + len(token)
        lemma = CUE_FORMS.get(token.lower_)
        particle = PARTICLE_CUES.get(lemma or "")
        for child in token.children:
            if particle and child.lower_ == particle and child.dep_ == "prt":
                end = max(end, child.idx + len(child))
        return token.idx, end

    def _subject_of(self, cue: Any) -> Any:
        """The cue's subject, climbing from participles ("…, stating, “…”") to the clause's subject."""
        token = cue
        for _ in range(4):
            for child in token.children:
                if child.dep_ in _SUBJECT_DEPS:
                    if child.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                        return token.head  # "Trump, who said …": the noun the clause describes
                    return child
            if token.dep_ in ("advcl", "xcomp", "conj", "pcomp") and token.head is not token:
                token = token.head
                continue
            break
        return None

    def _phrase(self, head: Any, lower: int, upper: int) -> tuple[int, int]:
        """Char span of head's subtree limited to [lower, upper), trimmed of punctuation."""
        tokens = [token for token in head.subtree if lower <= token.idx and token.idx + len(token) <= upper]
        tokens = self._contiguous(tokens, head)
        if tokens:
            # "RENO, Nev. (AP) — Donald Trump said": the dateline is no part of the source.
            end = tokens[-1].idx + len(tokens[-1])
            dateline = _DATELINE.match(self.text, tokens[0].idx, end) or _WIRE_DATELINE.match(
                self.text, tokens[0].idx, end
            )
            if dateline is not None:
                tokens = [token for token in tokens if token.idx >= dateline.end()] or tokens
        # "Even Mr. Slinker", "only 7 percent", "And a third": the focus word is no part of the source.
        while len(tokens) > 1 and tokens[0].i != head.i and tokens[0].lower_ in _FOCUS_WORDS:
            tokens = tokens[1:]
        while tokens and (tokens[0].is_punct or tokens[0].is_space):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            closer = tokens[-1].text
            if closer in _BRACKETS and any(token.text == _BRACKETS[closer] for token in tokens):
                break  # keep "(R-Utah)" whole
            tokens = tokens[:-1]
        if not tokens:
            return head.idx, head.idx + len(head)
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1])

    @staticmethod
    def _contiguous(tokens: list[Any], head: Any) -> list[Any]:
        """The run of consecutive tokens containing head."""
        if not tokens:
            return tokens
        indices = [token.i for token in tokens]
        if head.i not in indices:
            return tokens
        position = indices.index(head.i)
        start = position
        while start > 0 and indices[start - 1] == indices[start] - 1:
            start -= 1
        end = position
        while end + 1 < len(indices) and indices[end + 1] == indices[end] + 1:
            end += 1
        return tokens[start : end + 1]

    # -- direct quotes --

    def _direct(self, marks: list[QuoteMarks]) -> list[_Attribution]:
        attributions: list[_Attribution] = []
        group = 0
        previous_by_paragraph: dict[int, _Attribution] = {}
        paragraphs = _paragraph_bounds(self.text)
        paragraph_starts = [start for start, _ in paragraphs]
        last_in_group: _Attribution | None = None
        for mark in marks:
            content = self._content_bounds(mark)
            if content is None:
                continue
            paragraph = bisect.bisect_right(paragraph_starts, mark.open) - 1
            if not (mark.continued or self._opens_clause(mark)):
                continue
            attribution = _Attribution("direct", content, None, marks=mark)
            if mark.continued and last_in_group is not None:
                attribution.group = last_in_group.group
            elif mark.continues:
                group += 1
                attribution.group = group
            found = self._cue_after(mark)
            if found is None and not (self._ends_clause(mark) or self._sentence_quote(mark)):
                continue
            found = found or self._cue_before(mark)
            if found is not None:
                cue, subject = found
                attribution.cue = self._cue_span(cue) if not isinstance(cue, tuple) else cue
                if not isinstance(cue, tuple):
                    self.used_cues.add(cue.i)
                if subject is not None:
                    attribution.speaker_head = subject
                    attribution.speaker = self._speaker_span(subject, attribution.cue)
            else:
                previous = previous_by_paragraph.get(paragraph)
                if previous is not None and self._only_quotes_between(previous, mark):
                    attribution.inherits = previous
                elif previous is None and self._fills_paragraph(mark, paragraphs[paragraph]):
                    earlier = previous_by_paragraph.get(paragraph - 1)
                    if earlier is not None and self._ends_paragraph(earlier, paragraphs[paragraph - 1]):
                        attribution.inherits = earlier
            if attribution.speaker_head is not None or attribution.inherits is not None:
                previous_by_paragraph[paragraph] = attribution
            if mark.continues or mark.continued:
                last_in_group = attribution if mark.continues else None
            attributions.append(attribution)
        return attributions

    def _speaker_labels(self) -> list[_Attribution]:
        """Transcript paragraphs: ``WALLACE: Let’s start with …`` (a speaker label and a colon)."""
        found: list[_Attribution] = []
        for start, end in _paragraph_bounds(self.text):
            match = _SPEAKER_LABEL.match(self.text, start, end)
            if match is None:
                continue
            label = match.group("label").strip()
            if label.lower().rstrip(".") in NOT_SPEAKER_LABELS:
                continue
            label_tokens = self._tokens_between(match.start("label"), match.end("label"))
            if not label_tokens or any(token.ent_type_ in ("GPE", "LOC", "DATE", "TIME") for token in label_tokens):
                continue
            if not label.isupper() and not all(token.ent_type_ == "PERSON" for token in label_tokens):
                continue
            content_start = match.end()
            content_end = _rstrip_index(self.text, content_start, end)
            if len(self.text[content_start:content_end].split()) < MIN_INDIRECT_WORDS:
                continue
            colon = match.start("colon")
            attribution = _Attribution(
                "direct",
                (content_start, content_end),
                (colon, colon + 1),
                speaker=(match.start("label"), match.start("label") + len(label)),
                label=label,
            )
            found.append(attribution)
        return found

    def _paragraph_start(self, position: int) -> int:
        return self.text.rfind("\n", 0, position) + 1

    def _label_name(self, label: str) -> str:
        words = [word for word in label.split() if word.lower() not in HONORIFICS]
        if not words:
            return label
        known = self.surnames.get(words[-1].lower())
        if known:
            return known
        return " ".join(word.capitalize() if word.isupper() else word for word in words)

    def _content_bounds(self, mark: QuoteMarks) -> tuple[int, int] | None:
        start, end = mark.open + 1, mark.close
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] == ","):
            end -= 1
        if not _has_words(self.text, start, end):
            return None
        return start, end

    def _after(self, mark: QuoteMarks) -> int:
        """The index just past the closing mark (``''`` is two characters wide)."""
        return mark.close + (2 if self.text[mark.close : mark.close + 2] == "''" else 1)

    def _opens_clause(self, mark: QuoteMarks) -> bool:
        """True when the quote stands as speech, not as a phrase inside a sentence ("a “plan”")."""
        position = mark.open - 1
        if self.text[mark.open] in "'`" and position >= 0 and self.text[position] == self.text[mark.open]:
            position -= 1  # the first character of a two-character mark
        while position >= 0 and self.text[position].isspace() and self.text[position] != "\n":
            position -= 1
        if position < 0 or self.text[position] == "\n":
            return True
        if self.text[position] in ".!?:,;—–-(…" or self.text[position] in CLOSE_MARKS + STRAIGHT_MARKS:
            return True
        before = self._token_at(position)
        if before.lower_ in ("but", "and") and before.i > 0 and self.doc[before.i - 1].text == ",":
            return True  # "“…,” he said, but “…”"
        return self._is_cue(before, next_to_quote=True)

    def _sentence_quote(self, mark: QuoteMarks) -> bool:
        """``“I wouldn't call it reform. It's a tax increase” for the top bracket``: a
        quote that opens a sentence and holds a few words is speech even if the sentence runs on."""
        position = mark.open - 1
        if self.text[mark.open] in "'`" and position >= 0 and self.text[position] == self.text[mark.open]:
            position -= 1
        while position >= 0 and self.text[position].isspace() and self.text[position] != "\n":
            position -= 1
        starts = position < 0 or self.text[position] in ".!?\n:" or self.text[position] in CLOSE_MARKS
        words = len(self.text[mark.open + 1 : mark.close].split())
        return starts and words >= MIN_SENTENCE_QUOTE_WORDS

    def _ends_clause(self, mark: QuoteMarks) -> bool:
        """True when the quote runs to the end of a clause (“…” over ISIS is a phrase, not speech)."""
        if mark.continues:
            return True
        inside = self.text[mark.open + 1 : mark.close].rstrip()
        if inside[-1:] in {".", ",", "!", "?", ";", ":", "…", "—", "–", "-"}:
            return True
        after = self._after(mark)
        following = self.text[after : after + 2].lstrip(" \t")
        return not following or following[0] in ".,;:!?—–)\n" or _is_opening(following, 0)

    def _cue_after(self, mark: QuoteMarks) -> tuple[Any, Any] | None:
        """The cue in ``,” a U.S. official told reporters.`` after a closing mark."""
        if mark.continues:
            return None
        tail: list[Any] = []
        for token in self._tokens_between(mark.close + 1, mark.close + 1 + _WINDOW_CHARS):
            if token.text in _SENTENCE_END or "\n" in token.text or len(tail) >= MAX_TAIL_TOKENS:
                break
            if _is_quote_token(token) and token.text[0] not in CLOSE_MARKS:
                break
            tail.append(token)
        if not tail:
            return None
        dashed = self._dash_source(mark, tail)
        if dashed is not None:
            return dashed
        # A nested quote may close first: "… ‘criminal, super predator,’”".
        last_inside = self.text[mark.open + 1 : mark.close].rstrip().rstrip("’'\"").rstrip()[-1:]
        first = tail[0]
        leads_on = (
            last_inside in {",", "?", "!", "—", "–", "-", "…"}
            or first.text in {",", "—", "–"}
            or (first.text[:1].islower() and self._opens_attribution(first))
        )
        if not leads_on:
            return None
        lower = tail[0].idx
        upper = tail[-1].idx + len(tail[-1])
        for token in tail:
            if token.lower_ == "according" and self._according_source(token) is not None:
                return token, self._according_source(token)
            if self._is_cue(token, next_to_quote=True):
                subject = self._subject_of(token)
                if subject is not None and not lower <= subject.idx < upper:
                    subject = None
                if subject is None:
                    subject = self._nearest_noun(tail, token)
                return token, subject
        return None

    def _cue_before(self, mark: QuoteMarks) -> tuple[Any, Any] | None:
        """The cue in ``she said, “…`` before an opening mark."""
        if mark.continued:
            return None
        head: list[Any] = []
        for token in reversed(self._tokens_between(max(0, mark.open - _WINDOW_CHARS), mark.open)):
            if "\n" in token.text and not head and token.i > 0 and self.doc[token.i - 1].text == ":":
                continue  # "He said:" closing the paragraph before the quote
            if token.text in _SENTENCE_END or "\n" in token.text or len(head) >= MAX_HEAD_TOKENS:
                break
            if _is_quote_token(token) and token.text[0] not in OPEN_MARKS and token.text != "``":
                break
            head.insert(0, token)
        while head and head[-1].is_space:
            head.pop()
        if not head:
            return None
        last = head[-1]
        if last.text in {",", ":"}:
            candidates = head[:-1]
        elif self._is_cue(last, next_to_quote=True):
            candidates = head
        else:
            return None
        lower = head[0].idx
        for token in reversed(candidates):
            if token.lower_ == "according" and self._according_source(token) is not None:
                return token, self._according_source(token)
            if self._is_cue(token, next_to_quote=True) and token.i not in self.used_cues:
                subject = self._subject_of(token)
                if subject is not None and subject.idx < lower:
                    subject = None
                if subject is None:
                    subject = self._nearest_noun(head, token)
                return token, subject
        return None

    def _opens_attribution(self, token: Any) -> bool:
        """``” he said``, ``” the official said``, ``” said Smith``, ``” according to``."""
        return token.tag_ in ("PRP", "DT") or token.lower_ == "according" or self._is_cue(token, True)

    def _dash_source(self, mark: QuoteMarks, tail: list[Any]) -> tuple[Any, Any] | None:
        """``“…” — Jane Doe``: a dash and a bare name after the quote (no verb).

        The cue is returned as a character span: the tokenizer may glue the
        dash to the closing mark (``”―``).
        """
        after = self._after(mark)
        gap = self.text[after : tail[0].idx]
        if gap.strip() in DASHES:
            dash_start = after + gap.index(gap.strip())
            cue = (dash_start, dash_start + len(gap.strip()))
            rest = tail
        elif not gap.strip() and tail[0].text in DASHES:
            cue = (tail[0].idx, tail[0].idx + len(tail[0]))
            rest = tail[1:]
        else:
            return None
        if len(rest) > MAX_DASH_SOURCE_TOKENS:
            return None
        if not rest or any(token.tag_.startswith("VB") for token in rest):
            return None
        names = [
            token
            for token in rest
            if not token.is_space and (token.ent_type_ in ("PERSON", "ORG") or token.tag_ in ("NNP", "NNPS"))
        ]
        if not names:
            return None
        return cue, _phrase_root(names[0], rest)

    def _nearest_noun(self, tokens: list[Any], cue: Any) -> Any:
        """When the parse gives the cue no subject: the likeliest source noun next to it.

        Nouns that name a source (a person, an official, a statement) beat other
        nouns, so ``a senior official, when asked about troops in Erbil, said``
        gives the official, not Erbil.
        """
        nouns = [token for token in tokens if token.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP")]
        likely = [token for token in nouns if _names_a_source(token)]
        for pool in (likely, nouns):
            before = [token for token in pool if token.i < cue.i]
            if before:
                return _phrase_root(before[-1] if pool is nouns else before[0], tokens)
            after = [token for token in pool if token.i > cue.i]
            if after:
                return _phrase_root(after[0], tokens)
        return None

    def _speaker_span(self, subject: Any, cue: tuple[int, int]) -> tuple[int, int]:
        sentence = subject.sent
        lower = sentence.start_char
        upper = sentence.end_char
        # Never let the speaker run into quoted text or the cue.
        for open_, close in self.quoted:
            if open_ <= subject.idx <= close:
                continue
            if close < subject.idx:
                lower = max(lower, close + 1)
            elif open_ > subject.idx:
                upper = min(upper, open_)
        if cue[0] > subject.idx:
            upper = min(upper, cue[0])
        else:
            lower = max(lower, cue[1])
        return self._phrase(subject, lower, upper)

    def _according_source(self, according: Any) -> Any:
        for child in according.children:
            if child.lower_ == "to":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        following = according.nbor(1) if according.i + 1 < len(self.doc) else None
        if following is not None and following.lower_ == "to":
            for grandchild in following.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
        return None

    def _only_quotes_between(self, previous: _Attribution, mark: QuoteMarks) -> bool:
        """True for ``“…,” he said. “…”``: the text since the previous quote is its attribution."""
        if previous.marks is None:
            return False
        between_start = self._after(previous.marks)
        gap = self.text[between_start : mark.open]
        for open_, close in self.quoted:
            # Another real quote in between breaks the run; a quoted title ("Fox and Friends") does not.
            if between_start <= open_ and close < mark.open and len(self.text[open_:close].split()) >= 4:
                return False
        cues = [token for token in self._tokens_between(between_start, mark.open) if self._is_cue(token)]
        own_cue = previous.cue is not None and between_start <= previous.cue[0] < mark.open
        if own_cue:
            return True
        return not gap.strip() or (not cues and len(gap.split()) <= 3)

    def _fills_paragraph(self, mark: QuoteMarks, paragraph: tuple[int, int]) -> bool:
        start, end = paragraph
        first = _first_visible(self.text, start, end)
        tail = self.text[self._after(mark) : end].strip()
        return first == mark.open and tail in {"", ".", ","}

    def _ends_paragraph(self, attribution: _Attribution, paragraph: tuple[int, int]) -> bool:
        """True when the paragraph ends with the attribution's quote or its cue sentence."""
        if attribution.marks is None:
            return False
        _, end = paragraph
        rest = self.text[self._after(attribution.marks) : end]
        quoted_again = any(mark in rest for mark in (*OPEN_MARKS, *STRAIGHT_MARKS, "''", "``"))
        return not quoted_again and len(rest.split()) <= 20

    # -- indirect quotes --

    def _indirect(self, direct: list[_Attribution]) -> list[_Attribution]:
        direct_spans = [attribution.content for attribution in direct]
        found: list[_Attribution] = []
        # Only cue words can start an indirect quote: their ids pick them out
        # without making a token object for every word of the article.
        cue_ids = _indirect_cue_ids()
        for index in _positions_of(self.doc, cue_ids):
            token = self.doc[index]
            if token.i in self.used_cues or self._inside_quote(token.idx):
                continue
            if token.lower_ == "according":
                attribution = self._according(token)
            elif self._is_cue(token):
                attribution = self._reported_clause(token)
            elif token.lower_ in NOMINAL_CUES and token.tag_.startswith("NN"):
                attribution = self._nominal_clause(token)
            else:
                continue
            if attribution is None:
                continue
            if self._covered(attribution.content, direct_spans):
                continue
            found.append(attribution)
        return found

    @staticmethod
    def _inside_any(position: int, spans: list[tuple[int, int]]) -> bool:
        return any(start <= position < end for start, end in spans)

    @staticmethod
    def _covered(content: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
        """True when a direct quote already holds most of this content."""
        length = content[1] - content[0]
        for start, end in spans:
            overlap = min(end, content[1]) - max(start, content[0])
            if overlap > 0.6 * length:
                return True
        return False

    def _reported_clause(self, cue: Any) -> _Attribution | None:
        if _unsaid(cue):
            return None
        complements = [child for child in cue.children if child.dep_ == "ccomp" or _that_clause(child)]
        intents = [child for child in cue.children if child.dep_ == "xcomp" and child.i > cue.i]
        sentence = cue.sent
        trailing = self._trailing_content(cue) if CUE_FORMS.get(cue.lower_) not in CLAUSE_ONLY_CUES else None
        if trailing is not None:
            tokens = trailing
        elif complements:
            # The parser sometimes splits one reported clause into several ccomps
            # ("said Trump has … and his comment was …"): take them together.
            right = [child for child in complements if child.i > cue.i]
            side = right or complements
            first = min(child.left_edge.i for child in side)
            last = max(child.right_edge.i for child in side)
            tokens = list(self.doc[first : last + 1])
        elif intents and CUE_FORMS.get(cue.lower_) in INTENT_CUES:
            # "vowed to punish …", "promised to …": a stated intention.
            tokens = list(intents[0].subtree)
        elif intents and CUE_FORMS.get(cue.lower_) in DIRECTIVE_CUES and (addressee := _object_before(cue, intents[0])):
            # "urged Congress to pass the bill": who was urged and what to do.
            tokens = list(self.doc[addressee.left_edge.i : intents[0].right_edge.i + 1])
        elif cue.dep_ == "advcl" and "as" in _marks(cue):
            # "As The Hill reported, Trump was also accused …": the clause the as-clause qualifies.
            cue_tokens = {token.i for token in cue.subtree}
            rest = [token for token in cue.head.subtree if token.i not in cue_tokens]
            before = [token for token in rest if token.i < cue.i]
            after = [token for token in rest if token.i > cue.i]
            tokens = after if _word_count(after) >= _word_count(before) else before
        elif cue.dep_ in ("parataxis", "ccomp", "advcl") and cue.head.i < cue.i and self._comma_before(cue) \
                and _reporting_clause(cue):
            # "The first phase will conclude …, the U.S. official said."
            cue_tokens = {token.i for token in cue.subtree}
            tokens = [token for token in cue.head.subtree if token.i not in cue_tokens and token.i < min(cue_tokens)]
        else:
            return None
        tokens = [token for token in tokens if self.sentence_of[token.i] == self.sentence_of[cue.i]]
        content = self._trim_content(tokens)
        if content is None:
            return None
        subject = self._subject_of(cue)
        if subject is None:
            nearby = [token for token in sentence if cue.i - MAX_SUBJECT_GAP <= token.i < cue.i]
            subject = self._nearest_noun(nearby, cue) if nearby else None
            if subject is None or not _names_a_source(subject):
                return None
        attribution = _Attribution("indirect", content, self._cue_span(cue))
        if subject is not None:
            attribution.speaker_head = subject
            relative = self._relative_pronoun(cue, subject)
            if relative is not None:
                # "Thomas Perez, who said he …": the span is the pronoun, as in the text;
                # the name comes from the noun it describes.
                attribution.speaker = (relative.idx, relative.idx + len(relative))
            else:
                attribution.speaker = self._phrase(subject, sentence.start_char, sentence.end_char)
            overlaps = attribution.speaker[0] < content[1] and content[0] < attribution.speaker[1]
            if overlaps and trailing is None:
                return None  # a subject inside its own reported clause is a misparse
        self.used_cues.add(cue.i)
        return attribution

    @staticmethod
    def _relative_pronoun(cue: Any, subject: Any) -> Any:
        """The "who" of "Perez, who said …" when subject is the noun the cue's relative clause describes."""
        if cue.dep_ != "relcl" or subject.i != cue.head.i:
            return None
        pronouns = (child for child in cue.children if child.dep_ in _SUBJECT_DEPS and child.tag_ in ("WP", "WDT"))
        return next(pronouns, None)

    def _nominal_clause(self, noun: Any) -> _Attribution | None:
        """``Trump’s claim that there have been “thousands of shootings”``: a speech noun, its owner and clause."""
        owners = [child for child in noun.children if child.dep_ == "poss" and child.tag_ != "PRP$"]
        clauses = [
            child
            for child in noun.children
            if child.dep_ in ("acl", "ccomp", "relcl")
            and child.i > noun.i
            and "that" in _marks(child)
        ]
        if not owners or not clauses:
            return None
        content = self._trim_content(list(clauses[0].subtree))
        if content is None:
            return None
        owner = owners[0]
        attribution = _Attribution("indirect", content, (noun.idx, noun.idx + len(noun)))
        attribution.speaker_head = owner
        end = owner.right_edge.idx + len(owner.right_edge)
        speaker = self._phrase(owner, owner.left_edge.idx, end)
        # Drop the possessive ending: "Trump’s" names Trump.
        text = self.text[speaker[0] : speaker[1]]
        for ending in ("’s", "'s", "’", "'"):
            if text.endswith(ending) and len(text) > len(ending):
                speaker = (speaker[0], speaker[1] - len(ending))
                break
        attribution.speaker = speaker
        return attribution

    def _according(self, according: Any) -> _Attribution | None:
        source = self._according_source(according)
        if source is None or according.i + 1 >= len(self.doc):
            return None
        sentence = according.sent
        phrase = {token.i for token in according.subtree}
        phrase.update(token.i for token in source.subtree)
        phrase.add(according.i + 1)
        # "According to X" qualifies the whole sentence it stands in, not only the
        # clause the parser hangs it on ("…, and he clerked for …, according to his biography").
        tokens = [token for token in sentence if token.i not in phrase]
        before = [token for token in tokens if token.i < according.i]
        after = [token for token in tokens if token.i > max(phrase)]
        tokens = before if _word_count(before) >= _word_count(after) else after
        content = self._trim_content(tokens)
        if content is None:
            return None
        cue_end = self.doc[according.i + 1]
        attribution = _Attribution("indirect", content, (according.idx, cue_end.idx + len(cue_end)))
        attribution.speaker_head = source
        sentence_start, sentence_end = sentence.start_char, sentence.end_char
        speaker = self._phrase(source, max(sentence_start, cue_end.idx + len(cue_end)), sentence_end)
        attribution.speaker = speaker
        return attribution

    def _trailing_content(self, cue: Any) -> list[Any] | None:
        """The clause before ``…, the source added.`` or ``…, Graham said, since …``.

        The cue and its subject close the sentence or sit between commas; the
        reported words are everything before them.
        """
        sentence = cue.sent
        if any(child.dep_ == "ccomp" and child.i > cue.i for child in cue.children):
            return None
        subject = self._subject_of(cue)
        if subject is None:
            return None
        start = subject.right_edge.i + 1 if subject.i > cue.i else cue.i + 1
        after: list[Any] = []
        for token in self.doc[start : sentence.end]:
            if token.text in {",", "—", "–", ";"}:
                break
            after.append(token)
        if len(after) > MAX_TRAILING_TOKENS:
            return None
        subtree = {token.i for token in cue.subtree}
        if any(token.i not in subtree and not (token.is_punct or token.is_space) for token in after):
            return None
        if any(token.tag_.startswith("VB") for token in after):
            return None
        inside = {token.i for token in after}
        for child in cue.children:
            if child.i in inside and child.dep_ not in _TRAILING_DEPS:
                if not (child.dep_ in ("dobj", "dative") and CUE_FORMS.get(cue.lower_) == "tell"):
                    return None
        left = cue.i
        if subject.i < cue.i:
            left = subject.left_edge.i
            between = self.doc[subject.right_edge.i + 1 : cue.i]
            if any(token.dep_ not in ("advmod", "aux", "neg") for token in between):
                return None
        elif subject.left_edge.i != cue.i + 1:
            return None
        if left <= sentence.start or self.doc[left - 1].text not in {",", "—", "–"}:
            return None
        rest_start = (after[-1].i + 1) if after else start
        rest = [token for token in sentence if token.i > rest_start]
        if _word_count(rest) >= MIN_INDIRECT_WORDS:
            # "Too often, Mr. Clarke said, the industry failed": the claim is the whole
            # sentence; the cue interrupts it and stays inside the content span.
            return list(sentence)
        return [token for token in sentence if token.i < left - 1]

    def _comma_before(self, cue: Any) -> bool:
        first = min(token.i for token in cue.subtree)
        return first > 0 and self.doc[first - 1].text in {",", "—", "–"}

    def _trim_content(self, tokens: list[Any]) -> tuple[int, int] | None:
        if not tokens:
            return None
        tokens = sorted(tokens, key=lambda token: token.i)
        # Keep the longest run of consecutive tokens.
        runs: list[list[Any]] = [[tokens[0]]]
        for token in tokens[1:]:
            if token.i == runs[-1][-1].i + 1:
                runs[-1].append(token)
            else:
                runs.append([token])
        run = max(runs, key=_word_count)
        while run and (run[0].is_punct or run[0].is_space or run[0].lower_ == "that") and not _is_quote_token(run[0]):
            run = run[1:]
        while run and (run[-1].is_punct or run[-1].is_space) and not _is_quote_token(run[-1]) and run[-1].text not in ".?!":
            run = run[:-1]
        if _word_count(run) < MIN_INDIRECT_WORDS:
            return None
        start, end = run[0].idx, run[-1].idx + len(run[-1])
        dateline = _DATELINE.match(self.text, start, end)
        if dateline is not None and dateline.end() < end:
            start = dateline.end()  # "WASHINGTON — U.S. troops will remain …": the place is not said
        return start, end

    # -- speakers --

    def _collect_antecedents(self) -> None:
        """Persons, sources and documents in text order, each resolved to a name."""
        persons = [entity for entity in self.doc.ents if entity.label_ == "PERSON"]
        for entity in persons:
            tokens = [token for token in entity if not token.is_punct]
            if len(tokens) >= 2:
                self.surnames.setdefault(tokens[-1].lower_, _clean_name(entity.text))
        self._learn_genders(persons)
        for chunk in self.chunks:
            record = self._antecedent_for(chunk)
            if record is not None:
                self.antecedents.append(record)
                self.antecedent_at[record.start] = record

    def _learn_genders(self, persons: list[Any]) -> None:
        """Guess each person's gender from the article's own pronouns.

        In a sentence that names exactly one person, the he/his/him or
        she/her pronouns after the name (outside quotation marks) usually
        refer to that person; the majority over the article decides. No name
        list is used, so any name in any language is treated alike.
        """
        votes: dict[str, list[int]] = {}
        by_sentence: dict[int, list[Any]] = {}
        for entity in persons:
            by_sentence.setdefault(entity.sent.start, []).append(entity)
        for entities in by_sentence.values():
            names = {self._full_name(entity) for entity in entities}
            if len(names) != 1:
                continue
            name = names.pop()
            entity = entities[0]
            tally = votes.setdefault(name, [0, 0])
            for token in entity.sent:
                if token.i < entity.end or self._inside_quote(token.idx):
                    continue
                if token.lower_ in _MALE_PRONOUNS:
                    tally[0] += 1
                elif token.lower_ in _FEMALE_PRONOUNS:
                    tally[1] += 1
        for name, (male, female) in votes.items():
            if male != female and name not in self.genders:
                self.genders[name] = "male" if male > female else "female"

    def _full_name(self, entity: Any) -> str:
        name = _clean_name(entity.text)
        if len(name.split()) == 1:
            return self.surnames.get(name.lower(), name)
        return name

    def _antecedent_for(self, chunk: Any) -> _Antecedent | None:
        head = chunk.root
        words = frozenset(token.lower_ for token in chunk)
        subject = head.dep_ in _SUBJECT_DEPS
        sentence = self.sentence_of.get(head.i, 0)
        person = self._person_in(chunk) if head.ent_type_ == "PERSON" else None
        named = _appositive_name(head)
        if person is None and named is not None and head.lower_ in ANONYMOUS_NOUNS:
            # "The mayor, Karen Bass, said": the role noun is the named person.
            person = self._person_in(list(named.subtree))
        if person is None and head.tag_ == "NNP" and head.lower_ in self.surnames:
            # "Ham said": a surname the article gave in full earlier, whatever the tagger thought.
            name = self.surnames[head.lower_]
            person = (name, _gender_from(words) or self.genders.get(name))
        if person is None and _has_role_appositive(head):
            # "Smith, a spokesman for the agency": a role in apposition makes a name a person.
            name = _clean_name(self._entity_text(head))
            person = (self.surnames.get(name.lower(), name), None)
        if person is not None:
            name, gender = person
            gender = gender or _gender_from(words)
            return _Antecedent(chunk.start_char, head.lower_, words, name, "person", gender, False, subject, sentence)
        lower = head.lower_
        if head.tag_ == "PRP":
            return None
        if lower in DOCUMENT_NOUNS or lower in ANONYMOUS_NOUNS:
            kind = "document" if lower in DOCUMENT_NOUNS else "anonymous"
            plural = head.tag_ in ("NNS", "NNPS")
            earlier = self._definite_antecedent(chunk, words) if self._definite(chunk) else None
            if earlier is not None:
                return _Antecedent(
                    chunk.start_char, lower, words | earlier.words, earlier.name, earlier.kind,
                    earlier.gender, plural, subject, sentence,
                )
            name = self._describe(chunk)
            issuer = self._issuer(head) if kind == "document" else None
            if issuer:
                name = f"{name} by {issuer}"
            if kind == "anonymous" and self._anonymous(head):
                name += " (anonymous)"
            gender = _gender_from(words)
            return _Antecedent(chunk.start_char, lower, words, name, kind, gender, plural, subject, sentence)
        if head.ent_type_ in _ORG_LABELS:
            name = _strip_determiner(self._entity_text(head))
            return _Antecedent(chunk.start_char, lower, words, name, "organization", None, False, subject, sentence)
        if lower in ORGANIZATION_NOUNS:
            name = self._describe(chunk)
            return _Antecedent(chunk.start_char, lower, words, name, "organization", None, False, subject, sentence)
        return None

    def _issuer(self, document: Any) -> str | None:
        """Who issued a document: "Washington and Baghdad announced in a joint statement" -> them."""
        preposition = document.head
        if document.dep_ != "pobj" or preposition.lower_ != "in":
            return None
        verb = preposition.head
        if not (self._is_cue(verb) or verb.lower_ in ("issued", "released", "published")):
            return None
        subject = next((child for child in verb.children if child.dep_ in _SUBJECT_DEPS), None)
        if subject is None or subject.tag_ in ("PRP", "WP", "WDT"):
            return None
        start, end = self._phrase(subject, verb.sent.start_char, verb.idx)
        return _strip_determiner(self.text[start:end])

    def _person_in(self, tokens: Any) -> tuple[str, str | None] | None:
        """(full name, gender) of the PERSON entity in tokens, if any."""
        persons = [token for token in tokens if token.ent_type_ == "PERSON" and not token.is_punct]
        if not persons:
            return None
        entity_tokens = [token for token in persons]
        surname = entity_tokens[-1].lower_
        text = self._entity_text(entity_tokens[-1])
        name = _clean_name(text)
        if len(name.split()) <= 1 or any(token.lower_ in HONORIFICS for token in tokens):
            name = self.surnames.get(surname, name)
        words = {token.lower_ for token in tokens}
        gender = _gender_from(words) or self.genders.get(name)
        if gender:
            self.genders.setdefault(name, gender)
        return name, gender

    def _entity_text(self, token: Any) -> str:
        entity = self.entity_of_token.get(token.i)
        return entity.text if entity is not None else token.text

    def _definite(self, chunk: Any) -> bool:
        return chunk[0].lower_ in _DEFINITE

    def _definite_antecedent(self, chunk: Any, words: frozenset[str]) -> _Antecedent | None:
        """The earlier mention "the official" or "the spokeswoman" refers to."""
        head = chunk.root.lower_
        modifiers = {
            token.lower_ for token in chunk if token.i != chunk.root.i and token.lower_ not in _DETERMINERS
        }
        # Mentions are collected in text order, so the list so far holds only earlier ones.
        for record in reversed(self.antecedents[-MAX_ANTECEDENT_LOOKBACK:]):
            if record.start >= chunk.start_char:
                continue
            if head in record.words and modifiers <= record.words:
                if record.kind == "person" or record.head == head:
                    return record
        return None

    def _describe(self, chunk: Any) -> str:
        tokens = [token for token in chunk]
        while tokens and tokens[0].lower_ in _DETERMINERS:
            tokens = tokens[1:]
        if not tokens:
            return chunk.text
        return self.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]

    def _anonymous(self, head: Any) -> bool:
        sentence = head.sent.text.lower()
        return any(marker in sentence for marker in ANONYMITY_MARKERS)

    def _chunk_of(self, token: Any) -> Any:
        return self.chunk_of_token.get(token.i)

    def _no_source(self, attribution: _Attribution) -> bool:
        """True for indirect speech whose "speaker" is a plain thing ("the show underscored how …").

        Only cues that usually take a thing as subject count: a plain noun
        saying or showing something ("the pastor said", "polls show") is a source.
        """
        head = attribution.speaker_head
        if attribution.kind != "indirect" or head is None or attribution.resolved[1] is not None:
            return False
        if not (head.tag_ in ("NN", "NNS") and head.text.islower()) or attribution.cue is None:
            return False
        cue = self.text[attribution.cue[0] : attribution.cue[1]].lower()
        return CUE_FORMS.get(cue, cue) in THING_SUBJECT_CUES

    def _resolve_coordinated(self, head: Any, span: tuple[int, int] | None) -> tuple[str | None, str | None]:
        """Like :meth:`_resolve`, joining coordinated sources: "Washington and Baghdad"."""
        name, kind = self._resolve(head, span)
        partners = [child for child in head.children if child.dep_ == "conj" and child.tag_.startswith("NN")]
        if not partners or name is None or (span and not all(span[0] <= p.idx < span[1] for p in partners)):
            return name, kind
        names = [name]
        for partner in partners:
            partner_span = self._phrase(partner, partner.idx, partner.right_edge.idx + len(partner.right_edge))
            partner_name, _ = self._resolve(partner, partner_span)
            if partner_name and partner_name not in names:
                names.append(partner_name)
        return " and ".join(names), kind

    def _resolve(self, head: Any, span: tuple[int, int] | None) -> tuple[str | None, str | None]:
        """(speaker_name, speaker_kind) for a speaker whose syntactic head is ``head``."""
        lower = head.lower_
        if head.tag_ in ("PRP", "PRP$") or lower in PERSON_PRONOUNS or lower in PLURAL_PRONOUNS:
            return self._resolve_pronoun(head)
        tokens = self._tokens_between(*span) if span else [head]
        chunk = self._chunk_of(head)
        if chunk is not None and chunk.root.i == head.i:
            record = self.antecedent_at.get(chunk.start_char)
            if record is not None:
                if record.kind in ("anonymous", "document") and record.name and self._anonymous_in(tokens):
                    if not record.name.endswith("(anonymous)"):
                        return record.name + " (anonymous)", record.kind
                return record.name, record.kind
        person = self._person_in(tokens) if head.ent_type_ == "PERSON" else None
        if person is not None:
            return person[0], "person"
        if _has_role_appositive(head):
            name = _clean_name(self._entity_text(head))
            return self.surnames.get(name.lower(), name), "person"
        # An institution names the source only as the head or its modifier ("Pentagon
        # officials"), not inside a phrase attached to it ("supporters in Congress").
        organizations = [
            token
            for token in tokens
            if token.ent_type_ in _ORG_LABELS and (token.i == head.i or token.head.i == head.i)
        ]
        if organizations:
            return _strip_determiner(self._entity_text(organizations[-1])), "organization"
        if span:
            text = _strip_determiner(self.text[span[0] : span[1]])
            return text, None
        return head.text, None

    def _anonymous_in(self, tokens: list[Any]) -> bool:
        text = " ".join(token.lower_ for token in tokens)
        return any(marker in text for marker in ANONYMITY_MARKERS)

    def _resolve_pronoun(self, pronoun: Any) -> tuple[str | None, str | None]:
        lower = pronoun.lower_
        if lower in FIRST_PERSON_PRONOUNS:
            return None, None
        sentence = self.sentence_of.get(pronoun.i, 0)
        # Mentions inside quotation marks belong to the quoted speaker's words, not the narration.
        candidates = [
            record
            for record in self.antecedents
            if record.start < pronoun.idx and not self._inside_quote(record.start)
        ]
        if lower in PERSON_PRONOUNS:
            gender = PERSON_PRONOUNS[lower]
            candidates = [
                record
                for record in candidates
                if not record.plural
                and record.kind in ("person", "anonymous")
                and record.head not in QUANTITY_NOUNS
                and record.gender in (None, gender)
            ]
        elif lower in PLURAL_PRONOUNS:
            candidates = [
                record
                for record in candidates
                # Singular "they" is common for an unnamed official, so any anonymous source qualifies.
                if record.kind in ("anonymous", "organization")
            ]
        elif lower in THING_PRONOUNS:
            candidates = [record for record in candidates if record.kind in ("document", "organization")]
        else:
            return None, None
        if not candidates:
            return None, None
        subjects = [
            record
            for record in candidates
            if record.subject and sentence - record.sentence <= PRONOUN_SUBJECT_WINDOW
        ]
        if lower in PLURAL_PRONOUNS:
            # Plural sources and institutions first; a single unnamed official only failing those.
            groups = [record for record in candidates if record.plural or record.kind == "organization"]
            group_subjects = [record for record in subjects if record in groups]
            ordered = group_subjects or subjects or groups or candidates
            chosen = ordered[-1]
        else:
            chosen = subjects[-1] if subjects else candidates[-1]
        if lower in PERSON_PRONOUNS and chosen.kind == "person" and chosen.gender is None:
            self.genders[chosen.name] = PERSON_PRONOUNS[lower]
            for record in self.antecedents:
                if record.name == chosen.name:
                    record.gender = PERSON_PRONOUNS[lower]
        return chosen.name, chosen.kind


@lru_cache(maxsize=1)
def _indirect_cue_ids() -> frozenset[int]:
    """String ids of the lower-case words an indirect quote can hang on: cue verb forms, cue nouns, "according"."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(word) for word in {*CUE_FORMS, *NOMINAL_CUES, "according"})


def _positions_of(doc: Any, word_ids: frozenset[int]) -> list[int]:
    """Indices of doc's tokens whose lower-case form is one of word_ids."""
    from spacy.attrs import LOWER

    return [index for index, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in word_ids]


def _unsaid(cue: Any) -> bool:
    """True for speech that did not happen: "did not say how many", "declined to say whether"."""
    if any(child.dep_ == "neg" for child in cue.children):
        return True
    return cue.dep_ == "xcomp" and cue.head.lower_ in _REFUSALS


def _reporting_clause(cue: Any) -> bool:
    """True when the clause after a comma can be "…, the official said": its own subject, no conjunction.

    "…, while still maintaining a military footprint" is a subordinate clause
    (a ``mark`` such as while/because/after, and no subject of its own), not a
    report of what came before the comma.
    """
    if _marks(cue):
        return False
    return any(child.dep_ in ("nsubj", "nsubjpass") for child in cue.children)


def _marks(clause: Any) -> set[str]:
    """The subordinating words that open a clause ("that", "as", "while"), lower-cased."""
    return {child.lower_ for child in clause.children if child.dep_ == "mark"}


def _object_before(cue: Any, complement: Any) -> Any:
    """The direct object between a cue and its infinitive ("urged *Congress* to pass"), if any."""
    return next((child for child in cue.children if child.dep_ == "dobj" and cue.i < child.i < complement.i), None)


def _that_clause(token: Any) -> bool:
    """True for a clause opened by "that" the parser attached as an adverbial ("saying only that he …")."""
    return token.dep_ == "advcl" and "that" in _marks(token)


def _has_role_appositive(head: Any) -> bool:
    """True for a proper name with a person's role in apposition ("Smith, a spokesman")."""
    return head.tag_ in ("NNP", "NNPS") and any(
        child.dep_ == "appos" and child.lower_ in ANONYMOUS_NOUNS for child in head.children
    )


def _appositive_name(head: Any) -> Any:
    """The PERSON in apposition to head ("the mayor, Karen Bass"), if any."""
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return child
    return None


def _phrase_root(token: Any, within: list[Any]) -> Any:
    """The head of the noun phrase token belongs to (``Pamela`` -> ``Padilla``)."""
    allowed = {item.i for item in within}
    for _ in range(6):
        if token.head.i == token.i or token.head.i not in allowed:
            break
        if token.dep_ not in ("compound", "amod", "nmod", "poss", "det", "nummod", "flat", "punct", "case"):
            break
        token = token.head
    return token


def _names_a_source(token: Any) -> bool:
    lower = token.lower_
    return (
        token.ent_type_ in ("PERSON", "ORG")
        or lower in ANONYMOUS_NOUNS
        or lower in DOCUMENT_NOUNS
        or lower in ORGANIZATION_NOUNS
        or lower in PERSON_PRONOUNS
        or lower in PLURAL_PRONOUNS
    )


def _word_count(tokens: list[Any]) -> int:
    return sum(1 for token in tokens if not token.is_punct and not token.is_space)


def _is_quote_token(token: Any) -> bool:
    return bool(token.text) and (
        token.text[0] in OPEN_MARKS + CLOSE_MARKS + STRAIGHT_MARKS or token.text in ("''", "``")
    )


def _strip_determiner(text: str) -> str:
    words = text.split(" ", 1)
    if len(words) == 2 and words[0].lower() in _DETERMINERS:
        return words[1]
    return text


def _clean_name(text: str) -> str:
    """A person's name without a possessive ending or honorific."""
    name = text.strip()
    for ending in ("’s", "'s"):
        if name.endswith(ending):
            name = name[: -len(ending)]
    words = name.split()
    while words and words[0].lower() in HONORIFICS:
        words = words[1:]
    return " ".join(words) or name


def _gender_from(words: set[str] | frozenset[str]) -> str | None:
    if words & FEMALE_MARKERS:
        return "female"
    if words & MALE_MARKERS:
        return "male"
    return None
