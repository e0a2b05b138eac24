"""Ingest of .docx files built in the test with python-docx (plus injected XML for what its API cannot write)."""
from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.ingest.assemble import check_blocks
from pipeline.ingest.numbering import Numbering, format_number
from pipeline.model import Document, Source

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')


def run_ingest(document: docx.document.Document, name: str = "minutes.docx") -> Document:
    buf = io.BytesIO()
    document.save(buf)
    doc = ingest(Source(source_path=name, data=buf.getvalue(), doc_id="d1"), settings=Settings())
    check_blocks(doc.text, doc.blocks)
    assert doc.format == "docx" and doc.size_bytes == len(buf.getvalue())
    return doc


def texts(doc: Document, **where) -> list[str]:
    return [b.text for b in doc.blocks if all(getattr(b, k) == v for k, v in where.items())]


def append_xml(document, xml: str) -> None:
    """Insert a body-level element before the final sectPr."""
    document.element.body.sectPr.addprevious(parse_xml(xml))


@pytest.mark.parametrize("before,after", [("Opening remarks by the chair", "Closing: next meeting in May")])
def test_ingest_docx_body_order_interleaves_paragraphs_and_tables(before, after):
    document = docx.Document()
    document.add_paragraph(before)
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Issue", (0, 1): "Next steps", (1, 0): "Water trucking", (1, 1): "WASH to map"}.items():
        table.cell(r, c).text = text
    document.add_paragraph(after)
    doc = run_ingest(document)
    assert [b.text for b in doc.blocks] == [before, "Issue", "Next steps", "Water trucking", "WASH to map", after]
    cell = doc.blocks[4]
    assert (cell.kind, cell.table_id, cell.row, cell.col, cell.column_header) == ("table_cell", 0, 1, 1, "Next steps")
    # rows are set off by a blank line, cells of a row by one newline
    assert "Issue\nNext steps\n\nWater trucking\nWASH to map" in doc.text


@pytest.mark.parametrize("inner_text", ["Nested owner: UNICEF"])
def test_ingest_docx_nested_table_is_read_in_place_with_its_own_id(inner_text):
    document = docx.Document()
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "Topic", "Detail"
    outer.cell(1, 0).text = "Shelter"
    cell = outer.cell(1, 1)
    cell.text = "See breakdown:"
    inner = cell.add_table(rows=2, cols=1)
    inner.cell(0, 0).text, inner.cell(1, 0).text = "Owner", inner_text
    cell.add_paragraph("After the inner table")
    second = document.add_table(rows=1, cols=1)
    second.cell(0, 0).text = "Second table"
    doc = run_ingest(document)
    order = [b.text for b in doc.blocks]
    assert order == ["Topic", "Detail", "Shelter", "See breakdown:", "Owner", inner_text, "After the inner table",
                     "Second table"]
    by_text = {b.text: b for b in doc.blocks}
    assert by_text[inner_text].table_id == 1 and by_text[inner_text].column_header == "Owner"
    assert by_text["After the inner table"].table_id == 0 and by_text["After the inner table"].col == 1
    assert by_text["Second table"].table_id == 2


@pytest.mark.parametrize("merge", ["horizontal", "vertical"])
def test_ingest_docx_merged_cell_text_appears_once(merge):
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for c, header in enumerate(["Agency", "Update", "Due"]):
        table.cell(0, c).text = header
    if merge == "horizontal":
        merged = table.cell(1, 0).merge(table.cell(1, 2))
        table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = "WFP", "Food", "May"
    else:
        merged = table.cell(1, 0).merge(table.cell(2, 0))
        table.cell(1, 1).text, table.cell(2, 1).text = "Food", "Cash"
    merged.text = "Merged statement"
    doc = run_ingest(document)
    assert texts(doc).count("Merged statement") == 1
    assert doc.text.count("Merged statement") == 1
    block = next(b for b in doc.blocks if b.text == "Merged statement")
    assert (block.row, block.col, block.column_header) == (1, 0, "Agency")
    if merge == "vertical":
        cash = next(b for b in doc.blocks if b.text == "Cash")
        assert (cash.row, cash.col) == (2, 1)
    # how many rows the cell covers, so a row below still finds its agency
    assert block.row_span == (2 if merge == "vertical" else None)


