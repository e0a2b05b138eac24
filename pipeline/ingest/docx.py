"""Word .docx -> blocks in true reading order, by walking the body XML ourselves.

python-docx opens the package (after limits.check_zip has vetted it), but its paragraph API lists paragraphs
and tables separately and skips content controls and text boxes, so the body is walked element by element:
paragraphs and tables interleave as on the page; tables recurse; w:sdt content and text boxes are read.

Layout of a table in Document.text: one block per paragraph of a cell, paragraphs and cells separated by
"\\n", rows (and the table itself) set off by a blank line. Each cell is read once: a horizontally merged cell
is one w:tc with gridSpan, and a vertically merged continuation (w:vMerge without val="restart") is skipped.

Levels: heading level 1-9 from "Heading N" or outline level N-1; "Title" is level 0. List items carry their
rendered marker ("1.", "a)", "•") at the start of the text and level = list level + 1.

Footnotes and endnotes follow the body as blocks of part "footnote" / "endnote", each starting with its mark;
the mark stays in the body text where the note is referenced ("approved.1"), numbered in order of reference as
Word shows it (footnotes 1, 2, 3; endnotes i, ii, iii, unless the document sets another numFmt), or the
custom mark the author typed. Comments follow the notes as blocks of part "comment", a thread's replies
(commentsExtended.xml) right after the comment they answer, each with its author and the span of the passage it
is anchored to (commentRangeStart/End, else the point of its commentReference). A legacy form checkbox reads
☒ or ☐ and a legacy drop-down its chosen entry (Word shows no text of its own for either); a drop capital
(w:framePr w:dropCap) is joined to the paragraph it starts. Strict Open XML files are read through strict.py.
"""
from __future__ import annotations

import io
import re

