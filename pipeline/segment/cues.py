"""Segment's cue words kept as data in models/segment/*.json, one section per language, compiled once.

Adding a language is a data edit: a new section in each file. Like pipeline/actions/patterns.py, every file is
read into a frozen, typed object; the compiled regexes are case-insensitive.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from pipeline.alternation import alternation
from pipeline.config import MODELS_DIR
from pipeline.dates.calendar import UNIT_DAYS, Calendar, calendar

SEGMENT_MODELS = MODELS_DIR / "segment"


def _sections(path: Path) -> dict[str, dict]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {lang: section for lang, section in raw.items() if not lang.startswith("_")}


@dataclass(frozen=True)
class NextMeetingCues:
    """How minutes announce the next meeting (models/segment/next_meeting.json), all languages merged."""

    announce: re.Pattern  # "Next meeting", "Date of next meeting", "Prochaine réunion", "Próxima reunión"
    languages: tuple[tuple[str, re.Pattern], ...]  # (language, its cues): the announcement's own language
    unset: re.Pattern  # "TBC", "à confirmer": no date is fixed yet
    relative: re.Pattern  # "in two weeks", "dans trois semaines", "la semana que viene"
    numbers: Mapping[str, int]  # "two" -> 2
    unit_days: Mapping[str, int]  # "weeks" -> 7 (the calendar's unit words)
    month_units: frozenset[str]  # "months", "mois"
    fixed_days: Mapping[str, int]  # "next week" -> 7 (keys with single spaces, lower case)
    day_article: str  # regex alternation: "the", "le", "el día" before a day number without its month
    clock_link: str  # regex alternation: "at", "à", "a las" before the meeting's clock time
    day_follower: str  # regex alternation: "at", "au", "en" after a day number without its month

    def language_of(self, text: str) -> str | None:
        """The language whose cue announces the next meeting in `text`."""
        return next((lang for lang, rx in self.languages if rx.search(text)), None)

    def days_after(self, found: re.Match) -> tuple[int, int] | None:
        """(days, months) after the meeting that a `relative` match states."""
        if found.group("fixed"):
            return self.fixed_days[re.sub(r"\s+", " ", found.group("fixed").lower())], 0
        amount = found.group("n").lower()
        n = int(amount) if amount.isdigit() else self.numbers.get(amount)
        unit = found.group("unit").lower()
        if n is None:
            return None
        return (0, n) if unit in self.month_units else (n * self.unit_days[unit], 0)


def load_next_meeting(path: Path = SEGMENT_MODELS / "next_meeting.json", cal: Calendar | None = None) -> NextMeetingCues:
    """The cues of `path`; the number and unit words ("two", "semaines") are the calendar's (models/dates/calendar.json)."""
    sections = _sections(path)
    per_language = tuple((lang, re.compile("|".join(s["cues"]), re.I)) for lang, s in sections.items())
    merged = lambda key: [w for s in sections.values() for w in s.get(key, ())]
    cal = cal or calendar()
    numbers = {k.lower(): v for k, v in cal.numbers.items()}
    units = {w: UNIT_DAYS[u] for w, u in cal.unit_words.items() if u in UNIT_DAYS}
    months = frozenset(w for w, u in cal.unit_words.items() if u == "month")
    fixed = {re.sub(r"\s+", " ", k.lower()): v for s in sections.values() for k, v in s.get("fixed", {}).items()}
    after = rf"(?:\s+(?:{alternation(merged('after_units'))}))?" if merged("after_units") else ""  # "... from today"
    relative = re.compile(
        rf"(?<![\w'’])(?:(?P<fixed>{alternation(fixed)})"
        rf"|(?:{alternation(merged('within'))})\s+(?P<n>\d{{1,2}}|{alternation(numbers)})\s+(?P<unit>{alternation([*units, *months])})"
        rf"{after})(?![\w])", re.I)
    return NextMeetingCues(
        announce=re.compile("|".join(rx.pattern for _, rx in per_language), re.I), languages=per_language,
        unset=re.compile(rf"(?<![\w])(?:{alternation(merged('unset'))})(?![\w])", re.I), relative=relative,
        numbers=MappingProxyType(numbers), unit_days=MappingProxyType(units), month_units=months,
        fixed_days=MappingProxyType(fixed), day_article=alternation(merged("day_articles")),
        clock_link=alternation(merged("clock_links")), day_follower=alternation(merged("day_followers")))


@lru_cache(maxsize=1)
def next_meeting_cues() -> NextMeetingCues:
    """The shipped next-meeting cues, loaded once per process."""
    return load_next_meeting()


def _fragments(sections: dict[str, dict], key: str) -> str:
    """The regex fragments of every language under `key`, as one alternation (longest first)."""
    found = list(dict.fromkeys(f for s in sections.values() for f in s.get(key, ())))
    return "|".join(sorted(found, key=len, reverse=True))


