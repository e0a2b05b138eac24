"""Write the sample archive in data/raw/: invented coordination-meeting minutes in every format the pipeline reads.

    .venv/bin/python scripts/make_sample_archive.py            # (re)write data/raw/
    .venv/bin/python scripts/make_sample_archive.py --check    # exit 1 if data/raw/ differs from what we build

Every meeting, person and sentence here is invented for the project. The files are byte-stable: Word packages get
fixed zip timestamps and core properties, PDFs a fixed creation date and no stream compression, so re-running the
script leaves git with nothing to commit.
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
ZIP_TIME = (2024, 7, 1, 9, 0, 0)  # every member of every .docx gets this timestamp

Cell = str | Sequence[str]  # a table cell: one paragraph, or several


# --------------------------------------------------------------------------------------------------------------
# Writers: one small helper per format, all deterministic
# --------------------------------------------------------------------------------------------------------------

def _when(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, 0, 0, tzinfo=timezone.utc)


def new_docx(title: str, author: str, written: datetime):
    """A blank Word document whose core properties (the dates Word stores) are fixed, not 'now'."""
    from docx import Document

    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.created = props.modified = props.last_printed = written.replace(tzinfo=None)
    props.revision = 1
    props.comments = props.keywords = props.subject = props.category = ""
    return doc


def docx_bytes(doc) -> bytes:
    """The package with every zip member stamped ZIP_TIME: python-docx otherwise stamps the current time."""
    buffer = io.BytesIO()
    doc.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            member.create_system = 3
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


_LABEL = re.compile(r"^([A-Z][\w'&./()\- ]{0,45}?):\s")


def add_par(container, text: str, style: str | None = None) -> None:
    """A paragraph; a leading 'AGENCY:' label is bold, as minute-takers format it."""
    paragraph = container.add_paragraph(style=style)
    match = _LABEL.match(text)
    if match:
        paragraph.add_run(match.group(1) + ":").bold = True
        paragraph.add_run(text[match.end(1) + 1:])
    else:
        paragraph.add_run(text)


def fill_cell(cell, value: Cell, bold: bool = False) -> None:
    paragraphs = [value] if isinstance(value, str) else list(value)
    first = cell.paragraphs[0]
    for i, text in enumerate(paragraphs):
        if i == 0:
            match = _LABEL.match(text)
            if match and not bold:
                first.add_run(match.group(1) + ":").bold = True
                first.add_run(text[match.end(1) + 1:])
            else:
                first.add_run(text).bold = bold
        else:
            add_par(cell, text)


def add_table(doc, header: Sequence[str], rows: Iterable[Sequence[Cell]], merged: dict[int, str] | None = None):
    """A 'Table Grid' table with a bold header row; merged maps a body row index to a full-width banner row."""
    rows = list(rows)
    merged = merged or {}
    n_rows = 1 + len(rows) + len(merged)
    table = doc.add_table(rows=n_rows, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        fill_cell(cell, text, bold=True)
    r = 1
    for i, row in enumerate(rows):
        if i in merged:
            banner = table.rows[r].cells[0].merge(table.rows[r].cells[-1])
            fill_cell(banner, merged[i], bold=True)
            r += 1
        for cell, value in zip(table.rows[r].cells, row):
            fill_cell(cell, value)
        r += 1
    return table


def _latin(text: str) -> str:
    """The PDF core fonts hold Latin-1 only; typographic dashes and quotes become their ASCII forms."""
    return text.translate(str.maketrans({"\u2013": "-", "\u2014": "-", "\u2019": "'", "\u2018": "'",
                                          "\u201c": '"', "\u201d": '"', "\u2022": "-"}))


def new_pdf(title: str, author: str, written: datetime, footer: str):
    from fpdf import FPDF

    class MinutesPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 10, _latin(f"{footer} - page {self.page_no()} of {{nb}}"), align="C")

    pdf = MinutesPDF(format="A4")
    pdf.set_compression(False)  # plain streams: the bytes do not depend on the zlib build
    pdf.set_creation_date(written)
    pdf.set_title(_latin(title))
    pdf.set_author(_latin(author))
    pdf.set_creator("Microsoft Word")
    pdf.set_producer("Microsoft Word for Microsoft 365")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    return pdf


def pdf_heading(pdf, text: str, size: int = 12) -> None:
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, 6, _latin(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def pdf_par(pdf, text: str) -> None:
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, _latin(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def pdf_table(pdf, header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int]) -> None:
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=tuple(widths), text_align="LEFT", line_height=5) as table:
        for values in [header, *rows]:
            row = table.row()
            for value in values:
                row.cell(_latin(value))
    pdf.ln(3)


def pdf_bytes(pdf) -> bytes:
    return bytes(pdf.output())


def tab_dump(rows: Iterable[Sequence[Cell]]) -> str:
    """A Word table as Word's 'save as plain text' writes it: each cell's first paragraph on a tab-indented line,
    its further paragraphs flush left, a blank line after each row."""
    lines: list[str] = []
    for row in rows:
        for value in row:
            paragraphs = [value] if isinstance(value, str) else list(value)
            lines.append("\t" + paragraphs[0])
            lines.extend(paragraphs[1:])
        lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------------------
# Myanmar: Information Management Network (a .docx with a No. | Issues discussed | Next steps table, then a .txt)
# --------------------------------------------------------------------------------------------------------------

def myanmar_im_network_2023_11() -> bytes:
    doc = new_docx("IM Network Meeting minutes", "Hnin Wai Lwin", _when(2023, 11, 9))
    section = doc.sections[0]
    section.header.paragraphs[0].text = "OCHA Myanmar | Information Management Network"
    section.footer.paragraphs[0].text = "IM Network minutes, November 2023. For network members; not for citation."
    add_par(doc, "Minutes of IM Network Meeting: 8th November 2023", style="Title")
    add_par(doc, "Venue: OCHA meeting room, Yangon, with remote connection for Sittwe, Lashio and Myitkyina hubs")
    add_par(doc, "Chair Person: Hnin Wai Lwin, Information Management Officer, OCHA")
    add_par(doc, "Participants' organisations: UNHCR, UNICEF, WFP, IOM, OCHA, Save the Children, Danish Refugee "
                 "Council (DRC), Norwegian Refugee Council (NRC), Myanmar Red Cross Society (MRCS), Mercy Corps, "
                 "Community Partners International (CPI)")
    add_par(doc, "")
    rows = [
        ["1.", ["Welcome and review of action points from the October meeting",
                "The chair welcomed two new members from CPI and Mercy Corps. Of the four action points from "
                "October, three were completed. The revised 3W template is still pending because the Education "
                "cluster asked for an extra column on temporary learning spaces."],
         ["OCHA to circulate the final 3W template once the Education cluster column is agreed, by 17 November."]],
        ["2.", ["WFP presentation on the market monitoring dashboard",
                "WFP presented its monthly market monitor covering 112 markets in 9 states and regions. Prices of "
                "rice and cooking oil in Rakhine State rose by 18% and 26% since August; Paletwa township in Chin "
                "State recorded the highest basket cost. Transport restrictions on the Yangon-Sittwe road were "
                "given as the main driver.",
                "Members asked whether the township-level price series could be downloaded. WFP confirmed that a "
                "CSV export is planned for the December release."],
         ["WFP to share the dashboard link and the data dictionary with network members by 15 November.",
          "Members interested in the price data for Kachin and Northern Shan to contact Kyaw Zin Htet (WFP)."]],
        ["3.", ["Sector and agency updates",
                "UNHCR: The CCCM and Shelter/NFI dashboards for Kachin and Northern Shan were updated with October "
                "figures. Displacement sites in Waingmaw and Momauk townships were re-verified; 14 sites were "
                "closed or merged.",
                "UNICEF: The WASH cluster finished its gap analysis for central Rakhine. Sittwe, Pauktaw and "
                "Myebon townships show the largest gaps in latrine coverage. Results will be presented at the "
                "next inter-cluster meeting.",
                "DRC: Protection monitoring in Hpa-An and Kawkareik (Kayin State) continued; the monthly "
                "snapshot now includes explosive ordnance incidents reported by communities.",
                "IOM: The displacement tracking round for Sagaing and Magway Regions is delayed by connectivity "
                "cuts. Field teams in Monywa will use offline forms until connectivity returns."],
         ["UNICEF to share the central Rakhine WASH gap maps with the network before the inter-cluster meeting.",
          "IOM to report on the revised DTM timeline at the December meeting."]],
        ["4.", ["Place codes and the data-sharing protocol",
                "OCHA presented the draft data-sharing protocol. It covers how members share site-level data with "
                "the hubs, the sensitivity classification, and the use of village tract P-codes. NRC asked that "
                "the protocol say explicitly that household-level data never leaves the collecting agency.",
                "The updated village tract list for Rakhine State (version 9.4) is available on request."],
         ["All members to send comments on the draft data-sharing protocol to OCHA by 30 November 2023.",
          "OCHA to add the household-data clause requested by NRC."]],
        ["5.", ["AOB",
                "Save the Children announced a two-day training on KoboToolbox for field staff in Lashio, "
                "planned for the first week of December.",
                "Next meeting: Wednesday 13 December 2023, 14:00, OCHA meeting room and online."],
         ["Save the Children to circulate the training announcement and registration form."]],
    ]
    add_table(doc, ["No.", "Issues discussed", "Next steps"], rows, merged={2: "Part B: Updates and AOB"})
    add_par(doc, "")
    add_par(doc, "Minutes taken by: Thu Zar Aung (OCHA). Corrections to the chair within one week of circulation.")
    return docx_bytes(doc)


def myanmar_im_network_2024_02() -> str:
    rows = [
        ["No.", "Issues discussed", "Next steps"],
        ["1. ", ["[bookmark: _Hlk158201132]Review of action points from January",
                 "The data-sharing protocol was endorsed by the Inter-Cluster Coordination Group on 25 January and "
                 "is now in force. The 3W template with the temporary learning spaces column was circulated on "
                 "22 January; 31 organisations used it for the January round."],
         "OCHA to publish the endorsed protocol on the common drive."],
        ["2. ", ["Presentation by Mercy Corps on the Northern Shan remote monitoring pilot",
                 "Mercy Corps described a pilot using phone surveys with 640 households in Lashio, Kyaukme and "
                 "Hsipaw townships. Response rates were 58% overall but only 31% among women-headed households, "
                 "which the team attributed to shared phones. A mixed approach with community volunteers will be "
                 "tested in March.",
                 "Members welcomed the pilot and asked Mercy Corps to share the questionnaire."],
         ["Mercy Corps to share the questionnaire and the consent script with the network by 23 February.",
          "Interested members to join a follow-up call on remote monitoring methods (date to be set by OCHA)."]],
        ["3. ", ["Sector and agency updates",
                 "NRC: Information, counselling and legal assistance teams in Mrauk-U and Kyauktaw suspended "
                 "field visits after fighting in January. Remote helpline figures will be shared with the "
                 "Protection sector instead.",
                 "Save the Children: The KoboToolbox training in Lashio trained 22 field staff from six "
                 "organisations. A second round is requested for Hakha, Chin State.",
                 "UNICEF: The Nutrition sector 5W for Q4 2023 is finalised. Coverage maps by township will be "
                 "published with the humanitarian update.",
                 "WFP: The market monitor now includes a CSV export; township price series go back to January "
                 "2022."],
         ["Save the Children to confirm dates for the Hakha training.",
          "UNICEF to send the Q4 Nutrition coverage maps to OCHA for the humanitarian update."]],
        ["4. ", ["AOB",
                 "The chair reminded members that the annual review of the Myanmar common operational datasets "
                 "starts in March; focal points should check their sector's baseline population figures."],
         "All sector IMOs to check baseline population figures before 15 March 2024."],
    ]
    header = "\n".join([
        "",
        "Minutes of IM Network Meeting: 14th February 2024",
        "",
        "Chair Person: Hnin Wai Lwin, Information Management Officer, OCHA",
        "Participants\u2019 Organizations: OCHA, UNICEF, WFP, UNHCR, Mercy Corps, Save the Children, Norwegian "
        "Refugee Council (NRC), Community Partners International (CPI), Metta Development Foundation (Metta)",
        "Venue: UN compound, Yangon, and Microsoft Teams",
        "",
    ])
    footer = "\n".join([
        "Next meeting: 13 March 2024, 14:00, online only.",
        "[bookmark: _GoBack]",
        "",
    ])
    return header + "\n" + tab_dump(rows) + "\n" + footer


# --------------------------------------------------------------------------------------------------------------
# Bangladesh: WASH Sector, Cox's Bazar (a .docx with an Action point | Responsible | Deadline table)
# --------------------------------------------------------------------------------------------------------------

def bangladesh_wash_2024_03() -> bytes:
    doc = new_docx("WASH Sector Coordination Meeting", "Farhana Akter", _when(2024, 3, 13))
    doc.sections[0].footer.paragraphs[0].text = "WASH Sector Cox's Bazar | Rohingya Refugee Response"
    add_par(doc, "WASH Sector Coordination Meeting \u2013 Minutes", style="Title")
    add_par(doc, "Date: 12/03/2024, 10:00\u201312:30")
    add_par(doc, "Venue: ISCG meeting hall, Cox's Bazar, and online")
    add_par(doc, "Chair: Farhana Akter, WASH Sector Coordinator (UNICEF)")
    add_par(doc, "Co-chair: Md. Rafiqul Islam, Executive Engineer, Department of Public Health Engineering (DPHE)")
    add_par(doc, "Participants: 34 participants from 21 organisations, including Oxfam, BRAC, NGO Forum for Public "
                 "Health, Action Contre la Faim (ACF), Solidarit\u00e9s International (SI), IOM, UNHCR, "
                 "Danish Refugee Council (DRC) and the Office of the Refugee Relief and Repatriation "
                 "Commissioner (RRRC). Full list annexed.")
    add_par(doc, "Agenda", style="Heading 2")
    for item in ["Review of previous action points", "Pre-monsoon preparedness: drainage and latrine desludging",
                 "Water quality results for February", "Faecal sludge management (FSM) plant handover",
                 "Partner updates", "AOB"]:
        add_par(doc, item, style="List Number")
    add_par(doc, "Discussion", style="Heading 2")
    add_par(doc, "1. Review of previous action points. The chloration dashboard is live. The list of latrines "
                 "within 30 metres of tube wells in Camp 4 Extension is still being checked with site "
                 "management and was carried over.")
    add_par(doc, "2. Pre-monsoon preparedness. Partners reported that 61% of the planned drain cleaning is done. "
                 "Camps 13, 15 and 18 in Ukhiya are behind schedule because of fuel shortages for desludging "
                 "trucks. The Site Management and Site Development sector asked WASH partners to avoid dumping "
                 "sludge near slope-stabilisation works.")
    add_par(doc, "3. Water quality. Of 1,480 samples tested in February, 5.2% at household level showed E. coli "
                 "above 10 CFU/100 ml, mostly in Teknaf camps 24 to 26. Free residual chlorine at tap stands "
                 "was within range in 88% of tests.")
    add_par(doc, "4. FSM plant handover. Oxfam will hand the Camp 11 faecal sludge plant over to DPHE in April. "
                 "The RRRC office asked for a joint operation period of three months before full handover.")
    add_par(doc, "5. Partner updates")
    add_par(doc, "BRAC: Rehabilitated 42 deep tube wells in Camps 1E and 1W; two were found with high iron and "
                 "were closed.")
    add_par(doc, "ACF: Started hygiene promotion sessions on monsoon diseases in Camps 8E and 9 with Rohingya "
                 "volunteers; 3,100 households reached.")
    add_par(doc, "NGO Forum for Public Health: Water trucking to Bhasan Char ended on 29 February after the new "
                 "pipeline came into service.")
    add_par(doc, "6. AOB. The sector's 2024 Joint Response Plan targets were shared; comments to the coordination "
                 "team by email.")
    add_par(doc, "Action points", style="Heading 2")
    add_table(doc, ["Action point", "Responsible", "Deadline"], [
        ["Finalise the list of latrines within 30 m of tube wells in Camp 4 Extension (carried over)",
         "UNHCR with site management agencies", "19 March 2024"],
        ["Share the fuel requirement for desludging trucks in Camps 13, 15 and 18 with the Logistics sector",
         "ACF, SI", "15/03/2024"],
        ["Re-test household water points in Camps 24\u201326 and report on follow-up chlorination",
         "NGO Forum for Public Health", "Next meeting"],
        ["Draft the joint operation plan for the Camp 11 FSM plant", "Oxfam and DPHE", "End of March"],
        ["Circulate the JRP 2024 WASH targets by camp", "WASH Sector IMO (Nasir Uddin)", "14 March 2024"],
        ["Confirm dates of the monsoon contingency simulation", "Sector coordination team", "ASAP"],
    ])
    add_par(doc, "")
    add_par(doc, "Next meeting: Tuesday 9 April 2024, 10:00, ISCG meeting hall.")
    return docx_bytes(doc)


# --------------------------------------------------------------------------------------------------------------
# South Sudan: Health Cluster, Juba (a .docx with Heading 1/2 sections, attendance, apologies)
# --------------------------------------------------------------------------------------------------------------

def south_sudan_health_2024_05() -> bytes:
    doc = new_docx("Health Cluster Coordination Meeting", "Grace Akur Mabior", _when(2024, 5, 22))
    section = doc.sections[0]
    section.header.paragraphs[0].text = "South Sudan Health Cluster"
    add_par(doc, "Health Cluster Coordination Meeting", style="Title")
    add_par(doc, "Minutes of the national meeting held on 21 May 2024 at the WHO conference room, Juba")
    add_par(doc, "Chair: Dr. Peter Lado Wani, Director General, Preventive Health Services, Ministry of Health (MoH)")
    add_par(doc, "Co-chair: Dr. Grace Akur Mabior, Health Cluster Coordinator, WHO")

    doc.add_heading("1. Attendance", level=1)
    add_par(doc, "Present:")
    for person in ["Dr. Peter Lado Wani (MoH)", "Dr. Grace Akur Mabior (WHO)", "Nyakuma Gatluak (International "
                   "Medical Corps)", "John Tombe (Save the Children)", "Dr. Halima Osman (UNICEF)",
                   "Daniel Kuol Ajak (Samaritan's Purse)", "Agnes Kiden (IOM)", "Rebecca Nyamal Chuol (MSF-Holland)",
                   "Joseph Wani Lemi (World Relief)", "Stella Poni (Health Cluster IMO)"]:
        add_par(doc, person, style="List Bullet")
    add_par(doc, "Apologies: Moses Juma (UNFPA), Sarah Keji (CARE International), Dr. Emmanuel Deng (Upper Nile "
                 "State Ministry of Health)")

    doc.add_heading("2. Review of previous action points", level=1)
    add_par(doc, "The cholera preparedness plan for Renk was shared by WHO on 10 May (done). The list of health "
                 "facilities without cold chain in Jonglei is still incomplete; IMC to finish it (carried over).")

    doc.add_heading("3. Epidemiological update", level=1)
    doc.add_heading("3.1 Cholera", level=2)
    add_par(doc, "The Early Warning, Alert and Response System (EWARS) reported 57 suspected cholera cases in "
                 "epidemiological weeks 18 and 19, mainly in Renk County, Upper Nile State, among people arriving "
                 "from Sudan at the transit centre. Twelve samples were tested; four were positive by culture. "
                 "The case fatality rate is 1.8%.")
    doc.add_heading("3.2 Measles", level=2)
    add_par(doc, "Measles cases are declining in Aweil Centre and Gogrial West after the reactive campaign. "
                 "Coverage of the campaign was 91% by administrative data; a post-campaign survey is planned.")
    doc.add_heading("3.3 Malaria", level=2)
    add_par(doc, "Malaria remains above the seasonal threshold in Bentiu (Unity State) and in Maban County. "
                 "Partners were reminded to report stock levels of rapid diagnostic tests weekly.")

    doc.add_heading("4. Partner updates by state", level=1)
    doc.add_heading("4.1 Upper Nile", level=2)
    add_par(doc, "MSF-Holland: Opened a 20-bed cholera treatment unit in Renk on 14 May; oral rehydration points "
                 "run at the transit centre and the river port.")
    add_par(doc, "IOM: Screening at the Joda border point continues; 1,900 arrivals were screened last week.")
    doc.add_heading("4.2 Unity", level=2)
    add_par(doc, "Samaritan's Purse: The Bentiu hospital paediatric ward is full; an overflow tent was set up. "
                 "A request for additional malaria medicines was sent to the core pipeline.")
    doc.add_heading("4.3 Jonglei and Pibor Administrative Area", level=2)
    add_par(doc, "International Medical Corps (IMC): Mobile clinics resumed in Pibor and Akobo after the roads "
                 "reopened. Two health facilities in Akobo were looted in April and remain closed.")

    doc.add_heading("5. Action points", level=1)
    for action in ["WHO and MoH to deploy a rapid response team to Renk by 24 May 2024.",
                   "UNICEF to pre-position oral rehydration salts and water treatment supplies in Renk and Malakal "
                   "before the rains (by 31 May).",
                   "IMC to complete the list of Jonglei facilities without cold chain by 7 June (carried over).",
                   "All partners to report malaria test stocks to the Health Cluster IMO every Monday.",
                   "Health Cluster to raise the Akobo facility looting at the next inter-cluster meeting."]:
        add_par(doc, action, style="List Number")

    doc.add_heading("6. AOB", level=1)
    add_par(doc, "UNFPA, by email, announced a clinical management of rape training in Malakal in June. The "
                 "cluster reminded partners that the mid-year review of the Humanitarian Response Plan opens on "
                 "3 June.")
    doc.add_heading("7. Next meeting", level=1)
    add_par(doc, "Next meeting: Tuesday 18 June 2024, 10:00, WHO conference room, Juba (hybrid).")
    return docx_bytes(doc)


# --------------------------------------------------------------------------------------------------------------
# Jordan: Cash Working Group, Amman (a .pdf with a text layer and a table)
# --------------------------------------------------------------------------------------------------------------

def jordan_cash_2024_03() -> bytes:
    pdf = new_pdf("Cash Working Group Meeting Minutes", "Lina Haddad", _when(2024, 3, 6), "Jordan Cash Working Group")
    pdf_heading(pdf, "Jordan Cash Working Group (CWG) - Meeting Minutes", size=15)
    pdf_par(pdf, "Date: March 5, 2024, 11:00-13:00")
    pdf_par(pdf, "Location: UNHCR Branch Office, Amman (Khalda), and online")
    pdf_par(pdf, "Chair: Lina Haddad (UNHCR), CWG co-chair; co-chair: Omar Khatib (Norwegian Refugee Council, NRC)")
    pdf_par(pdf, "Attending organisations: UNHCR, WFP, UNICEF, NRC, CARE International, Danish Refugee Council "
                 "(DRC), Mercy Corps, Islamic Relief Jordan, Jordan Hashemite Charity Organization (JHCO), "
                 "Ministry of Planning and International Cooperation (MOPIC, observer)")
    pdf_heading(pdf, "Agenda")
    for line in ["1. Adoption of the February minutes", "2. Minimum Expenditure Basket (MEB) revision 2024",
                 "3. Winter cash assistance: final figures", "4. Return intentions and cash for Syrian refugees "
                 "considering return", "5. Member updates", "6. AOB"]:
        pdf_par(pdf, line)
    pdf_heading(pdf, "1. Adoption of the February minutes")
    pdf_par(pdf, "The February minutes were adopted without changes.")
    pdf_heading(pdf, "2. Minimum Expenditure Basket (MEB) revision")
    pdf_par(pdf, "WFP presented the draft 2024 MEB. The monthly MEB for a family of five rises to JOD 412, mainly "
                 "because of rent increases in Irbid and Mafraq governorates. Members discussed whether the "
                 "survival MEB should keep the same food component for camp and urban refugees. CARE noted that "
                 "families in Zaatari and Azraq camps do not pay rent but spend more on transport to work sites.")
    pdf_par(pdf, "Agreement: a technical group (WFP, UNHCR, CARE, NRC) will finalise the MEB before the April meeting.")
    pdf_heading(pdf, "3. Winter cash assistance")
    pdf_par(pdf, "UNHCR: 68,400 refugee households received winter cash between November and February, of which "
                 "9,100 were in camps. Post-distribution monitoring shows that 74% spent most of the grant on "
                 "heating fuel and 12% on debt repayment.")
    pdf_par(pdf, "UNICEF: The Hajati cash transfer for children reached 21,000 children in the host community and "
                 "among refugees; payments through e-wallets had fewer delays than card payments.")
    pdf_heading(pdf, "4. Return intentions")
    pdf_par(pdf, "NRC presented a short summary of the regional intentions survey: fewer than 2% of Syrian refugees "
                 "in Jordan intend to return in the next twelve months. Members agreed that cash for return is "
                 "not on the agenda, but that the CWG should follow the discussion in the Whole of Syria cash "
                 "group in Gaziantep and Damascus.")
    pdf_heading(pdf, "5. Member updates")
    pdf_par(pdf, "DRC: Started cash for protection in Ramtha and Ruwaished for cases referred by case management "
                 "partners; the transfer value follows the MEB.")
    pdf_par(pdf, "Mercy Corps: Closing its cash-for-work project in Zarqa in April; 1,150 participants.")
    pdf_par(pdf, "JHCO: Preparing Ramadan food parcels for 8,000 Jordanian households in Ma'an and Tafilah.")
    pdf_heading(pdf, "6. AOB")
    pdf_par(pdf, "The CWG terms of reference are due for review in June. The co-chairs will circulate a draft.")
    pdf_heading(pdf, "Action points")
    pdf_table(pdf, ["Action point", "Responsible", "Deadline"], [
        ["Finalise the 2024 MEB and share it for endorsement", "WFP with UNHCR, CARE, NRC", "April 2, 2024"],
        ["Share the winter cash post-distribution monitoring report", "UNHCR", "March 15, 2024"],
        ["Send a summary of the Whole of Syria cash group discussion on returns", "NRC (Omar Khatib)",
         "Next CWG meeting"],
        ["Circulate the draft revised terms of reference", "CWG co-chairs", "End of May 2024"],
    ], widths=(60, 25, 15))
    pdf_par(pdf, "Next meeting: Tuesday, April 9, 2024, 11:00, UNHCR Branch Office, Amman.")
    return pdf_bytes(pdf)


# --------------------------------------------------------------------------------------------------------------
# Nigeria: Protection Sector, Maiduguri (a .md with a pipe table)
# --------------------------------------------------------------------------------------------------------------

def nigeria_protection_2024_04() -> str:
    return """# Protection Sector Working Group (PSWG) - North-East Nigeria

