"""Ingest of .txt, .md and .html: encodings, converter artefacts, tab-dump tables, Markdown and HTML structure."""
from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.ingest.assemble import check_blocks
from pipeline.model import Document, Source, StageError

TEXT = "Réunion de coordination – “Santé” 12/03/2019\nParticipants: ONG Médecins, Croix-Rouge\n"


def run_ingest(data: bytes, name: str, settings: Settings | None = None) -> Document:
    doc = ingest(Source(source_path=name, data=data, doc_id="t1"), settings=settings or Settings())
    check_blocks(doc.text, doc.blocks)
    return doc


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


@pytest.mark.parametrize("encoded,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (TEXT.encode("utf-8-sig"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.replace("\n", "\r\n").encode("cp1252"), "cp1252"),
])
def test_ingest_text_encodings_detected(encoded, encoding):
    doc = run_ingest(encoded, "minutes.txt")
    assert doc.encoding == encoding
    assert [b.text for b in doc.blocks] == TEXT.strip().split("\n")
    assert "\r" not in doc.text and "\ufeff" not in doc.text


@pytest.mark.parametrize("data", [("Meeting notes: caf\u00e9 ok \u2013 " * 20).encode("utf-8") + b"\xff\xfe\x80 tail\n"])
def test_ingest_text_invalid_utf8_still_read(data):
    doc = run_ingest(data, "notes.txt")
    assert doc.text.startswith("Meeting notes: café ok – ")
    assert doc.text.rstrip().endswith("tail")


@pytest.mark.parametrize("text,code_page,languages", [
    ("Acta de la reunión en Bogotá: las niñas y los niños recibieron atención. Señora Peña coordinará.",
     "cp1252", ("en", "fr", "es", "de", "pt")),
    ("Reunião de coordenação em São Paulo: as crianças receberam atenção; a situação melhorou.",
     "cp1252", ("en", "fr", "es", "de", "pt")),
    ("Réunion à Genève", "cp1252", ("en", "fr", "es", "de", "pt")),
    ("A koordinációs csoport ülését Győrben tartották. Árvíztűrő tükörfúrógép, csütörtökön.",
     "cp1250", ("hu", "en")),
    ("Spotkanie grupy koordynacyjnej odbyło się w Łodzi. Uczestnicy omówili sytuację dzieci; następne spotkanie "
     "w przyszłym tygodniu.",
     "cp1250", ("en", "fr", "es", "de", "pt")),
    ("Заседание координационной группы состоялось в Москве; следующее заседание в четверг.",
     "cp1251", ("en", "fr", "es", "de", "pt")),
])
def test_ingest_text_legacy_code_page_read_back(text, code_page, languages):
    """When code pages tie on the bytes (cp1250 vs cp1252 for Spanish), the archive's languages decide."""
    doc = run_ingest(text.encode(code_page), "acta.txt", Settings(languages=languages))
    assert doc.text == text and doc.encoding == code_page


@pytest.mark.parametrize("text,code_page", [
    ("Zebranie zespołu odbyło się w środę w Gdańsku. Źródła finansowania omówiono szczegółowo; żywność i "
     "leki dotrą do gmin w przyszłym tygodniu, a sprawozdanie przygotuje koordynatorka.", "iso8859_2"),
    ("Porada je održana u četvrtak u Splitu. Sudionici su raspravili opskrbu vodom; sljedeći sastanak "
     "održat će se u ponedjeljak, a izvješće šalje koordinatorica s uredom.", "cp1250"),
    ("La réunion a eu lieu à Dakar le jeudi. Les équipes présentes ont décidé de renforcer la coordination "
     "des secours; le prochain déplacement est prévu après la période des pluies.", "latin-1"),
    ("A megbeszélésen a szervezők elfogadták a költségvetést. A következő ülést csütörtökön tartják, "
     "és a jelentést a titkárság küldi el a résztvevőknek időben.", "cp1250"),
])
def test_ingest_text_code_page_chosen_by_known_words(text, code_page):
    """With the archive's default languages, the code page whose reading is in real words wins over
    charset-normalizer's first guess (ISO 8859-10 for Polish, cp775 for French, cp1252 for Hungarian)."""
    doc = run_ingest(text.encode(code_page), "notes.txt")
    assert doc.text == text


