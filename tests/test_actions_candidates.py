"""Candidate lines: prefixes, markers, labels, lead-in lists and table rows (no model needed)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pipeline.actions.candidates import analyse_line, heading_kind, lead_in_kind, lines
from pipeline.actions.patterns import default_patterns
from pipeline.model import Block, Document, HeaderField, MeetingHeader, Participant, Section, Segmented, Span

P = default_patterns()


def build(parts: list[tuple], *, sections: list[tuple] = (), meeting_date: date | None = None,
          participants: tuple[Participant, ...] = ()) -> tuple[Document, Segmented]:
    """parts: (kind, text, extra fields) per block; sections: (heading, kind, first block, last block, extra)."""
    text, blocks, pos = "", [], 0
    for i, (kind, body, *extra) in enumerate(parts):
        blocks.append(Block(ordinal=i, kind=kind, start_char=pos, end_char=pos + len(body), text=body, **(extra[0] if extra else {})))
        text += body + "\n"
        pos += len(body) + 1
    doc = Document(doc_id="d1", source_path="t.docx", format="docx", size_bytes=len(text), text=text, blocks=tuple(blocks))
    secs = []
    for n, (heading, kind, first, last, *extra) in enumerate(sections):
        s, e = blocks[first].start_char, blocks[last].end_char
        secs.append(Section(ordinal=n, level=1, heading=heading, kind=kind, start_char=s, end_char=e, text=text[s:e],
                            **(extra[0] if extra else {})))
    seg = Segmented(blocks=doc.blocks, sections=tuple(secs), header=MeetingHeader(meeting_date=meeting_date),
                    participants=participants)
    return doc, seg


@pytest.mark.parametrize("line, body, fields", [
    ("Action: Halvard will invite Sunniva.", "Halvard will invite Sunniva.", {"source": "marker", "kind": "action"}),
    ("ACTION 41.3 Secretariat to circulate the list", "Secretariat to circulate the list", {"source": "marker"}),
    ("AP: chair to send the agenda", "chair to send the agenda", {"source": "marker"}),
    ("[ ] write the report", "write the report", {"source": "marker", "status": "open"}),
    ("[x] book the room", "book the room", {"source": "marker", "status": "done"}),
    ("TODO: add tests", "add tests", {"source": "marker"}),
    ("Decision: we move the call to Fridays.", "we move the call to Fridays.", {"kind": "decision"}),
    ("- [Wenke] mend the fence on Tuesday", "mend the fence on Tuesday", {"label": "Wenke", "label_style": "bracket"}),
    ("(Bram) Draft the rota", "Draft the rota", {"label": "Bram", "label_style": "paren"}),
    ("3. Ottilie - print the flyers", "print the flyers", {"label": "Ottilie", "label_style": "dash"}),
    ("Ilse & Corin: Oversee the model.", "Oversee the model.", {"label": "Ilse & Corin", "label_style": "colon"}),
    ("Conclusión: Se debe revisar el manual.", "Se debe revisar el manual.", {}),
])
def test_actions_candidates_prefixes(line, body, fields):
    info = analyse_line(line, 0, P)
    assert line[info["body_start"]:] == body
    for key, value in fields.items():
        assert info.get(key) == value
    if not fields.get("label"):
        assert "label" not in info


@pytest.mark.parametrize("line, field, value", [
    ("Volunteers: Maren Dahl", "owner", "Maren Dahl"),
    ("• Plazo: El día 03/05/2021", "due", "El día 03/05/2021"),
    ("Responsible: WFP", "owner", "WFP"),
])
def test_actions_candidates_attribute_lines(line, field, value):
    assert analyse_line(line, 0, P)["attribute"] == (field, value)


@pytest.mark.parametrize("line, kind", [
    ("Next steps:", "action"), ("Actions:", "action"), ("Action list from meeting 2-9-21", "action"),
    ("Decisions:", "decision"), ("ACTION Summary:", None), ("Actions taken by the government were discussed.", None),
])
def test_actions_candidates_lead_in(line, kind):
    assert lead_in_kind(line, P) == kind


@pytest.mark.parametrize("cells", [[("Share the map", "WFP", "15 March")]])
def test_actions_candidates_table_row(cells):
    parts = [("table_cell", h, {"table_id": 0, "row": 0, "col": c, "column_header": h})
             for c, h in enumerate(("Next steps", "Responsible", "Deadline"))]
    for r, row in enumerate(cells, 1):
        roles = ("action", "owner", "deadline")
        parts += [("table_cell", t, {"table_id": 0, "row": r, "col": c, "column_header": h, "column_role": roles[c]})
                  for c, (t, h) in enumerate(zip(row, ("Next steps", "Responsible", "Deadline")))]
    doc, seg = build(parts)
    found = lines(doc, seg, P)
    assert [(doc.text[ln.start:ln.end], ln.source, ln.row_owner, ln.row_due) for ln in found] == [
        ("Share the map", "table_column", "WFP", "15 March")]


@pytest.mark.parametrize("heading", ["Agenda", "Attendees"])
def test_actions_candidates_skip_sections(heading):
    doc, seg = build([("heading", heading), ("list_item", "Review the budget and send it to the board")],
                     sections=[(heading, "agenda_item", 0, 1)])
    assert lines(doc, seg, P) == []


def test_actions_candidates_lead_in_list_marks_items():
    doc, seg = build([("paragraph", "Next steps:"), ("paragraph", "Report chapter 1 (docx file)"),
                      ("paragraph", "Outcomes:"), ("paragraph", "A tidy first release")])
    found = {doc.text[ln.start:ln.end]: ln.source for ln in lines(doc, seg, P) if not ln.lead_in}
    assert found == {"Report chapter 1 (docx file)": "marker", "Outcomes:": None, "A tidy first release": None}


@pytest.mark.parametrize("heading", ["Agenda", "Attendees"])
def test_actions_candidates_skip_heading_blocks_without_sections(heading):
    doc, seg = build([("heading", heading, {"level": 2}), ("list_item", "Review the budget and send it to the board"),
                      ("heading", "Minutes", {"level": 2}), ("list_item", "Send the budget to the board")])
    assert [doc.text[ln.start:ln.end] for ln in lines(doc, seg, P)] == ["Send the budget to the board"]


@pytest.mark.parametrize("line", [
    "- **Goal**: decide where the documents will live",
    "Background: the city will repave the road next year",
    "Discuss the delegation policy (**Time**: 20 min)",
    "Review of the budget (15 min)",
])
def test_actions_candidates_descriptive_lines_are_no_candidates(line):
    doc, seg = build([("list_item", line), ("list_item", "Ivo will send the budget to the board.")])
    assert [doc.text[ln.start:ln.end] for ln in lines(doc, seg, P)] == ["Ivo will send the budget to the board."]


@pytest.mark.parametrize("heading, kind", [
    ("Task rota & meal planning", None), ("Action Vice Chair Marta Rossi", None),
    ("Actions from the last meeting", "action"), ("Next steps", "action"), ("Decisions", "decision"),
])
def test_actions_candidates_heading_kind(heading, kind):
    assert heading_kind(heading, P) == kind


def test_actions_candidates_section_heading_line_is_not_a_list_item():
    doc, seg = build([("list_item", "Task redistribution for the rebuild:"),
                      ("list_item", "Review the class diagram", {"level": 1})],
                     sections=[("Next steps", "agenda_item", 0, 1), ("Task redistribution for the rebuild", "sub_topic", 0, 1)])
    seg = Segmented(blocks=seg.blocks, header=seg.header,
                    sections=(seg.sections[0], Section(**{**seg.sections[1].__dict__, "parent_ordinal": 0})))
    found = {doc.text[ln.start:ln.end]: (ln.source, ln.title) for ln in lines(doc, seg, P)}
    assert found == {"Task redistribution for the rebuild:": (None, True), "Review the class diagram": ("marker", False)}


@pytest.mark.parametrize("block, expected", [
    ("This maintenance will update the database\n(as the licence runs out) and the packages.",
     ["This maintenance will update the database\n(as the licence runs out) and the packages."]),
    ("Buy the plates\n(Bram) Book the hall", ["Buy the plates", "(Bram) Book the hall"]),
])
def test_actions_candidates_parenthesis_continues_a_line(block, expected):
    doc, seg = build([("paragraph", block)])
    assert [doc.text[ln.start:ln.end] for ln in lines(doc, seg, P)] == expected


@pytest.mark.parametrize("kind", ["paragraph", "heading"])  # an annex title typed as text or set as a heading
def test_actions_candidates_annexes_of_agenda_and_participants_are_skipped(kind):
    doc, seg = build([("paragraph", "Ivo will send the budget to the board."), (kind, "ANNEX 3 - AGENDA"),
                      ("paragraph", "Review the budget"), (kind, "ANNEX 2 - List of participants"),
                      ("paragraph", "BE Prof Ann Peeters MC Member"), (kind, "Annex 3: Action points"),
                      ("paragraph", "Share the map with partners")])
    assert [doc.text[ln.start:ln.end] for ln in lines(doc, seg, P)] == [
        "Ivo will send the budget to the board.", "Share the map with partners"]


@pytest.mark.parametrize("lead, kept", [
    ("The objectives of the meeting were:", []),
    ("Goal setting and next steps:", ["Bring everyone up to date on the budget"]),
])
def test_actions_candidates_objectives_list_is_no_candidate(lead, kept):
    doc, seg = build([("paragraph", lead), ("list_item", "Bring everyone up to date on the budget")])
    found = [doc.text[ln.start:ln.end] for ln in lines(doc, seg, P) if not ln.lead_in and ln.end - ln.start != len(lead)]
    assert found == kept


@pytest.mark.parametrize("title", ["Points d'action", "Actions à mener :", "Acuerdos", "Próximos pasos:",
                                   "Follow-up action and Responsibility:", "Decisions and Actions:"])
def test_actions_candidates_list_titles_in_three_languages(title):
    assert lead_in_kind(title, P) == "action"


@pytest.mark.parametrize("line, fields", [
    ("**Status**: Done", {"attribute": ("status", "Done")}),
    ("Statut : terminé", {"attribute": ("status", "terminé")}),
    ("**ACTION 13.1**: Gareth to draft the onboarding guide", {"source": "marker", "kind": "action"}),
    ("#action kmiller to file the installer bug", {"source": "marker", "kind": "action"}),
    ("* ACTION: aparker to update the release wiki", {"source": "marker", "kind": "action"}),
])
def test_actions_candidates_status_lines_and_meetbot_markers(line, fields):
    info = analyse_line(line, 0, P)
    assert {k: info.get(k) for k in fields} == fields


@pytest.mark.parametrize("text, is_header", [
    ("Action point Responsible Deadline", True), ("No. Action points Responsible Timeline Status", True),
    ("Issue Action Responsible", True), ("Points d'action Responsable Échéance", True),
    ("Share the 4W matrix with partners OCHA 15 March", False), ("Next steps", False),
])
def test_actions_candidates_table_header_rows(text, is_header):
    from pipeline.actions.candidates import header_row
    assert header_row(text, P) is is_header


def test_actions_candidates_meetbot_trailer_is_not_text():
    doc, seg = build([("list_item", "* ACTION: kmiller to file the bug about the installer crash (jdoe, 16:12:05)")])
    [line] = [ln for ln in lines(doc, seg, P) if ln.source]
    assert doc.text[line.start:line.end] == "kmiller to file the bug about the installer crash"


def _pdf_table_minutes(tmp_path, header_rows):
    from fpdf import FPDF
    pdf = FPDF()
    for page in (1, 2, 3):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        pdf.cell(0, 8, "Nutrition Sector Coordination Minutes", new_x="LMARGIN", new_y="NEXT")
        rows = [("Action point", "Responsible", "Deadline")] if page in header_rows else []
        rows += [(f"Share the screening results of round {page} with the sector", "UNICEF", "15 March"),
                 (f"Train the health workers of district {page} on the new tapes", "WHO", "April")]
        with pdf.table(col_widths=(110, 40, 30)) as table:
            for r in rows:
                row = table.row()
                for cell in r:
                    row.cell(cell)
        pdf.set_y(-20)
        pdf.cell(0, 8, f"Page {page} of 3", align="C")
    path = tmp_path / "minutes.pdf"
    pdf.output(str(path))
    return path.read_bytes()


@pytest.mark.parametrize("header_rows", [(1, 2, 3)])
def test_actions_candidates_pdf_table_has_no_header_footer_candidates(tmp_path, header_rows):
    """A PDF table read as lines today (or as table_cell blocks once ingest reads PDF tables): its header row,
    the running title and the page footers are never candidates; its rows are."""
    from pipeline.config import Settings
    from pipeline.ingest import ingest
    from pipeline.model import Source
    from pipeline.segment import segment
    from pipeline.actions.candidates import header_row
    settings = Settings()
    doc = ingest(Source("minutes.pdf", _pdf_table_minutes(tmp_path, header_rows), "p1"), settings=settings)
    seg = segment(doc, settings=settings)
    got = [" ".join(doc.text[ln.start:ln.end].split()) for ln in lines(doc, seg, P) if not ln.attribute]
    assert not [t for t in got if "Page" in t or "Coordination Minutes" in t or header_row(t, P)]
    assert not [t for t in got if t in ("Action point", "Responsible", "Deadline")]
    assert any("screening results of round 2" in t for t in got)


@pytest.mark.parametrize("heading, turn, item", [
    ("Look back at earlier decisions and action points", "**Ines**: Let's go through the list from last time.",
     "Cat herders to update the process document"),
    ("Revue des points d'action de la dernière réunion", "Amélie : On reprend la liste de la dernière fois.",
     "Le secrétariat envoie le calendrier"),
])
def test_actions_candidates_heading_mentioning_actions_marks_list_items_only(heading, turn, item):
    doc, seg = build([("heading", heading, {"level": 1}), ("paragraph", turn), ("list_item", item)],
                     sections=[(heading, "agenda_item", 0, 2)])
    got = {doc.text[ln.body_start:ln.end]: ln.source for ln in lines(doc, seg, P)}
    assert got[item] == "marker"
    assert next(v for k, v in got.items() if turn.endswith(k)) is None


@pytest.mark.parametrize("title, kind, item", [
    ("Plan for Next Week:", "paragraph", "Keep refining the export screen layout"),
    ("Tâches pour la semaine prochaine :", "paragraph", "Finir la documentation du module"),
    ("Tareas para la próxima semana:", "paragraph", "Terminar las pruebas del formulario"),
    # French and Spanish minutes put their action points under "Recommandations" / "Recomendaciones"
    ("Recommandations :", "list_item", "Le cluster doit relancer la collecte des données de stocks auprès des partenaires"),
    ("RECOMMANDATIONS", "list_item", "Partager la liste des sites inondés avec la protection civile"),
    ("Recomendaciones:", "list_item", "Enviar el listado de albergues a la mesa de trabajo antes del viernes"),
])
def test_actions_candidates_an_action_list_title_opens_a_list(title, kind, item):
    """A plan for the next week or a list of recommendations: the title leads in, the line under it is marked."""
    doc, seg = build([("paragraph", title), (kind, item)])
    got = {doc.text[ln.body_start:ln.end]: ln for ln in lines(doc, seg, P)}
    assert got[title].lead_in and got[item].source == "marker"


def _turns(n_turns: int, n_other: int) -> tuple[Document, Segmented]:
    turns = [("paragraph", f"{('**Ines**', 'Radu', '__Mira__')[i % 3]}: I agree with item {i} of the list.") for i in range(n_turns)]
    return build(turns + [("paragraph", f"The group reviewed budget line {i} in detail.") for i in range(n_other)])


@pytest.mark.parametrize("n_turns, n_other, context", [(12, 2, ("DTRANS",)), (12, 30, ()), (4, 0, ())])
def test_actions_candidates_document_context_marks_transcripts(n_turns, n_other, context):
    from pipeline.actions.detect import document_context
    doc, seg = _turns(n_turns, n_other)
    assert document_context(lines(doc, seg, P), doc.text, P) == context


def test_actions_candidates_document_context_ignores_field_lines():
    from pipeline.actions.detect import document_context
    doc, seg = build([("paragraph", f"**Status**: item {i} is done and closed.") for i in range(12)])
    assert document_context(lines(doc, seg, P), doc.text, P) == ()


def _recording_parser(lang: str):
    """A blank spaCy parser with sentence splits, and the list of every text it was given."""
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    parsed: list[str] = []

    def parse(texts):
        parsed.extend(texts)
        return list(nlp.pipe(texts))

    return parse, parsed


@pytest.mark.parametrize("short,long_", [("Send it.", "Ravi will send the draft budget to partners.")])
def test_actions_candidates_lines_too_short_for_a_unit_are_not_parsed(short, long_):
    """A line with fewer words than a unit needs can give no unit, so it never reaches the parser."""
    from pipeline.actions.detect import MIN_WORDS, candidate_units

    parse, parsed = _recording_parser("en")
    text = f"{short}\n{long_}"
    doc = Document("d1", "a.txt", "txt", len(text), text,
                   (Block(0, "paragraph", 0, len(short), short), Block(1, "paragraph", len(short) + 1, len(text), long_)))
    seg = Segmented(doc.blocks, (), MeetingHeader())
    found, units = candidate_units(doc, seg, parse, default_patterns())
    assert any(text[ln.body_start:ln.end] == short and not (ln.attribute or ln.lead_in) for ln in found)
    assert parsed == [long_] and len(short.split()) < MIN_WORDS
    assert [u.body for u in units] == [long_]


@pytest.mark.parametrize("part, expected", [("body", ["Quinlan to send the map"]), ("comment", [])])
def test_actions_candidates_comment_holds_no_action(part, expected):
    doc, seg = build([("paragraph", "Shelter update"),
                      ("paragraph", "Action: Quinlan to send the map", {"part": part})])
    assert [doc.text[ln.start:ln.end] for ln in lines(doc, seg, P) if ln.source == "marker"] == expected


@pytest.mark.parametrize("printed, expected", [
    # a French PDF turned into one paragraph per printed line: the sentence goes on in the next blocks
    (["Point eau : la délégation du PAM a Zinder a indiqué aux partenaires que",
      "les forages du site de Bouloum seront réhabilités avant la fin du mois et",
      "que la distribution reprendra ensuite.", "Santé : rien à signaler."],
     ["Point eau : la délégation du PAM a Zinder a indiqué aux partenaires que\n"
      "les forages du site de Bouloum seront réhabilités avant la fin du mois et\nque la distribution reprendra ensuite.",
      "Santé : rien à signaler."]),
    (["Shelter: the field team of Corvane Aid said it will rebuild the",
      "(all 40) latrines in camp 4 before the rains start.", "Protection: no update."],
     ["Shelter: the field team of Corvane Aid said it will rebuild the\n(all 40) latrines in camp 4 before the rains start.",
      "Protection: no update."]),
    # a finished sentence, a capital after a long row, and a numbered line each open a line of their own
    (["The stock of hygiene kits was checked.", "distribution is planned for May."],
     ["The stock of hygiene kits was checked.", "distribution is planned for May."]),
    (["Review of the monitoring visit findings / Cluster Coordinator", "Partner mapping update / All"],
     ["Review of the monitoring visit findings / Cluster Coordinator", "Partner mapping update / All"]),
])
def test_actions_candidates_sentence_wrapped_over_blocks_is_one_line(printed, expected):
    from tests.builders import line_document

    doc = line_document("\n".join(printed))
    seg = Segmented(doc.blocks, (), MeetingHeader())
    found = lines(doc, seg, P)
    assert [doc.text[ln.start:ln.end] for ln in found] == expected
    assert [ln.block_ordinal for ln in found] == [b.ordinal for b in doc.blocks if b.text.split("\n")[0] in
                                                  [t.split("\n")[0] for t in expected]]


@pytest.mark.parametrize("kinds", [("list_item", "paragraph"), ("paragraph", "table_cell")])
def test_actions_candidates_wrap_joins_paragraphs_only(kinds):
    """A list item and the paragraph after it, or a paragraph and a table cell, stay two candidates."""
    doc, seg = build([(kinds[0], "Hydrologists of the basin office will check the"),
                      (kinds[1], "pumps next week", {"table_id": 0, "row": 1} if kinds[1] == "table_cell" else {})])
    assert [doc.text[ln.start:ln.end] for ln in lines(doc, seg, P)] == ["Hydrologists of the basin office will check the",
                                                                        "pumps next week"]


def test_actions_candidates_wrapped_sentence_is_parsed_as_one():
    """The parser reads a printed line break as a space: one unit over both blocks, its offsets true to the text."""
    from pipeline.actions.detect import candidate_units
    from tests.builders import line_document

    parse, parsed = _recording_parser("fr")
    doc = line_document("Nutrition : le partenaire Elvoria a annoncé qu’il ouvrira deux\n"
                        "centres de dépistage à Maradi la semaine prochaine. Rien d’autre à signaler.")
    found, units = candidate_units(doc, Segmented(doc.blocks, (), MeetingHeader()), parse, default_patterns())
    assert len(found) == 1 and all("\n" not in t for t in parsed)
    assert [doc.text[u.start:u.end] for u in units] == [
        "Nutrition : le partenaire Elvoria a annoncé qu’il ouvrira deux\ncentres de dépistage à Maradi la semaine prochaine.",
        "Rien d’autre à signaler."]
    assert units[0].body == doc.text[found[0].body_start:units[0].end].replace("\n", " ")


@pytest.mark.parametrize("title, item", [
    ("To do by Friday:", "Ring the caterer about the gluten-free trays"),
    ("Todo today:", "Rerun the sampler with the smaller grid"),
    ("Things we need to do:", "Repaint the shed door before the frost"),
    ("Before the next meeting:", "Send Quillon the draft budget"),
    ("- Next week:", "Email the venue about the projector"),
    ("À faire avant jeudi :", "Relancer la mairie pour la salle"),
    ("D'ici la prochaine réunion :", "Préparer la carte des points d'eau"),
    ("Pendientes:", "Revisar el inventario del almacén"),
    ("Antes de la próxima reunión:", "Enviar el borrador a la coordinadora"),
])
def test_actions_candidates_time_lead_in_opens_a_list(title, item):
    doc, seg = build([("paragraph", title), ("list_item", item)])
    got = {doc.text[ln.body_start:ln.end]: ln for ln in lines(doc, seg, P)}
    assert got[title.lstrip("- ")].lead_in and got[item].source == "marker"


@pytest.mark.parametrize("line", [
    "Next meeting:",  # the header's date field
    "For the next meeting:",  # often questions to bring, not tasks
    "For next week:",  # often the topics of the next session
    "Notes for before the next meeting:",
    "Next week we meet in the small hall",
    "To do by Friday",  # no colon: a heading or a sentence, not a list's lead-in
    "Cette semaine, la pluie a coupé la route.",
])
def test_actions_candidates_time_words_without_a_list_lead_in(line):
    assert lead_in_kind(line, P) is None
    doc, seg = build([("paragraph", line), ("list_item", "The river rose by a metre")])
    assert all(ln.source is None for ln in lines(doc, seg, P))


_AGENDA_NOTES = [
    "Wenna will send the survey link to every member this week.",
    "The grant form needs a second signature before it can be filed.",
    "Members agreed to trial the new rota over the summer months.",
]


@pytest.mark.parametrize("title, notes, kept", [
    ("Agenda", _AGENDA_NOTES, True),  # the discussion written as nested notes under each agenda topic
    ("Ordre du jour", _AGENDA_NOTES, True),
    ("Agenda", _AGENDA_NOTES[:2], False),  # a topic list with a note or two stays the agenda
    ("Attendance", _AGENDA_NOTES, False),  # only an agenda holds the minutes; an attendance list never does
])
def test_actions_candidates_agenda_holding_the_discussion_gives_candidates(title, notes, kept):
    parts = [("heading", title, {"level": 2}), ("list_item", "Budget review", {"level": 0})]
    parts += [("list_item", note, {"level": 1}) for note in notes]
    doc, seg = build(parts)
    got = {doc.text[ln.body_start:ln.end] for ln in lines(doc, seg, P)}
    assert (notes[0] in got) is kept
    assert ("Budget review" in got) is kept


@pytest.mark.parametrize("level", [0, 1])  # a list's outer level is 0 in Markdown, 1 in some .docx and PDF lists
def test_actions_candidates_agenda_topic_list_gives_no_candidates(level):
    topics = ["1. Welcome and introductions of the new members", "2. Review of the hygiene kit pipeline for the camps",
              "3. Update on the water trucking schedule for the dry season", "4. Any other business raised by members"]
    doc, seg = build([("heading", "Agenda", {"level": 2})] + [("list_item", t, {"level": level}) for t in topics]
                     + [("heading", "Discussion", {"level": 2}), ("paragraph", "Wenna will send the survey link soon.")])
    got = [doc.text[ln.body_start:ln.end] for ln in lines(doc, seg, P)]
    assert got == ["Wenna will send the survey link soon."]


@pytest.mark.parametrize("item", ["Follow up on the latrine survey"])
def test_actions_candidates_agenda_table_item_opening_its_section_is_a_title(item):
    header = [("table_cell", h, {"table_id": 0, "row": 0, "col": c, "column_header": h, "column_role": r})
              for c, (h, r) in enumerate((("Time", None), ("Item", "issue")))]
    row = [("table_cell", "10h00 – 10h30", {"table_id": 0, "row": 1, "col": 0, "column_header": "Time"}),
           ("table_cell", item, {"table_id": 0, "row": 1, "col": 1, "column_header": "Item", "column_role": "issue"}),
           ("paragraph", "Partners will share the survey results by Friday.")]
    doc, seg = build(header + row, sections=[(item, "agenda_item", 3, 4)])
    found = [doc.text[ln.start:ln.end] for ln in lines(doc, seg, P)]
    assert item not in found and "Partners will share the survey results by Friday." in found


def test_actions_candidates_markdown_link_is_parsed_as_its_text_and_kept_whole():
    """The parser reads "[Ana Reyes](url)" as "Ana Reyes" (so she can be the subject); the unit keeps the link."""
    from pipeline.actions.detect import candidate_units

    parse, parsed = _recording_parser("en")
    line = "- [Ana Reyes](https://example.org/ana) will draft the charter [#12](https://example.org/issues/12)"
    doc = Document("d1", "a.md", "md", len(line), line, (Block(0, "list_item", 0, len(line), line),))
    found, units = candidate_units(doc, Segmented(doc.blocks, (), MeetingHeader()), parse, default_patterns())
    assert len(parsed) == 1 and len(parsed[0]) == len(line[2:])  # same length: every offset holds
    assert parsed[0].split() == ["Ana", "Reyes", "will", "draft", "the", "charter", "#12"]
    assert [line[u.start:u.end] for u in units] == [line[2:]]  # the bullet aside, links whole


def test_actions_candidates_header_field_deep_in_a_paragraph_keeps_it():
    from pipeline.model import HeaderField, Span

    body = ("The partners went through the stock figures for every depot and compared them with the district "
            "list kept by the field teams over the past month. The provincial meeting is at 14.00 pm in the "
            "town hall. Blue Kite will send the revised list to all partners by Friday.")
    doc, seg = build([("paragraph", "Date: 4 May 2021"), ("paragraph", body), ("paragraph", "3 Views 12KB", {"part": "site"})])
    at = doc.text.index("14.00 pm")
    assert at - doc.blocks[1].start_char > 160
    fields = (HeaderField("meeting_date", "2021-05-04", Span(6, 16, doc.text[6:16])),
              HeaderField("meeting_time", "14.00 pm", Span(at, at + 8, "14.00 pm")))
    seg = Segmented(blocks=seg.blocks, sections=seg.sections, header=MeetingHeader(fields=fields), participants=())
    found = [doc.text[ln.start:ln.end] for ln in lines(doc, seg, P)]
    assert found and all(doc.blocks[1].start_char <= doc.text.index(f) < doc.blocks[1].end_char for f in found)


def _with_date_field(doc: Document, seg: Segmented, when: str) -> Segmented:
    at = doc.text.index(when)
    field = HeaderField(field="meeting_date", value="2024-04-09", span=Span(at, at + len(when), when))
    return replace(seg, header=MeetingHeader(meeting_date=date(2024, 4, 9), fields=(field,)))


@pytest.mark.parametrize("page, kept", [
    # a page saved on one line: the date field sits in the one block that also holds the whole body
    ("Water and hygiene sector meeting Date: Tuesday 9 April 2024 Venue: Tolvan field office. "
     + "Kestrel Aid reported that the borehole survey in Marrowdene was finished last week. " * 4
     + "The revised hygiene kit list will be shared with partners before the next meeting.", True),
    ("Date: Tuesday 9 April 2024, Tolvan field office", False),  # the header's own line
])
def test_actions_candidates_one_line_page_keeps_its_body(page, kept):
    doc, seg = build([("paragraph", page)])
    got = lines(doc, _with_date_field(doc, seg, "Tuesday 9 April 2024"), P)
    assert bool(got) is kept
    if kept:
        assert "will be shared with partners" in doc.text[got[0].start:got[-1].end]


@pytest.mark.parametrize("block, expected", [
    # a paragraph saved from a narrow column: every line but the last ends near the same margin (about 50)
    ("Each sector was asked to hold its own review session\nbefore the joint workshop held on 14th and 15\nAugust, leaving "
     "enough time to write up the findings\nfor the planning group.", 1),
    ("Kits delivered to Harlow ward\nSecond round of cash starts Monday\nNo access issues", 3),  # short items of their own
])
def test_actions_candidates_lines_wrapped_at_the_blocks_margin_are_one(block, expected):
    doc, seg = build([("paragraph", block)])
    assert len(lines(doc, seg, P)) == expected


@pytest.mark.parametrize("heading, items, label, names", [
    ("ACTION ITEMS", ["Harbour Aid to repair the two latrine blocks in Vessel camp",
                      "Block leaders to list the families still without tarpaulins"],
     "Participants:", ["Harbour Aid", "Corrin Vale", "Tamsin Orrow"]),
    ("POINTS D'ACTION", ["Terre Solidaire doit réparer les deux blocs de latrines du camp",
                         "Les chefs de bloc dressent la liste des familles sans bâche"],
     "Liste de présence :", ["Terre Solidaire", "Maëlle Corvin", "Ysaline Dorat"]),
])
def test_actions_candidates_attendance_line_closes_an_action_section(heading, items, label, names):
    """An attendance list segment left inside the "Action items" section: its names are not items of the list."""
    parts = [("paragraph", heading)] + [("list_item", x) for x in items] + [("paragraph", label)]
    parts += [("paragraph", n) for n in names]
    doc, seg = build(parts, sections=[(heading, "agenda_item", 0, len(parts) - 1)])
    got = {doc.text[ln.body_start:ln.end]: ln.source for ln in lines(doc, seg, P)}
    assert [got[x] for x in items] == ["marker", "marker"]
    assert [got.get(n) for n in names] == [None, None, None]


@pytest.mark.parametrize("text, words", [
    ("Corrin.Vale@harbouraid.org", 1),
    ("Contact: https://tracker.example.org/board/42", 2),
    ("Écrire à maelle.corvin@terre-solidaire.org", 3),
    ("Send the kit list to tamsin@harbouraid.org today", 7),
    ("draft-vale-route-export-04", 1),
    ("Can't attend on Friday", 4),
])
def test_actions_candidates_an_address_is_one_word_for_the_fragment_rule(text, words):
    from pipeline.actions.detect import fragment_words
    assert fragment_words(text) == words


@pytest.mark.parametrize("header, row, owner, due", [
    ("Action point / Agency responsible / Deadline", "Repair the hand pumps of block C / Harbour Aid / 15 March",
     "Harbour Aid", "15 March"),
    ("Topic / Follow-up action / Focal point / Timeline", "Water trucking / Send the delivery logs to the sector / "
     "Kestrel Relief / end of May", "Kestrel Relief", "end of May"),
    ("Point d'action / Responsable / Échéance", "Réparer les pompes du bloc C / Terre Solidaire / fin mars",
     "Terre Solidaire", "fin mars"),
])
def test_actions_candidates_flattened_table_rows_carry_their_owner_cell(header, row, owner, due):
    """A table flattened onto lines, ' / ' between cells: the header row is no candidate, each row carries the cells
    under the owner and deadline columns."""
    doc, seg = build([("paragraph", header), ("paragraph", row)])
    got = {doc.text[ln.body_start:ln.end]: ln for ln in lines(doc, seg, P)}
    assert header not in got
    assert (got[row].row_owner, got[row].row_due, got[row].row_flat) == (owner, due, True)


@pytest.mark.parametrize("text", [
    "Share the maps / photos with the partners",  # a slash inside a sentence
    "Pumps / Hygiene kits / Latrines",  # no column names
])
def test_actions_candidates_slashes_without_a_header_are_no_table(text):
    from pipeline.actions.candidates import flat_header
    assert flat_header(text, P) is None


def _tagged(words: list[tuple[str, str, str]]):
    """A one-sentence spaCy Doc with the given (word, tag, pos), as the trained tagger would read it."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=[w for w, _, _ in words], tags=[t for _, t, _ in words], pos=[p for _, _, p in words],
               sent_starts=[True] + [False] * (len(words) - 1))


