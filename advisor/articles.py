"""French articles before a partner's name: « de l'association X », « du CCAS », « à la
commune », never « de le » nor « de la SAS » mismatches.

A name that opens with a common noun (« Commune de Niort », « Département », « CCAS de
Lyon », « Association de médiation numérique ») takes that noun's gender, with the
article elided before a vowel or a mute h; any other name is introduced by the noun of
its partner kind (« l'association URIOPSS », « la société Orange », « le fonds de dotation
X »); a partner whose kind is not known gets a neutral form (« du partenaire X »), never
a bare « de X ». English names take no article (``of X``, ``to X``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

Case = Literal["the", "of", "to"]

#: The noun a partner kind is introduced by, and its gender (``m``/``f``).
KIND_NOUNS: dict[str, tuple[str, str]] = {
    "association": ("association", "f"),
    "foundation": ("fondation", "f"),
    "endowment_fund": ("fonds de dotation", "m"),
    "company": ("société", "f"),
    "cooperative": ("coopérative", "f"),
    "mutual": ("mutuelle", "f"),
    "insertion_structure": ("structure d’insertion", "f"),
    "public_authority": ("collectivité", "f"),
    "public_establishment": ("établissement public", "m"),
    "university": ("université", "f"),
    "media": ("média", "m"),
    "citizens": ("collectif", "m"),
}

#: Nouns a name may open with, and their gender: the name then needs no kind noun.
HEAD_NOUNS: dict[str, str] = {
    "agence": "f",
    "agglomération": "f",
    "association": "f",
    "ccas": "m",
    "cias": "m",
    "centre": "m",
    "chambre": "f",
    "cidefe": "m",
    "collectif": "m",
    "commune": "f",
    "communauté": "f",
    "conseil": "m",
    "coopérative": "f",
    "cpie": "m",
    "cress": "f",
    "département": "m",
    "entreprise": "f",
    "epci": "m",
    "établissement": "m",
    "état": "m",
    "fédération": "f",
    "fondation": "f",
    "fonds": "m",
    "gip": "m",
    "groupement": "m",
    "institut": "m",
    "lycée": "m",
    "maison": "f",
    "mairie": "f",
    "métropole": "f",
    "mutuelle": "f",
    "office": "m",
    "région": "f",
    "réseau": "m",
    "sa": "f",
    "sarl": "f",
    "sas": "f",
    "sasu": "f",
    "scic": "f",
    "société": "f",
    "syndicat": "m",
    "union": "f",
    "université": "f",
    "uriopss": "f",
    "ville": "f",
}


_FORMS = {
    ("the", "m"): "le ",
    ("the", "f"): "la ",
    ("the", "v"): "l’",
    ("of", "m"): "du ",
    ("of", "f"): "de la ",
    ("of", "v"): "de l’",
    ("to", "m"): "au ",
    ("to", "f"): "à la ",
    ("to", "v"): "à l’",
}
_NEUTRAL = {"the": "le partenaire ", "of": "du partenaire ", "to": "au partenaire "}


def _elides(word: str) -> bool:
    """Whether « le / la » elide before ``word`` (a vowel, or a mute h)."""
    first = unicodedata.normalize("NFD", word[:1].lower())[:1]
    return first in "aeiouy" or (first == "h" and not word.lower().startswith(("haut", "hall")))


def _article(case: Case, gender: str, word: str) -> str:
    return _FORMS[(case, "v" if _elides(word) else gender)]


def with_article(name: str, kind: str | None, case: Case = "the", lang: str = "fr") -> str:
    """``name`` with the article its grammatical ``case`` needs in ``lang``.

    >>> with_article("CCAS de Lyon", "public_establishment", "of")
    'du CCAS de Lyon'
    >>> with_article("URIOPSS", "association", "of")
    'de l’URIOPSS'
    >>> with_article("Lumière", "association", "to")
    'à l’association Lumière'
    >>> with_article("X", None, "of")
    'du partenaire X'
    """
    name = name.strip()
    if lang != "fr":
        return {"the": "", "of": "of ", "to": "to "}[case] + name
    if not name:
        return _NEUTRAL[case].rstrip()
    head = name.split()[0].strip(",.;:()«»").replace("'", "’").split("’")[-1]
    gender = HEAD_NOUNS.get(head.lower())
    if gender is not None:
        # The name as its author wrote it (« la Ville de Saint-Aubin-des-Prés »): a name
        # is not a common noun to lower-case.
        return _article(case, gender, name) + name
    if kind in KIND_NOUNS:
        noun, gender = KIND_NOUNS[kind]
        return f"{_article(case, gender, noun)}{noun} {name}"
    return _NEUTRAL[case] + name


def _head_gender(name: str) -> str | None:
    head = name.split()[0].strip(",.;:()«»").replace("'", "’").split("’")[-1] if name else ""
    return HEAD_NOUNS.get(head.lower())


def articled_names(text: str, names: Sequence[str]) -> str:
    """A French sentence in which partners' names stand bare, with the article each name
    that opens with a common noun needs (« Conseil départemental valorise… » → « Le
    Conseil départemental valorise… », « … à Ville de X » → « … à la Ville de X »); a name
    after its own noun (« l’association X ») or without a common noun (« PSA ») stays."""
    for name in sorted({n for n in names if n and _head_gender(n)}, key=len, reverse=True):
        pattern = re.compile(r"(^|(?<=[;:,] )|(?<=\bet )|\b(à|de) )" + re.escape(name) + r"\b")

        def put(m: re.Match[str], name: str = name) -> str:
            case: Case = {"à": "to", "de": "of"}.get(m.group(2) or "", "the")  # type: ignore[assignment]
            shown = with_article(name, None, case, "fr")
            return shown[:1].upper() + shown[1:] if m.start() == 0 else shown

        text = pattern.sub(put, text)
    return text


def join_names(items: list[str], lang: str) -> str:
    """``a, b et c`` (``a, b and c``)."""
    if len(items) <= 1:
        return "".join(items)
    last = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def with_articles(partners: Sequence[tuple[str, str | None]], case: Case, lang: str) -> str:
    """Several partners, each with its article, joined (« de l’association X et du CCAS »):
    in French the preposition is repeated before each name."""
    return join_names([with_article(n, k, case, lang) for n, k in partners], lang)


__all__ = [
    "HEAD_NOUNS",
    "KIND_NOUNS",
    "articled_names",
    "join_names",
    "with_article",
    "with_articles",
]
