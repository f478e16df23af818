"""The bodies that adopt resolutions and decisions, and the symbols their texts carry.

A symbol is built only where the United Nations' symbol scheme is regular: General Assembly
``A/RES/54/181``, Security Council ``S/RES/1267 (1999)``, Human Rights Council
``A/HRC/RES/46/14``, Economic and Social Council ``E/RES/2000/70``, Commission on Human Rights
``E/CN.4/RES/2000/70`` and its Sub-Commission ``E/CN.4/Sub.2/RES/1999/25`` (decisions: ``DEC``).
"""

from __future__ import annotations

import re
import unicodedata

GA = "Assemblée générale"
SC = "Conseil de sécurité"
HRC = "Conseil des droits de l'homme"
ECOSOC = "Conseil économique et social"
CHR = "Commission des droits de l'homme"
SUB = "Sous-Commission de la promotion et de la protection des droits de l'homme"

#: Written forms (folded: no accents, lower case, straight apostrophe) -> canonical body.
_NAMES: tuple[tuple[str, str], ...] = (
    (r"assemblee generale|assemblee", GA),
    (r"conseil de securite", SC),
    (r"conseil des droits de l'homme", HRC),
    (r"conseil economique et social", ECOSOC),
    (r"commission des droits de l'homme", CHR),
    (
        r"sous-commission de la (?:promotion et de la protection des droits de l'homme"
        r"|lutte contre les mesures discriminatoires et de la protection des minorites)|sous-commission",
        SUB,
    ),
    (r"commission de la condition de la femme", "Commission de la condition de la femme"),
    (r"commission du developpement social", "Commission du développement social"),
    (r"commission des stupefiants", "Commission des stupéfiants"),
    (r"commission de statistique", "Commission de statistique"),
    (r"conference generale", "Conférence générale"),
    (r"conseil executif", "Conseil exécutif"),
    (r"conseil d'administration[\w' -]{0,60}?(?=[,;.)]|$)", "Conseil d'administration"),
)
BODY_PATTERN = "|".join(f"(?:{p})" for p, _ in _NAMES)
_BODY_RE = [(re.compile(p), body) for p, body in _NAMES]

_PREFIX = {GA: "A", SC: "S", HRC: "A/HRC", ECOSOC: "E", CHR: "E/CN.4", SUB: "E/CN.4/Sub.2"}


_ACCENTS = {
    ord(c): unicodedata.normalize("NFD", c)[0]
    for c in "àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ"
}
_ACCENTS.update({ord(c): "'" for c in "’ʼ‘"})


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: the form body names are matched in.

    Keeps the length of ``text`` (one character for one), so offsets carry over.
    """
    folded = text.translate(_ACCENTS).lower()
    if len(folded) == len(text):
        return folded
    out = []  # a letter whose lower case is two characters ("İ"): one by one
    for ch in text.translate(_ACCENTS):
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


def canonical_body(name: str | None) -> str | None:
    """The canonical body of a written (or heading) name, or None: ``"l'Assemblée"`` -> General Assembly."""
    if not name:
        return None
    folded = fold(name).strip().removeprefix("l'").removeprefix("la ").removeprefix("le ")
    for pattern, body in _BODY_RE:
        if pattern.fullmatch(folded):
            return body
    return name


def body_of_symbol(symbol: str) -> str | None:
    """The adopting body of a resolution or decision symbol: ``A/HRC/RES/46/14`` -> Human Rights Council."""
    head = symbol.split("/RES/")[0].split("/DEC/")[0]
    for body, prefix in _PREFIX.items():
        if head == prefix:
            return body
    return None


def build_symbol(body: str | None, kind: str, number: str) -> str | None:
    """The symbol of resolution or decision ``number`` of ``body``, or None when the scheme is irregular.

    >>> build_symbol(GA, "resolution", "54/181"), build_symbol(SC, "resolution", "1267 (1999)")
    ('A/RES/54/181', 'S/RES/1267 (1999)')
    """
    prefix = _PREFIX.get(body or "")
    if prefix is None or kind not in ("resolution", "decision"):
        return None
    if body == SC:
        return f"S/RES/{number}" if kind == "resolution" and "(" in number else None
    if (
        "(" in number
    ):  # "926 (X)", "1576 (L)": the numbering of the Assembly before 1976 and of the Council before 1978
        return f"{prefix}/RES/{number}" if body in (GA, ECOSOC) and kind == "resolution" else None
    if "/" not in number:
        return None
    return f"{prefix}/{'RES' if kind == 'resolution' else 'DEC'}/{number}"