**Meeting minutes** | Date: 2024-04-09 | Venue: UNHCR Sub-Office, Maiduguri, Borno State

**Chair:** Aisha Bello (UNHCR, Protection Sector Coordinator)
**Co-chair:** Chinedu Okafor (Norwegian Refugee Council, NRC)

**Participants:** Fatima Musa Kachalla (Borno State Ministry of Women Affairs and Social Development, MoWASD),
Ibrahim Garba Waziri (National Human Rights Commission, NHRC), Grace Adebayo (International Rescue Committee, IRC),
Mohammed Lawan (INTERSOS), Hauwa Abdullahi (Danish Refugee Council, DRC), Emeka Nwosu (UNICEF, Child Protection
AoR), Zainab Umar (UNFPA, GBV AoR), Yusuf Bukar (IOM).

**Apologies:** Plan International, Mercy Corps.

## 1. Review of action points from 12 March 2024

- Protection monitoring tool revision: **done**, new version in use since 1 April.
- Referral pathway update for Gwoza LGA: **ongoing**; health and legal partners still to confirm focal points.

## 2. Protection monitoring highlights (March)

UNHCR presented March protection monitoring. 412 incidents were recorded in Borno, Adamawa and Yobe states,
including abductions on the Maiduguri-Damboa road and forced evictions from informal sites in Maiduguri
Metropolitan Council (MMC) and Jere LGAs. Returnees to Bama and Dikwa report lack of civil documentation as the
main barrier to services.