@pytest.mark.parametrize("header,footer", [("Protection Working Group - CONFIDENTIAL", "Page footer: draft v2")])
def test_ingest_docx_header_and_footer_around_body_deduped(header, footer):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = header
    document.sections[0].footer.paragraphs[0].text = footer
    document.add_paragraph("Body paragraph one")
    second = document.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = header  # identical text in a separate part: kept once
    document.add_paragraph("Body paragraph two")
    doc = run_ingest(document)
    assert doc.blocks[0].text == header and doc.blocks[0].part == "header"
    assert doc.blocks[-1].text == footer and doc.blocks[-1].part == "footer"
    assert doc.text.count(header) == 1
    assert texts(doc, part="body") == ["Body paragraph one", "Body paragraph two"]


@pytest.mark.parametrize("control_text", ["Date of meeting: 12 March 2019"])
def test_ingest_docx_content_control_text_is_kept(control_text):
    document = docx.Document()
    document.add_paragraph("Before control")
    append_xml(document, f'<w:sdt {NS}><w:sdtPr><w:alias w:val="Date"/></w:sdtPr><w:sdtContent>'
                         f'<w:p><w:r><w:t>{control_text}</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    # an inline (run-level) content control inside a paragraph
    append_xml(document, f'<w:p {NS}><w:r><w:t xml:space="preserve">Chair: </w:t></w:r><w:sdt><w:sdtContent>'
                         '<w:r><w:t>Ms Aye Aye</w:t></w:r></w:sdtContent></w:sdt></w:p>')
    doc = run_ingest(document)
    assert texts(doc) == ["Before control", control_text, "Chair: Ms Aye Aye"]


@pytest.mark.parametrize("box_text", ["Text box: key decision"])
def test_ingest_docx_text_box_read_once_as_textbox_part(box_text):
    para = f'<w:p><w:r><w:t>{box_text}</w:t></w:r></w:p>'
    document = docx.Document()
    append_xml(document, (
        f'<w:p {NS}><w:r><w:t xml:space="preserve">Anchor paragraph </w:t></w:r><w:r><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
        f'<w:txbxContent>{para}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
        '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
        f'<w:txbxContent>{para}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r></w:p>'))
    doc = run_ingest(document)
    assert texts(doc) == ["Anchor paragraph", box_text]
    assert doc.blocks[1].part == "textbox"
    assert doc.text.count(box_text) == 1


@pytest.mark.parametrize("style,expected", [
    ("List Number", ["1. Agree ToR", "2. Share 4W", "3. Map gaps"]),
    ("List Bullet", ["• Agree ToR", "• Share 4W", "• Map gaps"]),
])
def test_ingest_docx_list_numbering_rendered(style, expected):
    document = docx.Document()
    for text in ["Agree ToR", "Share 4W", "Map gaps"]:
        document.add_paragraph(text, style=style)
    doc = run_ingest(document)
    assert texts(doc) == expected
    assert {(b.kind, b.level) for b in doc.blocks} == {("list_item", 1)}


NUMBERING_XML = f"""<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
    <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="7"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"""


@pytest.mark.parametrize("calls,expected", [
    ([("3", 0), ("3", 1), ("3", 1), ("3", 0), ("3", 1)], ["I.", "a)", "b)", "II.", "a)"]),
    ([("3", 0), ("3", 2), ("3", 3)], ["I.", "I.1", "•"]),
    ([("3", 0), ("4", 0), ("4", 0)], ["I.", "V.", "VI."]),
    ([("0", 0), ("99", 0)], [None, None]),
])
def test_ingest_docx_numbering_counters(calls, expected):
    numbering = Numbering(parse_xml(NUMBERING_XML))
    assert [numbering.render(num, ilvl) for num, ilvl in calls] == expected


@pytest.mark.parametrize("n,fmt,expected", [
    (4, "decimal", "4"), (3, "lowerLetter", "c"), (28, "lowerLetter", "bb"), (2, "upperLetter", "B"),
    (14, "lowerRoman", "xiv"), (1999, "upperRoman", "MCMXCIX"), (7, "decimalZero", "07"), (3, "ordinalText", "3"),
])
def test_ingest_docx_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_ingest_docx_direct_numbering_from_numbering_part():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in parse_xml(NUMBERING_XML):
        numbering.append(child)
    for ilvl, text in [(0, "Opening"), (1, "Welcome"), (1, "Apologies"), (0, "Updates")]:
        append_xml(document, f'<w:p {NS}><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="3"/></w:numPr>'
                             f'</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>')
    doc = run_ingest(document)
    assert texts(doc) == ["I. Opening", "a) Welcome", "b) Apologies", "II. Updates"]
    assert [b.level for b in doc.blocks] == [1, 2, 2, 1]


@pytest.mark.parametrize("make,kind,level", [
    (lambda d: d.add_heading("Minutes of the coordination meeting", 0), "heading", 0),
    (lambda d: d.add_heading("1. Food security", 1), "heading", 1),
    (lambda d: d.add_heading("Sub-point", 3), "heading", 3),
    (lambda d: append_xml(d, f'<w:p {NS}><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Outlined</w:t></w:r></w:p>'),
     "heading", 2),
    (lambda d: d.add_paragraph("Plain paragraph"), "paragraph", None),
])
def test_ingest_docx_heading_levels(make, kind, level):
    document = docx.Document()
    make(document)
    doc = run_ingest(document)
    assert (doc.blocks[0].kind, doc.blocks[0].level) == (kind, level)


@pytest.mark.parametrize("xml,expected", [
    ('<w:r><w:t xml:space="preserve">Kept </w:t></w:r><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>'
     '<w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>', "Kept inserted"),
    ('<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:t>shown</w:t></w:r>', "shown"),
    ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
     '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>after field</w:t></w:r>', "after field"),
    ('<w:r><w:t>a\u00a0b</w:t><w:tab/><w:t>c</w:t><w:br/><w:t>d</w:t></w:r>', "a b\tc\nd"),
])
def test_ingest_docx_run_text_like_word_shows_it(xml, expected):
    document = docx.Document()
    append_xml(document, f"<w:p {NS}>{xml}</w:p>")
    doc = run_ingest(document)
    assert texts(doc) == [expected]