ROW_ON_ONE_LINE = [("Stock", "NN", "NOUN"), ("count", "NN", "NOUN"), ("for", "IN", "ADP"), ("the", "DT", "DET"),
                   ("depot", "NN", "NOUN"), ("Pell", "NNP", "PROPN"), ("Relief", "NNP", "PROPN"), ("to", "TO", "PART"),
                   ("send", "VB", "VERB"), ("the", "DT", "DET"), ("figures", "NNS", "NOUN")]
ASKED = [("The", "DT", "DET"), ("chair", "NN", "NOUN"), ("asked", "VBD", "VERB"), ("Pell", "NNP", "PROPN"),
         ("Relief", "NNP", "PROPN"), ("to", "TO", "PART"), ("send", "VB", "VERB"), ("the", "DT", "DET"),
         ("figures", "NNS", "NOUN")]
DAY = [("Hall", "NNP", "PROPN"), ("booked", "VBN", "VERB"), ("for", "IN", "ADP"), ("Friday", "NNP", "PROPN"),
       ("Ivo", "NNP", "PROPN"), ("and", "CC", "CCONJ"), ("Mirela", "NNP", "PROPN"), ("to", "TO", "PART"),
       ("collect", "VB", "VERB"), ("the", "DT", "DET"), ("banners", "NNS", "NOUN")]
