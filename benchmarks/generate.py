"""Generated archives for `make bench`: long meeting series in docx, pdf and txt, varied layouts and lengths.

Every name, place and sentence is invented here. A series meets weekly; each meeting has a header, agency
updates, discussion and an action table (or action lines) that restates the open actions of the meeting
before with their status, as minutes do, plus new ones. Output is deterministic for a given seed.
"""
from __future__ import annotations

import io
import random
import textwrap
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ZIP_TIME = (2024, 7, 1, 9, 0, 0)

ORGS = ["Riverside Relief", "Northgate Aid", "Kestrel Health Alliance", "Blue Valley Water Trust", "Harbour Food Network",
        "Amber Shelter Collective", "Lowland Rescue Corps", "Meridian Child Fund", "Open Fields Foundation",
        "Cedar Mobile Clinics", "Silverline Logistics Partners", "Granite Protection Forum"]
ACRONYMS = {"Riverside Relief": "RR", "Northgate Aid": "NGA", "Kestrel Health Alliance": "KHA",
            "Blue Valley Water Trust": "BVWT", "Harbour Food Network": "HFN", "Meridian Child Fund": "MCF"}
PLACES = ["Tarnow Flats", "East Halder", "Mirefield", "Port Osric", "Valdren", "Karsby", "Lower Emmet", "Quillan Ridge",
          "Sorrel Bay", "Dunmore Camp", "Arlen Crossing", "Fenwick"]
PEOPLE = ["Amara Okonkwo", "Lukas Brenner", "Sofia Marchetti", "Tariq Haddad", "Ingrid Solberg", "Mateo Ruiz",
          "Priya Raman", "Jonas Weller", "Leila Farouk", "Nadia Petrov", "Kofi Mensah", "Elena Vasquez",
          "Henrik Dahl", "Yusuf Karimi", "Marta Nowak", "Daniel Osei"]
BODIES = ["Health Cluster", "WASH Sector", "Food Security Cluster", "Protection Working Group", "Shelter Cluster",
          "Logistics Cluster", "Education Sector", "Nutrition Working Group"]
REGIONS = ["Northern", "Southern", "Eastern", "Western", "Central", "Coastal", "Highland", "Delta"]
THINGS = ["hygiene kits", "water tanks", "food baskets", "shelter kits", "cholera test kits", "school tents",
          "cash vouchers", "latrines", "mobile clinic visits", "nutrition screenings", "tarpaulins", "jerrycans"]
VERBS = ["share", "circulate", "update", "finalise", "submit", "review", "map", "present", "draft", "compile",
         "validate", "translate"]
OBJECTS = ["the revised 4W matrix", "the gap analysis", "the distribution plan", "the needs assessment report",
           "the referral pathway", "the stock report", "the contingency plan", "the partner contact list",
           "the monitoring dashboard", "the site mapping", "the training schedule", "the funding overview",
           "the access constraints note", "the winterisation plan", "the price monitoring data"]