## 3. Relocation and site closures

MoWASD: The state government plans to close two more camps in Maiduguri by June and relocate families to Ngarannam
and Marte. The sector asked for the return intention survey results before any movement.

NHRC: Will deploy monitors to observe relocations and has opened a complaints line.

## 4. Area of Responsibility updates

- **Child Protection AoR (UNICEF):** 96 children associated with armed groups were received at the Bulumkutu
  interim care centre in March; family tracing is under way with ICRC.
- **GBV AoR (UNFPA):** Women and girls safe spaces in Monguno and Ngala report higher attendance; one space in
  Rann closed temporarily because of insecurity.
- **Housing, Land and Property (NRC):** 230 cases of land disputes among returnees in Mubi (Adamawa) supported
  through mediation.

## 5. Action points

| Action point | Responsible | Deadline |
|---|---|---|
| Share the return intention survey for Maiduguri camps with MoWASD | IOM (Yusuf Bukar) | 19 April 2024 |
| Finalise the Gwoza referral pathway (carried over) | DRC, IRC | 26/04/2024 |
| Brief the Humanitarian Country Team on planned camp closures | Sector coordinator | Next HCT meeting |
| Circulate the NHRC complaints line number to all partners | NHRC | 12 April 2024 |

## 6. AOB

INTERSOS announced a training on protection mainstreaming for WASH and Shelter partners in Damaturu, Yobe State,
on 24-25 April.