def test_ingest_docx_detected_by_content_whatever_the_name():
    document = docx.Document()
    document.add_paragraph("Real Word content")
    doc = run_ingest(document, name="misnamed.txt")
    assert texts(doc) == ["Real Word content"]


def test_ingest_docx_table_ids_follow_text_order_and_skip_empty_tables():
    document = docx.Document()
    document.sections[0].header.add_table(rows=1, cols=1, width=docx.shared.Inches(3)).cell(0, 0).text = "Logo table"
    document.add_table(rows=1, cols=2)  # no text at all
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Body table"
    doc = run_ingest(document)
    assert [(b.text, b.part, b.table_id) for b in doc.blocks] == [("Logo table", "header", 0), ("Body table", "body", 1)]


# --- notes, form checkboxes, drop caps, Strict Open XML -----------------------------------------------------------

def add_notes_part(document, kind: str, notes: dict[int, str]) -> None:
    """A footnotes.xml / endnotes.xml part (separators plus one note per id) related from the document."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> '
                   f'{text}</w:t></w:r></w:p></w:{kind}>' for note_id, text in notes.items())
    xml = (f'<w:{kind}s xmlns:w="{W_NS}"><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
           f'</w:p></w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
           f'</w:r></w:p></w:{kind}>{body}</w:{kind}s>')
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def note_paragraph(before: str, kind: str, note_id: int, after: str) -> str:
    return (f'<w:p {NS}><w:r><w:t xml:space="preserve">{before}</w:t></w:r><w:r><w:rPr><w:vertAlign '
            f'w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r><w:r><w:t>{after}</w:t></w:r></w:p>')


@pytest.mark.parametrize("footnotes,endnotes", [({5: "Figures from the finance unit.", 2: "Agreed by email."},
                                                  {1: "Source: field reports of May."})])
def test_ingest_docx_footnotes_and_endnotes_follow_the_body(footnotes, endnotes):
    document = docx.Document()
    document.add_paragraph("Budget review")
    append_xml(document, note_paragraph("The budget was approved", "footnote", 2, "."))
    append_xml(document, note_paragraph("Spending rose by a tenth", "footnote", 5, " in April."))
    append_xml(document, note_paragraph("Camps were visited", "endnote", 1, "."))
    document.add_paragraph("Closing remarks.")
    add_notes_part(document, "footnote", footnotes)
    add_notes_part(document, "endnote", endnotes)
    doc = run_ingest(document)
    assert texts(doc, part="body") == ["Budget review", "The budget was approved1.", "Spending rose by a tenth2 in April.",
                                       "Camps were visitedi.", "Closing remarks."]
    assert texts(doc, part="footnote") == ["1 Agreed by email.", "2 Figures from the finance unit."]
    assert texts(doc, part="endnote") == ["i Source: field reports of May."]
    parts = [b.part for b in doc.blocks]
    assert parts.index("footnote") > max(i for i, p in enumerate(parts) if p == "body")


@pytest.mark.parametrize("note", ["The only text of this file sits in a footnote."])
def test_ingest_docx_text_only_in_a_footnote_is_read(note):
    document = docx.Document()
    append_xml(document, note_paragraph("", "footnote", 1, ""))
    add_notes_part(document, "footnote", {1: note})
    doc = run_ingest(document)
    assert texts(doc, part="footnote") == [f"1 {note}"]


def checkbox(default: str, checked: str | None) -> str:
    state = f'<w:checked w:val="{checked}"/>' if checked is not None else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/><w:checkBox>'
            f'<w:sizeAuto/><w:default w:val="{default}"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


@pytest.mark.parametrize("default,checked,expected", [("0", "1", "☒"), ("1", "0", "☐"), ("1", None, "☒"),
                                                       ("0", None, "☐")])
def test_ingest_docx_legacy_checkbox_shows_its_state(default, checked, expected):
    document = docx.Document()
    append_xml(document, f'<w:p {NS}>{checkbox(default, checked)}<w:r><w:t xml:space="preserve"> Report shared'
                         '</w:t></w:r></w:p>')
    assert texts(run_ingest(document)) == [f"{expected} Report shared"]


def dropdown(entries: list[str], result: str | None, default: str | None) -> str:
    chosen = (f'<w:result w:val="{result}"/>' if result is not None else "") + (
        f'<w:default w:val="{default}"/>' if default is not None else "")
    listed = "".join(f'<w:listEntry w:val="{e}"/>' for e in entries)
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Dropdown1"/><w:enabled/><w:ddList>'
            f'{chosen}{listed}</w:ddList></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMDROPDOWN </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


@pytest.mark.parametrize("result,default,expected", [("2", None, "Deferred"), (None, "1", "Rejected"),
                                                     (None, None, "Approved"), ("9", None, "Deferred")])
def test_ingest_docx_legacy_dropdown_shows_its_choice(result, default, expected):
    """Word stores a legacy drop-down's choice as an index into its entries and writes no text for it."""
    document = docx.Document()
    append_xml(document, f'<w:p {NS}><w:r><w:t xml:space="preserve">Budget line 4: </w:t></w:r>'
                         f'{dropdown(["Approved", "Rejected", "Deferred"], result, default)}</w:p>')
    assert texts(run_ingest(document)) == [f"Budget line 4: {expected}"]


