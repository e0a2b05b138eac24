"""The action scorer's parse: candidate lines the entities pass already encoded are parsed as if fresh (slow)."""
from __future__ import annotations

import pytest

from pipeline.config import Settings
from pipeline.extract import ENTITIES_SKIP, resources

pytestmark = pytest.mark.slow

# Invented lines: several sentences (the entities pass marks sentence starts), names, a table-like row.
LINES = [
    "The Orchard Valley Trust will send the revised stock list to partners by Friday. Veslin agreed.",
    "Pending: confirm the trucks for Lower Brenn; the convoy leaves once the road reopens.",
    "WASH partners to map the 14 broken wells and share the map before the next meeting",
    "There is no update from the Kessel office. It was noted that fuel prices rose again.",
]


def _analysis(doc):
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.is_sent_start, t.norm_) for t in doc]


@pytest.fixture(scope="module")
def res():
    return resources(Settings(), None)


@pytest.mark.parametrize("line", LINES)
def test_actions_scorer_reused_encoding_parses_as_fresh(res, line):
    nlp, scorer = res["nlp"], res["scorer"]
    with nlp.select_pipes(disable=[n for n in ENTITIES_SKIP if n in nlp.pipe_names]):
        encoded = {line: nlp(line)}  # what the entities pass leaves: sentence starts, entities, tensor, tags
    assert encoded[line].has_annotation("SENT_START") and encoded[line].tensor.size
    scorer._parsed.clear()
    fresh = _analysis(scorer.parse([line])[0])
    scorer._parsed.clear()
    with scorer.reusing(encoded):
        reused = scorer.parse([line])[0]
    assert _analysis(reused) == fresh
    assert not reused.ents and reused is not encoded[line]  # the entities pass's Doc is left as it was
    assert encoded[line].ents or encoded[line].spans


def test_actions_scorer_reusing_ends_with_its_block(res):
    scorer = res["scorer"]
    with scorer.reusing({"a line": None}):
        pass
    assert scorer._encoded == {}


def test_actions_scorer_bag_models_share_the_first_tokenizer():
    """The shipped seeds were saved with the first classifier's tokenizer, so sharing it changes no score."""
    import spacy

    from pipeline.actions.scorer import BAG_DIR, MODEL_DIR, load_bag_model, mean_scores

    first = spacy.load(MODEL_DIR)
    seeds = sorted(d for d in (MODEL_DIR / BAG_DIR).glob("*") if (d / "config.cfg").is_file())
    assert seeds
    own = [spacy.load(d) for d in seeds]
    shared = [load_bag_model(d, first) for d in seeds]
    assert all(o.tokenizer.to_bytes() == first.tokenizer.to_bytes() for o in own)
    features = ["TVB ODTO ACTIONCUE the NOUN by DATE", "SPROPN TVBZ said that", "LBL TMD will share"]
    assert mean_scores([first, *shared], features) == mean_scores([first, *own], features)
    assert all(s.tokenizer is first.tokenizer for s in shared)


# Invented minutes: an action list whose contact lines a converter left among the items.
CONTACT_LIST = """# Borehole working group

Date: 4 March 2025

## Action points

- Orla Venn to send the revised pump list to the district office by Friday
- tamsin.okoro@wellspring-relief.example.org quillan.brandt@dunmore-aid.example.org
- <https://files.example.org/borehole-group/contacts>
- The hub to share the repair schedule with camp managers before the next meeting
"""


@pytest.mark.parametrize("text, links, kept", [
    (CONTACT_LIST, ("tamsin.okoro@", "<https://files."), ("Orla Venn to send", "The hub to share")),
])
def test_actions_scorer_links_alone_are_no_action(res, text, links, kept):
    """A line of e-mail addresses or links says where something is, not what to do: the classifier scores it 0,
    so not even a marked line's low bar keeps it (issue 9: no action row is a fragment of fewer than three words)."""
    from pipeline.actions.detect import detect_actions
    from pipeline.ingest import ingest
    from pipeline.model import Source
    from pipeline.runner import content_id
    from pipeline.segment import segment

    data = text.encode("utf-8")
    doc = ingest(Source("contacts.md", data, content_id(data)), settings=Settings())
    seg = segment(doc, settings=Settings())
    items = detect_actions(doc, seg, (), scorer=res["scorer"], settings=Settings())
    found = [a.text for a in items]
    assert all(any(f.startswith(k) for f in found) for k in kept), found
    assert not any(link in f for f in found for link in links), found
    addresses = "tamsin.okoro@wellspring-relief.example.org quillan.brandt@dunmore-aid.example.org"
    sentence = next(iter(res["scorer"].parse([addresses])[0].sents))
    assert res["scorer"].score([sentence], marked=[True]) == [0.0]