*Next meeting: 14 May 2024, 10:00, UNHCR Sub-Office, Maiduguri.*
"""


# --------------------------------------------------------------------------------------------------------------
# Somalia: a SERIES, Food Security Cluster Coordination Meeting, January to April 2024
# Action points are numbered once and followed up meeting by meeting (done, ongoing, carried over).
# --------------------------------------------------------------------------------------------------------------

FSC_TITLE = "Food Security Cluster Coordination Meeting"
FSC_AP = {
    1: ("Share the updated IPC projection maps for Bay and Bakool with partners", "FSC IMO (Hodan Ali Farah)"),
    2: ("Submit January 5W reports through the online form", "All partners"),
    3: ("Convene a technical meeting on the transfer value for cash-based food assistance",
        "Cash Working Group focal point (WFP)"),
    4: ("Circulate draft terms of reference for the Baidoa sub-national cluster", "FSC Coordinator"),
    5: ("Map partner presence in Luuq, Doolow and Belet Xaawo (Gedo) and share gaps", "FSC IMO with FAO"),
    6: ("Prepare a joint advocacy note on access constraints on the Baidoa-Dinsoor road", "Co-coordinators (FAO/WFP)"),
    7: ("Launch the Gu season rapid assessment in 12 districts", "FAO-FSNAU with partners"),
    8: ("Collect partner feedback on the 2024 HRP food security targets", "FSC IMO"),
    9: ("Organise a refresher on the post-distribution monitoring tool for national NGOs", "WFP and Concern Worldwide"),
}


def fsc_header(doc, date_line: str, participants: Sequence[str]) -> None:
    doc.sections[0].header.paragraphs[0].text = "Somalia Food Security Cluster"
    add_par(doc, FSC_TITLE, style="Title")
    add_par(doc, date_line)
    add_par(doc, "Venue: FAO Somalia office, Mogadishu (Aden Adde International Airport compound) and Zoom")
    add_par(doc, "Chair: Abdirahman Hassan Nur, FSC Coordinator (FAO); Co-chair: Ingrid Solberg, FSC Co-coordinator (WFP)")
    add_par(doc, "Participants: " + ", ".join(participants))


def fsc_2024_01() -> bytes:
    doc = new_docx(FSC_TITLE, "Hodan Ali Farah", _when(2024, 1, 17))
    fsc_header(doc, "Date: 16 January 2024, 10:00 EAT", [
        "Abdirahman Hassan Nur (FAO)", "Ingrid Solberg (WFP)", "Hodan Ali Farah (FSC)",
        "Mohamed Abdi Warsame (Ministry of Agriculture and Irrigation, MoAI)", "Sahra Ibrahim (Concern Worldwide)",
        "Peter Kamau (World Vision)", "Farhiya Aden (Action Against Hunger, ACF)", "Liban Osman (SRDA)",
        "Deqa Mohamud (Save the Children)"])
    doc.add_heading("1. Welcome and adoption of the agenda", level=1)
    add_par(doc, "The chair opened the first meeting of 2024 and welcomed the MoAI representative.")
    doc.add_heading("2. Food security situation: IPC update", level=1)
    add_par(doc, "FAO-FSNAU: The post-Deyr IPC analysis projects 4.0 million people in IPC Phase 3 or above "
                 "between January and March 2024. The areas of greatest concern are agropastoral livelihood zones "
                 "of Bay and Bakool regions and the riverine areas of Beledweyne affected by the El Ni\u00f1o floods.")
    add_par(doc, "Partners asked for district-level projection maps to plan the first quarter.")
    doc.add_heading("3. Response and gaps", level=1)
    add_par(doc, "WFP: Reached 1.9 million people with cash-based transfers in December; the caseload will drop "
                 "in February due to funding. The cash transfer value is under review with the Cash Working Group.")
    add_par(doc, "Concern Worldwide: Flood response in Beledweyne (Hiraan) ongoing; seed distributions planned for "
                 "the Gu season.")
    add_par(doc, "World Vision: Livestock vaccination completed in Doolow and Luuq districts (Gedo).")
    doc.add_heading("4. Sub-national coordination", level=1)
    add_par(doc, "The cluster will set up a sub-national cluster in Baidoa (South West State). The coordinator "
                 "will draft terms of reference.")
    doc.add_heading("5. Action points", level=1)
    add_table(doc, ["Action point", "Responsible", "Deadline"], [
        [FSC_AP[1][0], FSC_AP[1][1], "24 January 2024"],
        [FSC_AP[2][0], FSC_AP[2][1], "5 February 2024"],
        [FSC_AP[3][0], FSC_AP[3][1], "End of January"],
        [FSC_AP[4][0], FSC_AP[4][1], "31/01/2024"],
    ])
    doc.add_heading("6. AOB", level=1)
    add_par(doc, "None.")
    add_par(doc, "Next meeting: 13 February 2024, same time and venue.")
    return docx_bytes(doc)


def fsc_2024_02() -> bytes:
    doc = new_docx(FSC_TITLE, "Hodan Ali Farah", _when(2024, 2, 14))
    fsc_header(doc, "Date: 13/02/2024, 10:00 EAT", [
        "Abdirahman Hassan Nur (FAO)", "Ingrid Solberg (WFP)", "Hodan Ali Farah (FSC)",
        "Mohamed Abdi Warsame (MoAI)", "Sahra Ibrahim (Concern Worldwide)", "Farhiya Aden (ACF)",
        "Abdullahi Yusuf Hirsi (Somali Relief and Development Action, SRDA)", "Nimo Hassan (NRC)"])
    doc.add_heading("1. Review of action points from 16 January", level=1)
    add_table(doc, ["Action point", "Responsible", "Deadline", "Status"], [
        [FSC_AP[1][0], FSC_AP[1][1], "24 January 2024", "Done: maps shared on 22 January"],
        [FSC_AP[2][0], FSC_AP[2][1], "5 February 2024", "Ongoing: 12 of 38 partners reported"],
        [FSC_AP[3][0], FSC_AP[3][1], "End of January", "Done: meeting held on 30 January"],
        [FSC_AP[4][0], FSC_AP[4][1], "31/01/2024", "Pending: carried over, new deadline 29 February"],
    ])
    doc.add_heading("2. Transfer value for cash-based food assistance", level=1)
    add_par(doc, "WFP reported the outcome of the technical meeting of 30 January: partners recommended a "
                 "harmonised transfer value of USD 70 per household per month in Bay and Bakool and USD 60 in Gedo, "
                 "to be reviewed after the Gu season.")
    add_par(doc, "MoAI asked that the value be shared with regional authorities in Baidoa and Garbahaarey.")
    doc.add_heading("3. Gedo response", level=1)
    add_par(doc, "ACF and NRC raised gaps in Belet Xaawo where few partners are present. The cluster agreed to map "
                 "partner presence across Gedo.")
    add_par(doc, "SRDA: Trucks carrying seeds were held for four days at checkpoints on the Baidoa-Dinsoor road.")
    doc.add_heading("4. Action points", level=1)
    add_table(doc, ["Action point", "Responsible", "Deadline"], [
        [FSC_AP[2][0] + " (carried over)", FSC_AP[2][1], "20 February 2024"],
        [FSC_AP[4][0] + " (carried over)", FSC_AP[4][1], "29 February 2024"],
        [FSC_AP[5][0], FSC_AP[5][1], "1 March 2024"],
        [FSC_AP[6][0], FSC_AP[6][1], "8 March"],
    ])
    doc.add_heading("5. AOB", level=1)
    add_par(doc, "Concern Worldwide will host the Gu season planning workshop in Baidoa on 27 February.")
    add_par(doc, "Next meeting: Tuesday 12 March 2024.")
    return docx_bytes(doc)


def fsc_2024_03() -> bytes:
    pdf = new_pdf(FSC_TITLE, "Hodan Ali Farah", _when(2024, 3, 13), "Somalia Food Security Cluster")
    pdf_heading(pdf, FSC_TITLE, size=15)
    pdf_par(pdf, "Date: March 12, 2024 | Venue: FAO Somalia office, Mogadishu, and Zoom")
    pdf_par(pdf, "Chair: Ingrid Solberg, FSC Co-coordinator (WFP), for the FSC Coordinator (on mission to Garowe)")
    pdf_par(pdf, "Participants: FAO, WFP, MoAI, Concern Worldwide, World Vision, ACF, SRDA, NRC, Save the Children, "
                 "CARE Somalia, Somali Red Crescent Society (SRCS)")
    pdf_heading(pdf, "1. Review of action points")
    pdf_table(pdf, ["Action point", "Responsible", "Status"], [
        [FSC_AP[2][0], FSC_AP[2][1], "Done: 34 of 38 partners reported"],
        [FSC_AP[4][0], FSC_AP[4][1], "Done: ToR endorsed on 28 February"],
        [FSC_AP[5][0], FSC_AP[5][1], "Ongoing: Belet Xaawo data missing"],
        [FSC_AP[6][0], FSC_AP[6][1], "Done: note shared with the HCT on 6 March"],
    ], widths=(55, 25, 20))
    pdf_heading(pdf, "2. Gu season outlook")
    pdf_par(pdf, "FAO-FSNAU: Forecasts point to average to above-average Gu rains in the south. A rapid assessment "
                 "will cover 12 districts in April, with partner enumerators in Bay, Bakool, Gedo and Hiraan.")
    pdf_heading(pdf, "3. Humanitarian Response Plan 2024")
    pdf_par(pdf, "The cluster's HRP target is 4.4 million people, of which 2.1 million for food assistance and 1.2 "
                 "million for livelihood support. Partners were asked to comment on the district targets.")
    pdf_heading(pdf, "4. Partner updates")
    pdf_par(pdf, "SRCS: Distributed food vouchers to 5,600 households displaced by floods in Jowhar (Middle Shabelle).")
    pdf_par(pdf, "CARE Somalia: Cash-for-work for canal rehabilitation started in Afgooye.")
    pdf_heading(pdf, "5. Action points")
    pdf_table(pdf, ["Action point", "Responsible", "Deadline"], [
        [FSC_AP[5][0] + " (carried over)", FSC_AP[5][1], "22 March 2024"],
        [FSC_AP[7][0], FSC_AP[7][1], "April 2024"],
        [FSC_AP[8][0], FSC_AP[8][1], "March 20, 2024"],
    ], widths=(55, 25, 20))
    pdf_par(pdf, "AOB: none.")
    pdf_par(pdf, "Next meeting: 16 April 2024.")
    return pdf_bytes(pdf)


def fsc_2024_04() -> bytes:
    doc = new_docx(FSC_TITLE, "Hodan Ali Farah", _when(2024, 4, 17))
    fsc_header(doc, "Date: 2024-04-16, 10:00 EAT", [
        "Abdirahman Hassan Nur (FAO)", "Ingrid Solberg (WFP)", "Hodan Ali Farah (FSC)",
        "Mohamed Abdi Warsame (MoAI)", "Sahra Ibrahim (Concern Worldwide)", "Peter Kamau (World Vision)",
        "Deqa Mohamud (Save the Children)", "Abdullahi Yusuf Hirsi (SRDA)", "Amina Sheikh (CARE Somalia)"])
    doc.add_heading("1. Review of action points from 12 March", level=1)
    add_table(doc, ["Action point", "Responsible", "Deadline", "Status"], [
        [FSC_AP[5][0], FSC_AP[5][1], "22 March 2024", "Done: gap map published on 25 March"],
        [FSC_AP[7][0], FSC_AP[7][1], "April 2024", "Ongoing: data collection in 9 of 12 districts"],
        [FSC_AP[8][0], FSC_AP[8][1], "20 March 2024", "Done"],
    ])
    doc.add_heading("2. Gu rapid assessment: preliminary findings", level=1)
    add_par(doc, "FAO-FSNAU: Planting is above average in Bay but delayed in Hiraan where flood waters have not "
                 "receded. Three districts (Dinsoor, Burhakaba, Ceel Barde) could not be reached because of "
                 "insecurity; remote interviews are planned.")
    doc.add_heading("3. Post-distribution monitoring", level=1)
    add_par(doc, "WFP: National NGOs asked for a refresher on the post-distribution monitoring (PDM) tool after "
                 "the February changes. WFP and Concern Worldwide agreed to organise it.")
    doc.add_heading("4. Partner updates", level=1)
    add_par(doc, "World Vision: Fodder distribution in Doolow completed for 2,300 pastoral households.")
    add_par(doc, "Save the Children: Joint food and nutrition response in Baidoa IDP sites reached 8,400 "
                 "households in March.")
    doc.add_heading("5. Action points", level=1)
    add_table(doc, ["Action point", "Responsible", "Deadline"], [
        [FSC_AP[7][0] + ": complete remote interviews for Dinsoor, Burhakaba and Ceel Barde", FSC_AP[7][1],
         "30 April 2024"],
        [FSC_AP[9][0], FSC_AP[9][1], "Before the May meeting"],
    ])
    doc.add_heading("6. AOB", level=1)
    add_par(doc, "The Baidoa sub-national cluster held its first meeting on 4 April, chaired by the South West "
                 "State Ministry of Agriculture.")
    add_par(doc, "Next meeting: May 14, 2024.")
    return docx_bytes(doc)


# --------------------------------------------------------------------------------------------------------------
# Mali: Cluster Protection, Bamako (French .docx)
# --------------------------------------------------------------------------------------------------------------

def mali_protection_2024_03() -> bytes:
    doc = new_docx("Compte rendu - Réunion du Cluster Protection", "Kadiatou Diarra", _when(2024, 3, 15))
    doc.sections[0].footer.paragraphs[0].text = "Cluster Protection Mali \u2013 compte rendu de réunion"
    add_par(doc, "Compte rendu de la réunion mensuelle du Cluster Protection", style="Title")
    add_par(doc, "Date : jeudi 14 mars 2024, de 10h00 à 12h30")
    add_par(doc, "Lieu : salle de conférence du HCR, Bamako (ACI 2000), et en ligne")
    add_par(doc, "Présidence : Mme Kadiatou Diarra, coordinatrice du Cluster Protection (HCR)")
    add_par(doc, "Co-facilitation : M. Oumar Sangaré, Conseil norvégien pour les réfugiés (NRC)")
    add_par(doc, "Participants : Direction nationale du développement social (DNDS), Comité international de secours "
                 "(IRC), Danish Refugee Council (DRC), INTERSOS, Handicap International (HI), UNICEF, UNFPA, "
                 "OCHA, Association malienne pour la survie au Sahel (AMSS)")
    doc.add_heading("Ordre du jour", level=1)
    for item in ["Suivi des recommandations de la réunion de février", "Analyse du monitoring de protection "
                 "(janvier-février 2024)", "Situation des personnes déplacées à Ménaka et Gao",
                 "Mises à jour des domaines de responsabilité", "Divers"]:
        add_par(doc, item, style="List Number")
    doc.add_heading("1. Suivi des recommandations", level=1)
    add_par(doc, "La cartographie des services de prise en charge à Mopti a été partagée (réalisé). La mise à jour "
                 "de la liste des points focaux à Tombouctou reste en cours.")
    doc.add_heading("2. Monitoring de protection", level=1)
    add_par(doc, "DRC : 1 236 incidents de protection ont été rapportés en janvier et février, dont 41 % dans la "
                 "région de Mopti (cercles de Bandiagara et Douentza). Les atteintes au droit à la propriété et "
                 "les restrictions de mouvement sont les plus fréquentes.")
    add_par(doc, "IRC : Les équipes mobiles à Ségou signalent une hausse des cas de violences basées sur le genre "
                 "près des sites de Niono.")
    doc.add_heading("3. Personnes déplacées à Ménaka et Gao", level=1)
    add_par(doc, "La DNDS a présenté les chiffres de la matrice de suivi des déplacements : plus de 9 000 nouvelles "
                 "personnes déplacées sont arrivées à Ménaka depuis janvier. Les partenaires signalent un manque "
                 "d'abris et de documents d'état civil.")
    doc.add_heading("4. Domaines de responsabilité", level=1)
    add_par(doc, "UNICEF (protection de l'enfance) : 58 enfants non accompagnés identifiés à Gao ont été placés en "
                 "familles d'accueil.")
    add_par(doc, "UNFPA (VBG) : Ouverture d'un espace sûr pour femmes et filles à Tombouctou.")
    doc.add_heading("5. Recommandations", level=1)
    add_table(doc, ["Action", "Responsable", "Échéance"], [
        ["Finaliser la liste des points focaux à Tombouctou (reporté)", "INTERSOS", "29 mars 2024"],
        ["Partager l'analyse détaillée du monitoring pour Bandiagara et Douentza", "DRC", "22/03/2024"],
        ["Organiser une mission conjointe d'évaluation à Ménaka", "HCR, DNDS, OCHA", "Fin avril 2024"],
        ["Plaider auprès de l'état civil pour des audiences foraines à Gao", "Coordination du Cluster",
         "Prochaine réunion"],
    ])
    doc.add_heading("6. Divers", level=1)
    add_par(doc, "Handicap International propose une formation sur l'inclusion des personnes handicapées dans le "
                 "monitoring de protection.")
    add_par(doc, "Prochaine réunion : jeudi 11 avril 2024 à 10h00, salle de conférence du HCR.")
    return docx_bytes(doc)


# --------------------------------------------------------------------------------------------------------------
# Colombia: GIFMM Bogotá (Spanish .txt, saved in Windows-1252 as older Windows exports are)
# --------------------------------------------------------------------------------------------------------------

def colombia_gifmm_2024_04() -> bytes:
    text = """ACTA DE REUNIÓN \u2013 GIFMM LOCAL BOGOTÁ

