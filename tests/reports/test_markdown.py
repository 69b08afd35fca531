"""The Markdown memo: same sections as the PDF, escaped user text, diff-friendly."""

from __future__ import annotations

from reports.markdown import render_markdown
from reports.typography import typeset

from .conftest import HOSTILE, LONG_NAME


def test_sections_findings_and_hashes(rich_memo, rich_fr):
    md = render_markdown(rich_memo)
    for s in rich_memo.sections:
        if s.key != "signature":
            assert f"## {typeset(s.title, 'fr')}" in md, s.title
    for mf in rich_memo.findings:
        assert f"#### {mf.number} — " in md
        assert f"`{mf.finding.rule_id}`" in md
    assert rich_fr.rules_base.sha256 in md and rich_fr.case.sha256 in md
    technical = md.index("## Annexe technique")
    assert md.index("## Synthèse") < md.index("## Questions pour le client") < technical
    assert not any(f"`{mf.finding.rule_id}`" in md[:technical] for mf in rich_memo.findings)


def test_signature_and_multi_line_client_note(rich_memo):
    md = render_markdown(rich_memo)
    # A full stop ends a sentence, not a list item: printed as typed.
    assert "Première ligne de la note au client." in md
    assert "\\x0a" not in md and "Seconde ligne, après un retour." in md
    assert "**Maître Dupont**" in md and "Cabinet Dupont \\& Associés" in md
    assert "INTERNE" not in md and "## Avertissement" not in md


def test_diff_friendly_and_stable(rich_memo, synthetic_memo):
    for memo in (rich_memo, synthetic_memo):
        md = render_markdown(memo)
        assert md == render_markdown(memo)
        assert md.endswith("\n") and not md.endswith("\n\n")
        assert not [ln for ln in md.splitlines() if ln != ln.rstrip()]
        assert "\n\n\n" not in md


def test_matrix_and_remedy_tables(synthetic_memo):
    md = render_markdown(synthetic_memo)
    assert "| **critical** |" in md
    assert "Clause title 4" in md and "| Equal governance | to verify |" in md
    assert "> **An unnamed contract, usable today.**" in md
    assert "> **Not law today.** Not enacted." in md
    assert "Is fact 2 true?" in md


def test_hostile_user_text_is_escaped(hostile_memo):
    md = render_markdown(hostile_memo)
    import re

    body = "\n".join(ln[2:] if ln.startswith("> ") else ln for ln in md.splitlines())
    assert not re.search(r"(?<!\\)[<>]", body)  # no raw HTML: every bracket escaped
    assert "\\<b\\>Acme \\& Co\\</b\\>" in md
    assert "\\&amp;" in md  # an entity the user typed prints as typed
    assert "\x1b" not in md and "\x07" not in md and "\u202e" not in md
    assert "red\\\\x1b\\[31m bell\\\\x07" in md
    assert HOSTILE["emoji"] in md and HOSTILE["cjk"] in md and HOSTILE["rtl"] in md
    assert LONG_NAME in md  # once, in full, on the cover
    table_rows = [ln for ln in md.splitlines() if ln.startswith("|")]
    assert all(ln.endswith("|") for ln in table_rows)  # no cell broke its row


def test_english_memo_has_english_headings(rb, synthetic):
    from advisor.casefile import loads_case
    from reports.memo import build_memo

    md = render_markdown(build_memo(synthetic, loads_case("{}"), rb))
    assert "## Summary" in md and "## Disclaimer" in md and "## Technical annex" in md