@pytest.mark.parametrize("letter,rest", [("D", "uring the visit the partners met the camp committee.")])
def test_ingest_docx_drop_cap_joins_its_paragraph(letter, rest):
    document = docx.Document()
    append_xml(document, f'<w:p {NS}><w:pPr><w:framePr w:dropCap="drop" w:lines="3" w:wrap="around" '
                         f'w:vAnchor="text" w:hAnchor="text"/></w:pPr><w:r><w:t>{letter}</w:t></w:r></w:p>')
    document.add_paragraph(rest)
    document.add_paragraph("Next item.")
    assert texts(run_ingest(document)) == [letter + rest, "Next item."]


STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
STRICT_R = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def strict_docx(paragraphs: list[str]) -> bytes:
    """A minimal package in Strict Open XML, written part by part as Word's "Strict Open XML Document" does."""
    import zipfile

    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
        'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.styles+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="rId1" Type="{STRICT_R}/officeDocument" '
        'Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{STRICT_R}/styles" '
        'Target="styles.xml"/></Relationships>',
        "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{STRICT_W}"><w:style '
        'w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{STRICT_W}" '
        f'xmlns:r="{STRICT_R}" w:conformance="strict"><w:body>{body}<w:sectPr/></w:body></w:document>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buf.getvalue()


