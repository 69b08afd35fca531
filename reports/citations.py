"""One citation style for the references the memo prints.

The rules base writes its references in several styles (« Code du travail L8241-1 »,
« CGI art. 238 bis 1 », « Cass. soc., 13 novembre 1996 ») and carries internal drafting
notes in some of them (« (plafond non vérifié) », « (FRAMEWORK §3, …) »). Until the
rules base's sources registry gives every reference one form, this turns each into the
style of French legal writing — « C. trav., art. L. 8241-1 », « CGI, art. 238 bis, 1 »,
« Cass. soc., 13 nov. 1996 » — and drops the drafting notes, which are not for the client
(whether a source is verified is marked in the rule's data). Idempotent: a reference
already in that style comes out unchanged.
"""

from __future__ import annotations

import re

_CODES = (
    ("Code de la propriété intellectuelle", "CPI"),
    ("Code de la commande publique", "CCP"),
    ("Code monétaire et financier", "CMF"),
    ("Code du service national", "C. serv. nat."),
    ("Code de la recherche", "C. rech."),
    ("Code des assurances", "C. assur."),
    ("Code du travail", "C. trav."),
    ("Code pénal", "C. pén."),
    ("Code civil", "C. civ."),
)
_ABBREVIATED = r"C\. civ\.|C\. trav\.|CPI|CCP|C\. serv\. nat\.|CMF|C\. pén\.|C\. rech\.|C\. assur\.|CGI|LPF|C\. com\.|CGCT"
_CODE_THEN_ARTICLE = re.compile(rf"\b({_ABBREVIATED}),? (?:art\. )?(?=(?:LO |[LRD]\.? ?)?\d)")
_BARE_ART = re.compile(r"(?<=[\w)])(?<! et)(?<! à)(?<! ou) art\. ")
_ARTICLE_LETTER = re.compile(r"(?<![\w.-])([LRD])(\d)")
_BIS_PARAGRAPH = re.compile(r"(\d+ (?:bis|ter|quater))(?: |, )(\d)\b")
_ACT_NUMBER = re.compile(r"\b([Ll]oi|[Dd]écret|[Ll]oi organique) (?!n°)(\d{2,4}-\d+)")
_COURT = re.compile(r"\b(Cass\. \w+\.|CE),? (\d{1,2}(?:er)?) (\w+\.?) (\d{4})")
_MONTHS = {
    "janvier": "janv.",
    "février": "févr.",
    "avril": "avr.",
    "juillet": "juill.",
    "septembre": "sept.",
    "octobre": "oct.",
    "novembre": "nov.",
    "décembre": "déc.",
}
_PARENS = re.compile(r" ?\(([^()]*)\)")
_INTERNAL = ("non vérifi", "FRAMEWORK", "not in the brief", "to be confirmed")


def _strip_notes(text: str) -> str:
    """Drop the parts of parentheses that are drafting notes (« non vérifié »)."""

    def keep(m: re.Match[str]) -> str:
        parts = [p for p in m.group(1).split(" ; ") if not any(k in p for k in _INTERNAL)]
        return f" ({' ; '.join(parts)})" if parts else ""

    return _PARENS.sub(keep, text)


def cite(text: str) -> str | None:
    """``text`` in the memo's citation style, or ``None`` for an internal note."""
    if text.startswith("FRAMEWORK"):
        return None
    text = _strip_notes(text).strip()
    if not text or any(k in text for k in _INTERNAL):
        return None
    for long, short in _CODES:
        text = text.replace(long, short)
    text = _ARTICLE_LETTER.sub(r"\1. \2", text)
    text = _CODE_THEN_ARTICLE.sub(r"\1, art. ", text)
    text = _BARE_ART.sub(", art. ", text)
    text = _BIS_PARAGRAPH.sub(r"\1, \2", text)
    text = _ACT_NUMBER.sub(r"\1 n° \2", text)
    text = text.replace(" et suivants", " et s.")

    def court(m: re.Match[str]) -> str:
        month = _MONTHS.get(m.group(3), m.group(3))
        return f"{m.group(1)}, {m.group(2)} {month} {m.group(4)}"

    return _COURT.sub(court, text)


def cite_all(refs) -> tuple[tuple[str, str | None], ...]:
    """(citation, link) of each reference that is not an internal note."""
    out = []
    for r in refs:
        shown = cite(r.text)
        if shown:
            out.append((shown, r.url))
    return tuple(out)