BULLETS = [("Points", "NNS", "NOUN"), ("were", "VBD", "AUX"), ("reviewed", "VBN", "VERB"), ("-", "HYPH", "PUNCT"),
           ("Pell", "NNP", "PROPN"), ("Relief", "NNP", "PROPN"), ("will", "MD", "AUX"), ("print", "VB", "VERB"),
           ("maps", "NNS", "NOUN"), ("-", "HYPH", "PUNCT"), ("The", "DT", "DET"), ("survey", "NN", "NOUN"),
           ("closed", "VBD", "VERB"), ("early", "RB", "ADV")]
ADDRESS = [("Rezone", "VB", "VERB"), ("lots", "NNS", "NOUN"), ("near", "IN", "ADP"), ("14", "CD", "NUM"),
           ("NE", "NNP", "PROPN"), ("9th", "JJ", "ADJ"), ("Avenue", "NNP", "PROPN"), ("to", "TO", "PART"),
           ("allow", "VB", "VERB"), ("shops", "NNS", "NOUN")]
SHORT_LEFT = [("Kits", "NNS", "NOUN"), ("-", "HYPH", "PUNCT"), ("Pell", "NNP", "PROPN"), ("to", "TO", "PART"),
              ("phone", "VB", "VERB"), ("the", "DT", "DET"), ("families", "NNS", "NOUN")]