Grupo Interagencial sobre Flujos Migratorios Mixtos (GIFMM)
Fecha: 10 de abril de 2024, 9:00 a.m. \u2013 11:30 a.m.
Lugar: Oficina de ACNUR, Bogotá, y reunión virtual
Preside: Laura Gómez Restrepo (ACNUR), co-líder del GIFMM local
Co-preside: Andrés Felipe Rincón (OIM)

Asistentes: María José Pardo (Cruz Roja Colombiana), Carlos Mendoza (Secretaría Distrital de Integración Social,
SDIS), Valentina Ruiz (Consejo Noruego para Refugiados, NRC), Diego Castaño (Programa Mundial de Alimentos, PMA),
Juliana Herrera (UNICEF), Ricardo Salazar (Aldeas Infantiles SOS), Paola Quintero (Corporación Opción Legal).

Agenda
1. Aprobación del acta anterior
2. Situación de la población refugiada y migrante en Bogotá
3. Estatuto Temporal de Protección para Migrantes Venezolanos (ETPV): avances
4. Actualizaciones de los sectores
5. Varios

Desarrollo

1. Se aprobó el acta del 13 de marzo sin cambios.

2. Situación. La SDIS informó que los centros de atención en las localidades de Kennedy, Bosa y Suba atendieron
a 6.850 personas venezolanas en marzo. Aumentaron los casos de familias en situación de calle en la zona de la
Terminal de Transporte, muchas de ellas en tránsito hacia Cúcuta (Norte de Santander) o hacia el sur del país.

