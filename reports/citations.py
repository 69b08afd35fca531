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


#: English names of the codes, as the sources registry writes them (« Labour Code (C. trav.) »).
_EN_CODES = (
    ("C. pr. civ.", "Code of Civil Procedure (C. pr. civ.)"),
    ("C. serv. nat.", "National Service Code (C. serv. nat.)"),
    ("C. trav.", "Labour Code (C. trav.)"),
    ("C. civ.", "Civil Code (C. civ.)"),
    ("C. com.", "Commercial Code (C. com.)"),
    ("C. pén.", "Criminal Code (C. pén.)"),
    ("C. rech.", "Research Code (C. rech.)"),
    ("C. assur.", "Insurance Code (C. assur.)"),
    ("CGI", "General Tax Code (CGI)"),
    ("CGCT", "General Local Authorities Code (CGCT)"),
    ("CPI", "Intellectual Property Code (CPI)"),
    ("CMF", "Monetary and Financial Code (CMF)"),
    ("CCP", "Public Procurement Code (CCP)"),
    ("LPF", "Tax Procedures Book (LPF)"),
)
_EN_CODE = re.compile(
    r"(?<![\w(])(" + "|".join(re.escape(fr) for fr, _ in _EN_CODES) + r")(?=,? art\.|,? arts?\b)"
)
_EN_MONTHS = {
    "janv.": "Jan.",
    "févr.": "Feb.",
    "mars": "March",
    "avr.": "Apr.",
    "mai": "May",
    "juin": "June",
    "juill.": "July",
    "août": "Aug.",
    "sept.": "Sept.",
    "oct.": "Oct.",
    "nov.": "Nov.",
    "déc.": "Dec.",
    "janvier": "January",
    "février": "February",
    "avril": "April",
    "juillet": "July",
    "septembre": "September",
    "octobre": "October",
    "novembre": "November",
    "décembre": "December",
}
_EN_DATE = re.compile(
    r"\b(\d{1,2})(?:er)? (" + "|".join(re.escape(m) for m in _EN_MONTHS) + r")(?= \d{4})"
)
_EN_WORDS = (
    (re.compile(r" et s\.(?=$|[\s,;)])"), " et seq."),
    (re.compile(r" ff\.(?=$|[\s,;)])"), " et seq."),
    (re.compile(r"(?<=\d) et (?=(?:LO |[LRD]\. )?\d)"), " and "),
    (re.compile(r"(?<=[\d\w]) à (?=(?:LO |[LRD]\. )?\d|[a-z]\b)"), " to "),
    (re.compile(r"\bn° "), "no. "),
    (re.compile(r"\b[Ll]oi organique (?=no\.|du )"), "Organic Law "),
    (re.compile(r"\b[Ll]oi (?=no\.|du )"), "Law "),
    (re.compile(r"\b[Dd]écret (?=no\.|du )"), "Decree "),
    (re.compile(r" et (?=art\.)"), " and "),
    (re.compile(r"\bRègl(?:\.|ement) ANC\b"), "ANC Regulation"),
    (re.compile(r"\bdu (?=\d)"), "of "),
    (re.compile(r" de finances pour (\d{4})"), r" (finance law for \1)"),
    (re.compile(r"\bal\. "), "para. "),
    # Framing words around a French title (the title itself stays French).
    (re.compile(r"\bProposition de loi relative au "), "Bill on the "),
    (re.compile(r"\bamendement (\S+) au projet de loi (\S+)"), r"amendment \1 to the \2 bill"),
    (re.compile(r" ; "), "; "),
    (re.compile(r"\(contrats innommés\)"), "(innominate contracts)"),
    (re.compile(r"\bsolution « technique »"), "“technical” solution"),
    (
        re.compile(r"\((" + "|".join(re.escape(m) for m in _EN_MONTHS) + r") (\d{4})\)"),
        lambda m: f"({_EN_MONTHS[m.group(1)]} {m.group(2)})",
    ),
)


def english(text: str) -> str:
    """A citation in the memo's French style, in the English memo's: the code named
    (« Labour Code (C. trav.), art. L. 8241-1 »), « et seq. », « and », « to », « no. »,
    dates in English; court abbreviations stay as French courts are cited."""
    text = _EN_CODE.sub(lambda m: dict(_EN_CODES)[m.group(1)], text)
    text = _EN_DATE.sub(lambda m: f"{m.group(1)} {_EN_MONTHS[m.group(2)]}", text)
    for pattern, repl in _EN_WORDS:
        text = pattern.sub(repl, text)
    return text


def cite(text: str, lang: str = "fr") -> str | None:
    """``text`` in the memo's citation style, or ``None`` for an internal note."""
    shown = _cite_fr(text)
    return english(shown) if shown is not None and lang == "en" else shown


def _cite_fr(text: str) -> str | None:
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


def basis_of(refs, lang: str = "fr") -> tuple[tuple[str, str | None], ...]:
    """The legal basis among ``refs``: what is law (a guide, the source note or a bill is
    never a basis, see :func:`see_also_of`)."""
    return cite_all([r for r in refs if not getattr(r, "see_also", False)], lang)


def see_also_of(refs, lang: str = "fr") -> tuple[tuple[str, str | None], ...]:
    """What ``refs`` cite that is not law (a guide, the source note, a bill): « see also »."""
    return cite_all([r for r in refs if getattr(r, "see_also", False)], lang)


def cite_all(refs, lang: str = "fr") -> tuple[tuple[str, str | None], ...]:
    """(citation, link) of each reference that is not an internal note; an article of the
    same code as the citation before it is cited without repeating the code (« CPI, art.
    L. 113-3 ; art. L. 113-5 »), each keeping its own link."""
    out = []
    previous = ""
    for r in refs:
        shown = cite(r.text, lang)
        if not shown:
            continue
        code, sep, article = shown.partition(", art. ")
        if sep and code == previous:
            out.append((f"art. {article}", r.url))
        else:
            out.append((shown, r.url))
        previous = code if sep else ""
    return tuple(out)
