"""Segment: a document's blocks -> its section tree, table column roles, meeting header and participants.

Pure: reads the Document, returns a Segmented; nothing here touches files (the word lists it consults are the
shipped data in models/segment/ and models/gazetteers/, compiled once per process: see cues.py).
"""
from __future__ import annotations

from pipeline.config import Settings
from pipeline.language import detect_language
from pipeline.model import Document, MeetingHeader, Segmented
from pipeline.segment.columns import with_column_roles
from pipeline.segment.header import read_header
from pipeline.segment.headings import find_candidates
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
    candidates = resolve_agenda(find_candidates(blocks, known, language), blocks)
    sections = build_sections(doc.text, blocks, candidates)
    header = read_header(doc.text, blocks, doc.source_path, candidates, participants, language)
    return Segmented(blocks=blocks, sections=sections, header=header, participants=participants)
