"""A self-contained HTML page of a diff: one row per clause pair, deletions and insertions marked."""

from __future__ import annotations

import html
from typing import Any

from clausekit.outputs.diff import summary_line, word_diff

_STYLE = """body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;width:100%}
td,th{border-top:1px solid #ddd;padding:.4em;vertical-align:top;text-align:left}th{background:#f4f4f4}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.added td.new{background:#eefbee}.removed td.old{background:#fdeeee}.tag{font-size:12px;color:#555}
.status{font-weight:600;white-space:nowrap}"""


def _marked(old: str, new: str) -> str:
    out = []
    pieces = word_diff(old, new)[1]
    for k, (op, text) in enumerate(pieces):
        t = html.escape(text.lstrip(" "))
        # the space before a piece stays outside its mark; an insertion right after a deletion replaces it
        if text.startswith(" ") and not (op == "insert" and k and pieces[k - 1][0] == "delete"):
            out.append(" ")
        out.append(f"<del>{t}</del>" if op == "delete" else f"<ins>{t}</ins>" if op == "insert" else t)
    return "".join(out)


def _tags(row: dict[str, Any], side: str) -> str:
    bits = [
        row.get(f"{side}_part"),
        row.get(f"{side}_number"),
        row.get(f"{side}_function"),
        ", ".join(row.get(f"{side}_themes") or []),
    ]
    return html.escape(" · ".join(str(b) for b in bits if b))


def diff_html(
    rows: list[dict[str, Any]], summary: dict[str, Any], old_name: str, new_name: str
) -> str:
    """The page as a string (the caller writes it, atomically)."""
    body = []
    for r in rows:
        old, new = r.get("old_text") or "", r.get("new_text") or ""
        if r["status"] in ("reworded", "moved") and old and new:
            text = _marked(old, new)
        elif r["status"] == "added":
            text = f"<ins>{html.escape(new)}</ins>"
        elif r["status"] == "removed":
            text = f"<del>{html.escape(old)}</del>"
        else:
            text = html.escape(new)
        changes = ", ".join(c for c in r.get("changes") or [] if c != "text")
        sim = "" if r.get("similarity") is None else f"{r['similarity']:.2f}"
        body.append(
            f"<tr class='{r['status']}'><td class='status'>{r['status']}<div class='tag'>{html.escape(changes)} {sim}</div></td>"
            f"<td class='old'>{'' if r.get('old_index') is None else r['old_index']}<div class='tag'>{_tags(r, 'old')}</div></td>"
            f"<td class='new'>{'' if r.get('new_index') is None else r['new_index']}<div class='tag'>{_tags(r, 'new')}</div></td>"
            f"<td>{text}</td></tr>"
        )
    title = f"{html.escape(old_name)} → {html.escape(new_name)}"
    return (
        f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>clausekit diff: {title}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{title}</h1><p>{html.escape(summary_line(summary))}</p>"
        "<table><thead><tr><th>change</th><th>old #</th><th>new #</th><th>text (deletions struck, insertions green)</th>"
        f"</tr></thead><tbody>{''.join(body)}</tbody></table></body></html>\n"
    )
