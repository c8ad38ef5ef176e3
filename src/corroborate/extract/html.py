"""HTML pages to articles: trafilatura for the body, plus the clean-up it lacks.

trafilatura (with htmldate and courlan) finds the main content element and the
page's metadata well; we use it in its fast mode, which scored higher on the
benchmark (0.962) than its default mode (0.960), where it compares its result
with its bundled readability port and jusText and may switch to theirs. What it lacks, and
this module adds, is general clean-up of junk that sits *inside* the article
element:

- **Link-dense blocks.** Before trafilatura runs, paragraphs, list items and
  subheadings whose text is mostly link text (or that sit inside a link, as
  in teaser cards) are removed from the page: these
  are "related story" headlines, "Read more: ..." teasers and promo links that
  live inside the article container. Readers do not read them as the article.
- **The headline repeated as the first line.** trafilatura often keeps the
  ``<h1>`` (and a sub-headline) at the top of the body; they are metadata, so
  they go to ``title`` / ``standfirst`` instead. The headline also matches a
  ``<title>`` that carries the site name ("Opinion | ...", "... - VG247"),
  and then becomes the title itself. A short section label printed above it
  ("Review") goes too.
- **Form boxes.** A ``<form>`` (other than site search) and the small box
  around it (a newsletter sign-up, a poll) are removed before extraction.
- **Split bodies.** Templates that cut the body into sibling chunks of the
  same class lose all but one chunk in trafilatura; we add the paragraphs of
  the sibling chunks back, in page order.
- **A second opinion when the body looks wrong.** When most of the fast-mode
  body is short lines (menus, tag lists), trafilatura's full mode (which
  also consults its readability port and jusText) is run and kept if its
  body reads more like prose.
- **Lines about the author** at the end (a bio, "Write to ... at ...",
  "Reporting by ...") that name the article's own author.
- **Figure captions** are collected from ``<figcaption>`` and caption-classed
  elements, and body lines that repeat an image's alt text are moved to them:
  captions are kept in ``captions``, apart from the body.

What is cut from inside the article is kept in ``Article.removed`` with the
reason (menu entries cut from site chrome are not listed). The batch context
is not used: unlike pre-scraped text, HTML carries its own structure signals.

Measured on the Scrapinghub article-extraction benchmark (181 pages, scored as
in :mod:`corroborate.bench.extraction`), body F1 step by step: plain
``trafilatura.extract`` 0.960; its fast mode 0.962; + headline removal 0.967;
+ link-dense blocks 0.972; + form boxes 0.972 (one more page clean, none
worse once search forms are left alone); + split bodies 0.975; + alt-text
captions 0.976; + closing lines about the author 0.976 (0.9756 -> 0.9760);
+ blocks inside a link count as all link text 0.977; + a headline equal to
the title without its site name ("Opinion | ...") 0.978; + a short section
label above the headline 0.978 (0.9775 -> 0.9779); + full-mode fallback when
the fast body is mostly short lines 0.979; + dropping a line that is only the
page's own address 0.980 (0.9794 -> 0.9795). ``docs/benchmarks.md`` has the current table with speed.
Tried and dropped (F1 of the idea, then of the pipeline it was tried on):
trafilatura's ``favor_precision`` 0.955 vs 0.972 (it loses whole bodies on
some pages; used only when it keeps 70% of the default output, 0.972, no
gain); ``favor_recall`` and ``deduplicate`` on plain trafilatura 0.959 and
0.951 vs 0.960; removing boxes whose class/id names say "newsletter",
"related", "share" (case-insensitive) 0.957 vs 0.962; trimming short
unpunctuated lines at the start or end 0.965-0.970 vs 0.972; dropping
repeated paragraphs 0.970 vs 0.972; dropping runs of short lines
0.971-0.973 vs 0.976; dropping whole link-led lists 0.973-0.975 vs 0.975.

Publication dates come from htmldate, split by where the date was found so
each candidate carries an honest confidence (see :data:`DATE_EVIDENCE`).

Pages are read whole or refused with a reason, never half-read: libxml2
stops without an error at 256 levels of nesting or at a 10 MB text node,
dropping the rest of the page, so a page that may have hit either limit is
parsed again with the limits raised; one nested deeper than
:data:`MAX_PARSE_DEPTH` even so is refused. A page whose only "body" is link
text (a home page's menu, a section front's headlines) holds no article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import lxml.html
import trafilatura
from htmldate import find_date
from htmldate.extractors import extract_url_date
from htmldate.settings import MIN_DATE
from htmldate.utils import Extractor as DateOptions
from htmldate.validators import get_max_date
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.xml import xmltotxt

from corroborate.errors import ExtractionError
from corroborate.extract.boilerplate import BatchContext
from corroborate.extract.dates import parse_date
from corroborate.model import Article, DateCandidate, RawDocument, RemovedBlock

#: A block whose link text is at least this share of its text is a link, not
#: prose. Scrapinghub benchmark F1 (with headline removal): 0.7 -> 0.967 with
#: lower recall, 0.8 -> 0.972, 0.9 -> 0.970 (more related headlines kept).
LINK_DENSE_RATIO = 0.8

#: A paragraph this long (in characters, so that it works for scripts written
#: without spaces) reads as prose; menu entries and tag lists are shorter.
PROSE_MIN_CHARS = 60
#: When less than this share of the fast-mode body is prose, trafilatura's full
#: mode is tried as well. Scrapinghub benchmark F1: 0.3 -> 0.9779 (never
#: helps), 0.5 to 0.8 -> 0.9794 (fixes a municipal site whose menus fast mode
#: took for the article); the lowest of those keeps the extra runs rare.
FALLBACK_BELOW_LONG_SHARE = 0.5

#: Link-dense blocks shorter than this (menu entries) or inside navigation,
#: headers, footers and asides are removed without being listed in
#: ``Article.removed``: a reader inspecting what was cut wants the teasers and
#: related headlines, not every menu item of the site.
REPORTED_MIN_WORDS = 4

#: A form and the box around it are removed when the box holds at most this
#: many words: a sign-up box is a heading, a sentence, a button and its
#: "thanks"/"error" messages. Scrapinghub benchmark F1: 25 -> 0.9755,
#: 40 -> 0.9756, 80 -> 0.9757, 120 -> 0.9757; article text stays far above it.
FORM_BOX_MAX_WORDS = 80

#: The headline and sub-headline repeated in the body appear within its first
#: few blocks; further down a line equal to the title is real text.
HEADLINE_SEARCH_BLOCKS = 3

#: A line repeats the headline when it is the page title with the site name
#: cut off: at least this many words and this share of the title's words.
HEADLINE_MIN_WORDS = 3
HEADLINE_MIN_TITLE_SHARE = 0.5

#: A line of at most this many words above the headline is a section label
#: ("Review", "Immunology", "Opinion"), not article text.
KICKER_MAX_WORDS = 3

#: Split article bodies: how many levels above a body paragraph we look for
#: sibling chunks of the same class, and how long a paragraph must be to
#: anchor the search (short lines can be repeated anywhere on the page).
#: On the Scrapinghub benchmark this fires on the 2 pages with split bodies
#: and no others; F1 0.972 -> 0.975.
CONTINUATION_MAX_LEVELS = 3
CONTINUATION_ANCHOR_MIN_WORDS = 8

#: Lines about the author (bio, "Write to ... at", "Reporting by") close the
#: article: we look at this many last paragraphs, each at most this long.
#: Scrapinghub benchmark F1 0.9756 -> 0.9760 (10 pages touched).
AUTHOR_LINE_SEARCH_BLOCKS = 3
AUTHOR_LINE_MAX_WORDS = 60

#: An image's alt text shorter than this ("photo", "logo") says nothing about
#: a body line that happens to match it.
CAPTION_MIN_WORDS = 3

#: How far each kind of date evidence found by htmldate can be trusted, with the
#: note shown to readers.
DATE_EVIDENCE = {
    "markup": (0.85, "original publication date in the page's metadata or date markup"),
    "url": (0.6, "date in the article's address; usually the publication day"),
    "text": (0.4, "only guessed from a date written somewhere in the page text"),
    "modified": (0.3, "last-modified date in the page's markup; publication may be earlier"),
}

#: Elements that can be a link-dense block inside an article.
_BLOCK_XPATH = etree.XPath(
    "//body//*[self::p or self::li or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
    " or self::dt or self::dd]"
)
_CAPTION_XPATH = etree.XPath(
    "//figcaption | //*[contains(concat(' ', translate(@class, 'CAPTION', 'caption'), ' '), 'caption')"
    " and not(self::figure) and not(.//figcaption) and not(.//p[2])]"
)
_LANGUAGE_XPATH = etree.XPath(
    "/html/@lang | /html/@xml:lang"
    " | //meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')='content-language']/@content"
    " | //meta[@property='og:locale']/@content"
)
#: Search forms sit in site chrome, which trafilatura already leaves out;
#: pruning around them only disturbs its choice of the main element.
_FORM_XPATH = etree.XPath("//body//form[not(@role='search') and not(.//input[@type='search'])]")
#: Climbing from a form to its box stops below these: they hold the article.
_NEVER_A_BOX = frozenset({"body", "html", "article", "main"})
_IN_LINK = etree.XPath("boolean(ancestor::a)")
_IN_SITE_CHROME = etree.XPath("boolean(ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside)")
_WORD = re.compile(r"\w+")
#: "By", "Analysis by", "Written by" before a name.
_BYLINE_PREFIX = re.compile(r"^(?:[^\W\d_]+\s+)?by\s+", re.IGNORECASE)
#: ", CNN Editor-at-large", " is a reporter ...": a role or bio after the name.
#: One word after a comma is kept: "Doe, Jane" and "King, Jr." are names.
_BIO_SUFFIX = re.compile(r"\s+(?:is|was)\s+(?:a|an|the)\s.*$|,\s+\S+\s+\S.*$")
#: Day and month names (English): a date glued to the end of a byline.
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_LANGUAGE_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
#: A "URL" that cannot contain a date: stops htmldate from reading the page's
#: canonical address when we want the markup evidence alone.
_NO_URL = "-"
#: How much of the markup is searched for <html>/<body> to tell a page from a fragment.
FRAGMENT_SNIFF_CHARS = 2000
#: Fragments longer than this go through trafilatura like pages: feed items with
#: full content can carry share boxes and related links inside them.
MAX_FRAGMENT_CHARS = 3000

#: libxml2's nesting limit: past this many levels it stops parsing, without an
#: error, and everything after that point is lost (unclosed ``<div>`` or
#: ``<font>`` tags on old pages get there).
DEFAULT_PARSE_DEPTH = 256
#: libxml2 also stops, as silently, at a text node longer than this; only a
#: page at least this long can hold one.
DEFAULT_PARSE_TEXT_CHARS = 10_000_000
#: Its limit with ``huge_tree`` (XML_PARSE_HUGE), used to parse such pages
#: again; a page deeper still is refused. trafilatura and our clean-up are
#: iterative, so 2,000 levels extract in 0.3 s.
MAX_PARSE_DEPTH = 2048
#: trafilatura's own parser settings, with the nesting and text-node limits raised.
_DEEP_HTML_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True,
    huge_tree=True,
)


def extract_html(document: RawDocument, context: BatchContext) -> Article:
    """Clean article from an HTML page: body, metadata and dated evidence."""
    if _is_fragment(document.content):
        fragment = _fragment_article(document)
        if fragment is not None:
            return fragment
    tree = _load_page(document.content)
    hint = document.hints.get("url")
    hinted_url = hint.strip() or None if isinstance(hint, str) else None
    captions = _figure_captions(tree)
    language = _declared_language(tree)
    removed = _remove_form_boxes(tree) + _remove_link_dense_blocks(tree)
    result = trafilatura.bare_extraction(
        tree,
        url=hinted_url,
        fast=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    if result is None or result.body is None:
        raise ExtractionError("no article text found on the page")
    body_element = _with_fallback(tree, result.body, hinted_url)
    title = _clean(result.title)
    description = _clean(result.description)
    headline_removed, headline = _remove_repeated_headline(body_element, title, description)
    removed += headline_removed
    title = headline or title
    body = _without_captions(_paragraphs(body_element), captions, _image_descriptions(tree))
    before, after = _split_body_continuation(tree, body)
    body = before + body + after
    authors = _authors(result.author, result.sitename)
    body, about_author = _remove_author_lines(body, authors)
    removed += about_author
    if body and _only_link_text(body, tree):
        raise ExtractionError("no article text found on the page (only menu or link text)")
    url = _clean(result.url) or hinted_url
    if url:
        # The page's own address printed as a line is a print/share leftover.
        own = [paragraph for paragraph in body if paragraph.rstrip("/") == url.rstrip("/")]
        removed += [RemovedBlock(paragraph, "the page's own address") for paragraph in own]
        body = [paragraph for paragraph in body if paragraph not in own]
    return Article(
        id="",
        input=document.input,
        text="\n\n".join(body),
        title=title,
        standfirst=_standfirst(description, body),
        authors=authors,
        outlet=_clean(result.sitename),
        url=url,
        language=language,
        date_candidates=tuple(_date_candidates(tree, url)),
        captions=tuple(captions),
        removed=tuple(removed),
        format="html",
    )


def _load_page(markup: str) -> HtmlElement:
    """The parsed page, whole: parsed again without libxml2's limits if it may have hit one."""
    tree = trafilatura.load_html(markup)
    if tree is None:
        raise ExtractionError("the HTML page could not be parsed")
    if len(markup) < DEFAULT_PARSE_TEXT_CHARS and _depth(tree) < DEFAULT_PARSE_DEPTH:
        return tree
    try:
        tree = lxml.html.fromstring(markup, parser=_DEEP_HTML_PARSER)
    except ValueError:  # a string with an XML encoding declaration must be parsed as bytes
        tree = lxml.html.fromstring(markup.encode("utf-8"), parser=_DEEP_HTML_PARSER)
    if _depth(tree) >= MAX_PARSE_DEPTH:
        raise ExtractionError(
            f"the HTML page is nested too deeply to parse (more than {MAX_PARSE_DEPTH - 1} levels of elements)"
        )
    return tree


