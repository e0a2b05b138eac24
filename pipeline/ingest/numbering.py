"""Word list numbering rendered as text ("1.", "a)", "iv.", "•"), the way Word shows it.

Word stores the number of a list paragraph nowhere: it is computed from numbering.xml (the level's numFmt and
lvlText, e.g. "%1.%2)") and running counters. Lists whose numbers carry meaning ("Action 3") would lose them.
Counters run per abstract list, so two w:num sharing one abstractNum continue each other unless the second
restarts with a startOverride, which is how Word behaves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VAL = f"{{{W}}}val"
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def int_attr(el, default: int | None = None, lo: int = 0, hi: int = 10_000) -> int | None:
    """w:val of an element as a bounded int; hostile files put anything there."""
    if el is None:
        return default
    try:
        return max(lo, min(hi, int(el.get(_VAL))))
    except (TypeError, ValueError):
        return default


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's numFmt styles; unknown styles fall back to decimal as Word's fallback does."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        text = roman(n) if 0 < n < 4000 else str(n)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def bullet_text(text: str) -> str:
    """Symbol/Wingdings bullets are private-use code points: show "•" (and Courier's "o" as "◦")."""
    if not text or any("\ue000" <= ch <= "\uf8ff" for ch in text):
        return "•"
    return "◦" if text == "o" else text


class Numbering:
    """numbering.xml plus running counters; `render(num_id, ilvl)` returns the marker and advances the list."""

    def __init__(self, root=None):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.seen: set[str] = set()
        if root is not None:
            self._read(root)

    def _read(self, root) -> None:
        for abstract in root.iterchildren(q("abstractNum")):
            self.abstract[abstract.get(q("abstractNumId"), "")] = _levels(abstract)
        for num in root.iterchildren(q("num")):
            ref = num.find(q("abstractNumId"))
            abstract_id = ref.get(_VAL, "") if ref is not None else ""
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for override in num.iterchildren(q("lvlOverride")):
                ilvl = int_attr_named(override, "ilvl")
                start = override.find(q("startOverride"))
                if start is not None:
                    starts[ilvl] = int_attr(start, 1)
                levels.update(_levels(override))
            self.nums[num.get(q("numId"), "")] = (abstract_id, starts, levels)

    def render(self, num_id: str, ilvl: int) -> str | None:
        """The marker Word shows for the next paragraph of list `num_id` at level `ilvl`, or None if no list."""
        if num_id in ("", "0") or num_id not in self.nums:
            return None
        abstract_id, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            for lvl, start in starts.items():
                counters[lvl] = start - 1
        level = levels.get(ilvl, Level())
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return bullet_text(level.text)

        def value(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, Level())
            return format_number(counters.get(k, lvl.start), lvl.fmt)

        return _PLACEHOLDER.sub(value, level.text).strip()


def int_attr_named(el, name: str) -> int:
    try:
        return max(0, min(8, int(el.get(q(name)))))
    except (TypeError, ValueError):
        return 0


def _levels(parent) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in parent.iterchildren(q("lvl")):
        fmt = lvl.find(q("numFmt"))
        text = lvl.find(q("lvlText"))
        levels[int_attr_named(lvl, "ilvl")] = Level(
            start=int_attr(lvl.find(q("start")), 1),
            fmt=(fmt.get(_VAL) if fmt is not None else None) or "decimal",
            text=(text.get(_VAL) if text is not None else None) or "",
        )
    return levels
