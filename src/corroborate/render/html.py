"""The brief as one self-contained HTML page: inline CSS, no scripts, nothing fetched.

The page has the same sections as the Markdown brief. Each citation marker
``[n]`` links to the cited passage inside the Sources section, where every
source's clean text is shown whole and each cited passage is wrapped in a
``<mark>`` at its exact character offsets, so a reader clicks a marker and
lands on the words it cites (``:target`` highlights them, no script needed).
Passages may overlap: the text is cut at every passage boundary and each piece
is marked; a passage's ``id`` sits on the piece where it starts.

Everything that comes from an article (text, titles, outlets, ids, inputs,
quotes) is untrusted and goes through :func:`html.escape`; the
Content-Security-Policy forbids scripts and any resource outside the page even
if something slipped through.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from html import escape

from corroborate.model import (
    Brief,
    Claim,
    Conflict,
    Coverage,
    Evidence,
    QuoteGroup,
    Source,
    SummarySentence,
    TimelineEntry,
)
from corroborate.render.markers import (
    CitationNumbers,
    bound_words,
    chronological,
    independent_count,
    label_of,
    one_line,
    source_labels,
)

#: Forbids every resource (scripts, images, fonts, frames, connections) except the inline style sheet.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

_STYLE = """
body { font: 16px/1.5 Georgia, serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1d; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2.5rem; }
.overview, .empty, .meta { color: #555; }
.badge { font: bold 12px/1 Helvetica, Arial, sans-serif; padding: .15rem .4rem; border-radius: .3rem; white-space: nowrap; }
.corroborated { background: #d9f2d9; color: #164d16; }
.single-source { background: #fff1c2; color: #5c4700; }
.conflicting { background: #ffd6d6; color: #6b1010; }
.count, .sources { font-family: Helvetica, Arial, sans-serif; font-size: 13px; color: #555; }
a.cite { font: 12px Helvetica, Arial, sans-serif; text-decoration: none; vertical-align: super; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.yes { color: #164d16; text-align: center; } td.no { color: #999; text-align: center; }
blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .7rem; border-left: 3px solid #ccc; }
.source-text { white-space: pre-wrap; background: #fafafa; border: 1px solid #eee; padding: .8rem; }
mark { background: #fff3a8; } mark mark, mark.overlap { background: #ffe066; }
mark:target { outline: 2px solid #d9480f; background: #ffc078; }
"""


def brief_html(brief: Brief) -> str:
    """The whole brief as one HTML page whose markers link to the passages they cite."""
    numbers = CitationNumbers()
    labels = source_labels(brief.sources)
    sections = [
        _section("summary", "Summary", _summary(brief.summary, numbers, labels), "No summary: no claims to summarize."),
        _section("claims", "Claims", _claims(brief.claims, numbers, labels), "No claims found."),
        _section("conflicts", "Conflicts", _conflicts(brief.conflicts, numbers, labels), "No conflicts found."),
        _section("timeline", "Timeline", _timeline(brief.timeline, numbers, labels), "No dated events found."),
        _section("quotes", "Who said what", _quotes(brief.quotes, numbers, labels), "No attributed quotes found."),
        _section("coverage", "Coverage", _coverage(brief.coverage, labels), "No key facts to compare across sources."),
    ]
    # Sources come last: their texts hold the marks every earlier marker links to.
    sections.append(_section("sources", "Sources", _sources(brief.sources, numbers, labels), "No sources."))
    overview = (
        f"{len(brief.sources)} source(s), {independent_count(brief)} independent; {len(brief.claims)} claim(s); "
        f"{len(brief.conflicts)} conflict(s); {len(brief.timeline)} dated event(s); {len(brief.quotes)} quote(s). "
        "Every marker links to the passage it cites in the Sources section."
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>Brief of {len(brief.sources)} source(s)</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>Brief</h1><p class=\"overview\">{escape(overview)}</p></header>\n"
        + "\n".join(sections)
        + "\n</body>\n</html>"
    )


def _section(anchor: str, title: str, body: Sequence[str], empty: str) -> str:
    content = "\n".join(body) if body else f"<p class=\"empty\">{escape(empty)}</p>"
    return f"<section id=\"{anchor}\">\n<h2>{escape(title)}</h2>\n{content}\n</section>"


def _summary(sentences: Sequence[SummarySentence], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    return [
        f"<p>{_e(sentence.text)} <span class=\"count\">({_e(sentence.certainty)})</span>"
        f"{_markers(sentence.evidence, numbers, labels)}</p>"
        for sentence in sentences
    ]


def _claims(claims: Sequence[Claim], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    items = []
    for claim in claims:
        derived = (
            f"; derived: {_sources_text(claim.derived_sources, labels)}" if claim.derived_sources else ""
        )
        notes = "".join(f"<li>{_e(note)}</li>" for note in claim.notes)
        items.append(
            f"<li><span class=\"badge {_status_class(claim.status)}\">{_e(claim.status)}</span> "
            f"<span class=\"count\">{claim.independent_sources} independent source(s)</span> "
            f"{_e(claim.text)}{_markers(claim.evidence, numbers, labels)}"
            f"<div class=\"sources\">{_sources_text(claim.sources, labels)}{derived}</div>"
            + (f"<ul class=\"notes\">{notes}</ul>" if notes else "")
            + "</li>"
        )
    return ["<ol class=\"claims\">", *items, "</ol>"] if items else []


def _conflicts(conflicts: Sequence[Conflict], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    blocks = []
    for conflict in conflicts:
        within = f", within {_e(label_of(labels, conflict.within))}" if conflict.within else ""
        rows = "".join(
            f"<tr><td>{_e(position.value)}</td><td>{_sources_text(position.sources, labels)}</td><td>"
            + "".join(
                f"<blockquote>{_e(item.text)}{_markers([item], numbers, labels)}</blockquote>"
                for item in position.evidence
            )
            + "</td></tr>"
            for position in conflict.positions
        )
        blocks.append(
            f"<h3>{_e(conflict.about)} <span class=\"count\">({_e(conflict.kind)}{within})</span></h3>\n"
            f"<table><thead><tr><th>value</th><th>sources</th><th>evidence</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return blocks


def _timeline(entries: Sequence[TimelineEntry], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    blocks = []
    kinds = [("past", "Past"), ("planned", "Planned")]
    kinds += [(kind, kind.capitalize() or "Other") for kind in dict.fromkeys(e.kind for e in entries) if kind not in ("past", "planned")]
    for kind, heading in kinds:
        items = [
            f"<li><strong>{_e(bound_words(entry.bound) + ' ' if entry.bound else '')}{_e(entry.date)}</strong>: {_e(entry.text)} "
            f"<span class=\"sources\">({_sources_text(entry.sources, labels)})</span>{_markers(entry.evidence, numbers, labels)}</li>"
            for entry in chronological(entries)
            if entry.kind == kind
        ]
        body = f"<ul>{''.join(items)}</ul>" if items else f"<p class=\"empty\">No {escape(kind)} events found.</p>"
        blocks.append(f"<h3>{escape(heading)}</h3>\n{body}")
    return blocks


def _quotes(quotes: Sequence[QuoteGroup], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    blocks = []
    for speaker in dict.fromkeys(quote.speaker for quote in quotes):
        said = [quote for quote in quotes if quote.speaker == speaker]
        kind = f" <span class=\"count\">({_e(said[0].speaker_kind)})</span>" if said[0].speaker_kind else ""
        items = []
        for quote in said:
            variants = ""
            if len({one_line(variant.text) for variant in quote.variants}) > 1:
                variants = "<ul class=\"variants\">" + "".join(
                    f"<li>{_e(label_of(labels, variant.source))} ({_e(variant.kind)}): “{_e(variant.text)}”"
                    f"{_markers([variant.evidence], numbers, labels)}</li>"
                    for variant in quote.variants
                ) + "</ul>"
            items.append(
                f"<li>“{_e(quote.text)}” <span class=\"sources\">({_sources_text(quote.sources, labels)})</span>"
                f"{_markers(quote.evidence, numbers, labels)}{variants}</li>"
            )
        blocks.append(f"<h3>{_e(speaker)}{kind}</h3>\n<ul>{''.join(items)}</ul>")
    return blocks


def _coverage(coverage: Coverage | None, labels: dict[str, str]) -> list[str]:
    if coverage is None or not coverage.rows:
        return []
    header = "".join(f"<th>{_e(label_of(labels, source))}</th>" for source in coverage.sources)
    rows = []
    for row in coverage.rows:
        cells = []
        for column in range(len(coverage.sources)):
            if column >= len(row.reported):
                cells.append("<td>?</td>")
            elif row.reported[column]:
                cells.append("<td class=\"yes\" title=\"reports it\">✓</td>")
            else:
                cells.append("<td class=\"no\" title=\"does not report it\">—</td>")
        rows.append(f"<tr><td>{_e(row.text)}</td>{''.join(cells)}</tr>")
    return [f"<table><thead><tr><th>key fact</th>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"]


def _sources(sources: Sequence[Source], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    cited_by_source: dict[str, list[tuple[int, Evidence]]] = defaultdict(list)
    for number, item in enumerate(numbers.cited, 1):
        cited_by_source[item.source].append((number, item))
    blocks = []
    placed: set[int] = set()
    for index, source in enumerate(sources, 1):
        citations = [
            (number, item) for number, item in cited_by_source.get(source.id, [])
            if _is_slice(item, source.text) and number not in placed
        ]
        placed.update(number for number, _ in citations)
        blocks.append(
            f"<article id=\"source-{index}\">\n<h3>{_e(labels.get(source.id, source.id))}</h3>\n"
            f"{_source_meta(source, labels)}\n"
            f"<div class=\"source-text\">{marked_text(source.text, citations)}</div>\n</article>"
        )
    unplaced = [(number, item) for number, item in enumerate(numbers.cited, 1) if number not in placed]
    if unplaced:
        # Only a brief that failed the citation check gets here; show such passages as given.
        blocks.append(
            "<h3>Passages not found in their source</h3>\n<ol>"
            + "".join(
                f"<li id=\"cite-{number}\">“{_e(item.text)}” ({_e(item.source)}, characters {item.start}–{item.end})</li>"
                for number, item in unplaced
            )
            + "</ol>"
        )
    return blocks


def _source_meta(source: Source, labels: dict[str, str]) -> str:
    published = (
        f"{_e(source.published)} (confidence {source.published_confidence:.2f})" if source.published else "unknown"
    )
    if source.derived_from:
        kind = f" ({_e(source.derivation_kind)})" if source.derivation_kind else ""
        reason = f": {_e(source.derivation)}" if source.derivation else ""
        derived = f"derived from {_e(label_of(labels, source.derived_from))}{kind}{reason}"
    elif source.independent_source and source.independent_source != source.id:
        derived = f"counts as the same independent source as {_e(label_of(labels, source.independent_source))}"
    else:
        derived = "independent source"
    rows = [
        ("title", _e(source.title) if source.title else "(no title)"),
        ("outlet", _e(source.outlet) if source.outlet else "(unknown)"),
        ("published", published),
        ("derivation", derived),
        ("id", _e(source.id)),
        ("input", _e(source.input)),
    ]
    if source.url:
        rows.append(("url", _e(source.url)))
    return "<dl class=\"meta\">" + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows) + "</dl>"


def marked_text(text: str, citations: Sequence[tuple[int, Evidence]]) -> str:
    """``text`` escaped, each cited passage in ``<mark>`` at its offsets; ``id="cite-N"`` where passage N starts.

    Overlapping passages are cut at every boundary: each piece covered by
    some passage is marked, and pieces where passages start carry one nested
    ``<mark id>`` per passage starting there.
    """
    boundaries = sorted({0, len(text)} | {item.start for _, item in citations} | {item.end for _, item in citations})
    pieces = []
    for start, end in zip(boundaries, boundaries[1:]):
        piece = escape(text[start:end])
        covering = [number for number, item in citations if item.start <= start and end <= item.end]
        if not covering:
            pieces.append(piece)
            continue
        starting = [number for number, item in citations if item.start == start]
        overlap = " class=\"overlap\"" if len(covering) > 1 else ""
        title = escape(" ".join(f"[{number}]" for number in covering))
        if not starting:
            pieces.append(f"<mark{overlap} title=\"{title}\">{piece}</mark>")
            continue
        for number in reversed(starting):
            piece = f"<mark id=\"cite-{number}\"{overlap} title=\"{title}\">{piece}</mark>"
        pieces.append(piece)
    return "".join(pieces)


def _is_slice(item: Evidence, text: str) -> bool:
    return (
        isinstance(item.start, int) and isinstance(item.end, int)
        and 0 <= item.start < item.end <= len(text) and text[item.start : item.end] == item.text
    )


def _markers(evidence: Iterable[Evidence], numbers: CitationNumbers, labels: dict[str, str]) -> str:
    links = []
    for item in evidence:
        number = numbers.number(item)
        title = f"{label_of(labels, item.source)}, characters {item.start}–{item.end}: “{one_line(item.text)}”"
        links.append(f"<a class=\"cite\" href=\"#cite-{number}\" title=\"{_e(title)}\">[{number}]</a>")
    return "".join(dict.fromkeys(links))


def _sources_text(sources: Iterable[str], labels: dict[str, str]) -> str:
    return _e(", ".join(label_of(labels, source) for source in sources) or "no source")


def _status_class(status: str) -> str:
    return status if status in ("corroborated", "single-source", "conflicting") else "other"


def _e(text: str | None) -> str:
    """Untrusted text made safe for HTML text and quoted attribute values."""
    return escape(text or "", quote=True)
