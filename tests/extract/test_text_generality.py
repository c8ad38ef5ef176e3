"""How the plain-text extractor does on real pages it was never tuned on.

The seed pages and fixtures pin the extractor down exactly; this gate checks
that it generalizes. It runs over the ECB+ news texts of the shared bench
(``stories-ecbplus/articles.jsonl``): short scraped news pages, most with an
address line, a date line and a headline above the article, some hard-wrapped.
No gold extraction exists for them, so the measure is built from what any
article must keep -- its sentences:

* a *prose line* is a raw line of at least ``PROSE_MIN_WORDS`` words that
  reads as a sentence: mostly lower-case words, at least one function word,
  sentence-final punctuation (. ! ? ” " or ...);
* *prose recall* is the share of prose-line words whose line survives into
  the article's title, standfirst or text;
* *body start* is the share of pages whose text begins at or before the first
  prose line (or whose standfirst is that line), i.e. nothing of the
  article's opening was dropped as page chrome;
* *address leaks* counts pages where a URL-shaped line became the title or
  part of the text;
* *headline titles* is the share of pages with an address line (the ECB+
  pages proper) whose title is one of the lines above the first prose line
  (the page's headline), not the address and not ``None``.

Run ``python tests/extract/test_text_generality.py`` to print the numbers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
import pytest

from corroborate.bench import default_data_root
from corroborate.extract import extract_document
from corroborate.errors import ExtractionError
from corroborate.model import Article, RawDocument

ECBPLUS = default_data_root() / "stories-ecbplus" / "articles.jsonl"

#: Every ``SAMPLE_STEP``-th text of the file is measured (a deterministic
#: sample of ~390 of the 772 texts; the whole file takes a few seconds too).
SAMPLE_STEP = 2
#: A prose line has at least this many words ...
PROSE_MIN_WORDS = 8
#: ... of which at least this share start in lower case (names and headlines
#: are capitalised; running sentences are not).
PROSE_MIN_LOWERCASE_SHARE = 0.5

#: Floors pinned from the measurement after the generality fixes, on this
#: sample: prose recall 0.999, body start 1.000, no address leaks, headline
#: titles 0.958 -- with a little room for harmless changes. Before the fixes:
#: recall 0.984 (0.969 on the pages with an address line), body start 0.995,
#: 168 address leaks (the address was the title), headline titles 0.105.
MIN_PROSE_RECALL = 0.995
MIN_BODY_START_SHARE = 0.99
MAX_ADDRESS_LEAKS = 0
MIN_HEADLINE_TITLE_SHARE = 0.93

_WORD = re.compile(r"[^\W_](?:[\w’'.-]*[^\W_])?")
_FUNCTION_WORD = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|could|should|can|may|might|must|do|does|did"
    r"|said|says|told|the|a|an|of|to|in|into|on|at|by|from|that|for|with|as|it|he|she|they|his|her|their)\b"
)
_SENTENCE_END = re.compile(r"(?:[.!?]|\.\.\.|…)\s*[\"”’')\]]?\s*$|[\"”]\s*$")
_ADDRESS = re.compile(r"^\s*(?:https?\s*:\s*/\s*/|www\s*\.\s*\w)", re.IGNORECASE)


def is_prose_line(line: str) -> bool:
    """A raw line that reads as a sentence of running text."""
    words = _WORD.findall(line)
    alphabetic = [word for word in words if word[0].isalpha()]
    if len(words) < PROSE_MIN_WORDS or not alphabetic:
        return False
    lowercase = sum(1 for word in alphabetic if word[0].islower())
    return (
        lowercase / len(alphabetic) >= PROSE_MIN_LOWERCASE_SHARE
        and bool(_FUNCTION_WORD.search(line))
        and bool(_SENTENCE_END.search(line))
    )


def is_address_line(line: str) -> bool:
    """A raw line that is a web address (``http: / / site. com / ...`` in ECB+)."""
    return bool(_ADDRESS.match(line))


@dataclass
class Generality:
    """Totals of the measurement over a set of pages."""

    pages: int = 0
    prose_words: int = 0
    kept_words: int = 0
    pages_with_prose: int = 0
    body_starts_right: int = 0
    address_leaks: int = 0
    failures: int = 0
    addressed_pages: int = 0
    headline_titles: int = 0

    @property
    def prose_recall(self) -> float:
        return self.kept_words / max(1, self.prose_words)

    @property
    def body_start_share(self) -> float:
        return self.body_starts_right / max(1, self.pages_with_prose)

    @property
    def headline_title_share(self) -> float:
        return self.headline_titles / max(1, self.addressed_pages)


def _normal(text: str) -> str:
    return " ".join(text.split())


def measure_page(content: str, totals: Generality) -> list[str]:
    """Add one page to ``totals``; return what went wrong on it, in words."""
    totals.pages += 1
    problems: list[str] = []
    lines = [_normal(line) for line in content.splitlines() if line.strip()]
    try:
        article: Article | None = extract_document(RawDocument(input="x.txt", format="text", content=content, encoding="utf-8"))
    except ExtractionError:
        article = None
        totals.failures += 1
        problems.append("no article")
    kept = "\n".join(_normal(part) for part in ((article.title or "", article.standfirst or "", article.text) if article else ()))
    prose = [line for line in lines if is_prose_line(line)]
    for line in prose:
        words = len(line.split())
        totals.prose_words += words
        if line in kept:
            totals.kept_words += words
        else:
            problems.append(f"dropped: {line[:80]}")
    if prose:
        totals.pages_with_prose += 1
        first_prose = lines.index(prose[0])
        if article and (prose[0] in _normal(article.standfirst or "") or _opening_line(lines, article) <= first_prose):
            totals.body_starts_right += 1
        else:
            problems.append(f"late start: {prose[0][:80]}")
    addresses = [line for line in lines if is_address_line(line)]
    if article:
        for line in addresses:
            if line == article.title or line in article.text:
                totals.address_leaks += 1
                problems.append(f"address kept: {line[:80]}")
    if addresses:
        totals.addressed_pages += 1
        above_prose = lines[: lines.index(prose[0])] if prose else lines
        if article and article.title in above_prose and article.title not in addresses:
            totals.headline_titles += 1
        else:
            problems.append(f"title: {article.title if article else None}")
    return problems


def _opening_line(lines: list[str], article: Article) -> int:
    """Index of the raw line where the article's text begins."""
    opening = _normal(article.text.split("\n\n")[0])
    return next((index for index, line in enumerate(lines) if opening.startswith(line)), len(lines))