@pytest.mark.parametrize("words, items", [
    (ROW_ON_ONE_LINE, ["Stock count for the depot", "Pell Relief to send the figures"]),
    (ASKED, ["The chair asked Pell Relief to send the figures"]),  # the actor is the object of a request
    (DAY, ["Hall booked for Friday", "Ivo and Mirela to collect the banners"]),  # a weekday closes the item before
    (BULLETS, ["Points were reviewed", "Pell Relief will print maps", "The survey closed early"]),
    (ADDRESS, ["Rezone lots near 14 NE 9th Avenue to allow shops"]),  # a purpose after a street name, no new item
    (SHORT_LEFT, ["Kits - Pell to phone the families"]),  # a one-word topic before the dash is no item of its own
])
def test_actions_candidates_run_on_sentence_splits_at_each_new_item(words, items):
    """A table or list run onto one line gives one unit per item: at an inline bullet, and at "<Actor> to <verb>"
    after a word that does not govern the actor."""
    from pipeline.actions.detect import _items

    doc = _tagged(words)
    sent = next(doc.sents)
    assert [doc.text[a:b] for a, b in _items(sent, 0, len(doc.text.rstrip()), doc.text)] == items


ROW_CELLS = [("Rain", "NN", "NOUN"), ("gauge", "NN", "NOUN"), ("readings", "NNS", "NOUN"), ("/", "SYM", "SYM"),
             ("Pell", "NNP", "PROPN"), ("Relief", "NNP", "PROPN"), ("/", "SYM", "SYM"), ("Need", "VB", "VERB"),
             ("to", "TO", "PART"), ("check", "VB", "VERB"), ("the", "DT", "DET"), ("gauges", "NNS", "NOUN")]


