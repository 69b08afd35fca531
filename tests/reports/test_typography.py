"""French typography and safe text for the PDF (the typesetter)."""

from __future__ import annotations

from reports.pdf_styles import Typesetter, register_fonts
from reports.typography import NBSP, NNBSP, french_spaces, shorten, typeset, unbracket


def test_french_spaces_before_high_punctuation_and_inside_guillemets():
    assert french_spaces("Analyse : voir ; quoi ? oui !") == (
        f"Analyse{NBSP}: voir{NNBSP}; quoi{NNBSP}? oui{NNBSP}!"
    )
    assert french_spaces("« convention »") == f"«{NBSP}convention{NBSP}»"
    assert french_spaces("Yahoo! https://x.fr/?a=1 10:30") == "Yahoo! https://x.fr/?a=1 10:30"
    assert french_spaces("MACIF: 40 000 €; Orange: rien") == (
        f"MACIF{NBSP}: 40 000 €{NNBSP}; Orange{NBSP}: rien"
    )
    assert french_spaces("&amp; x") == "&amp; x"  # an entity a user typed stays whole
    assert typeset("Analysis : x ; 40 % of l'apport", "en") == "Analysis: x; 40% of l’apport"
    assert typeset("C. civ., art. 1102", "fr") == f"C. civ., art.{NBSP}1102"


def test_unbracket_keeps_labels_out_of_nested_brackets():
    assert unbracket("entreprise (société commerciale)") == "entreprise"
    assert unbracket("association") == "association"


def test_shorten_keeps_short_text_and_cuts_long_text():
    assert shorten("Acme") == "Acme" and shorten(None) == ""
    cut = shorten("x" * 500, 50)
    assert len(cut) == 50 and cut.endswith("…")


def test_typesetter_escapes_markup_and_replaces_missing_glyphs():
    ts = Typesetter("fr", register_fonts())
    assert ts.para("<b>A & B</b>") == "&lt;b&gt;A &amp; B&lt;/b&gt;"
    assert ts.para("&amp;") == "&amp;amp;"
    assert ts.para("a\nb") == "a<br/>b"
    assert ts.plain("x\x1by") == "x\\x1by"
    assert ts.plain("中") == "[U+4E2D]"
    assert ts.plain("€ é ß Ω ж") == "€ é ß Ω ж"
    # reportlab would break a line at U+202F: the PDF uses a plain no-break space
    assert ts.plain("Quoi ?") == f"Quoi{NBSP}?"


def test_clip_fits_one_line():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ts = Typesetter("en", register_fonts())
    clipped = ts.clip("word " * 200, "MemoSans", 8, 100)
    assert clipped.endswith("…") and stringWidth(clipped, "MemoSans", 8) <= 100
    assert ts.clip("short", "MemoSans", 8, 100) == "short"


def test_a_code_articles_part_stays_with_its_number():
    """« CPI, art. L. 113-2 et L. 113-3 » broke as « L. / 113-3 » in a memo (the lawyer's
    review): the part letter and the number are one token, in both languages."""
    from reports.typography import NBSP, typeset

    for lang in ("fr", "en"):
        shown = typeset("CPI, art. L. 113-2 et L. 113-3 ; CGCT, art. LO 1113-1, R. 2122-9-1", lang)
        assert f"L.{NBSP}113-3" in shown and f"LO{NBSP}1113-1" in shown
        assert f"R.{NBSP}2122-9-1" in shown and f"art.{NBSP}L.{NBSP}113-2" in shown
    assert typeset("Réunion L. Martin", "fr") == "Réunion L. Martin"  # an initial, no number
