"""Markdown inline links, the one definition the stages share: "[text](address)".

Minutes kept on a forge write names, handles and issues as links; every stage reads a link as its text and the
address as no words. What counts as an address (a web or mail address, or an anchor, without spaces) is written
once here, so the tagger, the heading reader, the attendance reader and the action parser agree on it.
"""
from __future__ import annotations

import re

# "(https://...)", "(mailto:...)", "(#anchor)": the address part of a link, brackets included.
ADDRESS = r"\((?:https?://|mailto:|#)[^)\s]*\)"
# A whole link; group 1 is its text (one line, at most 200 characters).
LINK = re.compile(rf"\[([^\]\n]{{1,200}})\]{ADDRESS}")


def link_text(text: str) -> str:
    """The text with each link replaced by its words ("[Ana Reyes](https://...)" -> "Ana Reyes")."""
    return LINK.sub(r"\1", text)
