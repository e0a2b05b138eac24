"""detect_actions: candidate lines -> sentences -> learned decision -> owner, due date, status and kind."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from pipeline.actions import candidates, due, owner
from pipeline.actions.candidates import LETTER, Line, Sections
from pipeline.actions.features import ANY_WORD, DAY_OR_MONTH, LINK, MIN_WORDS  # the fragment rule, with the scorer
from pipeline.actions.patterns import Patterns, default_patterns
from pipeline.actions.scorer import ActionScorer
from pipeline.config import Settings
from pipeline.dates import guess_date_order
from pipeline.markup import LINK as MARKDOWN_LINK  # a Markdown link reads as its text
from pipeline.model import ActionItem, Document, Mention, Segmented

# A line in an action list or table is an action unless the classifier is sure it is not ("No objections").
MARKED_BAR = 0.1
# Unmarked prose must clear the threshold by a margin: the training sentences are about half actions, while
# in real minutes most cued sentences ("will", "should", a weekday) report or discuss rather than assign.
PROSE_MARGIN = 0.05
# Prose with no action cue at all is taken only when the classifier is nearly certain.
UNCUED_BAR = 0.995
CLAUSE_SPLIT = re.compile(r";\s+")
MAX_SUBJECT_WORDS = 8
LOOKBACK_LINES = 4  # how far an attribute line ("Volunteers: ...") may sit below its action
WORD = re.compile(r"[^\W\d_]{2,}")
BETWEEN_LINES = " \t\r\n\u2022\u25aa\u25cf\u00b7\uf0b7-*\u2013o"  # blank lines, bullets and list dashes
# A transcript: at least this many lines, and this share of the candidate lines, open with a speaker's turn
# ("**Tim**: ...", "Lena: ..."). There the classifier sees DTRANS, learned from invented transcripts in which
# opinions and plans voiced in turn are discussion and only explicit commitments are actions.
TRANSCRIPT_TURNS = 10
TRANSCRIPT_SHARE = 0.6
SPEAKER_TURN = re.compile(r"[*_]{0,2}([A-Z][\w'.\u2019-]*(?: [A-Z][\w'.\u2019-]*){0,2})[*_]{0,2}\s*:[*_]{0,2}\s+\S")
WORD_RUN = re.compile(r"\w*[^\W\d_]\w*")  # a whole run of word characters with a letter in it


def fragment_words(text: str) -> int:
    """The words the fragment rule counts: a link or an e-mail address is one ("ana.ruiz@relief.org" is no three-word
    action), and so is a run with no blank ("draft-ab-cd-02")."""
    blank_separated = sum(1 for w in text.split() if LETTER.search(w))
    return min(len(ANY_WORD.findall(LINK.sub(" w ", text))), blank_separated)


@dataclass
class Unit:
    """One sentence (or ';' clause) of a candidate line."""

    line_index: int
    start: int
    end: int
    body: str  # what the classifier reads
    sent: Span | None
    parsed_offset: int  # doc offset of the parsed text's first character
    first: bool
    score: float = 0.0
    source: str | None = None
    extra: dict = field(default_factory=dict)  # owner/due/status found on attribute lines or referencing rows


def _clauses(sent: Span) -> list[tuple[int, int]]:
    """Sentence split at '; ' when both sides read as clauses of their own (3+ words)."""
    text, pieces, pos = sent.text, [], 0
    for m in CLAUSE_SPLIT.finditer(text):
        left, right = text[pos:m.start()], text[m.end():]
        if len(left.split()) >= 3 and len(right.split()) >= 3:
            pieces.append((pos, m.start() + 1))
            pos = m.end()
    pieces.append((pos, len(text.rstrip())))
    return [(sent.start_char + a, sent.start_char + b) for a, b in pieces if b > a]


# A run-on sentence (a table or list a converter ran onto one line) holds several items; a new one starts at a bullet
# set inside the line ("... were reviewed - Pell Relief will ...") or at "<Actor> to <verb>" after a word that cannot
# govern the actor ("Stock count for the depot Pell Relief to send ..."; not "asked Pell Relief to", "Moved by Ivo to"). Each side keeps
# ITEM_MIN_WORDS words or the sentence is left whole.
ITEM_MIN_WORDS = 3
INLINE_BULLETS = frozenset("-\u2013\u2022\u25aa\u25cf\u25e6\u2023\u00b7\uf0b7")
CELL_BAR = "/"  # "Water trucking / Pell Relief / Pell Relief to send the figures": a flattened row's cells
MIN_ROW_BARS = 2
ITEM_TAIL = " \t\n" + "".join(INLINE_BULLETS) + CELL_BAR  # what an item ends in before the next one starts
ACTOR_JOINERS = frozenset({"and", "&", "/", "et", "y"})
# The word before an actor that opens a new item: a noun, number or adverb ends the item before it; a verb, a
# preposition, a determiner or a conjunction governs the actor instead.
ITEM_END_POS = frozenset({"NOUN", "PROPN", "NUM", "ADJ", "ADV", "X", "SYM"})


def _words(text: str) -> int:
    return len(ANY_WORD.findall(text))


def _actor_start(toks: list, i: int) -> int | None:
    """Token index where the actor of the "to" at toks[i] begins: capitalised words (joined by "and", "&", "/"),
    a lower-case head noun last ("Logistics group"); None without one, or when the run opens with a number."""
    j = i - 1
    if j < 0 or toks[j].pos_ not in ("PROPN", "NOUN"):
        return None  # "Need to check ...": no actor before the "to"
    if j > 0 and toks[j].pos_ == "NOUN" and toks[j].text[:1].islower() and toks[j - 1].text[:1].isupper():
        j -= 1  # "Logistics group to ..."
    k = j
    while k >= 0 and ((toks[k].text[:1].isupper() and not DAY_OR_MONTH.match(toks[k].text))  # "on Friday Ivo to"
                      or (k < j and (toks[k].lower_ in ACTOR_JOINERS or toks[k].text[:1].isdigit()))):
        # a number inside the run is part of a name ("near 14 NE 9th Avenue to allow ..."): the run reads on
        k -= 1
    start = k + 1
    while start < i and toks[start].lower_ in ACTOR_JOINERS:
        start += 1
    return start if start < i and toks[start].text[:1].isupper() else None


def _item_cuts(sent: Span, a: int, b: int, original: str, cells: bool) -> list[int]:
    """Offsets (in the parsed text) inside [a, b) where a new item of a run-on sentence starts.

    cells: a flattened row's " / " starts one too. Not on a marked line, whose first unit alone has the list's
    credit: there the task is any of the row's cells ("Topic / Agency / Task"), and the row stays whole.
    """
    toks = [t for t in sent.doc[sent.start:sent.end] if a <= t.idx < b]
    bars = [i for i, t in enumerate(toks) if t.text == CELL_BAR and t.whitespace_ and i and toks[i - 1].whitespace_]
    cells = cells and len(bars) >= MIN_ROW_BARS  # one " / " is prose ("the exit / hand-over plan"), two a row
    cuts: list[int] = []
    for i, t in enumerate(toks):
        cut = None
        if (0 < i < len(toks) - 1 and t.whitespace_ and toks[i - 1].whitespace_
                and ((cells and t.text == CELL_BAR) or (t.text in INLINE_BULLETS and toks[i + 1].text[:1].isupper()))):
            cut = toks[i + 1].idx
        elif t.tag_ == "TO" and i + 1 < len(toks) and toks[i + 1].tag_ == "VB":
            s = _actor_start(toks, i)
            if s is not None and s > 0 and toks[s - 1].pos_ in ITEM_END_POS:
                cut = toks[s].idx
        if cut is None:
            continue
        before = original[(cuts[-1] if cuts else a):cut].rstrip(ITEM_TAIL)
        if _words(before) >= ITEM_MIN_WORDS and _words(original[cut:b]) >= ITEM_MIN_WORDS:
            cuts.append(cut)
    return cuts


def _items(sent: Span, a: int, b: int, original: str, cells: bool = False) -> list[tuple[int, int]]:
    """[a, b) cut into the items of a run-on sentence (_item_cuts), each without the bullet and blanks it ends in."""
    out, pos = [], a
    for cut in [*_item_cuts(sent, a, b, original, cells), b]:
        end = pos + len(original[pos:cut].rstrip(ITEM_TAIL))
        if cut == b:
            end = b
        out.append((pos, end))
        pos = cut
    return out


def _sentences(pdoc: Doc) -> list[Span]:
    """The parser's sentences, with a split before "(note: ...)", a lower-case word or after a verbless phrase undone.

    A sentence that does not end in . ! or ? and is followed by a parenthesis or a lower-case word, or that
    has no verb at all, was cut by the parser, not by the writer.
    """
    out: list[Span] = []
    for sent in pdoc.sents:
        head = sent.text.lstrip()[:1]
        if out and not re.search(r"[.!?][\"'”)]*$", out[-1].text.rstrip()) and (
                head == "(" or head.islower() or not any(t.pos_ in ("VERB", "AUX") for t in out[-1])):
            out[-1] = pdoc[out[-1].start:sent.end]  # also "In the last week of March (date TBD)" + its clause
        else:
            out.append(sent)
    return out


def _units(lines: list[Line], parsed: list[Doc], index: list[int], originals: list[str]) -> list[Unit]:
    out = []
    for li, pdoc, original in zip(index, parsed, originals):
        line = lines[li]
        first = True
        text = pdoc.text  # spaCy joins the tokens' text at every read
        links = [m.span() for m in MARKDOWN_LINK.finditer(original)]
        for sent in _sentences(pdoc):
            for a, b in (item for ca, cb in _clauses(sent) for item in _items(sent, ca, cb, original, cells=not line.source)):
                a, b = _whole_links(a, b, links)
                start = line.start if first else line.body_start + a
                end = line.body_start + b
                body = text[a:b]
                span = pdoc.char_span(a, b, alignment_mode="expand") or sent
                if fragment_words(body) >= MIN_WORDS:
                    out.append(Unit(li, start, end, body, span, line.body_start, first))
                first = False
    return out


def _whole_links(a: int, b: int, links: list[tuple[int, int]]) -> tuple[int, int]:
    """A unit's bounds widened to hold whole any Markdown link they cut (the parser read only the link's text)."""
    for s, e in links:
        if s < a < e:
            a = s
        if s < b < e:
            b = e
    return a, b


def document_context(lines: list[Line], text: str, p: Patterns) -> tuple[str, ...]:
    """Tokens that describe the whole document for the classifier: ("DTRANS",) for a transcript of speaker turns."""
    turns = 0
    for ln in lines:
        m = SPEAKER_TURN.match(text, ln.start, ln.end)
        if m and m.group(1).lower() not in p.field_labels and m.group(1).lower() not in p.descriptive_fields:
            turns += 1
    return ("DTRANS",) if turns >= TRANSCRIPT_TURNS and turns >= TRANSCRIPT_SHARE * len(lines) else ()


def _has_cue(u: Unit, p: Patterns) -> bool:
    return has_cue(u.body, u.sent, p)


def has_cue(text: str, sent: Span | Doc | None, p: Patterns) -> bool:
    """An action cue in the sentence: a cue word, an order, "Name to do", a base verb first."""
    if isinstance(sent, Doc):
        sent = sent[:]
    return bool(p.cues.search(text) or p.imperative_start.match(text) or p.infinitive_task.match(text)
                or _opens_with_base_verb(sent) or _name_to_verb(sent))


def _name_to_verb(sent: Span | None) -> bool:
    """'... Gareth to get the form signed': a name followed by an infinitive, wherever the line was run together."""
    if sent is None:
        return False
    toks = list(sent)
    return any(a.pos_ == "PROPN" and b.tag_ == "TO" and c.tag_ == "VB" for a, b, c in zip(toks, toks[1:], toks[2:]))


def _opens_with_base_verb(sent: Span | None) -> bool:
    """An order: the sentence opens with a verb in its base form ("Oversee the model", "Rebase the branch")."""
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None) if sent is not None else None
    return first is not None and first.tag_ == "VB" and first.i == sent.start


def _decide(u: Unit, line: Line, p: Patterns, settings: Settings) -> str | None:
    """The source an accepted unit is credited to, or None when it is not an action."""
    if line.source and u.first and line.kind != "decision":
        return line.source if u.score >= settings.action_threshold * MARKED_BAR else None
    if u.extra.get("assigned_to"):  # "FMT to phone ...": assigned by its form, held to the bar of a marked line
        return "rule" if u.score >= settings.action_threshold * MARKED_BAR else None
    if line.source and u.first:  # a decision is kept when it reads as something to do
        return line.source if u.score >= settings.action_threshold else None
    if _has_cue(u, p) and not (_question_or_title(u.body) or (line.title and u.first and u.body.rstrip().endswith(":"))):
        # "[Wenke] mend the fence", "Ottilie - print the flyers" assign by form; "Priya: ..." may be a speaker's turn
        margin = 0.0 if u.first and line.label_style in ("bracket", "paren", "dash") else PROSE_MARGIN
        return "rule" if u.score >= min(settings.action_threshold + margin, UNCUED_BAR) else None
    return "model" if u.score >= max(UNCUED_BAR, settings.action_threshold) else None


def _decide_stacked(u: Unit, line: Line, p: Patterns, bar: float) -> str | None:
    """The source of a unit the structure layer accepts (u.score is its probability), or None."""
    if u.score < bar:
        return None
    if line.source and u.first:
        return line.source
    return "rule" if _has_cue(u, p) else "model"


def _question_or_title(text: str) -> bool:
    """Questions and Title Case lines (agenda items, headings) are actions only when marked or near certain."""
    if text.rstrip(" *_\"'”").endswith("?"):
        return True
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", text) if len(w) > 3]
    return len(words) >= 2 and not re.search(r"[.!]$", text.strip()) and sum(w[0].isupper() for w in words) / len(words) > 0.6


def _kind(u: Unit, line: Line, p: Patterns) -> str:
    if line.kind == "decision" and u.first:
        return "decision"
    if p.kind_decision.search(u.body):
        return "decision"
    if p.kind_request.search(u.body):
        return "request"
    if p.kind_plan.search(u.body):
        return "plan"
    return "action"


def _status(u: Unit, line: Line, doc_text: str, p: Patterns) -> str | None:
    stated = u.extra.get("status") or line.row_status
    if stated:
        if p.status_done.search(stated):
            return "done"
        if p.status_carried.search(stated):
            return "carried_over"
        if p.status_open.search(stated):
            return "open"
    if line.status and u.first:
        return line.status
    if line.previous:
        tail = doc_text[u.start:line.end]
        if p.status_carried.search(tail):
            return "carried_over"
        if p.status_done_after.search(tail):
            return "done"
    return None


def _attach(lines: list[Line], accepted: list[Unit], units: list[Unit], secs: Sections) -> None:
    """Give attribute lines ("Volunteers: X", "Plazo: ...") and "Action-3" table rows to their action.

    The action sits in the attribute line's section or in one enclosing it (segment may open a section
    at "Volunteers:").
    """
    by_line: dict[int, Unit] = {}
    for u in accepted:
        by_line.setdefault(u.line_index, u)
    for i, line in enumerate(lines):
        if line.attribute:
            here = line.section_ordinal
            enclosing = {s.ordinal for s in secs.chain(secs.by_ordinal.get(here))} if here is not None else set()
            for j in range(i - 1, max(-1, i - 1 - LOOKBACK_LINES), -1):
                target = by_line.get(j)
                if target is not None and (lines[j].section_ordinal == here or lines[j].section_ordinal in enclosing):
                    field_, value = line.attribute
                    target.extra.setdefault(field_, value)
                    break
        elif line.reference is not None:
            lists = [j for j in range(i) if lines[j].lead_in and lines[j].kind == "action"]
            if not lists:
                continue
            items = [u for u in units if u.first and lines[u.line_index].list_id == lists[-1]]
            if 0 < line.reference <= len(items):
                target = items[line.reference - 1]
                if line.row_owner:
                    target.extra.setdefault("owner", line.row_owner)
                if line.row_due:
                    target.extra.setdefault("due", line.row_due)
                if line.row_status:
                    target.extra.setdefault("status", line.row_status)


def _parent_label(lines: list[Line], i: int) -> Line | None:
    """The nearest enclosing list item (lower nesting level, same section) that carries an owner label."""
    level = lines[i].level
    for j in range(i - 1, max(-1, i - 40), -1):
        ln = lines[j]
        if ln.section_ordinal != lines[i].section_ordinal:
            return None
        if ln.level < level:
            if ln.label:
                return ln
            level = ln.level
            if level == 0:
                return None
    return None


def _owner_line_above(lines: list[Line], i: int, text: str, index: owner.OwnerIndex, p: Patterns) -> str | None:
    """The owners a line of their own names just above the task: a flattened table's responsible cell."""
    if i == 0:
        return None
    above, line = lines[i - 1], lines[i]
    if above.section_ordinal != line.section_ordinal or text[above.end:line.start].strip(BETWEEN_LINES):
        return None
    return owner.names_only(text[above.start:above.end], index, p)


