"""The header field labels, loaded in one place for ingest and segment (pipeline/field_labels.py)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipeline.field_labels import field_labels, load_labels
from pipeline.ingest.page_text import page_cuts


@pytest.mark.parametrize("sections", [{
    "_doc": "invented",
    "en": {"chair": ["chair", "presiding"], "no_colon": ["chaired by"], "modes": ["online"]},
    "fr": {"chair": ["présidence", "chair"], "participants": ["présents"], "no_colon": ["présidé par"]},
}])
def test_field_labels_merge_languages_by_field(tmp_path, sections):
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(sections), encoding="utf-8")
    words = load_labels(path)
    assert words.fields["chair"] == ("chair", "presiding", "présidence")  # a label in two languages kept once
    assert words.fields["participants"] == ("présents",)
    assert words.no_colon == ("chaired by", "présidé par") and words.modes == ("online",)
    assert "_doc" not in words.fields


@pytest.mark.parametrize("module", ["pipeline.ingest.page_text", "pipeline.ingest"])
def test_field_labels_ingest_reads_labels_without_importing_segment(module):
    code = (f"import sys, {module}; import pipeline.ingest.page_text as p; p.page_words(); "
            "print(sorted(m for m in sys.modules if m.startswith('pipeline.segment')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("label", ["Chair:", "Venue:"])
def test_field_labels_one_line_page_cut_before_a_header_label(label):
    assert label.rstrip(":").lower() in {w for words in field_labels().fields.values() for w in words}
    filler = "The water committee of Ostrava Lane met in the hall and went through its list of repairs. " * 12
    text = f"{filler}{label} Tomasz Verhelst {filler}Agenda: 1 Opening 2 Pumps"
    cuts = page_cuts(text)
    assert text.index(label) in cuts
