"""Language identification of article bodies."""

from __future__ import annotations

from pathlib import Path

from corroborate.extract.language import detect_language

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"


def test_english_article_is_english() -> None:
    text = (EXAMPLE / "004_90e9e459c6bffa9d.txt").read_text(encoding="utf-8")
    assert detect_language(text) == "en"


def test_other_languages_are_recognized() -> None:
    german = "Die Vereinigten Staaten und der Irak haben am Freitag angekündigt, die Mission der Koalition zu beenden."
    french = "Les États-Unis et l'Irak ont annoncé vendredi la fin de la mission de la coalition internationale."
    assert detect_language(german) == "de"
    assert detect_language(french) == "fr"


def test_too_short_or_meaningless_text_is_unknown() -> None:
    assert detect_language("Subscribe") is None
    assert detect_language("1234 5678 #### %%%% 9999 0000 //// ---- ++++ ====") is None
