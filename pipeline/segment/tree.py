"""Section candidates -> the section tree: parents by rank, spans up to the next section of the same or higher rank.

Agenda lists are resolved here too: an agenda entry titles the numbered item it announces ("1º punto del día:
..." takes the title of agenda entry 1), and is a section of its own only when the minutes have no sections
after the agenda to hold the discussion.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.model import MARGIN_PARTS, REMARK_PARTS, SITE_PARTS, Block, Section
from pipeline.segment.headings import (EXPLICIT_ITEM, PAGE_FURNITURE, Candidate, clean_heading, is_topic_line,
                                       running_lines, words)
from pipeline.segment.participants import is_list_heading, list_end


def resolve_agenda(cands: list[Candidate], blocks: tuple[Block, ...]) -> list[Candidate]:
    """Drop agenda entries the minutes repeat or leave unused; give untitled numbered items their agenda title."""
    entries = [c for c in cands if c.agenda_entry]
    content = [c for c in cands if not c.agenda_entry]
    numbers = [_digits(c.number) for c in entries if c.agenda_entry == "agenda" and _digits(c.number)]
    # an agenda whose numbering restarted ("1. 2. 3." then "1. 2. 3.", a Word list's numbers lost) names no item by
    # its number: its entries are matched to the minutes by their titles only
    by_number = {_digits(c.number): c for c in entries if c.agenda_entry == "agenda" and _digits(c.number)} \
        if len(numbers) == len(set(numbers)) else {}
    titled = []
    for c in content:
        entry = by_number.get(_digits(c.number)) if c.number else None
        if entry is not None and (not is_topic_line(c.heading) or EXPLICIT_ITEM.search(c.number or "")):
            c = replace(c, heading=entry.heading, kind=entry.kind)
        titled.append(c)
    seen = {_norm(c.heading) for c in titled}
    last_entry = max((c.block for c in entries), default=-1)
    # The minutes repeat the agenda's numbering ("Agenda: 1. ... 2. ..." then "1. ... 2. ..."): their own items
    # hold the discussion, and an agenda entry whose number they reuse is not a section again. Entries the
    # minutes do not take up stay sections: an unnumbered heading after the agenda does not replace them all.
    renumbered = {_digits(c.number) for c in titled if c.block > last_entry and c.number and _digits(c.number)} \
        if by_number else set()
    taken = _taken_up([c for c in entries if c.agenda_entry == "agenda" and not (by_number and c.number)],
                      [t for t in titled if t.block > last_entry])
    kept = [c for c in entries if c.agenda_entry == "agenda" and _norm(c.heading) not in seen
            and not (c.number and _digits(c.number) in renumbered) and id(c) not in taken]
    return sorted(titled + kept, key=lambda c: (c.block, c.start_char or -1))


def _taken_up(entries: list[Candidate], later: list[Candidate]) -> set[int]:
    """The agenda entries, not named by their number, a later heading of the minutes takes up: each the one most
    like it ("Key updates from the district office" takes up "Update from the district office", not also
    "Updates on the district's floods"), so an entry the minutes do not hold stays a section."""
    taken: set[int] = set()
    for t in later:
        alike = [c for c in entries if id(c) not in taken and _alike(c.heading, t.heading)]
        if alike:
            taken.add(id(max(alike, key=lambda c: _overlap(c.heading, t.heading))))
    return taken


def _overlap(a: str, b: str) -> float:
    wa, wb = set(_norm(a).split()), set(_norm(b).split())
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def _alike(a: str, b: str) -> bool:
    """Most words shared: "New arrivals" (agenda) and "Topic 1: New arrivals and response" (minutes)."""
    wa, wb = set(_norm(a).split()), set(_norm(b).split())
    return bool(wa and wb) and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def _digits(number: str | None) -> str | None:
    found = re.findall(r"\d+", number or "")
    return ".".join(found) if found else None


def _norm(heading: str) -> str:
    return " ".join(w.lower() for w in words(heading))


def build_sections(text: str, blocks: tuple[Block, ...], cands: list[Candidate]) -> tuple[Section, ...]:
    """The sections, in document order, with a header section for whatever precedes the first one."""
    cands = list(cands)
    title = _first_title(cands, blocks)
    cands = [c for c in cands if c.kind != "title" or c is title]
    sections: list[dict] = []
    # the minutes end where the reviewers' comments start: the last section holds none of them
    body_end = next((b.start_char for b in blocks if b.part in REMARK_PARTS), len(text))
    first_start = _start(cands[0], blocks) if cands else body_end
    if cands and cands[0].kind == "title":
        title = cands.pop(0)
        sections.append(_open(0, title.heading, "header", 0, None, 1, None))
    elif text[:first_start].strip():
        running = {blocks[i].text.strip() for i in running_lines(blocks)}
        running |= {b.text.strip() for b in blocks if b.part in SITE_PARTS}  # a site's banner titles no section
        # a line of signs only ("<<", "***": a page's navigation or a rule) names nothing
        first_line = next((ln for ln in text[:first_start].split("\n") if re.search(r"[^\W_]", ln)
                           and not PAGE_FURNITURE.match(ln) and ln.strip() not in running),
                          text[:first_start].strip().split("\n", 1)[0])
        sections.append(_open(0, clean_heading(first_line)[:120] or "Header", "header", 0, None, 1, None))
    stack: list[tuple[float, dict]] = []
    for c in cands:
        start = _start(c, blocks)
        if stack and stack[-1][1]["list_end"] is not None:  # an attendance list holds no later section
            if start < stack[-1][1]["list_end"]:
                continue  # a name in the list ("• Yuki Mori" with a line under it) opens no section
            s = stack.pop()[1]
            _close(s, s["list_end"])
        while stack and stack[-1][0] >= c.rank:
            _close(stack.pop()[1], start)
        if sections and sections[0]["kind"] == "header" and sections[0]["end_char"] is None:
            _close(sections[0], start)
        parent = stack[-1][1]["ordinal"] if stack else None
        s = _open(len(sections), c.heading, c.kind if c.kind != "title" else "header", start, parent,
                  len(stack) + 1, c)
        if c.kind != "title" and c.start_char is None and is_list_heading(c.heading):
            s["list_end"] = list_end(text, blocks, c.block)
        sections.append(s)
        stack.append((c.rank, s))
    for s in sections:
        if s["end_char"] is None:
            _close(s, body_end if s["list_end"] is None else s["list_end"])
    out = []
    for s in sections:
        end = s["start_char"] + len(text[s["start_char"]:s["end_char"]].rstrip())
        if end <= s["start_char"]:
            end = s["end_char"]
        out.append(Section(ordinal=s["ordinal"], level=s["level"], heading=s["heading"], kind=s["kind"],
                           start_char=s["start_char"], end_char=end, text=text[s["start_char"]:end],
                           parent_ordinal=s["parent"], number=s["number"], speaker=s["speaker"],
                           speaker_org=s["speaker_org"]))
    return tuple(out)


def _first_title(cands: list[Candidate], blocks: tuple[Block, ...]) -> Candidate | None:
    """A title is a level-0 heading, or a lone top heading opening the document ("# Node TSC Meeting")."""
    if not cands:
        return None
    first = cands[0]
    if first.kind == "title":
        return first
    leading_text = any(b.text.strip() for b in blocks[:first.block] if b.part not in MARGIN_PARTS)
    same_rank = [c for c in cands if c.rank <= first.rank]
    if blocks[first.block].kind == "heading" and not leading_text and len(same_rank) == 1 and len(cands) > 1:
        cands[0] = replace(first, kind="title")
        return cands[0]
    return None


def _open(ordinal: int, heading: str, kind: str, start: int, parent: int | None, level: int,
          c: Candidate | None) -> dict:
    return {"ordinal": ordinal, "heading": heading, "kind": kind, "start_char": start, "end_char": None,
            "parent": parent, "level": level, "number": c.number if c else None, "list_end": None,
            "speaker": c.speaker if c else None, "speaker_org": c.speaker_org if c else None}


def _close(section: dict, end: int) -> None:
    if section["end_char"] is None:
        section["end_char"] = max(end, section["start_char"])


def _start(c: Candidate, blocks: tuple[Block, ...]) -> int:
    return c.start_char if c.start_char is not None else blocks[c.block].start_char