3. ETPV. Migración Colombia (por correo) reportó que la entrega de Permisos por Protección Temporal (PPT)
pendientes en Bogotá se retomó en abril. Opción Legal pidió reforzar la orientación jurídica para las personas
cuyo registro quedó incompleto.

4. Actualizaciones de los sectores
PMA: Entregó transferencias monetarias a 2.100 hogares en Bosa y Ciudad Bolívar.
UNICEF: Abrió dos espacios amigables para niñas y niños en el Centro Integral de Atención al Migrante.
Cruz Roja Colombiana: Puntos de atención en salud en la Terminal atendieron 940 consultas.
NRC: Jornadas de información sobre acceso a educación en Suba y Engativá.

Compromisos
- ACNUR y OIM: consolidar las cifras de personas en situación de calle y compartirlas antes del 24 de abril.
- Opción Legal: enviar la propuesta de jornadas de orientación jurídica sobre el PPT \u2013 30 de abril de 2024.
- SDIS: confirmar la fecha de la feria de servicios en Kennedy \u2013 próxima reunión.
- Todos los socios: actualizar el reporte 5W de marzo en ActivityInfo antes del 15/04/2024.

Varios: Aldeas Infantiles SOS invitó al lanzamiento de su estudio sobre niñez no acompañada el 2 de mayo.

