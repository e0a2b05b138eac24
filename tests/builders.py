"""Minutes built in code for the tests: one .docx maker shared by the end-to-end suites."""
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