@pytest.mark.parametrize("data,expected", [
    ("Present: WHO, Médecins du Monde. ".encode() + "WHO’s “kits” – 2,000".encode("cp1252"),
     "Present: WHO, Médecins du Monde. WHO’s “kits” – 2,000"),
    ("Médecins du Monde: Chol".encode() + b"\xc3era ra\xffpid tests", "Médecins du Monde: CholÃera raÿpid tests"),
])
def test_ingest_text_utf8_with_pasted_legacy_bytes(data, expected):
    """Bytes that are not UTF-8 inside UTF-8 text are read as cp1252, not the whole file as another code page."""
    doc = run_ingest(data, "notes.txt")
    assert doc.text == expected and doc.encoding == "utf-8"


@pytest.mark.parametrize("raw,expected", [
    ("Line one\u00a0with nbsp   \r\nTab\x00bed\x07 line\r\n", ["Line one with nbsp", "Tabbed line"]),
    ("Cafe\u0301 decomposed\n", ["Café decomposed"]),
])
def test_ingest_text_normalised(raw, expected):
    doc = run_ingest(raw.encode("utf-8"), "n.txt")
    assert [b.text for b in doc.blocks] == expected


@pytest.mark.parametrize("raw", [
    "[bookmark: _Hlk502064402]Presentation on the survey\nSecond [bookmark: _GoBack]paragraph\n",
])
def test_ingest_text_converter_artefacts_removed(raw):
    doc = run_ingest(raw.encode("utf-8"), "dump.txt")
    assert "bookmark" not in doc.text
    assert [b.text for b in doc.blocks] == ["Presentation on the survey", "Second paragraph"]


TAB_DUMP = (
    "\nMinutes of the Shelter Sector Meeting\n\n"
    "\t\n\tTopic\n\tAgreed follow-up\n\n"
    "\t1. \n\tWinterisation kits\nDistribution reached two camps.\n\nStock is low.\n"
    "\tSector to request pipeline update\n\n"
    "\t2. \n\tAOB\n\t\n\n"
    "Next meeting will be announced by email.\n"
)


def test_ingest_text_tab_dump_becomes_table_cells():
    doc = run_ingest(TAB_DUMP.encode("utf-8"), "dump.txt")
    cells = [(b.row, b.col, b.column_header, b.text) for b in doc.blocks if b.kind == "table_cell"]
    assert cells == [
        (0, 1, "Topic", "Topic"), (0, 2, "Agreed follow-up", "Agreed follow-up"),
        (1, 0, None, "1."), (1, 1, "Topic", "Winterisation kits"),
        (1, 1, "Topic", "Distribution reached two camps."), (1, 1, "Topic", "Stock is low."),
        (1, 2, "Agreed follow-up", "Sector to request pipeline update"),
        (2, 0, None, "2."), (2, 1, "Topic", "AOB"),
    ]
    assert {b.table_id for b in doc.blocks if b.kind == "table_cell"} == {0}
    assert doc.blocks[0].text == "Minutes of the Shelter Sector Meeting" and doc.blocks[0].kind == "paragraph"
    assert doc.blocks[-1].text == "Next meeting will be announced by email." and doc.blocks[-1].kind == "paragraph"


@pytest.mark.parametrize("raw,expected", [
    ("Attendees: A, B\n* Item one\n   * Sub item\n* Item two\n",
     [("paragraph", "Attendees: A, B", None), ("list_item", "* Item one", 1), ("list_item", "* Sub item", 2),
      ("list_item", "* Item two", 1)]),
    ("Speaker A: a statement that wraps\n           onto an indented line\nSpeaker B: short\n",
     [("paragraph", "Speaker A: a statement that wraps\n           onto an indented line", None),
      ("paragraph", "Speaker B: short", None)]),
])
def test_ingest_text_lists_and_continuations(raw, expected):
    doc = run_ingest(raw.encode("utf-8"), "notes.txt")
    assert [(b.kind, b.text, b.level) for b in doc.blocks] == expected



