"""The offsets contract itself: assembling blocks, normalising text, and the checker that every format test uses."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from pipeline.ingest.assemble import ANCHOR, RawBlock, assemble, check_blocks
from pipeline.ingest.normalise import normalise, remove_artefacts
from pipeline.model import StageError


def test_ingest_assemble_offsets_and_gaps():
    raw = [RawBlock("Title  "), RawBlock(""), RawBlock("After an empty paragraph"),
           RawBlock("Cell", kind="table_cell", table_id=7, gap_before=True), RawBlock("Next\u00a0line")]
    text, blocks = assemble(raw, max_chars=1000)
    assert text == "Title\n\nAfter an empty paragraph\n\nCell\nNext line"
    check_blocks(text, blocks)
    assert [b.ordinal for b in blocks] == [0, 1, 2, 3]
    assert blocks[2].table_id == 0  # renumbered from the first table seen


def test_ingest_assemble_too_long_text_is_an_error():
    with pytest.raises(StageError) as err:
        assemble([RawBlock("x" * 60), RawBlock("y" * 60)], max_chars=100)
    assert err.value.error_type == "too_large"


@pytest.mark.parametrize("change", [
    lambda b: replace(b, text="other"),
    lambda b: replace(b, ordinal=5),
    lambda b: replace(b, start_char=0, end_char=3, text="Tit"),
])
def test_ingest_assemble_checker_catches_broken_offsets(change):
    text, blocks = assemble([RawBlock("Title"), RawBlock("Body")], max_chars=100)
    broken = (blocks[0], change(blocks[1]))
    with pytest.raises(ValueError):
        check_blocks(text, broken)


@pytest.mark.parametrize("raw,expected", [
    ("a\r\nb\rc", "a\nb\nc"),
    ("x\u00a0y\u202fz", "x y z"),
    ("nul\x00 and bell\x07 and bom\ufeff", "nul and bell and bom"),
    ("trailing   \n\t\nkeep\tinner", "trailing\n\t\nkeep\tinner"),
    ("e\u0301", "é"),
    ("\uf0b7 bullet", "• bullet"),
])
def test_ingest_assemble_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("[bookmark: _Hlk502064402]Text", "Text"),
    ("A [bookmark: _GoBack]B", "A B"),
    ("[image: ]x", "x"),
    ("[not a tag] stays", "[not a tag] stays"),
])
def test_ingest_assemble_artefacts(raw, expected):
    assert remove_artefacts(raw) == expected


@pytest.mark.parametrize("raw_text,anchored", [
    (f"  Keep the\u00a0{ANCHOR}cold chain{ANCHOR} running ", "cold chain"),  # leading blanks go, nbsp is a space
    (f"Tents arrive {ANCHOR}late {ANCHOR}\nin May", "late"),  # a blank before the line break is trimmed
    (f"Tents arrive {ANCHOR}late{ANCHOR} ", "late"),
    (f"{ANCHOR}Whole line{ANCHOR}", "Whole line"),
])
def test_ingest_assemble_remark_anchor_follows_normalised_text(raw_text, anchored):
    raw = [RawBlock(raw_text, anchors=[("c1", "start"), ("c1", "end")]),
           RawBlock("A remark", part="comment", remark="c1", author="Reviewer", gap_before=True)]
    text, blocks = assemble(raw, max_chars=1000)
    check_blocks(text, blocks)
    assert ANCHOR not in text
    remark = blocks[-1]
    assert text[remark.anchor_start_char:remark.anchor_end_char] == anchored
    assert remark.author == "Reviewer" and blocks[0].author is None


@hsettings(max_examples=80, deadline=None)
@given(pieces=st.lists(st.text(max_size=12), min_size=3, max_size=3))
def test_ingest_assemble_remark_anchor_marks_change_no_text(pieces):
    before, inside, after = pieces
    marked = RawBlock(f"{before}{ANCHOR}{inside}{ANCHOR}{after}", anchors=[("c", "start"), ("c", "end")])
    remark = RawBlock("Note", part="comment", remark="c")
    text, blocks = assemble([marked, remark], max_chars=1000)
    plain, _ = assemble([RawBlock(before + inside + after), RawBlock("Note", part="comment")], max_chars=1000)
    check_blocks(text, blocks)
    assert text == plain
    note = blocks[-1]
    assert 0 <= note.anchor_start_char <= note.anchor_end_char <= note.start_char