from pipeline.config import Settings
from pipeline.ingest.assemble import ANCHOR, RawBlock
from pipeline.ingest.limits import check_zip, open_zip
from pipeline.ingest.normalise import collapse_spaces
from pipeline.ingest.numbering import Numbering, format_number, int_attr, q
from pipeline.ingest.strict import to_transitional
from pipeline.model import StageError

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P, TBL, TR, TC, SDT, SDT_CONTENT = q("p"), q("tbl"), q("tr"), q("tc"), q("sdt"), q("sdtContent")
T, TAB, PTAB, BR, CR, NB_HYPHEN, R = q("t"), q("tab"), q("ptab"), q("br"), q("cr"), q("noBreakHyphen"), q("r")
TXBX = q("txbxContent")
FOOTNOTE_REF, ENDNOTE_REF = q("footnoteReference"), q("endnoteReference")
NOTE_MARKS = {q("footnoteRef"), q("endnoteRef")}
FLD_CHAR = q("fldChar")
COMMENT_START, COMMENT_END, COMMENT_REF = q("commentRangeStart"), q("commentRangeEnd"), q("commentReference")
W14_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_NOTES = (("footnote", "footnotes", "decimal"), ("endnote", "endnotes", "lowerRoman"))
# Wrappers whose children are read as if they stood in the parent.
_WRAPPERS = {q("customXml"), q("smartTag"), q("ins"), q("moveTo"), SDT_CONTENT, q("hyperlink"), q("fldSimple"),
             q("dir"), q("bdo"), f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"}
# Never text: properties, deleted or moved-away runs, field codes, the fallback copy of a drawing.
_SKIP = {q("pPr"), q("rPr"), q("sdtPr"), q("sdtEndPr"), q("del"), q("moveFrom"), q("instrText"), q("delText"),
         f"{{{MC}}}Fallback", q("tblPr"), q("trPr"), q("tcPr"), q("tblGrid")}
_HEADING = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_OFF = {"0", "false", "off"}


def read_docx(data: bytes, settings: Settings) -> list[RawBlock]:
    """All blocks of a .docx: headers, body, footers (text boxes after the paragraph that anchors them)."""
    archive = open_zip(data, "docx")
    with archive:
        check_zip(archive, settings, "docx")
        data = to_transitional(archive, data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles = _Styles(document.styles.element)
        numbering = Numbering(_numbering_root(document))
        related = document.part.related_parts
    except StageError:
        raise
    except Exception as exc:  # python-docx raises many kinds on a damaged package; all mean the same to a user
        raise StageError("corrupt_docx", f"python-docx could not open the file ({type(exc).__name__}: "
                         f"{str(exc)[:200]}); open and re-save it in Word or LibreOffice") from None
    walker = _Walker(styles, numbering, _note_formats(body))
    walker.container(body, "body")
    body_blocks = walker.take()
    headers, footers = _headers_footers(body, related, walker)
    notes = _notes(document.part, walker)
    comments = _comments(document.part, walker)
    return headers + body_blocks + notes + comments + footers


def _note_formats(body) -> dict[str, str]:
    """Number format of footnote and endnote marks: the last section's footnotePr/endnotePr, else Word's default."""
    formats = {kind: default for kind, _tag, default in _NOTES}
    sect = body.find(q("sectPr"))
    for kind in formats:
        fmt = sect.find(f"{q(kind + 'Pr')}/{q('numFmt')}") if sect is not None else None
        if fmt is not None and fmt.get(q("val")):
            formats[kind] = fmt.get(q("val"))
    return formats


def _notes(part, walker: "_Walker") -> list[RawBlock]:
    """Footnotes then endnotes, in the order of their marks, each note's paragraphs as blocks after the body."""
    out: list[RawBlock] = []
    for kind, tag, _default in _NOTES:
        root = _related_root(part, tag)
        if root is None:
            continue
        notes = [n for n in root.iterchildren(q(kind)) if n.get(q("type"), "normal") == "normal"]
        marks = walker.marks[kind]
        notes.sort(key=lambda n: marks[n.get(q("id"))][0] if n.get(q("id")) in marks else len(marks) + 1)
        for note in notes:
            walker.note_mark = marks.get(note.get(q("id")), (0, ""))[1]
            start = len(walker.blocks)
            walker.container(note, kind)
            if len(walker.blocks) > start:
                walker.blocks[start].gap_before = True
        walker.note_mark = None
        out.extend(walker.take())
    return out


def _related_root(part, tag: str):
    """The XML root of the part related by a relationship type ending in "/<tag>", or None."""
    from lxml import etree

    for rel in part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/" + tag):
            continue
        target = rel.target_part
        root = getattr(target, "element", None)
        if root is None:  # python-docx keeps parts it does not model as bytes; check_zip vetted them
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            try:
                root = etree.fromstring(target.blob, parser)
            except etree.XMLSyntaxError:
                root = None
        return root
    return None


def _comments(part, walker: "_Walker") -> list[RawBlock]:
    """Comments in the order of their anchors in the body, each reply right after the comment it answers."""
    root = _related_root(part, "comments")
    if root is None:
        return []
    comments = list(root.iterchildren(q("comment")))
    parents = _reply_parents(comments, _related_root(part, "commentsExtended"))
    place = {c.get(q("id")): i for i, c in enumerate(comments)}
    anchored = walker.comment_order

    def thread(cid: str) -> str:
        seen = {cid}
        while cid in parents and parents[cid] not in seen:  # Word points every reply at the thread's first comment
            cid = parents[cid]
            seen.add(cid)
        return cid

    def order(comment) -> tuple:
        cid = comment.get(q("id"))
        first = thread(cid)
        return anchored.get(first, len(anchored)), place.get(first, 0), first != cid, place[cid]

    for comment in sorted(comments, key=order):
        cid = comment.get(q("id"))
        start = len(walker.blocks)
        walker.container(comment, "comment")
        for block in walker.blocks[start:]:
            block.remark = cid if cid in anchored else thread(cid)  # a reply without a range of its own
            block.author = (comment.get(q("author")) or "").strip() or None
            block.reply_to = thread(cid) if cid in parents else None
        if len(walker.blocks) > start:
            walker.blocks[start].gap_before = True
    return walker.take()


def _reply_parents(comments: list, extended) -> dict[str, str]:
    """Comment id -> the id of the comment it replies to, from commentsExtended.xml: its w15:paraIdParent names the
    last paragraph of the parent comment."""
    if extended is None:
        return {}
    by_para: dict[str, str] = {}
    for comment in comments:
        paras = list(comment.iter(P))
        if paras and paras[-1].get(W14_PARA_ID):
            by_para[paras[-1].get(W14_PARA_ID)] = comment.get(q("id"))
    out: dict[str, str] = {}
    for entry in extended.iter(f"{{{W15}}}commentEx"):
        child = by_para.get(entry.get(f"{{{W15}}}paraId", ""))
        parent = by_para.get(entry.get(f"{{{W15}}}paraIdParent", ""))
        if child and parent and child != parent:
            out[child] = parent
    return out


def _numbering_root(document):
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _headers_footers(body, related, walker: "_Walker") -> tuple[list[RawBlock], list[RawBlock]]:
    """Header and footer parts of every section, in section order, each distinct text once."""
    out: dict[str, list[RawBlock]] = {"header": [], "footer": []}
    seen: set[tuple[str, ...]] = set()
    for sect in body.iter(q("sectPr")):
        for ref in sect:
            kind = {q("headerReference"): "header", q("footerReference"): "footer"}.get(ref.tag)
            part = related.get(ref.get(R_ID)) if kind else None
            root = getattr(part, "element", None)
            if root is None or root.tag not in (q("hdr"), q("ftr")):
                continue
            walker.container(root, kind)
            blocks = walker.take()
            key = (kind, *(collapse_spaces(b.text) for b in blocks))
            if any(key[1:]) and key not in seen:
                seen.add(key)
                if blocks:
                    blocks[0].gap_before = True
                out[kind].extend(blocks)
    return out["header"], out["footer"]


class _Styles:
    """Paragraph styles by id: name, outline level and list, following basedOn."""

    def __init__(self, root):
        self.by_id = {}
        self.default = None
        for style in root.iterchildren(q("style")):
            if style.get(q("type")) not in (None, "paragraph"):
                continue
            sid = style.get(q("styleId"))
            self.by_id[sid] = style
            if style.get(q("default")) in ("1", "true", "on"):
                self.default = sid

    def chain(self, style_id: str | None):
        seen = set()
        sid = style_id if style_id in self.by_id else self.default
        while sid in self.by_id and sid not in seen and len(seen) < 20:
            seen.add(sid)
            yield self.by_id[sid]
            based = self.by_id[sid].find(q("basedOn"))
            sid = based.get(q("val")) if based is not None else None

    def name(self, style_id: str | None) -> str | None:
        from docx.styles import BabelFish

        for style in self.chain(style_id):
            name = style.find(q("name"))
            raw = name.get(q("val")) if name is not None else style.get(q("styleId"))
            # Built-in styles are stored as "heading 1"; show them as Word and python-docx do ("Heading 1").
            return BabelFish.internal2ui(raw) if raw else raw
        return None

    def bold(self, style_id: str | None) -> bool:
        """Whether the paragraph style makes its text bold (w:rPr/w:b along the basedOn chain)."""
        for style in self.chain(style_id):
            rpr = style.find(q("rPr"))
            b = rpr.find(q("b")) if rpr is not None else None
            if b is not None:
                return b.get(q("val"), "true") not in _OFF
        return False

    def ppr(self, style_id: str | None, tag: str):
        """First w:pPr/<tag> along the style's basedOn chain."""
        for style in self.chain(style_id):
            ppr = style.find(q("pPr"))
            found = ppr.find(q(tag)) if ppr is not None else None
            if found is not None:
                return found
        return None


class _Walker:
    def __init__(self, styles: _Styles, numbering: Numbering, note_formats: dict[str, str] | None = None):
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[RawBlock] = []
        self.next_table = 0
        self.gap = False
        self.note_formats = note_formats or {kind: default for kind, _tag, default in _NOTES}
        self.marks: dict[str, dict[str, tuple[int, str]]] = {"footnote": {}, "endnote": {}}
        self.note_mark: str | None = None  # the mark of the note being read, for its w:footnoteRef
        self.drop_cap: RawBlock | None = None
        self.anchors: list[tuple[str, str]] = []  # the ANCHOR marks of the paragraph being read, in text order
        self.comment_ends: dict[str, set[str]] = {}  # comment id -> the ends of its range seen in the body
        self.comment_order: dict[str, int] = {}  # comment id -> order of its first anchor in the body

    def take(self) -> list[RawBlock]:
        self._flush_drop_cap()
        blocks, self.blocks = self.blocks, []
        return blocks

    def emit(self, block: RawBlock) -> None:
        if self.drop_cap is not None:
            if block.text.strip() and block.part == self.drop_cap.part:
                block.text = self.drop_cap.text.strip() + block.text.lstrip()
                block.anchors = self.drop_cap.anchors + block.anchors
                self.drop_cap = None
            else:
                self._flush_drop_cap()
        block.gap_before = block.gap_before or self.gap
        self.gap = False
        self.blocks.append(block)

    def _flush_drop_cap(self) -> None:
        if self.drop_cap is not None:
            block, self.drop_cap = self.drop_cap, None
            self.emit(block)

    def mark(self, el) -> str:
        """The text a note reference shows: its number in order of reference, or nothing for a custom mark."""
        kind = "footnote" if el.tag == FOOTNOTE_REF else "endnote"
        marks = self.marks[kind]
        custom = el.get(q("customMarkFollows")) in ("1", "true", "on")
        note_id = el.get(q("id"), "")
        if note_id not in marks:
            shown = sum(1 for _n, text in marks.values() if text) + 1
            marks[note_id] = (len(marks), "" if custom else format_number(shown, self.note_formats[kind]))
        return marks[note_id][1]

    def anchor(self, el, out: list[str]) -> None:
        """Mark where a comment's range starts or ends; a bare reference marks both ends at its point."""
        cid = el.get(q("id"), "")
        ends = self.comment_ends.setdefault(cid, set())
        self.comment_order.setdefault(cid, len(self.comment_order))
        wanted = {COMMENT_START: ["start"], COMMENT_END: ["end"]}.get(el.tag) or [e for e in ("start", "end")
                                                                                 if e not in ends]
        for end in wanted:
            if end not in ends:
                ends.add(end)
                out.append(ANCHOR)
                self.anchors.append((cid, end))

    def container(self, el, part: str, cell: dict | None = None) -> None:
        for child in el:
            tag = child.tag
            if tag == P:
                self.paragraph(child, part, cell)
            elif tag == TBL:
                self.table(child, part)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.container(content, part, cell)
            elif tag in _WRAPPERS:
                self.container(child, part, cell)

    def paragraph(self, p, part: str, cell: dict | None) -> None:
        pieces: list[str] = []
        boxes: list = []
        self.anchors = []
        _collect(p, pieces, boxes, self)
        anchors, self.anchors = self.anchors, []
        ppr = p.find(q("pPr"))
        style_el = ppr.find(q("pStyle")) if ppr is not None else None
        style_id = style_el.get(q("val")) if style_el is not None else None
        style = self.styles.name(style_id)
        kind, level = "paragraph", None
        heading = _HEADING.match(style or "")
        outline_el = _direct(ppr, "outlineLvl")
        if outline_el is None:
            outline_el = self.styles.ppr(style_id, "outlineLvl")
        outline = int_attr(outline_el, None, 0, 9)
        if heading:
            kind, level = "heading", int(heading.group(1))
        elif (style or "").lower() == "title":
            kind, level = "heading", 0
        elif outline is not None and outline < 9:
            kind, level = "heading", outline + 1
        marker = self._marker(ppr, style_id)
        if marker is not None and kind == "paragraph":
            kind, level = "list_item", marker[1] + 1
        text = "".join(pieces)
        if self.note_mark and "\u200b" in text:  # a note's own mark: one space after it
            head, _, tail = text.partition("\u200b")
            text = f"{head} {tail.lstrip()}"
        if marker and marker[0] and text.strip():
            text = f"{marker[0]} {text.lstrip()}"
        attrs = dict(kind=kind, level=level)
        if cell is not None:
            attrs = dict(kind="table_cell", **cell)
        bold = kind == "paragraph" and _all_bold(p, self.styles.bold(style_id))
        block = RawBlock(text=text, part=part, style=style, bold=bold, anchors=anchors, **attrs)
        frame = _direct(ppr, "framePr")
        if frame is not None and frame.get(q("dropCap")) in ("drop", "margin") and text.strip() and cell is None:
            self._flush_drop_cap()
            self.drop_cap = block  # the large first letter(s) of the next paragraph, in a frame of their own
        else:
            self.emit(block)
        for box in boxes:
            self.container(box, "textbox")

    def _marker(self, ppr, style_id: str | None) -> tuple[str, int] | None:
        numpr = _direct(ppr, "numPr")
        if numpr is None:
            numpr = self.styles.ppr(style_id, "numPr")
        if numpr is None:
            return None
        num = numpr.find(q("numId"))
        if num is None:
            return None
        ilvl = int_attr(numpr.find(q("ilvl")), 0, 0, 8)
        text = self.numbering.render(num.get(q("val"), ""), ilvl)
        return None if text is None else (text, ilvl)

    def table(self, tbl, part: str) -> None:
        table_id = self.next_table
        self.next_table += 1
        rows = list(_flatten(tbl, TR))
        header: dict[int, str] = {}
        if rows:
            for col, span, tc in _cells(rows[0]):
                text = collapse_spaces(" ".join(_plain(p) for p in tc.iter(P)))
                for c in range(col, col + span):
                    header[c] = text
        grid = [{col: tc for col, _span, tc in _cells(tr)} for tr in rows]
        self.gap = True
        for r, tr in enumerate(rows):
            self.gap = True
            for col, _span, tc in _cells(tr):
                if _continues_merge(tc):
                    continue
                # a cell merged down over the rows below ("UNICEF" over its three activities) says how far
                down = 1
                while r + down < len(rows) and _merged_down(grid[r + down].get(col)):
                    down += 1
                cell = dict(table_id=table_id, row=r, col=col, column_header=header.get(col) or None,
                            row_span=down if down > 1 else None)
                self.container(tc, part, cell)
        self.gap = True


def _direct(ppr, tag: str):
    return ppr.find(q(tag)) if ppr is not None else None


def _flatten(el, tag: str):
    """Children with `tag`, looking through content controls and custom XML that may wrap rows or cells."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (SDT, SDT_CONTENT, q("customXml")):
            yield from _flatten(child, tag)


def _cells(tr):
    """(grid column, span, w:tc) for each cell of a row; gridBefore shifts the first cell."""
    trpr = tr.find(q("trPr"))
    col = int_attr(trpr.find(q("gridBefore")) if trpr is not None else None, 0, 0, 1000)
    for tc in _flatten(tr, TC):
        tcpr = tc.find(q("tcPr"))
        span = int_attr(tcpr.find(q("gridSpan")) if tcpr is not None else None, 1, 1, 1000)
        yield col, span, tc
        col += span


def _merged_down(tc) -> bool:
    """A cell that continues the vertical merge of the cell above it."""
    tcpr = tc.find(q("tcPr")) if tc is not None else None
    merge = tcpr.find(q("vMerge")) if tcpr is not None else None
    return merge is not None and merge.get(q("val"), "continue") != "restart"


def _continues_merge(tc) -> bool:
    """A cell that only continues a merge above (vMerge) or to the left (legacy hMerge) holds no text of its own."""
    tcpr = tc.find(q("tcPr"))
    if tcpr is None:
        return False
    for tag in ("vMerge", "hMerge"):
        merge = tcpr.find(q(tag))
        if merge is not None and merge.get(q("val"), "continue") != "restart":
            return True
    return False


def _all_bold(p, style_bold: bool) -> bool:
    """Every run with text is bold: a heading typed by hand ("**Budget**" in Word), not a styled one."""
    runs = [r for r in p.iter(R) if any((t.text or "").strip() for t in r.iter(T))]
    if not runs:
        return False
    for run in runs:
        rpr = run.find(q("rPr"))
        b = rpr.find(q("b")) if rpr is not None else None
        if not (style_bold if b is None else b.get(q("val"), "true") not in _OFF):
            return False
    return True


def _hidden(run) -> bool:
    rpr = run.find(q("rPr"))
    vanish = rpr.find(q("vanish")) if rpr is not None else None
    return vanish is not None and vanish.get(q("val"), "true") not in _OFF


def _collect(el, out: list[str], boxes: list, walker: "_Walker | None" = None) -> None:
    """Text of a paragraph in order; text boxes are set aside to be read as blocks of their own."""
    for child in el:
        tag = child.tag
        if tag == T:
            out.append((child.text or "").replace(ANCHOR, ""))
        elif tag in (TAB, PTAB):
            out.append("\t")
        elif tag in (BR, CR):
            out.append("\n")
        elif tag == NB_HYPHEN:
            out.append("-")
        elif tag == TXBX:
            boxes.append(child)
        elif tag in (FOOTNOTE_REF, ENDNOTE_REF):
            if walker is not None:
                out.append(walker.mark(child))
        elif tag in (COMMENT_START, COMMENT_END, COMMENT_REF):
            if walker is not None:
                walker.anchor(child, out)
        elif tag in NOTE_MARKS:
            if walker is not None and walker.note_mark:
                out.append(walker.note_mark + "\u200b")  # Word puts its own space after the mark, or not

        elif tag == FLD_CHAR:
            box = child.find(f"{q('ffData')}/{q('checkBox')}")
            if box is not None:
                out.append("☒" if _checked(box) else "☐")
            choices = child.find(f"{q('ffData')}/{q('ddList')}")
            if choices is not None:
                out.append(_chosen(choices))
        elif tag in _SKIP or not isinstance(tag, str) or (tag == R and _hidden(child)):
            continue
        else:
            _collect(child, out, boxes, walker)


def _checked(box) -> bool:
    """A legacy form checkbox's state: w:checked when set, else its w:default."""
    for tag in ("checked", "default"):
        el = box.find(q(tag))
        if el is not None:
            return el.get(q("val"), "true") not in _OFF
    return False


def _chosen(choices) -> str:
    """A legacy form drop-down's shown entry: w:result (else w:default) indexes its w:listEntry values."""
    entries = [e.get(q("val"), "") for e in choices.iterchildren(q("listEntry"))]
    for tag in ("result", "default"):
        el = choices.find(q(tag))
        if el is not None:
            index = int_attr(el, 0, 0, max(len(entries) - 1, 0))
            return entries[index] if entries else ""
    return entries[0] if entries else ""


def _plain(p) -> str:
    out: list[str] = []
    _collect(p, out, [])
    return "".join(out)
