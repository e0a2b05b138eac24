"""Column roles read from a table's own first rows: header depth, continued tables, the agency column."""
from __future__ import annotations

import pytest

from pipeline.model import Block
from pipeline.segment.columns import joined_tables, with_column_roles


def table(rows: list[tuple[str | None, ...]], table_id: int = 0, start: int = 0, header_row: int = 0) -> list[Block]:
    """Cells as ingest gives them: one block per non-empty cell, column_header from the row `header_row`."""
    out, pos = [], start
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            if text:
                out.append(Block(pos, "table_cell", pos * 100, pos * 100 + len(text), text, table_id=table_id,
                                 row=r, col=c, column_header=rows[header_row][c] or None))
                pos += 1
    return out


def roles(blocks) -> dict[str, str | None]:
    return {b.text: b.column_role for b in with_column_roles(tuple(blocks))}


@pytest.mark.parametrize("rows, expected", [
    # a title row merged over the table (ingest spreads its text over every column)
    ([("Action Points",) * 3, ("Action", "By whom", "By when"), ("Fix the roof", "Kestrel Aid", "May")],
     {"Action Points": "header", "By whom": "header", "Fix the roof": "action", "Kestrel Aid": "owner", "May": "deadline"}),
    # a group row over split columns, the first column merged down over both header rows
    ([("Action", "Follow-up", "Follow-up"), (None, "Responsible", "Deadline"), ("Fix the roof", "Kestrel Aid", "May")],
     {"Follow-up": "header", "Responsible": "header", "Fix the roof": "action", "Kestrel Aid": "owner", "May": "deadline"}),
    # one header row: a data cell that happens to read as a column name ("Who") does not make it two
    ([("Action", "Owner", "Deadline"), ("Fix the roof", "Who", "May"), ("Paint the hall", "Tern Trust", "June")],
     {"Fix the roof": "action", "Who": "owner", "Tern Trust": "owner", "June": "deadline"}),
])
def test_segment_columns_header_depth(rows, expected):
    got = roles(table(rows))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("between, joined", [((), True), (("The rest of the list follows below.",), False)])
def test_segment_columns_continued_table(between, joined):
    first = table([("Action", "Responsible"), ("Fix the roof", "Kestrel Aid")])
    pos = len(first)
    middle = [Block(pos + i, "paragraph", (pos + i) * 100, (pos + i) * 100 + len(t), t) for i, t in enumerate(between)]
    second = table([("Paint the hall", "WHO")], table_id=1, start=pos + len(middle))  # "WHO" the agency
    blocks = with_column_roles(tuple(first + middle + second))
    hall = next(b for b in blocks if b.text == "Paint the hall")
    assert (hall.table_id, hall.row, hall.column_role) == ((0, 2, "action") if joined else (1, 0, None))
    assert len(joined_tables(tuple(first + middle + second))) == len(blocks)


@pytest.mark.parametrize("header, agency_role", [
    (("Structure", "Prochaines étapes", "Échéance"), "owner"),
    (("Agency", "Next steps", "Responsible"), "agency"),
])
def test_segment_columns_agency_owns_next_steps_without_a_responsible_column(header, agency_role):
    got = roles(table([header, ("Kestrel Aid", "Fix the roof", "Tern Trust")]))
    assert got["Kestrel Aid"] == agency_role


@pytest.mark.parametrize("header", [("Agency", "Activities", "Location"), ("Structure", "Activités", "Lieu")])
def test_segment_columns_location_column_in_a_table_without_actions(header):
    got = roles(table([header, ("Kestrel Aid", "Two water points repaired", "Upper Vale")]))
    assert (got["Upper Vale"], got["Two water points repaired"]) == ("location", None)


@pytest.mark.parametrize("header, role", [
    ("Responsible agency", "owner"), ("Completion date", "deadline"), ("Date limite", "deadline"),
    ("Fecha de entrega", "deadline"), ("Issue status", "status"), ("Next steps", "action"),
    ("Date of the next coordination meeting", None), ("Remarks", None),
])
def test_segment_columns_short_header_read_by_its_role_words(header, role):
    from pipeline.segment.columns import column_role
    assert column_role(header) == role


@pytest.mark.parametrize("rows, flipped", [
    ([("Action", "Fix the roof"), ("Responsible", "Kestrel Aid"), ("Deadline", "May")], True),
    ([("Agency", "Update"), ("Kestrel Aid", "Roof fixed"), ("Tern Trust", "Hall painted")], False),
    ([("Action", "Owner"), ("Fix the roof", "Kestrel Aid"), ("Paint the hall", "Tern Trust")], False),
])
def test_segment_columns_fields_down_the_first_column_read_across(rows, flipped):
    got = {b.text: b for b in with_column_roles(tuple(table(rows)))}
    if flipped:
        fields = (got["Fix the roof"].column_role, got["Kestrel Aid"].column_role, got["May"].column_role)
        assert fields == ("action", "owner", "deadline")
        assert got["Kestrel Aid"].row == got["Fix the roof"].row == 1
    else:
        assert got[rows[1][0]].row == 1 and got[rows[1][0]].col == 0


def test_segment_columns_next_table_with_a_header_of_its_own_is_not_a_continuation():
    first = table([("Action", "Responsible"), ("Fix the roof", "Kestrel Aid")])
    second = table([("Name", "Organisation"), ("Ilse Varga", "Tern Trust")], table_id=1, start=len(first))
    blocks = with_column_roles(tuple(first + second))
    assert next(b for b in blocks if b.text == "Ilse Varga").table_id == 1