@dataclass(frozen=True)
class HeadingWords:
    """What a heading or line is, by its words (models/segment/headings.json), all languages merged."""

    aob: re.Pattern  # "AOB", "Divers", "Ruegos y preguntas"
    front_matter: re.Pattern  # "Agenda", "Attendance", "Ordre du jour": no agenda item
    not_leads: re.Pattern  # "Action:", "Note:", "Acuerdos:": a marker or field, not a reporter
    agenda_intro: re.Pattern  # "Agenda", "the following points", "orden del día"
    update_by: re.Pattern  # "Update from X" / "X update": groups who, who2
    page_furniture: re.Pattern  # "Page 2 of 5", "- 3 -", "2/7"
    title_prefix: re.Pattern  # "Minutes of the", "Compte rendu de la"
    item_number: str  # regex fragment of the numbers words write: "Agenda item 4.1", "Topic 2", "2º punto del día"
    explicit_item: re.Pattern  # the numbers that say their line is an agenda item ("Item 3", "Punto 2", "2º")
    series_noun: re.Pattern  # "Meeting Minutes ", "Week ": text ending where a meeting's sequence number follows
    lower_words: frozenset[str]  # "of", "de", "y": lower-case words a capitalised name may hold
    sentence_openers: frozenset[str]  # "the", "il", "el": capitalised, they open a sentence, not a title's next word
    name_links: frozenset[str]  # "from", "par", "por": after them a capitalised word goes on the title
    bullet: re.Pattern  # a list item's bullet or checkbox at the start of a line: "• ", "⮚ ", "[x] "
    inline_bullet: re.Pattern  # a glyph that separates the items of a list flattened onto one line: " ▪ "


def load_heading_words(path: Path = SEGMENT_MODELS / "headings.json") -> HeadingWords:
    s = _sections(path)
    f = lambda key: _fragments(s, key)
    update, links = f("update_words"), f("update_links")
    item, topic, action, point = f("item_words"), f("topic_words"), f("action_words"), f("point_words")
    prefix = rf"(?:(?:{f('item_prefixes')})\s+)?"
    # "Agenda item # 1", "Item-2", "Item no. 3": a number sign or a dash may stand between the word and its number
    signs = f("number_signs")
    between = rf"(?:\s*(?:{signs})\s*|\s*[-–]\s*|\s+)" if signs else r"(?:\s*[-–]\s*|\s+)"
    item_number = "|".join(alt for alt in (
        rf"{prefix}(?:{'|'.join(x for x in (item, topic) if x)}){between}\d+(?:\.\d+)*[a-z]?" if item or topic else "",
        rf"(?:{action})\s+\d+(?:\.\d+)+" if action else "",
        rf"(?:{point}){between}\d+" if point else "",
        rf"\d{{1,2}}\s*[º°]\s*(?:{point})(?:\s+(?:{f('of_the_day')}))?" if point else "") if alt)
    explicit = [rf"^{prefix}(?:{item})" if item else "", rf"^(?:{action})\s" if action else "",
                rf"^(?:{point})\s" if point else "", r"\d\s*[º°]"]
    return HeadingWords(
        aob=re.compile(rf"^(?:{f('aob')})\b", re.I),
        front_matter=re.compile(rf"^(?:{f('front_matter')})\b", re.I),
        not_leads=re.compile(rf"^(?:{f('not_leads')})$", re.I),
        agenda_intro=re.compile(rf"\b(?:{f('agenda_intro')})", re.I),
        update_by=re.compile(rf"^(?:{update})\s+(?:{links})\s+(?P<who>.+?)\s*$|^(?P<who2>.+?)\s+(?:{update})\s*$", re.I),
        page_furniture=re.compile(rf"^\s*(?:(?:{f('page_words')})\s*\d+(?:\s*(?:{f('page_links')})\s*\d+)?|"
                                  r"[-–~]\s*\d+\s*[-–~]|\d+\s*/\s*\d+|\d{1,3})\s*$", re.I),
        title_prefix=re.compile(rf"^(?:{f('title_prefixes')})\s+(?:{f('title_links')})?", re.I),
        item_number=item_number, explicit_item=re.compile("|".join(x for x in explicit if x), re.I),
        series_noun=re.compile(rf"(?<![\w])(?:{f('series_words')})\s*$", re.I),
        lower_words=frozenset(w.lower() for sec in s.values() for w in sec.get("lower_words", ())),
        sentence_openers=frozenset(w.lower() for sec in s.values() for w in sec.get("sentence_openers", ())),
        name_links=frozenset(w.lower() for sec in s.values() for w in sec.get("name_links", ())),
        bullet=re.compile(rf"^\s*(?:{_glyphs(s, 'bullet_glyphs')}|\[[ xX]?\])\s+"),
        inline_bullet=re.compile(rf"(?:^|(?<=\s)){_glyphs(s, 'inline_glyphs')}\s+"),
    )


