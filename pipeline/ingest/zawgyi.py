"""Burmese text typed in the Zawgyi font encoding, converted to Unicode before anything reads it.

Zawgyi reuses Myanmar code points with other meanings, so the same bytes render as gibberish in a Unicode
font and no later stage (names, places) can match them. myanmartools' detector (Google's model) decides;
paraencoder's rules convert.
"""
from __future__ import annotations

import re
from functools import lru_cache

_MYANMAR = re.compile(r"[\u1000-\u109f\uaa60-\uaa7f]+(?:[\s\u200b]+[\u1000-\u109f\uaa60-\uaa7f]+)*")
_THRESHOLD = 0.95
_SAMPLE_CHARS = 200_000


@lru_cache(maxsize=1)
def _detector():
    import warnings

    from myanmartools import ZawgyiDetector

    with warnings.catch_warnings():  # it loads its model with a deprecated importlib.resources call
        warnings.simplefilter("ignore", DeprecationWarning)
        return ZawgyiDetector()


def is_zawgyi(texts: list[str]) -> bool:
    """True when the Burmese-script runs in these texts are, taken together, most likely Zawgyi."""
    runs: list[str] = []
    size = 0
    for text in texts:
        for match in _MYANMAR.finditer(text):
            runs.append(match.group())
            size += len(runs[-1])
            if size > _SAMPLE_CHARS:
                break
        if size > _SAMPLE_CHARS:
            break
    if not runs:
        return False
    return _detector().get_zawgyi_probability(" ".join(runs)) > _THRESHOLD


def to_unicode(text: str) -> str:
    """Convert one Zawgyi text to Unicode (only its Myanmar runs change)."""
    from para import zg_to_unicode

    return _MYANMAR.sub(lambda m: zg_to_unicode(m.group(), force=True), text)


def convert_all(texts: list[str]) -> tuple[list[str], bool]:
    """The texts converted to Unicode when they are Zawgyi, and whether they were."""
    if not is_zawgyi(texts):
        return texts, False
    return [to_unicode(t) for t in texts], True
