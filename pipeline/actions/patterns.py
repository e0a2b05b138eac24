"""The action cues kept as data in models/actions/patterns.json, compiled once."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.config import MODELS_DIR
from pipeline.dates.calendar import calendar

PATTERNS_PATH = MODELS_DIR / "actions" / "patterns.json"
# Where a status word can open a clause of running text: the same done words as a status cell, read in prose.
CLAUSE_START = r"(?:^|[:;,.(\[–—-]\s*|\b(?:is|are|was|were|been|now|already)\s+)"


def _rx(pattern: str, case_sensitive: bool = False) -> re.Pattern:
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


@dataclass(frozen=True)
class Marker:
    regex: re.Pattern
    kind: str


@dataclass(frozen=True)
class AttributeLine:
    regex: re.Pattern
    field: str  # owner | due | status


@dataclass(frozen=True)
class Patterns:
    """Compiled cues: line prefixes, markers, section headings, attribute lines, status and kind words."""

    bullet: re.Pattern
    checkbox_open: re.Pattern
    checkbox_done: re.Pattern
    markers: tuple[Marker, ...]
    action_headings: re.Pattern
    action_headings_anywhere: re.Pattern
    previous_action_headings: re.Pattern
    decision_headings: re.Pattern
    attribute_lines: tuple[AttributeLine, ...]
    assignee_in_value: re.Pattern
    status_done: re.Pattern
    status_done_in_text: re.Pattern  # a done word opening a clause of running text ("Posters: done"): links read it
    status_carried: re.Pattern
    status_done_after: re.Pattern  # a done word anywhere after a previous action's text ("... - completed")
    status_open: re.Pattern
    kind_decision: re.Pattern
    kind_request: re.Pattern
    kind_plan: re.Pattern
    cues: re.Pattern
    infinitive_task: re.Pattern
    actor_task: re.Pattern  # "Kits – FMT to phone ...": the task handed to a named actor; group 'actor'
    actor_not_first: frozenset[str]  # "Moved", "Authorizing": a motion's opening word, no actor's
    imperative_start: re.Pattern
    pronoun_subjects: frozenset[str]
    field_labels: frozenset[str]  # "Note:", "Conclusión:": labels that name no one
    descriptive_fields: frozenset[str]  # "Goal:", "Background:": lines that describe an item, never an action
    agenda_timing: re.Pattern  # "(**Time**: 20 min)" at the end: an agenda item, not an action
    annex_line: re.Pattern  # "ANNEX 3 - AGENDA": an annex starts; its title says whether it can hold actions
    descriptive_lead_in: re.Pattern  # "The objectives of the meeting are:": the list below describes, never assigns
    keep_words: frozenset[str]  # words the classifier's features keep as written
    skip_headings: re.Pattern  # sections that hold no actions: agenda, attendance, links
    agenda_headings: re.Pattern  # the agenda's own titles among them: one may hold the discussion (agenda_bodies)
    lead_in_tail: re.Pattern  # what may follow "Action list" on a line that opens a list
    time_lead_ins: re.Pattern  # "To do by Friday:", "Before the next meeting:": a list named by when it is due
    # (role, header regex), owner first ("Action by" is an owner column): a fallback when segment left no role
    column_headers: tuple[tuple[str, re.Pattern], ...]
    meetbot_trailer: re.Pattern  # "(jdoe, 16:12:05)" after a MeetBot line: who typed it and when, not text
    page_furniture: re.Pattern  # "Page 2 of 3", "- 4 -": a page header or footer line
    reference: re.Pattern  # "Action-3", "Task 2": a pointer to the numbered item of a list above; group 1 the number
    owner_trailing_date: re.Pattern  # "... by end of March", "... 15/03", "... TBC": a deadline closing a line
    owner_title: str  # regex alternation of the titles before an owner's name ("Cllr", "Mme", "Sra"), every language
    owner_roles: frozenset[str]  # "Clerk", "All", "Tous les partenaires": owners named by role, every language
    group_owner: re.Pattern  # "All partners to ...": a group that owns the action
    object_heads: frozenset[str]  # "with", "sur", "con": a name after one of these is an object, not an owner
    header_filler: frozenset[str]  # words a table header row holds besides column names ("No.", "Issue")
    delegating_verbs: frozenset[str] = frozenset()  # "asked", "requested", "suggests": the one asked owns the task
    delegating_to: frozenset[str] = frozenset()  # "refer ... to", "confier ... à": the one handed the matter owns it
    action_modals: frozenset[str] = frozenset()  # "will", "va", "devra": the verb they carry states the action
    conditions: frozenset[str] = frozenset()  # "if", "si": a clause they open states a condition, not an action
    personal_pronouns: frozenset[str] = frozenset()  # "he", "elle": the person named before them acts
    acting_pronouns: frozenset[str] = frozenset()  # "they", "nous": whoever acts, named in the clause they hang from
    collective_pronouns: frozenset[str] = frozenset()  # "we", "nous": the meeting; a named actor of another clause owns
    plural_pronouns: frozenset[str] = frozenset()  # "they", "ils": whom the sentence before names, when no clause does
    plan_nouns: frozenset[str] = frozenset()  # "plan": who has the plan to do it is who will do it
    plan_holders: frozenset[str] = frozenset()  # "has", "a": the verbs that hold a plan
    causative_verbs: frozenset[str] = frozenset()  # "let": in "let Ines know", Ines is told, the one who tells acts
    speaker_pronouns: frozenset[str] = frozenset()  # "I", "je": in a speaker's turn, the speaker acts
    determiners: frozenset[str] = frozenset()  # "el", "la": an article a sentence-opening name may follow
    role_heads: frozenset[str] = frozenset()  # "coordinator", "partners", "équipe": a role or group that can own


def _trailing_date(sections: dict) -> re.Pattern:
    """The deadline a line ends with after its owner, from the per-language words of `owner_trailing_dates`."""
    words = lambda key: "|".join(sorted({re.escape(w).replace(r"\ ", r"\s+") for lang, s in sections.items()
                                         if not lang.startswith("_") for w in s.get(key, ())}, key=len, reverse=True))
    cal = calendar()
    return _rx(
        rf"\s+(?:(?:{words('leads')})\s+)?(?:(?:{words('parts')})\s+(?:(?:{words('links')})\s+)?)?"
        rf"(?:\d{{1,2}}(?:{cal.day_suffix_pattern('en')})?\s+(?:de\s+)?)?(?:{cal.month_pattern})\.?(?:\s+\d{{1,2}})?"
        rf"(?:,?\s+(?:de\s+)?\d{{4}})?\s*$"
        rf"|\s+\d{{1,2}}[./-]\d{{1,2}}(?:[./-]\d{{2,4}})?\s*$|\s+(?:{words('open')})\s*$")


def load_patterns(path: Path = PATTERNS_PATH) -> Patterns:
    """Read and compile the cue file."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Patterns(
        bullet=_rx(raw["bullet"]),
        checkbox_open=_rx(raw["checkbox_open"]),
        checkbox_done=_rx(raw["checkbox_done"]),
        markers=tuple(Marker(_rx(m["pattern"], m.get("case_sensitive", False)), m["kind"]) for m in raw["markers"]),
        action_headings=_rx(raw["action_headings"]),
        action_headings_anywhere=_rx(raw["action_headings_anywhere"]),
        previous_action_headings=_rx(raw["previous_action_headings"]),
        decision_headings=_rx(raw["decision_headings"]),
        attribute_lines=tuple(AttributeLine(_rx(a["pattern"]), a["field"]) for a in raw["attribute_lines"]),
        assignee_in_value=_rx(raw["assignee_in_value"]),
        status_done=_rx(raw["status_done"]),
        status_done_in_text=_rx(CLAUSE_START + raw["status_done"].removeprefix("^")),
        status_carried=_rx(raw["status_carried"]),
        status_done_after=_rx(raw["status_done_after"]),
        status_open=_rx(raw["status_open"]),
        kind_decision=_rx(raw["kind_decision"]),
        kind_request=_rx(raw["kind_request"]),
        kind_plan=_rx(raw["kind_plan"]),
        cues=_rx(raw["cues"]),
        infinitive_task=_rx(raw["infinitive_task"], case_sensitive=True),
        actor_task=_rx(raw["actor_task"]["pattern"], case_sensitive=True),
        actor_not_first=frozenset(w for k, v in raw["actor_task"]["not_first"].items() if k != "_doc" for w in v),
        imperative_start=_rx(raw["imperative_start"]),
        pronoun_subjects=frozenset(raw["pronoun_subjects"]),
        field_labels=frozenset(raw["field_labels"]),
        descriptive_fields=frozenset(raw["descriptive_fields"]),
        agenda_timing=_rx(raw["agenda_timing"]),
        annex_line=_rx(raw["annex_line"]),
        descriptive_lead_in=_rx(raw["descriptive_lead_in"]),
        keep_words=frozenset(raw["keep_words"]),
        skip_headings=_rx(raw["skip_headings"]),
        agenda_headings=_rx(raw["agenda_headings"]),
        lead_in_tail=_rx(raw["lead_in_tail"]),
        time_lead_ins=_rx(("^(?:" + "|".join(rx for lang, rxs in raw["time_lead_ins"].items() if not lang.startswith("_")
                                            for rx in rxs) + r")\s*:$").replace("{weekday}", calendar().weekday_pattern)),
        column_headers=tuple((role, _rx(rf"\b{rx}\b")) for role, rx in raw["column_headers"].items()),
        meetbot_trailer=_rx(raw["meetbot_trailer"]),
        page_furniture=_rx(raw["page_furniture"]),
        reference=_rx(r"^(?:" + "|".join(sorted({w for lang, words in raw["reference_words"].items() if not lang.startswith("_")
                                                 for w in words}, key=len, reverse=True)) + r")\s*[-#.]?\s*(\d{1,3})\s*$"),
        owner_trailing_date=_trailing_date(raw["owner_trailing_dates"]),
        owner_title="|".join(re.escape(w) for w in sorted({w for lang, words in raw["owner_titles"].items()
                                                            if not lang.startswith("_") for w in words}, key=len, reverse=True)),
        owner_roles=frozenset(w for words in raw["owner_roles"].values() for w in words),
        group_owner=_rx(raw["group_owner"]),
        object_heads=frozenset(w for lang, words in raw["object_heads"].items() if not lang.startswith("_") for w in words),
        header_filler=frozenset(raw["header_filler"]),
        delegating_verbs=_words(raw.get("delegating_verbs", {})),
        delegating_to=_words(raw.get("delegating_to_verbs", {})),
        **{k: _words(raw.get("owner_parse", {}).get(k, {}))
           for k in ("action_modals", "conditions", "personal_pronouns", "acting_pronouns", "speaker_pronouns",
                     "collective_pronouns", "plural_pronouns", "causative_verbs", "plan_nouns", "plan_holders",
                     "determiners", "role_heads")},
    )


def _words(by_language: dict) -> frozenset[str]:
    """The words of a {"_doc": ..., "en": [...], "fr": [...]} entry, every language together."""
    return frozenset(w for lang, words in by_language.items() if not lang.startswith("_") for w in words)


@lru_cache(maxsize=1)
def default_patterns() -> Patterns:
    return load_patterns()