@pytest.mark.parametrize("paragraphs", [["Minutes of the WASH cluster", "The partners agreed the plan."]])
def test_ingest_docx_strict_open_xml_is_read(paragraphs):
    doc = ingest(Source(source_path="strict.docx", data=strict_docx(paragraphs), doc_id="s1"), settings=Settings())
    assert [b.text for b in doc.blocks] == paragraphs and doc.format == "docx"


# --- comments ---------------------------------------------------------------------------------------------------

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"


def add_comments_part(document, comments: list[tuple[int, str, list[str]]], replies: dict[int, int] | None = None):
    """comments.xml (each comment's paragraphs, the last one with a w14:paraId) and, for replies (reply id ->
    parent id), commentsExtended.xml, both related from the document as Word writes them."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    def comment(cid: int, author: str, paras: list[str]) -> str:
        ps = "".join(("<w:p w14:paraId='%08X'>" % cid if i == len(paras) - 1 else "<w:p>")
                     + ("<w:r><w:annotationRef/></w:r>" if i == 0 else "") + f"<w:r><w:t>{text}</w:t></w:r></w:p>"
                     for i, text in enumerate(paras))
        return f'<w:comment w:id="{cid}" w:author="{author}" w:initials="X">{ps}</w:comment>'

    xml = (f'<w:comments xmlns:w="{W_NS}" xmlns:w14="{W14_NS}">'
           + "".join(comment(*c) for c in comments) + "</w:comments>")
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml."
    part = Part(PackURI("/word/comments.xml"), ct + "comments+xml", xml.encode(), document.part.package)
    document.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments")
    if replies:
        entries = "".join(f"<w15:commentEx w15:paraId='{cid:08X}' w15:done='0'"
                          + (f" w15:paraIdParent='{replies[cid]:08X}'" if cid in replies else "") + "/>"
                          for cid, _a, _p in comments)
        ext = Part(PackURI("/word/commentsExtended.xml"), ct + "commentsExtended+xml",
                   f'<w15:commentsEx xmlns:w15="{W15_NS}">{entries}</w15:commentsEx>'.encode(), document.part.package)
        document.part.relate_to(ext, "http://schemas.microsoft.com/office/2011/relationships/commentsExtended")


def commented(before: str, cid: int, inside: str, after: str, ranged: bool = True) -> str:
    """A paragraph whose words `inside` carry comment `cid` (a bare reference at their end when not ranged)."""
    run = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'.format
    start = f'<w:commentRangeStart w:id="{cid}"/>' if ranged else ""
    end = f'<w:commentRangeEnd w:id="{cid}"/>' if ranged else ""
    return (f'<w:p {NS}>{run(before)}{start}{run(inside)}{end}<w:r><w:commentReference w:id="{cid}"/></w:r>'
            f'{run(after)}</w:p>')


def comment_blocks(doc: Document) -> list[tuple[str, str | None, str | None]]:
    return [(b.text, b.author, None if b.anchor_start_char is None else doc.text[b.anchor_start_char:b.anchor_end_char])
            for b in doc.blocks if b.part == "comment"]


@pytest.mark.parametrize("author,remark", [("Orla Vennick", "Which partner confirmed this figure?")])
def test_ingest_docx_comment_follows_the_body_with_author_and_anchor(author, remark):
    document = docx.Document()
    document.add_paragraph("Food basket review")
    append_xml(document, commented("The cluster agreed ", 3, "a ration of 12 kg", " per household."))
    document.add_paragraph("Next meeting on Friday.")
    document.sections[0].footer.paragraphs[0].text = "Page footer line"
    add_comments_part(document, [(3, author, [remark])])
    doc = run_ingest(document)
    assert texts(doc, part="body") == ["Food basket review", "The cluster agreed a ration of 12 kg per household.",
                                       "Next meeting on Friday."]
    assert comment_blocks(doc) == [(remark, author, "a ration of 12 kg")]
    assert [b.part for b in doc.blocks][-3:] == ["body", "comment", "footer"]
    assert "\ufdd0" not in doc.text


@pytest.mark.parametrize("paras", [["First point of the remark.", "Second point, on its own line."]])
def test_ingest_docx_comment_of_several_paragraphs_is_one_block_each(paras):
    document = docx.Document()
    append_xml(document, commented("", 7, "Shelter kits were delivered", " last week."))
    add_comments_part(document, [(7, "Ines Marrow", paras)])
    doc = run_ingest(document)
    assert comment_blocks(doc) == [(p, "Ines Marrow", "Shelter kits were delivered") for p in paras]
    first = next(b for b in doc.blocks if b.part == "comment")
    assert doc.text[first.start_char - 2:first.start_char] == "\n\n"  # set off from the body like a note


@pytest.mark.parametrize("cell_text", [("Repair the borehole pump", "by 12 May")])
def test_ingest_docx_comment_anchored_in_a_table_cell(cell_text):
    inside, after = cell_text
    document = docx.Document()
    document.add_paragraph("Action points")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Water point 4"
    tc = table.cell(0, 1)._tc
    tc.remove(tc.p_lst[0])
    tc.append(parse_xml(commented("", 1, inside, " " + after)))
    add_comments_part(document, [(1, "Pell Ardwin", ["Is the date still right?"])])
    doc = run_ingest(document)
    assert comment_blocks(doc) == [("Is the date still right?", "Pell Ardwin", inside)]
    cell = next(b for b in doc.blocks if b.kind == "table_cell" and b.col == 1)
    comment = next(b for b in doc.blocks if b.part == "comment")
    assert cell.start_char <= comment.anchor_start_char < comment.anchor_end_char <= cell.end_char
    assert comment.kind == "paragraph" and comment.table_id is None


@pytest.mark.parametrize("remark", ["Minutes still to be written up from the notes."])
def test_ingest_docx_text_only_in_a_comment_is_read(remark):
    document = docx.Document()
    append_xml(document, commented("", 2, "", "", ranged=False))
    add_comments_part(document, [(2, "Kerr Olswin", [remark])])
    doc = run_ingest(document)
    assert [(b.text, b.part) for b in doc.blocks] == [(remark, "comment")]
    assert doc.blocks[0].anchor_start_char == doc.blocks[0].anchor_end_char == 0


@pytest.mark.parametrize("before,after", [("Distribution starts on Monday", " in both camps.")])
def test_ingest_docx_comment_reference_without_range_anchors_a_point(before, after):
    document = docx.Document()
    append_xml(document, commented(before, 4, "", after, ranged=False))
    add_comments_part(document, [(4, "Rue Taddle", ["Confirm with the logistics lead."])])
    doc = run_ingest(document)
    comment = next(b for b in doc.blocks if b.part == "comment")
    assert comment.anchor_start_char == comment.anchor_end_char == len(before)
    assert texts(doc, part="body") == [before + after]


def test_ingest_docx_comment_replies_follow_the_comment_they_answer():
    document = docx.Document()
    append_xml(document, commented("We ", 9, "postponed the survey", "."))
    append_xml(document, commented("The ", 5, "budget line", " was cut."))
    add_comments_part(document, [(5, "Ada Penrick", ["Cut by how much?"]), (9, "Ada Penrick", ["Until when?"]),
                                 (6, "Milo Brast", ["By a third."])], replies={6: 5})
    doc = run_ingest(document)
    assert comment_blocks(doc) == [("Until when?", "Ada Penrick", "postponed the survey"),
                                   ("Cut by how much?", "Ada Penrick", "budget line"),
                                   ("By a third.", "Milo Brast", "budget line")]
    comments = [b for b in doc.blocks if b.part == "comment"]
    assert [b.reply_to for b in comments] == [None, None, comments[1].ordinal]