def _plausible_reporter(name: str | None, p: Patterns) -> bool:
    """A section speaker that can own actions: not a field ("Goal:"), a weekday ("Mon.:") or a date."""
    if not name or not WORD.search(name):
        return False
    bare = name.strip(" .:*_").lower()
    return not (bare in p.field_labels or bare in p.descriptive_fields or DAY_OR_MONTH.match(bare))


def _subject(u: Unit, line: Line, index: owner.OwnerIndex, p: Patterns,
             parsed: tuple[Span, int] | None = None) -> str | None:
    """Who the sentence says acts: its named subject, or the last person named before a 'he' or 'she'.

    parsed: the sentence parsed in the document's own language and its doc offset, when that is not English.
    A later sentence of a labelled line ("Priya: ... Want to unblock it.") needs a subject the document
    knows as a name; a capitalised word the tagger calls a proper noun is not enough there.
    """
    if u.sent is None:
        return None
    sent, offset = parsed or (u.sent, u.parsed_offset)
    named = owner.subject_owner(sent, offset, index, p)
    if named and (len(named.split()) > MAX_SUBJECT_WORDS or p.imperative_start.fullmatch(named.lower())):
        named = None  # a run-together table row or an order ("Finalise the MEB ..."), not a name
    if named and (u.first or not line.label or index.known(named)):
        return named
    if named is None and owner.plural_pronoun_acts(sent, p):
        # "Harbour Aid and Kestrel Relief assessed the district. They will send ...": the English parse holds the line
        return owner.previous_subject(u.sent, u.parsed_offset, index, p)
    at = owner.pronoun_subject(sent, offset, p)
    if at is None and owner.speaker_subject(sent, p):
        return owner.turn_speaker(u.sent.doc.text, index, p)  # "**Ysolde:** Yes I can draft it": the speaker
    return index.antecedent(line.start, at) if at is not None else None