# Invented minutes saved from a PDF as text: every paragraph wrapped near 60 characters.
WRAPPED_FR = """Compte rendu de la reunion du groupe de travail eau et hygiene
de la commune de Bellerive, tenue le 4 mars dans la salle du
conseil.
Participants :
Points discutes :
- Rehabilitation des forages du quartier nord et de la route
- Divers
Forages : le service technique a presente l'etat des travaux
engages depuis janvier dans les trois villages du plateau et
les besoins restants.
Suivi : l'ONG Terre Claire va livrer les pieces de rechange avant
la fin du mois et informera le groupe de l'avancement des travaux.
Prochaine reunion le 2 avril a la mairie de Bellerive, meme heure.
"""


def test_ingest_text_wrapped_paragraphs_rejoined():
    doc = run_ingest(WRAPPED_FR.encode("utf-8"), "compte-rendu.txt")
    texts = [b.text for b in doc.blocks]
    assert texts[0] == ("Compte rendu de la reunion du groupe de travail eau et hygiene\nde la commune de Bellerive, "
                        "tenue le 4 mars dans la salle du\nconseil.")
    assert "Participants :" in texts and "Points discutes :" in texts  # a line ending in ":" carries nothing on
    assert [b.kind for b in doc.blocks if b.text.startswith("- ")] == ["list_item", "list_item"]
    assert texts[-3].startswith("Forages : ") and texts[-3].endswith("les besoins restants.")
    assert texts[-2].startswith("Suivi : ") and texts[-2].endswith("avancement des travaux.")
    # a sentence that ends on a line, a capital on the next: a new block, not glued to the paragraph above
    assert texts[-1] == "Prochaine reunion le 2 avril a la mairie de Bellerive, meme heure."


@pytest.mark.parametrize("raw", [
    # one paragraph per line, of any length: no margin, nothing joined
    "Minutes of the logistics working group\n" + "The fleet report was presented by the transport desk and discussed at "
    "length, with fuel costs and the state of the northern road as the main concerns of the partners\n"
    "Trucks\nStorage capacity in the two hubs\n" + "The warehouse team will share the stock sheet with all partners "
    "before the next meeting and flag the items that run low within the month\n" * 3 + "AOB\nNone\nClosing\n",
    # a list of names and agencies, one per line, of like length: too narrow to be a wrapped paragraph
    "".join(f"{n}, {o}\n" for n, o in [("Ama Duvel", "Field Aid"), ("Ilse Ranko", "Water Trust"),
            ("Joss Amari", "Camp Works"), ("Pia Lenoir", "North Relief"), ("Tomas Ek", "Shelter Now"),
            ("Rui Calda", "Lake Health"), ("Nour Vessel", "Food First"), ("Lia Brandt", "Child Aid"),
            ("Omar Pell", "Kit Partners")]),
])
def test_ingest_text_unwrapped_lines_stay_blocks(raw):
    doc = run_ingest(raw.encode("utf-8"), "notes.txt")
    assert [b.text for b in doc.blocks] == [line for line in raw.split("\n") if line]


MARKDOWN = """# Health Cluster Meeting

Date: 3 May 2021

## 1. Updates
- WHO: vaccination round planned
  continues on a lazy line
  - sub point
1. First numbered
2) Second numbered

Setext heading
--------------

| Action | Owner | Deadline |
|:-------|-------|---------:|
| Share list | UNICEF | 10 May |
| Pipe \\| escaped | WFP | |

```
# not a heading inside code
```
<!-- a comment
over lines -->
***
Closing words ##
"""


def test_ingest_text_markdown_structure():
    doc = run_ingest(MARKDOWN.encode("utf-8"), "minutes.md")
    blocks = [(b.kind, b.text, b.level) for b in doc.blocks if b.kind != "table_cell"]
    assert blocks == [
        ("heading", "Health Cluster Meeting", 1),
        ("paragraph", "Date: 3 May 2021", None),
        ("heading", "1. Updates", 2),
        ("list_item", "- WHO: vaccination round planned\n  continues on a lazy line", 1),
        ("list_item", "- sub point", 2),
        ("list_item", "1. First numbered", 1),
        ("list_item", "2) Second numbered", 1),
        ("heading", "Setext heading", 2),
        ("paragraph", "# not a heading inside code", None),
        ("paragraph", "Closing words ##", None),
    ]
    cells = [(b.row, b.col, b.column_header, b.text) for b in doc.blocks if b.kind == "table_cell"]
    assert cells == [
        (0, 0, "Action", "Action"), (0, 1, "Owner", "Owner"), (0, 2, "Deadline", "Deadline"),
        (1, 0, "Action", "Share list"), (1, 1, "Owner", "UNICEF"), (1, 2, "Deadline", "10 May"),
        (2, 0, "Action", "Pipe \\| escaped"), (2, 1, "Owner", "WFP"),
    ]
    assert "comment" not in " ".join(b.text for b in doc.blocks)


