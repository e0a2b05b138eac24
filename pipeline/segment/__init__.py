"""Segment: a document's blocks -> its section tree, table column roles, meeting header and participants.

Pure: reads the Document, returns a Segmented; nothing here touches files (the word lists it consults are the
shipped data in models/segment/ and models/gazetteers/, compiled once per process: see cues.py).
"""
from __future__ import annotations

from pipeline.config import Settings
from pipeline.language import detect_language
from pipeline.model import Block, Document, MeetingHeader, Participant, Segmented
from pipeline.segment.columns import with_column_roles
from pipeline.segment.header import read_header
from pipeline.segment.headings import Candidate, find_candidates
from pipeline.segment.inline_lists import inline_entries
from pipeline.segment.number_runs import apart_numbered_entries
from pipeline.segment.participants import find_participants
from pipeline.segment.tree import build_sections, resolve_agenda

__all__ = ["segment"]


def segment(doc: Document, *, settings: Settings) -> Segmented:
    """Sections, header and participants of one document; blocks come back with their column roles."""
    blocks = with_column_roles(doc.blocks)
    if not blocks:
        return Segmented(blocks=blocks, sections=(), header=MeetingHeader())
    language = detect_language(doc.text, settings.languages)
    participants = find_participants(doc.text, blocks)
    known = {p.name.split()[0]: p.kind for p in participants if p.kind == "person"} | {p.name: p.kind for p in participants}
    found = apart_numbered_entries(doc.text, blocks, inline_entries(doc.text, blocks, find_candidates(blocks, known, language)))
    candidates = resolve_agenda(_unlisted(found, blocks, participants), blocks)
    sections = build_sections(doc.text, blocks, candidates)
    header = read_header(doc.text, blocks, doc.source_path, candidates, participants, language)
    return Segmented(blocks=blocks, sections=sections, header=header, participants=participants)


def _unlisted(candidates: list[Candidate], blocks: tuple[Block, ...],
              participants: tuple[Participant, ...]) -> list[Candidate]:
    """Candidates less the plain blocks that are one attendance entry each: the last name of a "Present:" list,
    alone on its line before a blank line, reads like a short title line but is a participant, not a section."""
    entries = {(p.start_char, p.end_char) for p in participants}
    out = []
    for c in candidates:
        b = blocks[c.block]
        lead = len(b.text) - len(b.text.lstrip())
        span = (b.start_char + lead, b.start_char + len(b.text.rstrip()))
        if c.kind != "title" and c.start_char is None and b.kind != "heading" and span in entries:
            continue
        out.append(c)
    return out
