"""Blocks -> (text, blocks) with offsets that hold by construction, and the check that they do.

Formats whose text we build ourselves (docx, pdf, html) hand over RawBlocks; the assembler normalises each,
joins them with "\\n" (or "\\n\\n" where the source had a gap: a new table row, an empty paragraph, a new
page) and records each block's offsets. Formats whose text is the file itself (txt, md) give spans instead.

A block may remark on a passage of another (a Word comment on the words it is anchored to): the reader puts an
ANCHOR mark in the other block's text where the passage starts and ends, naming each in `anchors`; the marks are
taken out here and their offsets, normalised like the text around them, become the remark's anchor span.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipeline.ingest.normalise import normalise
from pipeline.model import Block, StageError

# A Unicode noncharacter: not for interchange, so not a document's own text; dropped wherever it appears.
ANCHOR = "\ufdd0"


@dataclass
class RawBlock:
    """One block before offsets are known; `gap_before` asks for a blank line before it."""

    text: str
    kind: str = "paragraph"
    part: str = "body"
    style: str | None = None
    level: int | None = None
    page: int | None = None
    table_id: int | None = None
    row: int | None = None
    col: int | None = None
    column_header: str | None = None
    row_span: int | None = None
    gap_before: bool = False
    bold: bool = False
    extra: dict = field(default_factory=dict)
    # Anchors: each ANCHOR mark in `text`, in order, names (key, "start" | "end") of a passage remarked on.
    anchors: list[tuple[str, str]] = field(default_factory=list)
    remark: str | None = None  # key of the passage this block remarks on (all blocks of one comment share it)
    author: str | None = None
    reply_to: str | None = None  # key of the remark this one answers


def assemble(raw_blocks: list[RawBlock], max_chars: int) -> tuple[str, tuple[Block, ...]]:
    """Join normalised block texts into Document.text; empty blocks only leave a gap behind."""
    pieces: list[str] = []
    blocks: list[Block] = []
    table_ids: dict[int, int] = {}  # renumbered by first appearance: tables with no text leave no hole
    pos = 0
    gap = False
    points: dict[tuple[str, str], int] = {}  # (key, "start" | "end") -> offset into the text
    first_of: dict[str, int] = {}  # remark key -> ordinal of its first block
    for raw in raw_blocks:
        text = normalise(raw.text.replace(ANCHOR, ""))
        marks = _anchor_offsets(raw.text, text, raw.anchors) if ANCHOR in raw.text else {}
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            points.update((k, pos) for k in marks)
            gap = gap or raw.gap_before or bool(blocks)
            continue
        if blocks:
            sep = "\n\n" if (gap or raw.gap_before) else "\n"
            pieces.append(sep)
            pos += len(sep)
        gap = False
        points.update((k, pos + min(max(at - lead, 0), len(text))) for k, at in marks.items())
        remark: dict = {}
        if raw.remark is not None:
            start = points.get((raw.remark, "start"), points.get((raw.remark, "end")))
            end = points.get((raw.remark, "end"), start)
            if start is not None and end is not None:
                remark.update(anchor_start_char=min(start, end), anchor_end_char=max(start, end))
            remark.update(author=raw.author, reply_to=first_of.get(raw.reply_to) if raw.reply_to else None)
            first_of.setdefault(raw.remark, len(blocks))
        blocks.append(Block(
            ordinal=len(blocks), kind=raw.kind, start_char=pos, end_char=pos + len(text), text=text,
            part=raw.part, style=raw.style, level=raw.level, page=raw.page,
            table_id=None if raw.table_id is None else table_ids.setdefault(raw.table_id, len(table_ids)),
            row=raw.row, col=raw.col, column_header=raw.column_header, row_span=raw.row_span, bold=raw.bold,
            **remark,
        ))
        pieces.append(text)
        pos += len(text)
        if pos > max_chars:
            raise StageError("too_large", f"the document's text is longer than {max_chars:,} characters; "
                             "split the file or raise max_text_chars")
    return "".join(pieces), tuple(blocks)


def _anchor_offsets(raw: str, normal: str, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Where each ANCHOR mark of a block's raw text falls in its normalised text `normal` (before the outer strip):
    the length of the normalised text before the mark, less the blanks normalise trims before a line break."""
    out: dict[tuple[str, str], int] = {}
    pieces = raw.split(ANCHOR)
    for i, key in enumerate(keys[:len(pieces) - 1]):
        # a letter after the prefix keeps normalise from trimming the prefix's own trailing blanks
        before = normalise("".join(pieces[:i + 1]) + "x")[:-1]
        if not normal.startswith(before):
            before = before.rstrip(" \t")
        out[key] = min(len(before), len(normal))
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span text[start:end] without the white space at its ends; start == end when it holds nothing else."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def spans_to_blocks(text: str, spans: list[tuple[int, int, dict]]) -> tuple[Block, ...]:
    """Blocks over given (start, end, attributes) spans of an already normalised text, trimmed of whitespace."""
    blocks: list[Block] = []
    for start, end, attrs in spans:
        start, end = trim(text, start, end)
        if start >= end:
            continue
        blocks.append(Block(ordinal=len(blocks), start_char=start, end_char=end, text=text[start:end],
                            kind=attrs.pop("kind", "paragraph"), **attrs))
    return tuple(blocks)


def renumber(blocks: list[Block]) -> tuple[Block, ...]:
    return tuple(replace(b, ordinal=i) for i, b in enumerate(blocks))


def check_blocks(text: str, blocks: tuple[Block, ...]) -> None:
    """Raise ValueError unless blocks are in order, non-overlapping and each is text[start:end]."""
    end = 0
    for i, block in enumerate(blocks):
        if block.ordinal != i:
            raise ValueError(f"block {i} has ordinal {block.ordinal}")
        if block.start_char < end or block.end_char <= block.start_char:
            raise ValueError(f"block {i} overlaps or is empty: {block.start_char}-{block.end_char} after {end}")
        if text[block.start_char:block.end_char] != block.text:
            raise ValueError(f"block {i} text does not match the document text at its offsets")
        end = block.end_char
