"""Bytes to text: find the encoding without mangling a single character.

Cheap, certain signals come first: a byte-order mark, a strict UTF-8 decode,
then a charset the document (or its HTTP header) declares, if the bytes decode
with it. Then mixed input: text that is mostly valid UTF-8 with a few bytes
that are not (a cp1252 quote pasted into a UTF-8 page, one cp1252 line in a
UTF-8 JSON Lines export) is read as UTF-8, each stray byte as cp1252, and the
encoding is recorded as ``utf-8+cp1252``; decoding all of it as cp1252 would
turn every accented letter of the UTF-8 part into mojibake ("cafÃ©"). Only
then do we ask charset-normalizer, and cp1252 is the last resort.

We wrap charset-normalizer rather than trust it outright because on short
Western European text it often prefers cp1250 over cp1252 and turns "très"
into "trčs"; when its guess reads as Latin script anyway and cp1252 decodes
the bytes, we use cp1252, the encoding such text is far more often in (and
the one browsers assume for undeclared or Latin-1 pages).

Binary input (images, executables, random bytes) is refused here with a
:class:`~corroborate.errors.BinaryInputError`, so no reader ever hands the
extractor a page of control characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from corroborate.errors import BinaryInputError, EmptyInputError

#: Byte-order marks, longest first (the UTF-32 LE mark starts with UTF-16 LE's).
BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: File signatures of common binary formats, so the reason can name the format.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"SQLite format 3\x00", "SQLite database"),
)

#: Where a document declares its charset: ``<meta charset>``, the http-equiv
#: ``content="text/html; charset=..."`` form, or an XML declaration.
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]{1,40})""",
    re.IGNORECASE,
)

#: How far into a document to look for a charset declaration (the HTML
#: standard says a meta charset must be within the first 1024 bytes; we allow
#: a few times that for pages with long comments or scripts first).
DECLARATION_WINDOW = 4096

#: Labels that the HTML standard maps to windows-1252: pages declaring Latin-1
#: or ASCII are in practice written in cp1252 (curly quotes at 0x93/0x94).
WINDOWS_1252_LABELS = {"iso8859-1", "latin-1", "ascii", "cp1252"}

#: The other character sets a declaration may make us decode with: the legacy
#: encodings of the WHATWG Encoding Standard (what browsers honour), by Python
#: codec name. Any other name Python can look up is ignored like an unknown
#: label: "hex", "rot13" or "zlib" are no text encodings (decoding with them
#: raised LookupError out of every reader), and "raw-unicode-escape", "idna" or
#: "utf-7" are no character sets (escapes can make lone surrogates, which no
#: later stage can encode). UTF-8 was tried first; a UTF-16/32 declaration
#: without a byte-order mark is a mistake (the declaration was readable as ASCII).
DECLARABLE_ENCODINGS = frozenset({
    "cp866", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7", "iso8859-8",
    "iso8859-9", "iso8859-10", "iso8859-11", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
    "tis-620", "cp874", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic",
    "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp", "shift_jis", "cp932",
    "euc_kr", "cp949",
})

#: A text may hold the odd stray control character (form feed, DOS end-of-file),
#: but more than this share of them means the bytes are not text.
MAX_CONTROL_SHARE = 0.01

#: How much of a long input charset-normalizer and the control check look at.
SAMPLE_CHARS = 200_000

#: Control characters that are ordinary in text.
TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a\x1b")

#: The encoding recorded for mostly-UTF-8 text whose stray bytes were read as cp1252.
MIXED_UTF8 = "utf-8+cp1252"