HTML = """<html><head><title>t</title><style>p {color: red}</style><script>var secret = 1;</script></head>
<body><h1>Protection  Sector</h1><p>Held on <b>5 June</b>,<br>in Cox's Bazar.</p>
<ul><li>First point</li><li>Second <ul><li>Nested</li></ul></li></ul>
<ol start="3"><li>Third</li></ol>
<table><tr><th>Action</th><th>Owner</th></tr><tr><td><p>Train staff</p><p>by July</p></td><td>UNHCR</td></tr></table>
<div>Loose text&nbsp;here</div></body></html>"""


def test_ingest_text_html_structure():
    doc = run_ingest(HTML.encode("utf-8"), "page.html")
    assert [(b.kind, b.text, b.level) for b in doc.blocks if b.kind != "table_cell"] == [
        ("heading", "Protection Sector", 1), ("paragraph", "Held on 5 June,", None),
        ("paragraph", "in Cox's Bazar.", None), ("list_item", "• First point", 1), ("list_item", "• Second", 1),
        ("list_item", "• Nested", 2), ("list_item", "3. Third", 1), ("paragraph", "Loose text here", None),
    ]
    cells = [(b.row, b.col, b.column_header, b.text) for b in doc.blocks if b.kind == "table_cell"]
    assert cells == [(0, 0, "Action", "Action"), (0, 1, "Owner", "Owner"), (1, 0, "Action", "Train staff"),
                     (1, 0, "Action", "by July"), (1, 1, "Owner", "UNHCR")]
    assert "secret" not in doc.text and "color" not in doc.text


ZAWGYI = "ျမန္မာ စာ အစည္းအေဝး"
UNICODE = "မြန်မာ စာ အစည်းအဝေး"


@pytest.mark.parametrize("name,data", [
    ("mm.txt", f"{ZAWGYI}\nDate: 5 May\n".encode("utf-8")),
    ("mm.md", f"# {ZAWGYI}\n".encode("utf-8")),
    ("mm.html", f"<p>{ZAWGYI}</p>".encode("utf-8")),
])
def test_ingest_text_zawgyi_converted_to_unicode(name, data):
    doc = run_ingest(data, name)
    assert doc.zawgyi_converted
    assert UNICODE in doc.text and ZAWGYI not in doc.text


@pytest.mark.parametrize("text", [f"{UNICODE} အစည်းအဝေး\n"])
def test_ingest_text_unicode_burmese_left_alone(text):
    doc = run_ingest(text.encode("utf-8"), "mm.txt")
    assert not doc.zawgyi_converted and doc.text.strip() == text.strip()


@pytest.mark.parametrize("data,name,error_type", [
    (b"", "empty.txt", "empty_file"),
    (b"\n\n   \n", "blank.txt", "no_text"),
    (bytes(range(256)) * 64, "binary.txt", "binary_text"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 500, "image.md", "binary_text"),
    (b"data", "sheet.xlsx", "unsupported_format"),
])
def test_ingest_text_bad_inputs(data, name, error_type):
    with pytest.raises(StageError) as err:
        run_ingest(data, name)
    assert err.value.error_type == error_type


@pytest.mark.parametrize("size,limit", [(20_000_000, 5_000_000)])
def test_ingest_text_huge_single_line_is_too_large(size, limit):
    with pytest.raises(StageError) as err:
        run_ingest(b"x" * size, "one-line.txt", Settings(max_text_chars=limit))
    assert err.value.error_type == "too_large"


@pytest.mark.parametrize("data", [("会议于星期二举行，各方讨论了供水和学校修缮，下次会议定于下月。" * 8).encode("gb18030")[::-1]])
def test_ingest_text_no_code_page_reads_real_words_is_refused(data):
    """Bytes no code page reads as words of a language (here scrambled) are not stored as accented gibberish."""
    with pytest.raises(StageError) as err:
        run_ingest(data, "notes.txt")
    assert err.value.error_type == "binary_text"
