"""Encodings: the right characters out, the encoding used recorded, binary refused."""

from __future__ import annotations

import codecs

import pytest

from corroborate.errors import BinaryInputError, EmptyInputError
from corroborate.ingest.decode import decode_text

CAFE = "Le café est “très” bon — n’est-ce pas ? Oui, à Paris."


def test_strict_utf8():
    assert decode_text(CAFE.encode("utf-8")) == (CAFE, "utf-8")


def test_utf8_with_byte_order_mark_drops_the_mark():
    assert decode_text(codecs.BOM_UTF8 + CAFE.encode("utf-8")) == (CAFE, "utf-8-sig")


@pytest.mark.parametrize(
    ("mark", "codec", "name"),
    [(codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be")],
)
def test_utf16_with_byte_order_mark(mark, codec, name):
    assert decode_text(mark + CAFE.encode(codec)) == (CAFE, name)


def test_cp1252_cafe_and_curly_quotes_are_not_mangled():
    assert decode_text(CAFE.encode("cp1252")) == (CAFE, "cp1252")


def test_latin1_text_comes_out_right():
    text = "Münchner Straße, naïve résumé, São Paulo."
    assert decode_text(text.encode("latin-1")) == (text, "cp1252")


def test_declared_meta_charset_is_used_when_it_decodes():
    page = '<html><head><meta charset="iso-8859-15"></head><body>Prix : 5 €, café</body></html>'
    assert decode_text(page.encode("iso-8859-15")) == (page, "iso8859-15")


def test_declared_latin1_is_read_as_windows_1252_like_browsers_do():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>“quoted”</p>'
    assert decode_text(page.encode("cp1252")) == (page, "cp1252")


def test_non_latin_single_byte_text_keeps_its_script():
    text = "Привет, как дела? Это тест кодировки, и он достаточно длинный для определения."
    decoded, encoding = decode_text(text.encode("cp1251"))
    assert decoded == text
    assert encoding == "cp1251"


def test_http_declared_charset_wins_over_guessing():
    text = "Prix : 5 €"
    assert decode_text(text.encode("iso-8859-15"), declared="ISO-8859-15") == (text, "iso8859-15")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary file (ELF executable)"),
        (b"text with a \x00 NUL byte", "binary file (contains NUL bytes)"),
        (b"\x01\x02\x03\x04abc", "binary file (57% control characters)"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "binary file (starts with a UTF-16-LE byte-order mark but is not valid "
                                            "UTF-16-LE: unexpected end of data at byte 2)"),
    ],
)
def test_binary_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(BinaryInputError) as raised:
        decode_text(data)
    assert str(raised.value) == reason


def test_empty_bytes():
    with pytest.raises(EmptyInputError, match=r"^empty file \(0 bytes\)$"):
        decode_text(b"")


def test_words_that_begin_like_a_signature_are_text():
    assert decode_text(b"MZ Bank reports record profits") == ("MZ Bank reports record profits", "utf-8")


def test_short_binary_is_not_taken_for_utf16_without_a_byte_order_mark():
    # A brotli-compressed body: charset-normalizer calls it UTF-16.
    with pytest.raises(BinaryInputError):
        decode_text(b"\x0b\x02\x80hello")