#: Bytes that are not UTF-8, as ``surrogateescape`` decoding leaves them.
_STRAY_BYTE = re.compile("[\udc80-\udcff]")
#: Characters that took a multi-byte UTF-8 sequence (not ASCII, not a stray byte).
_MULTIBYTE_CHARACTER = re.compile("[^\x00-\x7f\udc80-\udcff]")


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)`` or raises Binary/EmptyInputError.

    ``declared`` is a charset from outside the bytes (an HTTP Content-Type).
    """
    if not data:
        raise EmptyInputError("empty file (0 bytes)")
    for signature, name in BINARY_SIGNATURES:
        if data.startswith(signature) and not _is_plain_ascii_text(data[:64]):
            raise BinaryInputError(f"binary file ({name})")
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _checked(_decode_with_mark(data, mark, encoding), encoding)
    if b"\x00" in data:
        raise BinaryInputError("binary file (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in _declared_encodings(data, declared):
        try:
            return _checked(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return _checked(mixed, MIXED_UTF8)
    guess = _guess_encoding(data)
    if guess is not None:
        return guess
    try:
        return _checked(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        raise BinaryInputError("binary file (not text in any encoding we can detect)") from None


def _is_plain_ascii_text(head: bytes) -> bool:
    # "MZ" or "BZh" can begin an ordinary word; a real signature is followed by binary.
    return all(32 <= byte < 127 or byte in b"\t\r\n" for byte in head)


def _decode_with_mark(data: bytes, mark: bytes, encoding: str) -> str:
    body = data if encoding == "utf-8-sig" else data[len(mark) :]
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as error:
        label = encoding.upper().removesuffix("-SIG")
        raise BinaryInputError(
            f"binary file (starts with a {label} byte-order mark but is not valid {label}: "
            f"{error.reason} at byte {error.start + (len(data) - len(body))})"
        ) from None


def _declared_encodings(data: bytes, declared: str | None) -> list[str]:
    labels = [declared] if declared else []
    match = DECLARED_CHARSET.search(data[:DECLARATION_WINDOW])
    if match:
        labels.append((match.group(1) or match.group(2)).decode("ascii"))
    encodings = []
    for label in labels:
        encoding = _codec_name(label)
        if encoding in WINDOWS_1252_LABELS:
            encodings.extend(["cp1252", "iso8859-1"])
        elif encoding in DECLARABLE_ENCODINGS:
            encodings.append(encoding)
    return encodings


def encoding_note(encoding: str) -> str:
    """What an input's report says about its encoding: nothing, unless it was mixed."""
    return "mixed encodings: mostly UTF-8, stray bytes read as cp1252" if encoding == MIXED_UTF8 else ""


def _mostly_utf8(data: bytes) -> str | None:
    """The text when most non-ASCII characters are valid UTF-8; stray bytes are read as cp1252.

    Legacy encodings (cp1252, GBK, Shift_JIS) form a valid UTF-8 sequence only
    by chance, so their text has far more stray bytes than UTF-8 characters.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(_STRAY_BYTE.findall(text))
    if len(_MULTIBYTE_CHARACTER.findall(text)) <= stray:
        return None
    return _STRAY_BYTE.sub(_stray_byte_as_cp1252, text)


def _stray_byte_as_cp1252(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return byte.decode("latin-1")


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def _guess_encoding(data: bytes) -> tuple[str, str] | None:
    best = from_bytes(data[:SAMPLE_CHARS]).best()
    if best is None:
        return None
    encoding = _codec_name(best.encoding)
    # UTF-8 already failed; UTF-16/32 without a byte-order mark is what the
    # guesser says of short binary data far more often than of real text.
    if encoding is None or encoding.startswith(("utf-8", "utf-16", "utf-32")):
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _reads_as_latin_script(text):
        try:
            return _checked(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    try:
        return _checked(text, encoding)
    except BinaryInputError:
        return None


def _reads_as_latin_script(text: str) -> bool:
    for character in set(text[:SAMPLE_CHARS]):
        if character.isalpha() and not unicodedata.name(character, "").startswith("LATIN"):
            return False
    return True


def _checked(text: str, encoding: str) -> tuple[str, str]:
    sample = text[:SAMPLE_CHARS]
    controls = sum(1 for character in sample if _is_stray_control(character))
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        share = f"{100 * controls / len(sample):.0f}%"
        raise BinaryInputError(f"binary file ({share} control characters)")
    return text, encoding


def _is_stray_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc" and character not in TEXT_CONTROLS
