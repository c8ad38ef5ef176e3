"""The bad inputs of docs/errors.md, built as bytes in the test (nothing big is committed)."""

from __future__ import annotations

import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

#: An article that reads as one: three sentences of prose, no date, in English.
ARTICLE_TEXT = (
    "The harbour council of Port Elsmere voted on Tuesday to raise ferry fares by 12 percent, "
    "the council's chair, Maria Quist, said. \"The ferries have lost money for three years,\" "
    "Quist told reporters after the vote. The new fares apply to all routes across the bay."
)

#: The same kind of article in German (a language the annotators are not trained on).
GERMAN_TEXT = (
    "Der Hafenrat von Port Elsmere hat am Dienstag beschlossen, die Fährpreise um zwölf Prozent "
    "zu erhöhen, sagte die Vorsitzende Maria Quist. Die neuen Preise gelten für alle Linien."
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def article_page(title: str = "Ferry fares rise", body: str = ARTICLE_TEXT) -> bytes:
    """A plain HTML news page: headline and one paragraph, no date anywhere."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    ).encode("utf-8")


def binary_with_nul_bytes() -> bytes:
    """Bytes of no known format: every byte value, NUL included."""
    return bytes(range(256)) * 16


def big_page(size: int) -> bytes:
    """An HTML page of at least ``size`` bytes, built in one join (50 MB in well under a second)."""
    paragraph = b"<p>" + ARTICLE_TEXT.encode("ascii") + b"</p>\n"
    head, tail = b"<!DOCTYPE html><html><body><article>", b"</article></body></html>"
    return head + paragraph * (size // len(paragraph) + 1) + tail


def gzip_bomb(size: int) -> bytes:
    """A small gzip file that expands to an HTML page of ``size`` bytes."""
    return gzip.compress(big_page(size), compresslevel=1)


def nested_page(depth: int, *, close: bool = True) -> bytes:
    """A page whose article paragraph sits ``depth`` divs deep, with prose before and after."""
    before = "<p>Before the nesting: " + ARTICLE_TEXT + "</p>"
    deep = "<p>Deep inside: the council will review the fares again next spring, officials said.</p>"
    after = "<p>After the nesting: the chair said the vote was close and the debate long.</p>"
    closing = "</div>" * depth if close else ""
    return (
        "<!DOCTYPE html><html><body><article>" + before + "<div>" * depth + deep + closing + after
        + "</article></body></html>"
    ).encode("ascii")


def menu_page() -> bytes:
    """A section front: a menu and a list of headlines, each a link; no article."""
    return b"""<!DOCTYPE html><html lang="en"><head><title>Valley Courier - Home</title></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><ul class="teasers"><li><a href="/a">Riverside library reopens after flood repairs</a></li>
<li><a href="/b">Council votes to raise ferry fares by twelve percent</a></li>
<li><a href="/c">Storm closes bay bridge for the second time this month</a></li></ul></main>
<footer><p>&copy; 2025 Valley Courier</p></footer></body></html>"""


def login_page() -> bytes:
    """A sign-in form: text, but no article."""
    return (
        b'<html><head><title>Sign in</title></head><body><form action="/login"><label>User</label>'
        b'<input name="u"><label>Password</label><input type="password" name="p"><button>Sign in</button>'
        b"</form></body></html>"
    )


def mixed_encoding_page() -> bytes:
    """A UTF-8 page (it says so) with a cp1252 quotation pasted in: curly quotes 0x93/0x94 and a 0xE9."""
    utf8 = "<p>Le café du port est très fréquenté, a dit la présidente du conseil.</p>".encode("utf-8")
    pasted = b"<p>\x93Nous avons vot\xe9 la hausse\x94, a-t-elle ajout\xe9.</p>"
    return (
        b'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Caf\xc3\xa9s</title></head>'
        b"<body><article>" + utf8 * 3 + pasted + b"</article></body></html>"
    )


def jsonl(*records: dict | str) -> bytes:
    """JSON Lines: dicts are dumped, strings are written as they are (a broken line)."""
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records).encode()


def broken_jsonl() -> bytes:
    """Three records; the one in the middle is cut off."""
    return jsonl(
        {"id": "fare-1", "text": ARTICLE_TEXT},
        '{"id": "fare-2", "text": "The ferry',
        {"id": "fare-3", "text": ARTICLE_TEXT.replace("Tuesday", "Wednesday")},
    )


def duplicate_ids_jsonl() -> bytes:
    """Two different records under one id, then an exact copy of the first."""
    first = {"id": "fare-1", "text": ARTICLE_TEXT}
    changed = {"id": "fare-1", "text": ARTICLE_TEXT + " Fares last rose in 2019."}
    return jsonl(first, changed, first)


def mixed_encoding_jsonl() -> bytes:
    """A UTF-8 export with one record in cp1252 (the byte 0xE9 for "é")."""
    utf8 = jsonl({"id": "fr-1", "text": "Le café du port est très fréquenté, a dit la présidente."})
    record = {"id": "fr-2", "text": "Le conseil a voté la hausse des tarifs du ferry."}
    cp1252 = jsonl(record).decode("utf-8").encode("cp1252")
    return utf8 + cp1252


def empty_feed() -> bytes:
    """A well-formed RSS channel without a single item."""
    return (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Valley Courier</title>'
        b"<link>https://courier.example/</link><description>News</description></channel></rss>"
    )


def truncated_warc() -> bytes:
    """A WARC of two HTML responses, cut off in the middle of the second one's page."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for number in (1, 2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        page = article_page(f"Ferry fares, part {number}")
        record = writer.create_warc_record(
            f"https://courier.example/fares-{number}", "response", payload=io.BytesIO(page), http_headers=headers
        )
        writer.write_record(record)
    data = buffer.getvalue()
    return data[: len(data) - 200]


def undated_jsonl() -> bytes:
    """One record without any date field, in a text without a date."""
    return jsonl({"id": "undated-1", "title": "Ferry fares rise", "text": ARTICLE_TEXT})


def german_jsonl() -> bytes:
    """One record in German, without a language field."""
    return jsonl({"id": "de-1", "text": GERMAN_TEXT})


def tiny_articles_jsonl(count: int, empty_every: int) -> bytes:
    """``count`` one-line records; every ``empty_every``-th has an empty text."""
    lines = [
        {"id": f"tiny-{n}", "text": "" if n % empty_every == 0 else f"Item {n}: the ferry left on time."}
        for n in range(1, count + 1)
    ]
    return jsonl(*lines)
