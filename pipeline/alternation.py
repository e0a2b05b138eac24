"""A regex alternation of listed words, the way every cue list in models/ is compiled.

Longest first, so "end of the month" wins over "end"; each word escaped; a space in a listed phrase matches any run
of white space, as minutes wrap and pad their lines. Duplicates are dropped, first listing kept.
"""
from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """'|'-joined, longest first, escaped, a space matching any white space: for inside a group of a larger regex."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(dict.fromkeys(words), key=len, reverse=True))
