"""The catalogue of words: every fixed text of the tool, in French and English.

Rule texts live in the rules base; everything else a reader sees (the interview's screens,
the memo's headings, the terminal report, answers such as "oui" and "inconnu") lives in the
YAML files of this folder, one file per part of the tool (``tui.yaml``: keys ``tui.…``), each entry in both
languages::

    answers.count:
      fr: {one: "{n} réponse", other: "{n} réponses"}
      en: {one: "{n} answer", other: "{n} answers"}
    severity.high:
      fr: {m: élevé, f: élevée}
      en: high

An entry is a text, a set of plural forms (``one``, ``other``: chosen by the language's
gettext plural rule, so that French writes "0 risque", "1 risque", "2 risques"), or a set of
gender forms (``m``, ``f``: "Gravité : élevée", "un risque élevé"). Texts are templates with
named placeholders only (:mod:`advisor.template`). A key missing in one language is an error
caught by the parity test, never a silent fallback to English.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader

from ..parameters import format_number
from ..template import fill, placeholders

LANGUAGES = ("fr", "en")
#: gettext ``Plural-Forms`` expressions (as in a .po header), mapped to CLDR form names.
PLURAL_RULES = {"fr": "n > 1", "en": "n != 1"}
PLURAL_FORMS = ("one", "other")
GENDERS = ("m", "f")
_FOLDER = Path(__file__).resolve().parent


class CatalogueError(KeyError):
    """A key that is not in the catalogue, or is used the wrong way."""

    def __str__(self) -> str:
        return str(self.args[0])


@functools.lru_cache(maxsize=1)
def entries() -> dict[str, dict[str, Any]]:
    """Every entry of every file, ``{key: {lang: text | forms}}`` (loaded once).

    Keys are prefixed with their file's name: ``answered`` in ``tui.yaml`` is
    ``tui.answered``.
    """
    from ..rulescache import ParsedCache, load_file

    cache = ParsedCache.for_root("catalogue", _FOLDER)
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(_FOLDER.glob("*.yaml")):
        data = load_file(cache, path, _parse) or {}
        for key, value in data.items():
            out[f"{path.stem}.{key}"] = value
    cache.save()
    return out


def _parse(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


@functools.cache
def _plural(lang: str):
    return gettext.c2py(PLURAL_RULES[lang])


def plural_form(lang: str, n: float) -> str:
    """``one`` or ``other`` for the count ``n`` in ``lang`` (French: 0 and 1 are ``one``)."""
    whole = int(n) if float(n).is_integer() else 2  # 1.5 risque(s): plural in both
    return PLURAL_FORMS[_plural(lang)(abs(whole))]


def _raw(lang: str, key: str) -> Any:
    try:
        return entries()[key][lang]
    except KeyError:
        raise CatalogueError(f"no text '{key}' in {lang} in the catalogue") from None


def text(lang: str, key: str, /, *, gender: str | None = None, **values: object) -> str:
    """The text ``key`` in ``lang``, placeholders filled; ``gender`` picks ``m`` or ``f``."""
    raw = _raw(lang, key)
    if isinstance(raw, dict):
        if set(raw) <= set(GENDERS):
            raw = raw.get(gender or "m", raw.get("m"))
        else:
            raise CatalogueError(f"'{key}' has plural forms: use count()")
    elif gender is not None and gender not in GENDERS:
        raise CatalogueError(f"gender must be one of {GENDERS}, not {gender!r}")
    return fill(raw, values) if "{" in raw or "}" in raw else raw


def count(lang: str, key: str, n: float, /, **values: object) -> str:
    """The plural form of ``key`` that agrees with ``n``; ``{n}`` is ``n`` written in ``lang``."""
    raw = _raw(lang, key)
    if not isinstance(raw, dict) or not set(raw) & set(PLURAL_FORMS):
        raise CatalogueError(f"'{key}' has no plural forms: use text()")
    form = str(raw.get(plural_form(lang, n), raw.get("other")))
    return fill(form, {"n": format_number(n, None, lang), **values})


def has(key: str) -> bool:
    """Whether ``key`` is in the catalogue."""
    return key in entries()


class Words:
    """The catalogue bound to one language: ``w("key")``, ``w.count("key", n)``."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise CatalogueError(f"language must be one of {LANGUAGES}, not {lang!r}")
        self.lang = lang

    def __call__(self, key: str, /, *, gender: str | None = None, **values: object) -> str:
        return text(self.lang, key, gender=gender, **values)

    def count(self, key: str, n: float, /, **values: object) -> str:
        return count(self.lang, key, n, **values)

    def has(self, key: str) -> bool:
        return key in entries()


def problems() -> list[str]:
    """Every problem of the catalogue: a language missing, forms that differ between
    languages, placeholders that differ, malformed templates (the parity test)."""
    out = []
    for key, by_lang in entries().items():
        if not isinstance(by_lang, dict) or set(by_lang) != set(LANGUAGES):
            out.append(f"{key}: needs exactly {', '.join(LANGUAGES)}")
            continue
        shapes = {}
        names: dict[str, set[str]] = {}
        for lang, value in by_lang.items():
            forms = value if isinstance(value, dict) else {"": value}
            bad = set(forms) - {"", *PLURAL_FORMS, *GENDERS}
            if bad:
                out.append(f"{key} ({lang}): unknown forms {sorted(bad)}")
            plural = bool(set(forms) & set(PLURAL_FORMS))
            if plural and not set(PLURAL_FORMS) <= set(forms):
                out.append(f"{key} ({lang}): plural forms need both 'one' and 'other'")
            shapes[lang] = "plural" if plural else ("text" if "" in forms else "gender")
            names[lang] = set()
            for form in forms.values():
                if not isinstance(form, str) or not form:
                    out.append(f"{key} ({lang}): every form must be a non-empty text")
                    continue
                try:
                    names[lang] |= {n for n, sub in placeholders(form) if sub is None}
                except ValueError as exc:
                    out.append(f"{key} ({lang}): {exc}")
        if shapes.get("fr") == "plural" and shapes.get("en") == "text":
            out.append(f"{key}: plural in French but a single text in English")
        if shapes.get("en") == "plural" and shapes.get("fr") == "text":
            out.append(f"{key}: plural in English but a single text in French")
        if names.get("fr", set()) - {"n"} != names.get("en", set()) - {"n"}:
            out.append(
                f"{key}: placeholders differ: fr {sorted(names['fr'])}, en {sorted(names['en'])}"
            )
    return out


__all__ = [
    "CatalogueError",
    "LANGUAGES",
    "Words",
    "count",
    "has",
    "plural_form",
    "problems",
    "text",
]