def _depth(tree: HtmlElement) -> int:
    """How many levels of elements the tree has (the root is level 1)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _only_link_text(body: list[str], tree: HtmlElement) -> bool:
    """True when every body line is the text of a link on the page: a menu or a list of headlines."""
    links = {_normalized(link.text_content()) for link in tree.iter("a")}
    return all(_normalized(paragraph) in links for paragraph in body)


def _is_fragment(markup: str) -> bool:
    """A piece of markup (a feed item's content), not a whole page."""
    head = markup[:FRAGMENT_SNIFF_CHARS].lower()
    return "<html" not in head and "<body" not in head and "<!doctype" not in head


def _fragment_article(document: RawDocument) -> Article | None:
    """Body of a short HTML fragment, which trafilatura declines as too small to be a page.

    Feed items and JSON Lines records often carry just ``<p>...</p>``; every
    block of such a fragment is the content, there is no page chrome to remove.
    Longer fragments still go through trafilatura (they may hold chrome).
    """
    if len(document.content) > MAX_FRAGMENT_CHARS:
        return None
    try:
        root = lxml.html.fragment_fromstring(document.content, create_parent="div", parser=_DEEP_HTML_PARSER)
    except (etree.ParserError, ValueError):
        return None
    for unwanted in root.xpath(".//script|.//style|.//noscript"):
        _drop_keeping_tail(unwanted)
    blocks = root.xpath(".//p|.//li|.//h2|.//h3|.//h4|.//blockquote[not(.//p)]")
    texts = [" ".join(block.text_content().split()) for block in blocks] or [" ".join(root.text_content().split())]
    paragraphs = [text for text in texts if text]
    if not paragraphs:
        return None
    return Article(id="", input=document.input, text="\n\n".join(paragraphs), format="html")


def _without_captions(paragraphs: list[str], captions: list[str], image_texts: set[str]) -> list[str]:
    """Body paragraphs that are not captions; alt-text captions join ``captions``."""
    caption_keys = {_normalized(caption) for caption in captions}
    body = []
    for paragraph in paragraphs:
        key = _normalized(paragraph)
        if key in caption_keys:
            continue  # kept in ``captions``
        if key in image_texts:
            # A line repeating an image's alt text is its caption, set as plain text.
            captions.append(paragraph)
            caption_keys.add(key)
            continue
        body.append(paragraph)
    return body


def _remove_link_dense_blocks(tree: HtmlElement) -> list[RemovedBlock]:
    """Drop blocks that are mostly link text from ``tree``; return what was dropped."""
    removed = []
    for element in _BLOCK_XPATH(tree):
        if not _attached(element, tree):
            continue  # inside a block removed already
        text = _clean(element.text_content()) or ""
        if not text:
            continue
        if _IN_LINK(element):
            share = 1.0  # a teaser card: the heading sits inside the <a>
        else:
            link_chars = sum(len(_clean(link.text_content()) or "") for link in element.iter("a"))
            share = link_chars / len(text)
        if share >= LINK_DENSE_RATIO:
            if len(text.split()) >= REPORTED_MIN_WORDS and not _IN_SITE_CHROME(element):
                removed.append(RemovedBlock(text, f"mostly links ({share:.0%} of its text)"))
            _drop_keeping_tail(element)
    return removed


def _with_fallback(tree: HtmlElement, body: etree._Element, url: str | None) -> etree._Element:
    """The fast-mode body, or trafilatura's full mode when the fast one is mostly short lines.

    A body made of menu entries and tag lists means the fast heuristics picked
    the wrong element; trafilatura's full mode, which also asks its bundled
    readability port and jusText, is run only then, and kept if it reads
    more like prose.
    """
    share = _long_text_share(_paragraphs(body))
    if share >= FALLBACK_BELOW_LONG_SHARE:
        return body
    alternative = trafilatura.bare_extraction(
        tree, url=url, fast=False, include_comments=False, include_tables=True, with_metadata=False
    )
    if alternative is None or alternative.body is None:
        return body
    return alternative.body if _long_text_share(_paragraphs(alternative.body)) > share else body


def _long_text_share(paragraphs: list[str]) -> float:
    """Share of the text in paragraphs long enough to be prose (in characters, for CJK too)."""
    total = sum(len(paragraph) for paragraph in paragraphs)
    if not total:
        return 0.0
    return sum(len(p) for p in paragraphs if len(p) >= PROSE_MIN_CHARS) / total


def _remove_form_boxes(tree: HtmlElement) -> list[RemovedBlock]:
    """Drop the small boxes around forms (newsletter sign-ups, polls, search)."""
    removed = []
    for form in _FORM_XPATH(tree):
        if not _attached(form, tree) or _word_count(form) > FORM_BOX_MAX_WORDS:
            continue  # inside a box already removed, or a <form> wrapping the whole page
        box = form
        parent = box.getparent()
        while (
            parent is not None
            and parent.tag not in _NEVER_A_BOX
            and _word_count(parent) <= FORM_BOX_MAX_WORDS
        ):
            box = parent
            parent = box.getparent()
        text = _clean(" ".join(box.itertext()))
        if text and len(text.split()) >= REPORTED_MIN_WORDS and not _IN_SITE_CHROME(box):
            removed.append(RemovedBlock(text, "a form box (sign-up, poll or search), not article text"))
        _drop_keeping_tail(box)
    return removed


def _attached(element: HtmlElement, tree: HtmlElement) -> bool:
    return any(ancestor is tree for ancestor in element.iterancestors())


def _word_count(element: HtmlElement) -> int:
    return len((element.text_content() or "").split())


def _split_body_continuation(tree: HtmlElement, body: list[str]) -> tuple[list[str], list[str]]:
    """Paragraphs of an article body that the page splits into sibling chunks.

    Some templates cut the body into several sibling containers of the same
    class (with ads between them) and trafilatura keeps only one chunk. From
    the last substantial paragraph we found, we climb a few levels to a
    container whose parent holds siblings of the same tag and class, and take
    the paragraphs at the same place inside those siblings: ``(before, after)``.
    Siblings holding an ``<h1>`` are other articles (infinite scroll), and an
    ``<article>`` element is never climbed past.
    """
    anchors = [paragraph for paragraph in body if len(paragraph.split()) >= CONTINUATION_ANCHOR_MIN_WORDS]
    if not anchors:
        return [], []
    anchor_key = _normalized(anchors[-1])
    anchor = next((p for p in tree.iter("p") if _normalized(p.text_content()) == anchor_key), None)
    if anchor is None:
        return [], []
    known = {_normalized(paragraph) for paragraph in body}
    path: list[tuple[str, str | None]] = []  # (tag, class) from the chunk down to the paragraph's parent
    node = anchor.getparent()
    for _ in range(CONTINUATION_MAX_LEVELS):
        parent = node.getparent() if node is not None else None
        if parent is None or node.tag in _NEVER_A_BOX:
            break
        signature = (node.tag, node.get("class"))
        siblings = [child for child in parent if child is not node and (child.tag, child.get("class")) == signature]
        if signature[1] and siblings:
            before: list[str] = []
            after: list[str] = []
            target = before
            for child in parent:
                if child is node:
                    target = after
                elif child in siblings and not child.xpath(".//h1"):
                    target.extend(_new_paragraphs(child, path, known))
            return before, after
        path.insert(0, signature)
        node = parent
    return [], []


def _new_paragraphs(chunk: HtmlElement, path: list[tuple[str, str | None]], known: set[str]) -> list[str]:
    """Paragraph texts at ``path`` inside ``chunk`` that are not in the body yet."""
    containers = [chunk]
    for tag, class_name in path:
        containers = [
            child for node in containers for child in node if (child.tag, child.get("class")) == (tag, class_name)
        ]
    paragraphs = []
    for container in containers:
        for element in container.iter("p"):
            text = _clean(element.text_content())
            key = _normalized(text)
            if text and key not in known:
                known.add(key)
                paragraphs.append(text)
    return paragraphs


def _drop_keeping_tail(element: HtmlElement) -> None:
    """Remove ``element`` but keep the text that follows it in its parent."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _remove_repeated_headline(
    body: etree._Element, title: str | None, description: str | None
) -> tuple[list[RemovedBlock], str | None]:
    """Take the headline (and a sub-headline equal to the description) off the body's top.

    Returns what was removed and the headline as the page shows it, which is
    the better title when the ``<title>`` carries the site name too.
    """
    title_key = _normalized(title)
    description_key = _normalized(description)
    removed = []
    headline = None
    passed: list[tuple[etree._Element, str]] = []  # blocks above the headline
    for block in list(body)[:HEADLINE_SEARCH_BLOCKS]:
        text = _clean("".join(block.itertext())) or ""
        key = _normalized(text)
        if not key:
            continue
        if key == title_key or _is_title_part(key, title_key):
            removed.append(RemovedBlock(text, "repeats the headline"))
            if headline is None:
                for label, label_text in passed:
                    if len(label_text.split()) <= KICKER_MAX_WORDS:
                        # "Review", "Immunology": the section label printed above the headline.
                        removed.append(RemovedBlock(label_text, "section label above the headline"))
                        body.remove(label)
            headline = headline or text
        elif key == description_key and block.tag == "head":
            # A description set as a heading is the sub-headline; as a paragraph it is the lede.
            removed.append(RemovedBlock(text, "repeats the sub-headline"))
        else:
            passed.append((block, text))
            continue
        body.remove(block)
    return removed, headline


def _is_title_part(key: str, title_key: str) -> bool:
    """True when a line is the page title without its site name ("Opinion | ...", "... - VG247")."""
    words = len(key.split())
    return (
        words >= HEADLINE_MIN_WORDS
        and f" {key} " in f" {title_key} "
        and words >= HEADLINE_MIN_TITLE_SHARE * len(title_key.split())
    )


def _remove_author_lines(body: list[str], authors: tuple[str, ...]) -> tuple[list[str], list[RemovedBlock]]:
    """Drop closing lines that name the article's own author: bio, contact or credit.

    "Write to Al Root at ...", "Eric Song is IGN's deal curator ...": a line
    about the writer, not the story. Only full names (two words or more) count,
    only in the last few short paragraphs.
    """
    names = [name.lower() for name in authors if len(name.split()) >= 2]
    if not names:
        return body, []
    kept = list(body)
    removed = []
    for index in range(len(body) - 1, max(-1, len(body) - 1 - AUTHOR_LINE_SEARCH_BLOCKS), -1):
        paragraph = body[index]
        lowered = paragraph.lower()
        if len(paragraph.split()) <= AUTHOR_LINE_MAX_WORDS and any(name in lowered for name in names):
            removed.append(RemovedBlock(paragraph, "about the article's author (bio, contact or credit)"))
            del kept[index]
    return kept, removed


def _paragraphs(body: etree._Element) -> list[str]:
    """trafilatura's plain text of ``body``, one paragraph (or list item) per entry."""
    text = xmltotxt(body, False)
    return [line.strip() for line in text.split("\n") if line.strip()]


def _figure_captions(tree: HtmlElement) -> list[str]:
    captions: list[str] = []
    for element in _CAPTION_XPATH(tree):
        text = _clean(element.text_content())
        if text and text not in captions:
            captions.append(text)
    return captions


def _image_descriptions(tree: HtmlElement) -> set[str]:
    """Normalized alt/title texts of the page's images that read like captions."""
    texts = set()
    for image in tree.iter("img"):
        for value in (image.get("alt"), image.get("title")):
            key = _normalized(value)
            if len(key.split()) >= CAPTION_MIN_WORDS:
                texts.add(key)
    return texts


def _declared_language(tree: HtmlElement) -> str | None:
    """The page's declared language as an ISO 639 code (``en`` from ``en-US``)."""
    for value in _LANGUAGE_XPATH(tree):
        match = _LANGUAGE_TAG.match(str(value).strip())
        if match:
            return match.group(1).lower()
    return None


def _standfirst(description: str | None, body: list[str]) -> str | None:
    """The page's description, unless it only repeats the start of the body."""
    key = _normalized(description)
    if not key:
        return None
    opening = _normalized(" ".join(body[:2]))
    return None if key in opening else description


def _authors(value: str | None, outlet: str | None) -> tuple[str, ...]:
    """Author names from trafilatura's byline, without the byline's leftovers.

    trafilatura reads the byline element whole, so names come with a role
    ("Analysis by ..."), a bio ("... is a reporter"), the date that followed
    them ("... Monday", "November"), a separator ("•") or the outlet itself.
    """
    if not value:
        return ()
    names: list[str] = []
    outlet_key = _normalized(outlet)
    for raw in value.split(";"):
        name = _BYLINE_PREFIX.sub("", raw.strip())
        name = _BIO_SUFFIX.sub("", name)
        words = name.split()
        while words and words[-1].lower().strip(",.") in _WEEKDAYS:
            words.pop()  # not months: "Theresa May" is a name
        name = " ".join(words)
        if name.lower() in _MONTHS:
            continue
        key = _normalized(name)
        if not re.search(r"[^\W\d_]{2}", name) or not key:
            continue  # a separator such as "•" or "|"
        if outlet_key and (key == outlet_key or key.startswith(outlet_key + " ")):
            continue  # "CNN Business": the outlet, not a person
        if name not in names:
            names.append(name)
    return tuple(names)


def _date_candidates(tree: HtmlElement, url: str | None) -> Iterable[DateCandidate]:
    """Publication-date evidence from htmldate, one candidate per kind of source."""
    markup = parse_date(find_date(tree, extensive_search=False, original_date=True, url=_NO_URL))
    if markup:
        yield _candidate(markup, "markup")
    from_url = url_date_candidate(url)
    if from_url:
        yield from_url
    if not markup and not from_url:
        guessed = parse_date(find_date(tree, extensive_search=True, original_date=True, url=_NO_URL))
        if guessed:
            yield _candidate(guessed, "text")
    modified = parse_date(find_date(tree, extensive_search=False, original_date=False, url=_NO_URL))
    if modified and modified != markup:
        yield _candidate(modified, "modified")


def url_date_candidate(url: str | None) -> DateCandidate | None:
    """A ``/YYYY/MM/DD/``-style date in the address (htmldate's own matcher), as a candidate."""
    if not url:
        return None
    options = DateOptions(False, get_max_date(None), MIN_DATE, True, "%Y-%m-%d")
    value = parse_date(extract_url_date(url, options))
    return _candidate(value, "url") if value else None


def _candidate(value: str, kind: str) -> DateCandidate:
    confidence, note = DATE_EVIDENCE[kind]
    return DateCandidate(value=value, source=f"html:{kind}", confidence=confidence, note=note)


def _clean(value: str | None) -> str | None:
    """Whitespace collapsed; ``None`` for missing or blank values."""
    if not value:
        return None
    text = " ".join(value.split())
    return text or None


def _normalized(text: str | None) -> str:
    """Lower-cased words only: how two renderings of the same line are compared."""
    return " ".join(_WORD.findall((text or "").lower()))