def _glyphs(sections: dict[str, dict], key: str) -> str:
    """The glyphs listed under `key` as a character class (one that matches nothing when none is listed)."""
    glyphs = "".join(re.escape(g) for g in dict.fromkeys(g for sec in sections.values() for g in sec.get(key, ())))
    return f"[{glyphs}]" if glyphs else "(?!)"


@lru_cache(maxsize=1)
def heading_words() -> HeadingWords:
    """The shipped heading words, loaded once per process."""
    return load_heading_words()


_NAME = r"[A-ZÀ-ÖØ-Ý][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Ý][\w'’-]+){0,3}"
# A name before the verb that makes it the chair keeps to its line: "1.1 Opening" / "Ana was elected Chair".
_LINE_NAME = r"[A-ZÀ-ÖØ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-ÖØ-Ý][\w'’-]+){0,3}"


@dataclass(frozen=True)
class ChairWords:
    """How minutes name who chairs (models/segment/chair.json), all languages merged."""

    role: re.Pattern  # "Chair", "Facilitator" in an attendee's role
    deputy: re.Pattern  # "Vice", "Co-": the role stands in for the chair
    president: re.Pattern  # "President", "Présidente": a last-resort role
    # groups a (elected), b (chaired by), c (Chair Name), f (Name [(Org) | , office,] chaired the), d (MeetBot)
    sentence: re.Pattern
    honorific: re.Pattern  # "Mr ", "M. ", "Sra. " before a name: no part of it
    not_names: frozenset[str]  # "committee", "decision": words no chair's name holds
    office: re.Pattern  # one word of an office ("Director", "Coordinator", "Secrétaire"): no part of a name
    particles: frozenset[str]  # "de", "del", "van": lower-case words inside a name ("María del Carmen Ruiz")


def load_chair_words(path: Path = SEGMENT_MODELS / "chair.json",
                     participants_path: Path = SEGMENT_MODELS / "participants.json") -> ChairWords:
    s = _sections(path)
    f = lambda key: _fragments(s, key)
    people = _sections(participants_path)
    titles = [*(t for sec in people.values() for t in sec.get("honorifics", ())),
              *(t for sec in s.values() for t in sec.get("titles", ()))]
    offices = _fragments(people, "role_words") + "|" + f("roles") if f("roles") else _fragments(people, "role_words")
    hon = rf"(?:(?:{'|'.join(sorted(map(re.escape, set(titles)), key=len, reverse=True))})\.?\s+)?"
    sentence = re.compile(
        rf"(?P<a>(?:[A-ZÀ-ÖØ-Ý][\w'’-]+[ \t]+){{0,3}}[A-ZÀ-ÖØ-Ý][\w'’-]+)(?:\s+\([^)]*\))?\s+(?i:{f('elected')})\b"
        rf"|\b(?i:{f('chaired_by')})\s*(?:(?i:the)\s+[\w-]+(?:\s+[\w-]+)?,\s+)?{hon}(?P<b>{_NAME})"
        r"|\b(?i:chair(?:person|man|woman)?):?[ \t]+(?P<c>[A-ZÀ-ÖØ-Ý][\w'’-]+(?:[ \t]+(?:[A-ZÀ-ÖØ-Ý]\.?(?=[ \t])|[A-ZÀ-ÖØ-Ý][\w'’-]+)){1,3})"
        rf"|(?P<f>{_LINE_NAME})(?:\s+\([^)]*\)|,[ \t][^,;.\n]{{3,60}},)?\s+(?i:{f('chaired_the')})\s+"
        rf"(?i:the\s+(?:{f('chaired_objects')}))"
        rf"|\b(?i:{f('started_by')})\s+(?P<d>[\w|.-]+)\s+(?i:at)\b")
    return ChairWords(
        role=re.compile(rf"\b(?:{f('roles')})\b", re.I), deputy=re.compile(rf"\b(?:{f('deputies')})", re.I),
        president=re.compile(rf"\b(?:{f('presidents')})", re.I), sentence=sentence,
        honorific=re.compile(hon), not_names=frozenset(w.lower() for sec in s.values() for w in sec.get("not_names", ())),
        office=re.compile(rf"(?:{offices})", re.I),
        particles=frozenset(w for sec in people.values() for w in sec.get("name_particles", ())))


@lru_cache(maxsize=1)
def chair_words() -> ChairWords:
    """The shipped chair words, loaded once per process."""
    return load_chair_words()
