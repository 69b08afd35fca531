"""One language on screen: errors, default names, Textual's own words, counts, typography."""

from __future__ import annotations

import re

import pytest
from tui_helpers import TWO_PARTNERS, current_id, error_text, settle, type_answer

from advisor import catalogue
from advisor.casefile import load_case
from advisor.template import fill
from tui.palette import Palette
from tui.screens.help import HelpScreen
from tui.screens.list_editor import ListEditorScreen
from tui.strings import NBSP, t, tn, typeset

AT_DURATION = TWO_PARTNERS.replace(
    "meta: {name: Test alliance}",
    "meta:\n  name: Test alliance\n  progress: {question: alliance.duration}",
)


async def test_a_french_interview_speaks_french_only(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    path.write_text(AT_DURATION)
    app = make_app(path, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "français (choisi par --lang)" in app.sub_title  # which language, and why
        await type_answer(pilot, "-18")
        assert error_text(app) == f"-18 est trop petit{NBSP}; le minimum est 0"  # no field path
        await type_answer(pilot, "18 mois")
        assert load_case(path).co_construction.duration_months == 18
        await app.jump("alliance.start_date")
        await settle(pilot)
        await type_answer(pilot, "31/02/2024")
        assert error_text(app).startswith(f"«{NBSP}31/02/2024{NBSP}» n'est pas une date")
        await pilot.press("escape", "ctrl+p")  # Textual's palette, in French
        await settle(pilot)
        palette = app.screen
        assert isinstance(palette, Palette)
        assert palette.query_one("CommandInput").placeholder == "Chercher une commande…"
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Thème", "Quitter", "Aide"} <= titles  # the keys: our help, not Textual's panel
        assert "Touches" not in titles
        assert not titles & {"Theme", "Quit", "Keys", "Screenshot"}
        await pilot.press("escape")
        await settle(pilot)
        app.action_change_theme()  # the palette's « Thème »: its search field in French too
        await settle(pilot)
        assert isinstance(app.screen, Palette)
        assert app.screen.query_one("CommandInput").placeholder == "Chercher un thème de couleurs…"
        await pilot.press("escape")
        await settle(pilot)
        app.clear_notifications()
        app.action_help_quit()  # what Ctrl+C says outside an input
        await settle(pilot)
        (notice,) = list(app._notifications)  # noqa: SLF001 - the toast just posted
        assert notice.title == f"Quitter{NBSP}?" and "Ctrl+Q" in notice.message
        await app.jump("partners.list")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ListEditorScreen)
        await pilot.press("a")
        await settle(pilot)
        assert app.session.case.partners[2].name == "Partenaire 3"


async def test_the_alliance_name_is_asked_first_and_never_shown_as_untitled(tmp_path, make_app):
    path = tmp_path / "case.yaml"
    app = make_app(path, lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert current_id(app) == "alliance.name"
        assert app.screen.view.typed_box().text == ""  # not "Untitled alliance"
        await pilot.press("f5")
        await settle(pilot)
        assert app.screen.query_one("#cover-name").value == ""
        await pilot.press("escape")
        await settle(pilot)
        await type_answer(pilot, "Tiers-lieu des Coteaux")
    assert load_case(path).meta.name == "Tiers-lieu des Coteaux"


async def test_help_tells_each_key_apart(tmp_path, make_app):
    app = make_app(tmp_path / "case.yaml", lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = {
            str(w.render())[:13].strip(): str(w.render())[13:]
            for w in app.screen.query(".key-line")
        }
        assert lines["F4"] != lines["F6"]
        assert "12 défis" in lines["F4"] and "panneau des risques" in lines["F6"]
        assert "inconnu" in lines["?"] and "Aide" in lines["F1"]


# ---- counts and typography -------------------------------------------------------------

PLURALS = sorted(
    k[4:]
    for k, v in catalogue.entries().items()
    if k.startswith("tui.") and isinstance(v["fr"], dict) and "one" in v["fr"]
)


@pytest.mark.parametrize("key", PLURALS)
def test_every_count_agrees_with_its_number(key):
    """French: 0 and 1 take the singular; English: only 1 does (0, 1 and 2 in both)."""
    forms = catalogue.entries()[f"tui.{key}"]
    values = {"asked": "9"}
    for lang, singular in (("fr", {0, 1}), ("en", {1})):
        for n in (0, 1, 2):
            form = forms[lang]["one" if n in singular else "other"]
            assert tn(lang, key, n, asked=9) == typeset(lang, fill(form, {"n": str(n), **values}))


def test_counts_read_right_in_both_languages():
    assert tn("fr", "answered", 1) == "1 réponse"
    assert tn("fr", "answered", 0) == "0 réponse"
    assert tn("fr", "answered", 2) == "2 réponses"
    assert tn("fr", "questions_left", 1) == "1 question restante"
    assert tn("fr", "questions_left", 2) == "2 questions restantes"
    assert tn("en", "answered", 1) == "1 answered"
    assert tn("fr", "flagged_n", 1) == "⚑ 1 signalé" and tn("fr", "flagged_n", 2) == "⚑ 2 signalés"
    assert tn("en", "answers_n", 0) == "0 answers" and tn("en", "answers_n", 1) == "1 answer"
    assert tn("fr", "hidden_to_verify", 1).startswith("1 point à vérifier masqué ")
    assert tn("fr", "hidden_to_verify", 2).startswith("2 points à vérifier masqués ")
    assert t("fr", "sev_high", gender="f") == "élevée" and t("fr", "sev_high") == "élevé"
    assert t("fr", "colon", label="Gravité") + t("fr", "sev_high", gender="f") == (
        f"Gravité{NBSP}: élevée"
    )


def test_french_text_never_breaks_before_punctuation():
    """No plain space before « : ; ! ? » or inside « », in any French text of the interview."""
    for key, forms in catalogue.entries().items():
        if not key.startswith("tui."):
            continue
        values = {name: "x" for name in re.findall(r"\{(\w+)\}", str(forms["fr"]))}
        if isinstance(forms["fr"], dict) and "one" in forms["fr"]:
            values.pop("n", None)
            shown = [tn("fr", key[4:], n, **values) for n in (1, 2)]
        elif isinstance(forms["fr"], dict):
            shown = [t("fr", key[4:], gender=g, **values) for g in ("m", "f")]
        else:
            shown = [t("fr", key[4:], **values)]
        for text in shown:
            assert not re.search(r" [:;!?»]|« ", text), f"{key}: {text!r}"