def _own_language_parse(units: list[Unit], text: str, parse: Callable[[list[str]], list[Doc]] | None
                        ) -> dict[int, tuple[Span, int]]:
    """id(unit) -> (its sentence parsed by `parse`, the doc offset of that parse's first character)."""
    todo = [u for u in units if u.sent is not None]
    if parse is None or not todo:
        return {}
    starts = [u.parsed_offset + u.sent.start_char for u in todo]
    docs = parse([text[a:u.end] for a, u in zip(starts, todo)])
    return {id(u): (next(d.sents), a) for u, d, a in zip(todo, docs, starts) if len(d)}


# A candidate line longer than this is a text dump with no line breaks, not a place minutes put an action;
# parsing it whole would also pass spaCy's length limit.
MAX_LINE_CHARS = 20_000


def parse_view(text: str) -> str:
    """What the parser reads of a candidate line: its line breaks as spaces and each Markdown link as its text,
    the brackets and the address blanked to spaces of the same length, so every offset holds."""
    def blank(m: re.Match) -> str:
        return " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1)
    return MARKDOWN_LINK.sub(blank, text).replace("\n", " ")


def candidate_units(doc: Document, seg: Segmented, parse, p: Patterns) -> tuple[list[Line], list[Unit]]:
    """Candidate lines and their sentences, before the decision.

    parse: texts -> parsed spaCy Docs (the scorer's parser).
    """
    lines = candidates.lines(doc, seg, p)
    # A unit's text lies inside its line, and it holds at most one ANY_WORD match per run of word characters with a
    # letter in it: a line with fewer such runs than MIN_WORDS can give no unit, so it is not parsed.
    todo = [i for i, ln in enumerate(lines) if not (ln.attribute or ln.lead_in or ln.reference is not None)
            and ln.end - ln.body_start <= MAX_LINE_CHARS
            and len(WORD_RUN.findall(doc.text, ln.body_start, ln.end)) >= MIN_WORDS]
    # A line break inside a line is a printed wrap: the parser reads it as the space it stands for (same length, so the
    # offsets hold), not as a SPACE token that would end the sentence there ("Le PAM a aussi" / "annoncé que ..."), and
    # a Markdown link as its text (parse_view).
    originals = [doc.text[lines[i].body_start:lines[i].end] for i in todo]
    parsed = parse([parse_view(t) for t in originals]) if todo else []
    units = _units(lines, parsed, todo, originals)
    return lines, units


