"""Web pages: the main content of an HTML page as paragraphs, without navigation, menus or footers.

selectolax (the Lexbor parser) reads the page; the rules below keep what a reader of
un.org or ohchr.org would call the document:

- the main content is ``<main>``, ``[role=main]``, else the one ``<article>``, else the block
  holding the most paragraph text, else ``<body>``;
- navigation, menus, headers, footers, sidebars, forms, scripts, cookie banners and breadcrumbs
  are dropped, by element (``nav``, ``header``, ``footer``, ``aside``, ``form``...), ARIA role, or a
  class or id naming them;
- each block element (``p``, headings, ``li``, ``blockquote``, table cells...) becomes a paragraph
  (a blank line apart); ``<br>`` is a line break; an ordered list's items get their numbers
  (``start``, ``type``, ``value`` honoured), since UN pages number operative paragraphs that way.
"""

from __future__ import annotations

import re

from clausekit.errors import ContentError, InputError
from clausekit.read.layout import Layout
from clausekit.types import Furniture

_DROP_TAGS = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe",
    "svg", "button", "select", "input", "textarea", "menu", "dialog", "object", "embed", "canvas", "head",
}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary", "dialog", "alert"}
_DROP_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|footer|header|masthead|sidebar|cookies?|"
    r"consent|share|social|skip|banner|toolbar|pager|pagination|related|newsletter|language-switcher|lang-switch)(?:$|[\s_-])",
    re.I,
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
    "dd", "blockquote", "pre", "table", "tr", "td", "th", "caption", "figure", "figcaption", "address", "hr",
    "center", "body", "html", "tbody", "thead", "tfoot",
}


def looks_like_html(text: str) -> bool:
    """True when ``text`` opens like an HTML document (a doctype or an ``<html>``/``<body>`` tag)."""
    head = text.lstrip("\ufeff \t\r\n")[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and head[:1] == "<")


def read_html(text: str, *, source: str) -> Layout:
    """The main content of an HTML page as text, one paragraph per block.

    Raises :class:`InputError` when the page has no text outside its navigation and footers.
    """
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError:  # pragma: no cover - a dependency of clausekit
        raise InputError("reading HTML needs selectolax: pip install selectolax", source=source) from None
    tree = LexborHTMLParser(text)
    root = _main(tree)
    if root is None:
        raise ContentError("the HTML page has no body text", source=source)
    blocks: list[str] = []
    _Walker(blocks).walk(root)
    rows = [b.removeprefix(_TABLE_ROW) if b.startswith(_TABLE_ROW) else None for b in blocks]
    paragraphs = [
        (row, b) for row, b in ((row, "\n".join(" ".join(line.split()) for line in block.split("\n")).strip() if row is None else "")
                                for row, block in zip(rows, blocks, strict=True)) if b or row
    ]
    if not any(b for _, b in paragraphs):
        raise ContentError("the HTML page has no text outside its navigation, menus and footers", source=source)
    parts: list[str] = []
    furniture: list[Furniture] = []
    pos = 0
    for row, b in paragraphs:
        if row is not None:
            furniture.append(Furniture("table", pos, pos, row))  # where it stood between the paragraphs
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(b)
        pos += len(b)
    return Layout("".join(parts) + "\n", (), tuple(furniture))


def _dropped(node) -> bool:
    if node.tag in _DROP_TAGS:
        return True
    attrs = node.attributes
    if (attrs.get("role") or "").lower() in _DROP_ROLES:
        return True
    if attrs.get("hidden") is not None or attrs.get("aria-hidden") == "true":
        return True
    names = " ".join(filter(None, (attrs.get("class"), attrs.get("id"))))
    return bool(names and _DROP_NAMES.search(names))


def _main(tree):
    for selector in ("main", "[role=main]"):
        found = [n for n in tree.css(selector) if not _inside_dropped(n)]
        if found:
            return found[0]
    articles = tree.css("article")
    if len(articles) == 1:
        return articles[0]
    # The block holding the most paragraph text.
    best, best_len = None, 0
    for node in tree.css("div, section, td"):
        if _inside_dropped(node):
            continue
        length = sum(len(p.text(strip=True)) for p in node.css("p") if not _inside_dropped(p))
        if length > best_len:
            best, best_len = node, length
    body_text = sum(len(p.text(strip=True)) for p in tree.css("p"))
    if best is not None and best_len >= 0.6 * body_text:
        return best
    return tree.body


def _inside_dropped(node) -> bool:
    parent = node
    while parent is not None and parent.tag not in ("html", None):
        if parent.tag != "main" and _dropped(parent):
            return True
        parent = parent.parent
    return False


class _Walker:
    def __init__(self, blocks: list[str]) -> None:
        self.blocks = blocks
        self.current: list[str] = []

    def flush(self) -> None:
        if self.current:
            self.blocks.append("".join(self.current))
            self.current = []

    def walk(self, node, label: str = "") -> None:
        if label:
            self.current.append(label)
        child = node.child
        counter = None
        if node.tag == "ol":
            start = node.attributes.get("start") or "1"
            counter = int(start) if start.strip().lstrip("-").isdigit() else 1
        while child is not None:
            tag = child.tag
            if tag == "-text":
                self.current.append(child.text_content or "")
            elif tag == "br":
                self.current.append("\n")
            elif tag in ("-comment", None) or _dropped(child):
                pass
            elif tag == "sup" and (digits := child.text(separator="").strip()).isdigit() and len(digits) <= 3:
                # a footnote call: "2024<sup>1</sup>" reads "2024¹" (a marker), not the number "20241"
                self.current.append(digits.translate(_SUPERSCRIPTS))
            elif tag == "table" and _is_data_table(child):
                self.flush()  # a data table (a vote, a scale): its rows are furniture, its cells no clauses
                for row in child.css("tr"):
                    cells = [" ".join(c.text(separator=" ").split()) for c in row.css("td, th")]
                    if any(cells):
                        self.blocks.append(_TABLE_ROW + " | ".join(cells))
            elif tag in _BLOCK_TAGS:
                self.flush()
                item_label = ""
                if tag == "li" and counter is not None:
                    value = child.attributes.get("value")
                    if value and value.strip().isdigit():
                        counter = int(value)
                    item_label = _ol_label(counter, node.attributes.get("type") or "1")
                    counter += 1
                self.walk(child, item_label)
                self.flush()
            else:
                self.walk(child)
            child = child.next


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_TABLE_ROW = "\x00table\x00"  # marks a block that is a data table's row, set apart as furniture


def _is_data_table(node) -> bool:
    """A table of data, not of layout: two rows or more of two cells or more, each cell short (a layout table
    holds the page's paragraphs)."""
    rows = [row.css("td, th") for row in node.css("tr")]
    return (
        sum(len(cells) >= 2 for cells in rows) >= 2
        and all(len(c.text(strip=True)) <= 120 for cells in rows for c in cells)
        and not node.css("table table")
    )


def _ol_label(n: int, kind: str) -> str:
    if kind in ("a", "A"):
        letter = chr(ord("a") + (n - 1) % 26)
        return f"{letter.upper() if kind == 'A' else letter}) "
    if kind in ("i", "I"):
        from clausekit.read.docx import _roman

        numeral = _roman(n)
        return f"{numeral.upper() if kind == 'I' else numeral}) "
    return f"{n}. "
