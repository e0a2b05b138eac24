"""Which of a PDF's fonts are bold, read from the font's own name and stated weight (models/ingest/fonts.json).

PDF text carries no paragraph styles; a bold font is the one mark of emphasis a PDF keeps from the Word or TeX
file it was made from, so a line set wholly in one is read as a bold line, as a Word paragraph of bold runs is.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.config import MODELS_DIR


@dataclass(frozen=True)
class FontRules:
    """The compiled words and weights of models/ingest/fonts.json."""

    bold_name: re.Pattern
    min_bold_weight: int
    max_weight_scale: int
    min_weight_ratio: float
    min_heading_size_ratio: float
    max_heading_chars: int

    def is_bold(self, name: str, weight: int | None = None) -> bool:
        """A font is bold by its base name ('Arial-BoldMT'), or by a weight stated on the 100-900 scale."""
        base = name.split("+", 1)[-1]  # "ABCDEF+Calibri-Bold": the subset prefix says nothing
        if self.bold_name.search(base):
            return True
        return weight is not None and self.min_bold_weight <= weight < self.max_weight_scale

    def heavier(self, weight: int, body: int) -> bool:
        """A font clearly heavier than the page's body font ("CMBX12" over "CMR10"), whatever scale both are on."""
        return body > 0 and weight >= self.min_weight_ratio * body


@lru_cache(maxsize=1)
def font_rules() -> FontRules:
    data = json.loads((MODELS_DIR / "ingest" / "fonts.json").read_text(encoding="utf-8"))
    return FontRules(bold_name=re.compile("|".join(data["bold_name_words"]), re.I),
                     min_bold_weight=int(data["min_bold_weight"]), max_weight_scale=int(data["max_weight_scale"]),
                     min_weight_ratio=float(data["min_weight_ratio"]),
                     min_heading_size_ratio=float(data["min_heading_size_ratio"]),
                     max_heading_chars=int(data["max_heading_chars"]))


def heading_levels(sized: list[tuple[str, float]]) -> dict[float, int]:
    """Type size -> heading level for the sizes clearly larger than the body's, from (text, size) of every line:
    the body size is the one most letters are set in; the largest heading size is level 1."""
    weight: dict[float, int] = {}
    for text, size in sized:
        if size > 0:
            weight[size] = weight.get(size, 0) + len(text)
    if not weight:
        return {}
    body = max(weight, key=weight.get)
    larger = sorted((s for s in weight if s >= font_rules().min_heading_size_ratio * body), reverse=True)
    return {s: k + 1 for k, s in enumerate(larger)}


def heading_like(text: str) -> bool:
    """Short enough for a heading and not ending like a sentence (a pull quote in large type is no heading)."""
    line = text.strip()
    return 0 < len(line) <= font_rules().max_heading_chars and not line.endswith((".", ";", ",")) \
        and any(ch.isalpha() for ch in line)


def marks(ch: str) -> bool:
    """Letters and digits decide a line's weight; punctuation and spaces are often set in the body font."""
    return ch.isalnum()
