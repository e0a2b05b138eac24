"""minutes report: a static review site, checked as a person sees it in headless Chromium, and safe by construction."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.report.site import page_id, pieces
from tests.analyst_archive import HOSTILE_ID, SCRIPT, XSS_IMG, XSS_TEXT, sample_out, write_archive  # noqa: F401

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                    "(make test installs it when run as root)")
ACTIVE = ["script", "img", "iframe", "svg", "object", "embed", "link", "form", "base", "meta[http-equiv=refresh]"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    out = write_archive(root / "out")
    result = CliRunner().invoke(app, ["report", str(out), "--to", str(root / "site"), "--as-of", "2024-02-01"])
    assert result.exit_code == 0, result.output
    return root / "site"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def hostile_page(site: Path) -> Path:
    return site / "doc" / f"{page_id(HOSTILE_ID)}.html"


def chromium(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--no-first-run", f"--user-data-dir={tmp_path / 'chrome-profile'}", "--window-size=1280,1600",
           "--virtual-time-budget=3000", *args, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("text,mentions,actions,expected", [
    ("UNICEF will go to Borno.", [(0, 6, "m0", "ORG"), (18, 23, "m1", "PLACE")], [(0, 24, "a0", "ACTION")],
     [("UNICEF", "a0", "m0"), (" will go to ", "a0", None), ("Borno", "a0", "m1"), (".", "a0", None)]),
    ("ab cd", [(0, 5, "m0", "ORG"), (3, 5, "m1", "PLACE")], [(2, 4, "a0", "ACTION")],
     [("ab", None, "m0"), (" c", "a0", "m0"), ("d", None, "m0")]),
    ("xyz", [(-4, 99, "m0", "ORG")], [], [("xyz", None, "m0")]),
])
def test_report_pieces_split_text_where_highlights_start_and_end(text, mentions, actions, expected):
    got = pieces(text, mentions, actions, [])
    assert "".join(p.text for p in got) == text
    assert [(p.text, p.action, p.mention) for p in got] == expected
    assert sum(p.mention_end for p in got if p.mention == "m0") == 1


@pytest.mark.parametrize("key", [HOSTILE_ID, "/etc/passwd", "a" * 200, "d1\x00", "ok-id_1"])
def test_report_page_names_are_plain(key):
    name = page_id(key)
    assert name.replace("-", "").replace("_", "").isalnum() and len(name) <= 64
    assert (name == key) == (key == "ok-id_1")


def test_report_writes_index_and_one_page_per_document_inside_dir(site):
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(["index.html", "doc/d1.html", "doc/d2.html", f"doc/{page_id(HOSTILE_ID)}.html"])


@pytest.mark.parametrize("page", ["index.html", "doc/d1.html", "hostile"])
def test_report_html_has_no_markup_from_documents(site, page):
    path = hostile_page(site) if page == "hostile" else site / page
    soup = soup_of(path)
    for selector in ACTIVE[:-1]:
        found = [t for t in soup.select(selector) if not (t.name == "svg" and t.get("id") == "mentions-chart")]
        assert not found, (selector, found[:1])
    assert not [t for t in soup.find_all(True) for a in t.attrs if a.lower().startswith("on")]
    assert all(a["href"].startswith(("#", "doc/", "../index.html")) for a in soup.find_all("a"))


def test_report_every_highlight_links_to_its_row(site):
    soup = soup_of(site / "doc" / "d1.html")
    marks = soup.select("#doc-text a.ent")
    assert [m.get_text(" ", strip=True) for m in marks] == ["UNICEF ORG", "Borno PLACE", "31 January DATE",
                                                            "Oxfam ORG", "Yangon PLACE"]
    targets = [a["href"][1:] for a in soup.select("#doc-text a")]
    assert len(targets) == 7  # five mentions, two action tags
    for target in targets:
        row = soup.find(id=target)
        assert row is not None and row.name == "tr"
    assert soup.find(id="row-d1-a0").get_text(" ", strip=True).startswith("action UNICEF will repair 12 boreholes")


@needs_chromium
def test_report_chromium_shows_hostile_markup_as_text_and_runs_no_script(site, tmp_path):
    control = tmp_path / "control.html"  # proves the probe works: this page's script does run in Chromium
    control.write_text(f"<!DOCTYPE html><title>t</title><body>{SCRIPT}</body>", encoding="utf-8")
    probe = BeautifulSoup(chromium(control.as_uri(), tmp_path, "--dump-dom").stdout, "html.parser")
    assert probe.title.get_text() == "pwned"
    page = hostile_page(site)
    done = chromium(page.as_uri(), tmp_path, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = BeautifulSoup(done.stdout, "html.parser")
    assert dom.title.get_text() == SCRIPT  # a script from the document that ran would have set it to 'pwned'
    text = dom.body.get_text()
    for shown in (XSS_TEXT, XSS_IMG, "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>", "ACME <b>Relief</b>"):
        assert shown in text, shown
    assert not dom.find_all(["script", "img", "iframe", "b"]) and not dom.select("#doc-text svg")
    mark = dom.select_one("#doc-text mark.ent-ORG")
    assert mark.get_text() == XSS_IMG + "ORG"


@needs_chromium
def test_report_chromium_index_shows_counts_chart_open_actions_and_failures(site, tmp_path):
    done = chromium((site / "index.html").as_uri(), tmp_path, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = BeautifulSoup(done.stdout, "html.parser")
    counts = {li.contents[1].strip(): li.b.get_text() for li in dom.select("#counts li")}
    assert counts["documents"] == "3" and counts["actions"] == "5" and counts["open actions"] == "3"
    assert counts["overdue actions"] == "1" and counts["failures"] == "1" and counts["ORG mentions"] == "5"
    bars = dom.select("#mentions-chart rect.bar")
    assert len(bars) >= 3 and {b.title.get_text() for b in bars} >= {"2024-01: 2 ORG", "2024-03: 2 ORG"}
    rows = [tr.get_text(" ", strip=True) for tr in dom.find(id="open-actions").find_next("table").select("tbody tr")]
    assert rows[0].startswith("2024-01-31 (overdue) UNICEF UNICEF will repair 12 boreholes")
    assert any("carried_over" in r for r in rows) and not any("latrine" in r for r in rows)  # done is not open
    failures = dom.find(id="failures").find_next("table").get_text(" ", strip=True)
    assert f"could not read {XSS_TEXT}" in failures and f"../{XSS_IMG}.docx" in failures


@needs_chromium
def test_report_chromium_screenshot_shows_highlights(site, tmp_path):
    from PIL import Image

    shot = tmp_path / "page.png"
    done = chromium((site / "doc" / "d1.html").as_uri(), tmp_path, f"--screenshot={shot}")
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20)}
    assert (0x7a, 0xec, 0xec) in colours and (0xfe, 0xca, 0x74) in colours  # ORG and PLACE marks are painted


def test_report_folder_without_tables_is_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path / "none"), "--to", str(tmp_path / "site")])
    assert result.exit_code == 2 and "minutes extract" in result.stderr


@pytest.mark.slow
@needs_chromium
def test_report_sample_archive_in_chromium(sample_out, tmp_path):
    site = tmp_path / "site"
    result = CliRunner().invoke(app, ["report", str(sample_out), "--to", str(site), "--as-of", "2024-06-30"])
    assert result.exit_code == 0, result.output
    pages = sorted((site / "doc").glob("*.html"))
    assert len(pages) >= 10
    done = chromium(pages[0].as_uri(), tmp_path, "--dump-dom")
    dom = BeautifulSoup(done.stdout, "html.parser")
    assert dom.select("#doc-text mark.ent") and dom.select("#sections li") and dom.select("#header dt")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.lists(st.tuples(st.integers(-5, 45), st.integers(-5, 45)), max_size=6),
       st.lists(st.tuples(st.integers(-5, 45), st.integers(-5, 45)), max_size=3))
def test_report_pieces_cover_the_text_exactly(text, mention_spans, action_spans):
    mentions = [(a, b, f"m{i}", "ORG") for i, (a, b) in enumerate(mention_spans)]
    actions = [(a, b, f"a{i}", "ACTION") for i, (a, b) in enumerate(action_spans)]
    got = pieces(text, mentions, actions, [(0, "sec-0")])
    assert "".join(p.text for p in got) == text
    pos = 0
    for p in got:  # every run inside a highlight lies within that highlight's span
        for key, spans in ((p.mention, mentions), (p.action, actions)):
            if key:
                start, end = next((a, b) for a, b, k, _ in spans if k == key)
                assert start <= pos and pos + len(p.text) <= end
        pos += len(p.text)


HOSTILE_FILES = {
    "evil <script>alert(1)<%2Fscript>.html": (
        "<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; Coordination Meeting</title>"
        "<script>alert(2)</script></head><body><h1>=HYPERLINK(\"http://x.invalid\") Coordination Meeting</h1>"
        "<p>Date: 12 March 2024</p><p>Participants: UNICEF, &lt;img src=x onerror=alert(1)&gt;, WFP</p>"
        "<h2>1. Updates</h2><p>UNICEF reported <b>&lt;script&gt;document.title='pwned'&lt;/script&gt;</b> in Borno.</p>"
        "<p>Action: @SUM(1+1) WFP to share the =cmd|' /C calc'!A0 report by 20 March 2024.</p>"
        "<img src=\"file:///etc/passwd\"><iframe src=\"file:///etc/hostname\"></iframe></body></html>"),
    "=evil.txt": ("\t=Health meeting\r\nDate: 5 March 2024\r\nPresent: WHO, +Relief\r\n\r\n1. Cholera\r\n"
                  "WHO will deliver <script>alert(3)</script> tests to Malakal by 15 March 2024.\r\n"),
    "sub/-2+3 notes.md": ("# +Cash Working Group <svg onload=alert(1)>\n\nDate: 2024-04-09\n\n## Updates\n\n"
                          "- UNHCR: -2+3 values reviewed <img src=x onerror=alert(1)>.\n"
                          "- WFP to circulate \"=1+1\" the MEB revision by 30 April 2024.\n"),
}


@pytest.mark.slow
def test_report_and_export_of_an_extracted_hostile_archive(tmp_path):
    """Markup and formulas in file names and contents, through the real stages: no markup, no formula comes out."""
    import csv
    import io

    import openpyxl

    from tests.analyst_archive import extract

    raw = tmp_path / "raw"
    for name, text in HOSTILE_FILES.items():
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_text(text, encoding="utf-8", newline="")
    extract(raw, tmp_path / "out")
    site, exports = tmp_path / "site", tmp_path / "exports"
    for args in (["report", str(tmp_path / "out"), "--to", str(site)],
                 ["export", str(tmp_path / "out"), "--to", str(exports), "--hxl"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    pages = list(site.rglob("*.html"))
    assert len(pages) == 1 + len(HOSTILE_FILES)
    for page in pages:
        soup = soup_of(page)
        assert not soup.find_all(["script", "img", "iframe", "object", "embed"]), page.name
        assert not [t for t in soup.find_all(True) for a in t.attrs if a.lower().startswith("on")], page.name
    shown = soup_of(site / "index.html").get_text()
    assert "evil <script>alert(1)<%2Fscript>.html" in shown
    lead = ("=", "+", "-", "@", "\t", "\r")
    for path in exports.rglob("*.csv"):
        for row in list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))[(2 if path.parent.name == "hxl" else 1):]:
            assert not [c for c in row if c.startswith(lead) and not c.lstrip("+-").replace(".", "", 1).isdigit()], \
                (path.name, row)
    for ws in openpyxl.load_workbook(exports / "tables.xlsx").worksheets:
        for row in ws.iter_rows():
            assert not [c for c in row if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith(lead))]
    assert "root:" not in "".join(p.read_text(encoding="utf-8", errors="replace") for p in exports.rglob("*.csv"))
