"""The one Markdown link definition the stages share (pipeline/markup.py)."""
from __future__ import annotations

import re

import pytest

from pipeline.entities.tag import mask
from pipeline.markup import LINK, link_text
from pipeline.segment.headings import clean_heading
from pipeline.segment.participants import HANDLE


@pytest.mark.parametrize("text,expected", [
    ("[Tovi Marsh](https://forge.example/tmarsh) will draft it", "Tovi Marsh will draft it"),
    ("see [the notes](#notes) and [mail](mailto:desk@example.org)", "see the notes and mail"),
    ("[not a link](docs/plan.md) stays", "[not a link](docs/plan.md) stays"),  # no web, mail or anchor address
    ("[a gap](https://x.example/a b) stays", "[a gap](https://x.example/a b) stays"),  # an address has no spaces
])
def test_markup_link_reads_as_its_text(text, expected):
    assert link_text(text) == expected


@pytest.mark.parametrize("text", ["Present: [Orin Vale](https://forge.example/ovale) and Kesi Lund"])
def test_markup_every_stage_reads_the_same_link(text):
    (m,) = LINK.finditer(text)
    assert m.group(1) == "Orin Vale"
    masked = mask(text)
    assert len(masked) == len(text) and masked[m.start():m.start(1) + len("Orin Vale") + 1] == "[Orin Vale]"
    assert masked[m.start(1) + len("Orin Vale") + 1:m.end()].strip() == ""  # the address is blanked
    assert clean_heading("## [Budget review](https://forge.example/issues/7)") == "Budget review"
    assert HANDLE.sub("", "Orin Vale [@ovale](https://forge.example/ovale)") == "Orin Vale"
