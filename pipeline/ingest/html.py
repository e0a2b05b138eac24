"""HTML minutes -> blocks: h1-h6 headings, list items with their marker, table cells, other text as paragraphs.

BeautifulSoup over lxml's HTML parser (which never fetches anything); script, style and the <head> are dropped.
Whitespace inside a block collapses as a browser shows it. Cells of a row follow each other separated by "\\n",
rows by a blank line; rowspan/colspan are honoured when numbering columns. A paragraph the site printed around the
minutes ("Jump to: navigation, search", "Page 1 of 3": page_text.py) is of part "site".
"""
from __future__ import annotations

from pipeline.ingest.assemble import RawBlock
from pipeline.ingest.normalise import collapse_spaces
from pipeline.ingest.page_text import is_furniture
from pipeline.model import StageError

_SKIP = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed", "canvas",
         "select", "button"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "div", "blockquote", "pre", "dt", "dd", "dl", "address", "section", "article", "header", "footer",
           "main", "nav", "aside", "figure", "figcaption", "caption", "form", "fieldset", "legend", "hr", "ul", "ol",
           "body", "html", "center", "details", "summary", "tr", "thead", "tbody", "tfoot"}


def read_html(text: str) -> list[RawBlock]:
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(text, "lxml")
        reader = _Reader()
        reader.walk(soup)
        reader.flush()
    except RecursionError:
        raise StageError("too_complex", "the HTML is nested too deeply to read; simplify or re-export it") from None
    return reader.blocks


class _Reader:
    def __init__(self):
        self.blocks: list[RawBlock] = []
        self.buf: list[str] = []
        self.attrs: dict = {"kind": "paragraph"}
        self.prefix = ""
        self.next_table = 0
        self.gap = False

    def flush(self) -> None:
        text = collapse_spaces("".join(self.buf))
        self.buf = []
        if text:
            if self.prefix:
                text, self.prefix = f"{self.prefix} {text}", ""
            attrs = self.attrs
            if attrs.get("kind") == "paragraph" and is_furniture(text):  # a site's counter or navigation line
                attrs = {**attrs, "part": "site"}
            self.blocks.append(RawBlock(text=text, gap_before=self.gap, **attrs))
            self.gap = False

    def walk(self, node) -> None:
        from bs4 import NavigableString
        from bs4.element import CData

        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) in (NavigableString, CData):
                    self.buf.append(str(child))
                continue
            name = child.name
            if name in _SKIP:
                continue
            if name == "br":
                self.flush()
            elif name == "table":
                self.table(child)
            elif self.attrs.get("kind") == "table_cell" and (name in _HEADINGS or name == "li" or name in _BLOCKS):
                self.block(child, self.attrs)
            elif name in _HEADINGS:
                self.block(child, {"kind": "heading", "level": int(name[1])})
            elif name == "li":
                level = len(child.find_parents(["ul", "ol"])) or 1
                self.block(child, {"kind": "list_item", "level": level}, prefix=_marker(child))
            elif name in _BLOCKS:
                self.block(child, self.attrs)
            else:
                self.walk(child)

    def block(self, el, attrs: dict, prefix: str = "") -> None:
        self.flush()
        saved, self.attrs = self.attrs, attrs
        self.prefix = prefix
        self.walk(el)
        self.flush()
        self.attrs = saved

    def table(self, table) -> None:
        self.flush()
        table_id, self.next_table = self.next_table, self.next_table + 1
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        taken: set[tuple[int, int]] = set()
        header: dict[int, str] = {}
        for r, tr in enumerate(rows):
            self.gap = True
            col = 0
            for cell in tr.find_all(["td", "th"], recursive=False):
                while (r, col) in taken:
                    col += 1
                span, down = _span(cell, "colspan"), _span(cell, "rowspan")
                for k in range(1, down):
                    taken.update((r + k, col + j) for j in range(span))
                if r == 0:
                    header.update({col + j: collapse_spaces(cell.get_text(" ")) for j in range(span)})
                attrs = {"kind": "table_cell", "table_id": table_id, "row": r, "col": col,
                         "column_header": header.get(col) or None}
                self.block(cell, attrs)
                col += span
        self.gap = True


def _span(cell, name: str) -> int:
    try:
        return max(1, min(100, int(str(cell.get(name, "1")).strip() or 1)))
    except ValueError:
        return 1


def _marker(li) -> str:
    parent = li.find_parent(["ul", "ol"])
    if parent is None or parent.name == "ul":
        return "•"
    try:
        start = int(str(parent.get("start", "1")))
    except ValueError:
        start = 1
    return f"{start + len(li.find_previous_siblings('li'))}."