Próxima reunión: miércoles 8 de mayo de 2024, 9:00 a.m., oficina de OIM.
"""
    return text.replace("\n", "\r\n").encode("cp1252")


# --------------------------------------------------------------------------------------------------------------
# Chad: Eastern Chad inter-sector coordination (an .html page, as saved from a shared notes tool)
# --------------------------------------------------------------------------------------------------------------

def chad_intersector_2024_06() -> str:
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Eastern Chad Inter-Sector Coordination Meeting - 4 June 2024</title>
</head>
<body>
<h1>Eastern Chad Inter-Sector Coordination Meeting</h1>
<p><strong>Date:</strong> 4 June 2024<br>
<strong>Place:</strong> UNHCR Sub-Office, Farchana, Ouadda&iuml; Province</p>
<p><strong>Chair:</strong> Moussa Abakar Mahamat, Commission Nationale d'Accueil et de R&eacute;insertion des
R&eacute;fugi&eacute;s et des Rapatri&eacute;s (CNARR)<br>
<strong>Co-chair:</strong> Claire Dubois (UNHCR, Head of Field Office)</p>
<p><strong>Organisations present:</strong> CNARR, UNHCR, WFP, UNICEF, IOM, M&eacute;decins Sans Fronti&egrave;res
(MSF), Alliance for International Medical Action (ALIMA), International Rescue Committee (IRC), Chadian Red Cross
(CRT), World Vision</p>

<h2>1. Arrivals and relocation</h2>
<p>UNHCR: 2,850 new arrivals from West Darfur were registered at the Adr&eacute; border in May, fewer than in April.
About 160,000 people remain at the spontaneous site in Adr&eacute;. Relocation to the new Dougui camp resumed on 27
May with two convoys a week.</p>
<p>CNARR asked partners to align service delivery in Dougui before the rains cut the road from Farchana.</p>

<h2>2. Sector updates</h2>
<ul>
<li><strong>WASH (UNICEF):</strong> Water supply in Adr&eacute; is 11 litres per person per day, below the 15-litre
standard; two new boreholes are being drilled.</li>
<li><strong>Health (MSF, ALIMA):</strong> Hepatitis E cases continue in Adr&eacute; and Metch&eacute; camps; 214 cases
since March.</li>
<li><strong>Food security (WFP):</strong> June rations will be reduced to 70% for existing camps because of a pipeline
break; new arrivals keep full rations.</li>
<li><strong>Protection (IRC):</strong> Child protection desks opened at the Adr&eacute; transit site.</li>
</ul>

<h2>3. Rainy season preparedness</h2>
<p>IOM presented the contingency stock in Abéché and Farchana. The Adr&eacute;&ndash;Farchana road usually closes
from mid-July; pre-positioning must be finished by 30 June.</p>

<h2>4. Action points</h2>
<table border="1">
<tr><th>Action</th><th>Who</th><th>When</th></tr>
<tr><td>Share the relocation schedule for June with all sectors</td><td>UNHCR and CNARR</td><td>7 June 2024</td></tr>
<tr><td>Confirm the hepatitis E response plan and funding gap</td><td>MSF, ALIMA, WHO</td><td>Next meeting</td></tr>
<tr><td>Complete pre-positioning of WASH and NFI stocks in Dougui</td><td>UNICEF, IOM</td><td>30/06/2024</td></tr>
<tr><td>Explain the ration cut to community leaders in Farchana and Gaga camps</td><td>WFP with CRT</td><td>ASAP</td></tr>
</table>

<h2>5. AOB</h2>
<p>World Vision will start a cash pilot in Sila Province in July.</p>
<p><em>Next meeting: Tuesday 18 June 2024, UNHCR Sub-Office, Farchana.</em></p>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------------------------
# The archive
# --------------------------------------------------------------------------------------------------------------

def _utf8(build: Callable[[], str]) -> Callable[[], bytes]:
    return lambda: build().encode("utf-8")


# relative path -> builder of the file's bytes
FILES: dict[str, Callable[[], bytes]] = {
    "myanmar-im-network/2023-11-08-im-network-meeting.docx": myanmar_im_network_2023_11,
    "myanmar-im-network/2024-02-14-im-network-meeting.txt": _utf8(myanmar_im_network_2024_02),
    "bangladesh-wash-sector/2024-03-12-wash-sector-coordination.docx": bangladesh_wash_2024_03,
    "south-sudan-health-cluster/2024-05-21-health-cluster-meeting.docx": south_sudan_health_2024_05,
    "jordan-cash-working-group/2024-03-05-cwg-meeting.pdf": jordan_cash_2024_03,
    "nigeria-protection-sector/2024-04-09-pswg-meeting.md": _utf8(nigeria_protection_2024_04),
    "somalia-food-security-cluster/2024-01-16-fsc-coordination-meeting.docx": fsc_2024_01,
    "somalia-food-security-cluster/2024-02-13-fsc-coordination-meeting.docx": fsc_2024_02,
    "somalia-food-security-cluster/2024-03-12-fsc-coordination-meeting.pdf": fsc_2024_03,
    "somalia-food-security-cluster/2024-04-16-fsc-coordination-meeting.docx": fsc_2024_04,
    "mali-cluster-protection/2024-03-14-reunion-cluster-protection.docx": mali_protection_2024_03,
    "colombia-gifmm-bogota/2024-04-10-acta-reunion-gifmm.txt": colombia_gifmm_2024_04,
    "chad-east-intersector/2024-06-04-intersector-coordination.html": _utf8(chad_intersector_2024_06),
}


def build_archive() -> dict[str, bytes]:
    """Every sample file's bytes by its path relative to data/raw/."""
    return {path: build() for path, build in FILES.items()}


def stale_files(archive: dict[str, bytes], root: Path = RAW) -> list[str]:
    """Paths (relative to root) that are missing, different, or on disk but not built by this script."""
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.name != ".gitkeep"}
    stale = [path for path, data in archive.items() if path not in on_disk or (root / path).read_bytes() != data]
    return sorted(stale + sorted(on_disk - archive.keys()))


def write_archive(archive: dict[str, bytes], root: Path = RAW) -> None:
    """Write the files and remove files this script no longer builds (data/raw/ holds only generated samples)."""
    for path in stale_files(archive, root):
        target = root / path
        if path in archive:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive[path])
        else:
            target.unlink()
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def main(argv: list[str]) -> int:
    archive = build_archive()
    if "--check" in argv:
        stale = stale_files(archive)
        for path in stale:
            print(f"stale: {path}")
        return 1 if stale else 0
    write_archive(archive)
    total = sum(len(data) for data in archive.values())
    print(f"wrote {len(archive)} files, {total / 1024:.0f} KiB, to {RAW}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