QUALIFIERS = ["for {place}", "covering {place} and {place2}", "with the district authorities in {place}",
              "ahead of the next round in {place}", "for the {month} cycle", "with all partners active in {place}"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SENTENCES = [
    "{org} reported that {n} {thing} were distributed in {place} over the past week.",
    "{person} ({org}) noted that access to {place} remains difficult because of the damaged bridge on the main road.",
    "Partners discussed the rise in new arrivals at {place}, estimated at {n} people since the last meeting.",
    "{org} has completed a rapid assessment in {place}; the findings show gaps in {thing} and in {thing2}.",
    "The pipeline for {thing} is expected to break in {month} unless the pending funding is confirmed.",
    "{org} and {org2} agreed to harmonise their targeting criteria for {thing} in {place}.",
    "There was a discussion on the coordination of mobile teams between {place} and {place2}.",
    "{person} presented the monthly dashboard, which shows {n} households reached with {thing}.",
    "The security situation in {place} was described as calm, although movement after dark is still restricted.",
    "Concerns were raised about duplication of {thing} distributions in {place} and {place2}.",
    "{org} informed the group that its warehouse in {place} now holds {n} {thing}.",
    "The chair reminded partners to report their activities through the shared template before the deadline.",
    "{org} is recruiting {n2} community mobilisers for the outreach campaign in {place}.",
    "The group noted that prices of basic commodities in {place} rose by {n2} percent in {month}.",
]


@dataclass
class Action:
    text: str
    owner: str
    due: str
    status: str = "open"
    age: int = 0


@dataclass
class Series:
    body: str
    rng: random.Random
    open: list[Action] = field(default_factory=list)
    used: set[str] = field(default_factory=set)


def _fill(rng: random.Random, template: str) -> str:
    org, org2 = rng.sample(ORGS, 2)
    place, place2 = rng.sample(PLACES, 2)
    thing, thing2 = rng.sample(THINGS, 2)
    return template.format(org=org, org2=org2, place=place, place2=place2, thing=thing, thing2=thing2,
                           person=rng.choice(PEOPLE), n=rng.randint(20, 4000), n2=rng.randint(2, 40),
                           month=rng.choice(MONTHS))


def _new_action(s: Series, day: date) -> Action:
    for _ in range(50):
        text = f"{rng_cap(s.rng.choice(VERBS))} {s.rng.choice(OBJECTS)} {_fill(s.rng, s.rng.choice(QUALIFIERS))}"
        if text not in s.used:
            break
    s.used.add(text)
    due = day + timedelta(days=s.rng.choice([3, 7, 10, 14, 21]))
    return Action(text, s.rng.choice(ORGS), f"{due.day} {MONTHS[due.month - 1]} {due.year}")


def rng_cap(word: str) -> str:
    return word[:1].upper() + word[1:]


@dataclass
class Meeting:
    title: str
    day: date
    chair: str
    participants: list[str]
    sections: list[tuple[str, list[str]]]  # heading, paragraphs
    actions: list[Action]


def meeting(s: Series, i: int, day: date, words: int) -> Meeting:
    """The i-th meeting of a series: about `words` words, the previous open actions restated, new ones added."""
    rng = s.rng
    restated = []
    for a in s.open:
        a.age += 1
        a.status = "done" if rng.random() < 0.35 or a.age > 4 else "ongoing"
        restated.append(Action(a.text, a.owner, a.due, a.status, a.age))
    s.open = [a for a in s.open if a.status != "done"]
    new = [_new_action(s, day) for _ in range(rng.randint(3, 6))]
    s.open += new
    sections, count = [], 0
    agenda = ["Situation overview", "Partner updates", "Gaps and challenges", "Funding", "Any other business"]
    k = 0
    while count < words:
        heading = agenda[k % len(agenda)] + ("" if k < len(agenda) else f" ({k // len(agenda) + 1})")
        paras = []
        for _ in range(rng.randint(2, 5)):
            para = " ".join(_fill(rng, rng.choice(SENTENCES)) for _ in range(rng.randint(2, 5)))
            paras.append(para)
            count += len(para.split())
        sections.append((heading, paras))
        k += 1
    return Meeting(f"{s.body} Coordination Meeting", day, rng.choice(PEOPLE), rng.sample(ORGS, 6), sections,
                   restated + new)


def _header(m: Meeting) -> list[str]:
    return [f"Date: {m.day.day} {MONTHS[m.day.month - 1]} {m.day.year}", f"Chair: {m.chair}",
            "Participants: " + ", ".join(m.participants)]


_SKELETON: dict[str, bytes] = {}


def _docx_skeleton() -> dict[str, bytes]:
    """The parts of an empty python-docx document (styles, settings...), built once; the body is written here."""
    if not _SKELETON:
        import docx

        buf = io.BytesIO()
        docx.Document().save(buf)
        with zipfile.ZipFile(buf) as z:
            _SKELETON.update({n: z.read(n) for n in z.namelist()})
    return _SKELETON


def _w_par(text: str, style: str | None = None, bold: bool = False) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def to_docx(m: Meeting, layout: int) -> bytes:
    """A Word document: headings styled (odd layouts) or typed as bold paragraphs (even), an action table."""
    body = [_w_par(m.title, "Heading1")] + [_w_par(line) for line in _header(m)]
    for n, (heading, paras) in enumerate(m.sections, 1):
        body.append(_w_par(f"{n}. {heading}", "Heading2") if layout % 2 else _w_par(f"{n}. {heading}", bold=True))
        body += [_w_par(p) for p in paras]
    body.append(_w_par("Action points", "Heading2"))
    rows = [("Action", "Responsible", "Deadline", "Status")] + [(a.text, a.owner, a.due, a.status) for a in m.actions]
    body.append('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
                + "".join("<w:tr>" + "".join(f"<w:tc>{_w_par(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
                + "</w:tbl>")
    nxt = m.day + timedelta(days=7)
    body.append(_w_par(f"Next meeting: {nxt.day} {MONTHS[nxt.month - 1]} {nxt.year}"))
    parts = dict(_docx_skeleton())
    xml = parts["word/document.xml"].decode("utf-8")
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr")
    parts["word/document.xml"] = (xml[:start] + "".join(body) + xml[end:]).encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def _lines(m: Meeting) -> list[str]:
    out = [m.title, *_header(m), ""]
    for n, (heading, paras) in enumerate(m.sections, 1):
        out += [f"{n}. {heading}", *paras, ""]
    out.append("Action points")
    for a in m.actions:
        status = "" if a.status == "open" else f" (status: {a.status})"
        out.append(f"ACTION: {a.owner} to {a.text[0].lower() + a.text[1:]} by {a.due}{status}")
    nxt = m.day + timedelta(days=7)
    out += ["", f"Next meeting: {nxt.day} {MONTHS[nxt.month - 1]} {nxt.year}"]
    return out


def to_txt(m: Meeting) -> bytes:
    return "\n".join(_lines(m)).encode("utf-8")


def _pdf_string(text: str) -> str:
    raw = text.encode("latin-1", "replace").decode("latin-1")
    return "(" + raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def to_pdf(m: Meeting) -> bytes:
    """A text-layer PDF written directly: Helvetica, lines wrapped at 95 characters, 60 lines a page."""
    lines = [w for line in _lines(m) for w in (textwrap.wrap(line, 95) or [""])]
    pages = [lines[i:i + 60] for i in range(0, len(lines), 60)] or [[]]
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for page in pages:
        stream = "BT /F1 10 Tf 12 TL 56 790 Td " + " ".join(f"{_pdf_string(t)} Tj T*" for t in page) + " ET"
        objs.append(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                    f"/Contents {len(objs)} 0 R >>")
        kids.append(f"{len(objs)} 0 R")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write_series(root: Path, body: str, n: int, *, seed: int, words: tuple[int, int] = (600, 2200),
                 formats: tuple[str, ...] = ("docx", "docx", "pdf", "txt"), start: date = date(2015, 1, 5)) -> list[Path]:
    """n weekly meetings of one series under root/<body>/, formats in turn; lengths drawn from `words`."""
    s = Series(body, random.Random(seed))
    folder = root / body.lower().replace(" ", "-")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        day = start + timedelta(weeks=i)
        m = meeting(s, i, day, s.rng.randint(*words))
        fmt = formats[i % len(formats)]
        path = folder / f"{day.isoformat()}-{body.lower().replace(' ', '-')}.{fmt}"
        data = to_docx(m, i) if fmt == "docx" else to_pdf(m) if fmt == "pdf" else to_txt(m)
        path.write_bytes(data)
        paths.append(path)
    return paths


def write_archive(root: Path, n: int, *, seed: int, series_len: int = 100, **kw) -> list[Path]:
    """n documents in series of `series_len` meetings each (the last one shorter)."""
    paths, k = [], 0
    while len(paths) < n:
        body = REGIONS[k // len(BODIES) % len(REGIONS)] + " " + BODIES[k % len(BODIES)]
        paths += write_series(root, body, min(series_len, n - len(paths)), seed=seed * 1000 + k, **kw)
        k += 1
    return paths
