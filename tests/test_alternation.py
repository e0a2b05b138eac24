"""The shared compiler of cue-word lists into a regex alternation (pipeline/alternation.py)."""
from __future__ import annotations

import re

import pytest

from pipeline.alternation import alternation


@pytest.mark.parametrize("words,text,found", [
    (["end", "end of the month"], "by the end of the month", "end of the month"),  # the longest phrase wins
    (["next  week", "week"], "due next\n  week", "next\n  week"),  # a listed space matches any white space
    (["a.m.", "am"], "at 9 a.m. sharp", "a.m."),  # listed words are literal, dots included
])
def test_alternation_longest_literal_phrase_first(words, text, found):
    assert re.search(rf"(?:{alternation(words)})", text).group(0) == found


@pytest.mark.parametrize("words", [["week", "day", "week", "fortnight"]])
def test_alternation_lists_each_word_once_longest_first(words):
    assert alternation(words) == "fortnight|week|day"