def _ecbplus_texts() -> list[tuple[str, str]]:
    with ECBPLUS.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [(record["id"], record["text"]) for record in records[::SAMPLE_STEP]]


def measure(texts: list[tuple[str, str]]) -> tuple[Generality, dict[str, list[str]]]:
    """Measure every page; also return the problems found per page id."""
    totals = Generality()
    problems = {}
    for identifier, content in texts:
        found = measure_page(content, totals)
        if found:
            problems[identifier] = found
    return totals, problems


def test_prose_line_and_address_line_shapes() -> None:
    assert is_prose_line("Lohan was previously at Betty Ford from September 2010 to January 2011 after a probation violation.")
    assert is_prose_line("The offer is believed to be for at least eight years...")
    assert not is_prose_line("Herald: Sox Make Offer To Teixeira (8 Years?)")
    assert not is_prose_line("Michael Silverman reports that the Red Sox")
    assert is_address_line("http: / / articles. latimes. com / 2013 / may / 03 / local / la - me - 0504 - lohan - rehab - 20130504")
    assert is_address_line("www.reuters.com/world/iraq")
    assert not is_address_line("May 03, 2013")


@pytest.mark.skipif(not ECBPLUS.exists(), reason=f"ECB+ bench texts not present at {ECBPLUS}")
def test_extractor_keeps_the_prose_of_unseen_ecbplus_pages() -> None:
    totals, problems = measure(_ecbplus_texts())
    summary = (
        f"{totals.pages} pages: prose recall {totals.prose_recall:.3f}, body start {totals.body_start_share:.3f}, "
        f"address leaks {totals.address_leaks}, headline titles {totals.headline_title_share:.3f}, "
        f"no article {totals.failures}; first problems: "
        + "; ".join(f"{key}: {value[0]}" for key, value in list(problems.items())[:5])
    )
    assert totals.prose_recall >= MIN_PROSE_RECALL, summary
    assert totals.body_start_share >= MIN_BODY_START_SHARE, summary
    assert totals.address_leaks <= MAX_ADDRESS_LEAKS, summary
    assert totals.headline_title_share >= MIN_HEADLINE_TITLE_SHARE, summary


def _report(label: str, result: Generality) -> str:
    return (
        f"{label}: {result.pages} pages, {result.prose_words} prose words: recall {result.prose_recall:.3f}, "
        f"body start {result.body_start_share:.3f} ({result.body_starts_right}/{result.pages_with_prose}), "
        f"address leaks {result.address_leaks}, headline titles {result.headline_title_share:.3f} "
        f"({result.headline_titles}/{result.addressed_pages}), no article {result.failures}"
    )


if __name__ == "__main__":
    import sys

    if "--all" in sys.argv:
        SAMPLE_STEP = 1
    texts = _ecbplus_texts()
    result, found = measure(texts)
    print(_report(f"sample 1/{SAMPLE_STEP}", result))
    for suffix in ("ecb", "ecbplus"):
        print(_report(f"  *{suffix}", measure([(key, text) for key, text in texts if key.endswith(suffix)])[0]))
    if "-v" in sys.argv:
        for key, value in found.items():
            print(key, *value, sep="\n    ")