@pytest.mark.parametrize("cells, items", [
    (True, ["Rain gauge readings", "Pell Relief / Need to check the gauges"]),  # the owner cell is too short alone
    (False, ["Rain gauge readings / Pell Relief / Need to check the gauges"]),  # a marked row stays whole
])
def test_actions_candidates_flattened_row_splits_at_its_cells_outside_a_marked_list(cells, items):
    from pipeline.actions.detect import _items

    doc = _tagged(ROW_CELLS)
    sent = next(doc.sents)
    assert [doc.text[a:b] for a, b in _items(sent, 0, len(doc.text.rstrip()), doc.text, cells=cells)] == items


def test_actions_candidates_one_bar_in_prose_is_no_row():
    """"a / b" in a sentence joins two wordings of one thing; it takes two bars (three cells) to make a row."""
    from pipeline.actions.detect import _items

    words = [("Write", "VB", "VERB"), ("the", "DT", "DET"), ("exit", "NN", "NOUN"), ("plan", "NN", "NOUN"),
             ("/", "SYM", "SYM"), ("hand-over", "NN", "NOUN"), ("notes", "NNS", "NOUN"), ("for", "IN", "ADP"),
             ("new", "JJ", "ADJ"), ("members", "NNS", "NOUN")]
    doc = _tagged(words)
    sent = next(doc.sents)
    assert [doc.text[a:b] for a, b in _items(sent, 0, len(doc.text.rstrip()), doc.text, cells=True)] == [
        "Write the exit plan / hand-over notes for new members"]
