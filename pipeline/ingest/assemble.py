"""Blocks -> (text, blocks) with offsets that hold by construction, and the check that they do.

Formats whose text we build ourselves (docx, pdf, html) hand over RawBlocks; the assembler normalises each,
joins them with "\\n" (or "\\n\\n" where the source had a gap: a new table row, an empty paragraph, a new
page) and records each block's offsets. Formats whose text is the file itself (txt, md) give spans instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipeline.ingest.normalise import normalise
from pipeline.model import Block, StageError


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
    gap_before: bool = False
    bold: bool = False
    extra: dict = field(default_factory=dict)


def assemble(raw_blocks: list[RawBlock], max_chars: int) -> tuple[str, tuple[Block, ...]]:
    """Join normalised block texts into Document.text; empty blocks only leave a gap behind."""
    pieces: list[str] = []
    blocks: list[Block] = []
    table_ids: dict[int, int] = {}  # renumbered by first appearance: tables with no text leave no hole
    pos = 0
    gap = False
    for raw in raw_blocks:
        text = normalise(raw.text).strip()
        if not text:
            gap = gap or raw.gap_before or bool(blocks)
            continue
        if blocks:
            sep = "\n\n" if (gap or raw.gap_before) else "\n"
            pieces.append(sep)
            pos += len(sep)
        gap = False
        blocks.append(Block(
            ordinal=len(blocks), kind=raw.kind, start_char=pos, end_char=pos + len(text), text=text,
            part=raw.part, style=raw.style, level=raw.level, page=raw.page,
            table_id=None if raw.table_id is None else table_ids.setdefault(raw.table_id, len(table_ids)),
            row=raw.row, col=raw.col, column_header=raw.column_header, bold=raw.bold,
        ))
        pieces.append(text)
        pos += len(text)
        if pos > max_chars:
            raise StageError("too_large", f"the document's text is longer than {max_chars:,} characters; "
                             "split the file or raise max_text_chars")
    return "".join(pieces), tuple(blocks)


def spans_to_blocks(text: str, spans: list[tuple[int, int, dict]]) -> tuple[Block, ...]:
    """Blocks over given (start, end, attributes) spans of an already normalised text, trimmed of whitespace."""
    blocks: list[Block] = []
    for start, end, attrs in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
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