def scored_units(doc: Document, seg: Segmented, scorer: ActionScorer, p: Patterns
                 ) -> tuple[list[Line], list[Unit], tuple[str, ...]]:
    """Candidate lines, their sentences with the bag's score, and the document's context tokens."""
    lines, units = candidate_units(doc, seg, scorer.parse, p)
    labelled = [bool(lines[u.line_index].label) and u.first for u in units]  # the label heads the first sentence only
    marked = [bool(lines[u.line_index].source) and u.first for u in units]
    context = document_context(lines, doc.text, p)
    for u, s in zip(units, scorer.score([u.sent for u in units], labelled, marked, context)):
        u.score = s
    return lines, units, context


def _names_known_actor(subject: str | None, index: owner.OwnerIndex) -> bool:
    """Whether the subject read from a sentence names someone the document knows (a mention, a participant)."""
    return bool(subject) and any(index.known(x) for x in owner.split_names(subject))


def detect_actions(doc: Document, seg: Segmented, mentions: tuple[Mention, ...], *, scorer: ActionScorer,
                   settings: Settings, patterns: Patterns | None = None,
                   owner_parse: Callable[[list[str]], list[Doc]] | None = None) -> tuple[ActionItem, ...]:
    """Action items of one document, in document order.

    Table cells under action columns, marked lines and lists, and prose sentences are proposed as
    candidates; the trained classifier scores each sentence and decides (a lower bar for marked and
    table candidates, a higher one for prose with no action cue at all).
    owner_parse: the parser of the document's own language (French), to read who acts in the accepted
    sentences; the decision always reads the English parse its classifier was trained on.
    """
    p = patterns or default_patterns()
    lines, units, context = scored_units(doc, seg, scorer, p)
    index = owner.OwnerIndex(mentions, seg.participants, doc.text)
    for u in units:  # "Kits – FMT to phone ...": a task handed to an actor the document knows is marked by its form
        actor = owner.assigned_actor(u.body, index, p)
        if actor:
            u.extra["assigned_to"] = actor
    stack = getattr(scorer, "stack", None)
    if stack is not None:  # the structure layer weighs the bag's score beside the document's structure
        from pipeline.actions.stack import unit_rows  # it reads this module's cue helpers

        for u, s in zip(units, stack.probability(unit_rows(units, lines, seg, context, p, doc.text))):
            u.score = s
    accepted = []
    for u in units:
        line = lines[u.line_index]
        u.source = _decide(u, line, p, settings) if stack is None else _decide_stacked(u, line, p, stack.bar)
        if u.source and not owner.names_only(u.body, index, p):  # a responsible cell alone is no task
            accepted.append(u)
    secs = Sections(seg.sections)
    _attach(lines, accepted, units, secs)

    labels = {i: ln.label for i, ln in enumerate(lines) if ln.label and ln.label_style == "colon"}
    parsed_labels = dict(zip(labels, scorer.parse(list(labels.values())))) if labels else {}
    meeting: date | None = seg.header.meeting_date
    langs = tuple(dict.fromkeys(((seg.header.language,) if seg.header.language else ()) + settings.languages))
    next_meeting = seg.header.next_meeting.date() if seg.header.next_meeting else None
    ctx = due.context_for(meeting, guess_date_order(doc.text), langs, next_meeting=next_meeting)
    dated = [m for m in mentions if m.label == "DATE"]

    def named_label(i: int) -> str | None:
        ln = lines[i]
        if ln.label and owner.label_names_someone(ln.label, ln.label_style or "", parsed_labels.get(i), index):
            return ln.label
        return None

    own_parse = _own_language_parse(accepted, doc.text, owner_parse)
    foreign = seg.header.language not in (None, "en")  # a language the English parse does not read
    items = []
    for u in sorted(accepted, key=lambda u: u.start):
        line = lines[u.line_index]
        section = secs.by_ordinal.get(line.section_ordinal) if line.section_ordinal is not None else None
        reporter = next((r for r in (s.speaker_org or s.speaker or owner.heading_owner(s.heading, s.kind, index)
                                     for s in secs.chain(section))
                         if _plausible_reporter(r, p) and owner.speaker_names_someone(r, index)), None)
        subject = _subject(u, line, index, p, own_parse.get(id(u)))
        if subject and foreign and id(u) not in own_parse and not index.known(subject):
            subject = None  # Spanish read by the English parser: "ACNUR compartirá el" is no name; a known one is
        if subject is None and foreign and id(u) not in own_parse:
            subject = owner.opening_names(u.body, u.end - len(u.body), index, p)  # the names it opens with
        if subject and reporter and owner.acronym_of(subject, reporter):
            subject = reporter
        written = None
        if u.extra.get("owner"):
            written = owner.names_in_value(u.extra["owner"], p)
        elif line.row_owner and not (line.row_flat and _names_known_actor(subject, index)):
            # a flattened row's owner cell ("Report re-sent / OCHA / ..."), unless its task names a known actor itself
            written = line.row_owner
        elif named_label(u.line_index) and (u.first or not subject):
            written = line.label  # a later sentence of a labelled line may name someone else
            if line.label_style == "colon" and not index.known(line.label):
                # "Lantern Walk: book the hall ... (Olwen & Teodor)": a topic label, the names close the line
                written = owner.trailing_paren_owner(doc.text[line.start:line.end], index, p) or written
        else:
            # "... - Clerk", "(Kate and Robert)": an owner written after the task outranks the sentence's subject
            # a group opening the line ("Tous les partenaires doivent ...") outranks what the parser calls its subject
            written = (owner.group_owner(u.body, p) or u.extra.get("assigned_to") or subject
                       or owner.trailing_owner(doc.text[u.start:u.end], index, p))
            if written is None and line.source and u.end < line.end:
                # "Fix the renderer first! Then rerun the exports (Quillan)": the names closing a listed line own all its sentences
                written = owner.trailing_paren_owner(doc.text[line.start:line.end], index, p)
        if written is None:
            parent = _parent_label(lines, u.line_index)
            if parent is not None and named_label(lines.index(parent)):
                written = parent.label
        if written is None and subject is None:
            written = _owner_line_above(lines, u.line_index, doc.text, index, p)
        resolved = index.resolve(written) if written else None
        if resolved is None and reporter:
            resolved = index.resolve(reporter)

        when = None
        for text in (u.extra.get("due"), line.row_due):
            if text:
                when = due.read_due(text, ctx, meeting) or (None, text)
                break
        if when is None:
            when = due.due_from_mentions([m for m in dated if u.start <= m.start_char < u.end], meeting, doc.text)
        if when is None and not dated:
            found = due.read_due(doc.text[u.start:u.end], ctx, meeting)
            if found and (found[0] is None or meeting is None or found[0] >= meeting):
                when = found

        items.append(ActionItem(
            ordinal=len(items), kind=_kind(u, line, p), start_char=u.start, end_char=u.end,
            text=doc.text[u.start:u.end], source=u.source, confidence=round(u.score, 4),
            section_ordinal=line.section_ordinal, owner=resolved.name if resolved else None,
            owner_entity_id=resolved.entity_id if resolved else None,
            due_date=when[0] if when else None, due_text=when[1] if when else None,
            status=_status(u, line, doc.text, p),
        ))
    return tuple(items)
