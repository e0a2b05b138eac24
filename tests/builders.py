"""Minutes built in code for the tests: the .docx and PDF makers and the small pipelines the suites share."""
from __future__ import annotations

import io
from datetime import datetime

import docx

ACTION_HEADER = ("Action point", "Responsible", "Deadline")


def minutes_docx(title: str, lines: list[str], rows: list[tuple[str, str, str]] = (),
                 header: tuple[str, str, str] = ACTION_HEADER, created: datetime | None = None) -> bytes:
    """A heading, one paragraph per line, and an action table when rows are given; fixed metadata when asked."""
    d = docx.Document()
    d.add_heading(title, level=1)
    for line in lines:
        d.add_paragraph(line)
    if rows:
        table = d.add_table(rows=1, cols=len(header))
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, row):
                cell.text = text
    if created is not None:
        d.core_properties.created = d.core_properties.modified = created
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def minutes_pdf(pages: list[list[str]], *, size: int = 12, gap: float = 16, line_height: float = 8) -> bytes:
    """A PDF with one text line per string, a vertical gap for each empty string; a page with no lines gets a
    drawing but no text, like a scan's page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=size)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            if line:
                pdf.cell(0, line_height, line, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(gap)
        if not lines:
            pdf.rect(20, 20, 100, 60)
    return bytes(pdf.output())


def entity_nlp(entries: list[dict], model_ents: list[dict] | None = None):
    """A blank English pipeline with the entity components; its 'model' is an entity_ruler of `model_ents`."""
    import spacy

    from pipeline.entities.nlp import add_entity_components, load_rule_patterns

    nlp = spacy.blank("en")
    if model_ents:
        nlp.add_pipe("entity_ruler", name="fake_model").add_patterns(model_ents)
    return add_entity_components(nlp, entries, load_rule_patterns())


def entity_pairs(nlp, text: str) -> list[tuple[str, str]]:
    """(text, label) of every entity the pipeline finds in `text`."""
    return [(e.text, e.label_) for e in nlp(text).ents]


def line_document(text: str):
    """A text document with one paragraph block per line."""
    from pipeline.model import Block, Document

    blocks, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        blocks.append(Block(i, "paragraph", pos, pos + len(line), line))
        pos += len(line) + 1
    return Document("d1", "a.txt", "txt", len(text), text, tuple(blocks))
