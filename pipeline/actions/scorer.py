"""The learned part of action detection: a spaCy text classifier over delexicalised sentences, plus a parser."""
from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.actions.features import ANY_WORD, MIN_WORDS, delexicalise, without_links
from pipeline.actions.pos_rules import PosRules, compile_rules
from pipeline.actions.stack import STACK_FILE, Stack, load_stack
from pipeline.config import MODELS_DIR

MODEL_DIR = MODELS_DIR / "actions" / "model"
FEATURES_FILE = "features.json"  # the kept words the model was trained with, saved beside it
BAG_DIR = "bag"  # more classifiers trained with other seeds; the score is the mean over all of them
LABEL = "ACTION"
# Parsing candidate lines needs tags and dependencies, not entities or lemmas: mentions come from entities.
PARSER_EXCLUDE = ("ner", "lemmatizer")
# What the parse runs when the parser is the shared entities pipeline: its rulers and NER are skipped.
ATTRIBUTE_RULER = "attribute_ruler"
ENCODERS = ("tok2vec", "tagger")  # what the entities pass has run on a text already (see ActionScorer.reusing)
PARSER_NEEDS = (*ENCODERS, "parser", ATTRIBUTE_RULER)
PARSE_CACHE_SIZE = 2_000  # parsed candidate lines kept per worker (a few MB)
SCORE_CACHE_SIZE = 20_000  # a bag-of-words classifier scores each feature string on its own: same string, same score


@dataclass
class ActionScorer:
    """Parses candidate lines and scores their sentences with the trained classifier.

    textcat: the pipeline trained by `python -m pipeline.train`, reading feature strings.
    parser: a pipeline with a tagger and dependency parser (the configured spaCy model).
    keep: the words the features keep as written; everything else becomes its tag.
    bag: the same classifier trained with other seeds; averaging them steadies the scores of borderline
        sentences, which a single bag-of-n-grams model moves with the order it saw the data in.
    stack: a logistic regression over the bag's score and the candidate's place in its document (stack.py).
    """

    textcat: Language
    parser: Language
    keep: frozenset[str]
    imperative: re.Pattern | None = None
    batch_size: int = 64
    bag: tuple[Language, ...] = ()
    stack: Stack | None = None  # the structure layer over the bag's score (stack.py); None: the stage's bars decide
    _parsed: dict = field(default_factory=dict, repr=False, compare=False)  # enabled pipes -> text -> Doc, last used last
    _scored: dict = field(default_factory=dict, repr=False, compare=False)  # feature string -> mean score
    _rules: PosRules | bool | None = field(default=None, repr=False, compare=False)  # False: the ruler did not compile
    _encoded: Mapping[str, Doc] = field(default_factory=dict, repr=False, compare=False)  # see reusing()

    def parse(self, texts: list[str]) -> list[Doc]:
        """Parsed Docs of the texts; a line seen lately (an action table restated in the next meeting) is parsed once.

        A text the entities pass already encoded (`reusing`) is not encoded again: its tokens, tok2vec tensor and
        tags go straight to the parser. The model's attribute ruler is replaced by its compiled rules (pos_rules)
        when they compile: same POS and tags, a fraction of the time. The Docs are shared between calls: read
        them, never change them.
        """
        rules = self._pos_rules()
        skip = [n for n in self.parser.pipe_names if n not in PARSER_NEEDS or (rules and n == ATTRIBUTE_RULER)]
        cache = self._parsed.setdefault(tuple(n for n in self.parser.pipe_names if n not in skip) + (bool(rules),),
                                        OrderedDict())
        todo = list(dict.fromkeys(t for t in texts if t not in cache))
        encoded = [t for t in todo if t in self._encoded and self._encoded[t].tensor.size]  # the tok2vec ran on it
        reused = set(encoded)
        plain = [t for t in todo if t not in reused]
        docs = [*self.parser.pipe(plain, batch_size=self.batch_size, disable=skip)] if plain else []
        if encoded:
            ready = (_unannotated(self._encoded[t]) for t in encoded)
            docs += self.parser.pipe(ready, batch_size=self.batch_size, disable=skip + list(ENCODERS))
        fresh = dict(zip(plain + encoded, (rules.apply(d) for d in docs) if rules else docs))
        out = []
        for text in texts:
            doc = fresh[text] if text in fresh else cache[text]
            cache[text] = doc
            cache.move_to_end(text)
            out.append(doc)
        while len(cache) > PARSE_CACHE_SIZE:
            cache.popitem(last=False)
        return out

    @contextmanager
    def reusing(self, encoded: Mapping[str, Doc]):
        """Within the block, parse() takes the texts in `encoded` (text -> a Doc of exactly that text, from this
        parser's own pipeline with its tok2vec and tagger run) as already encoded."""
        if ENCODERS[0] not in self.parser.pipe_names or ENCODERS[1] not in self.parser.pipe_names:
            encoded = {}
        self._encoded = encoded
        try:
            yield self
        finally:
            self._encoded = {}

    def _pos_rules(self) -> PosRules | None:
        if self._rules is None:
            ruler = self.parser.get_pipe(ATTRIBUTE_RULER) if ATTRIBUTE_RULER in self.parser.pipe_names else None
            self._rules = (compile_rules(ruler) if ruler is not None else None) or False
        return self._rules or None

    def features(self, sentences: list[Span | Doc], labelled: list[bool] | None = None,
                 marked: list[bool] | None = None, context: tuple[str, ...] = ()) -> list[str]:
        lab = labelled or [False] * len(sentences)
        mrk = marked or [False] * len(sentences)
        return [delexicalise(s, self.keep, imperative=self.imperative, labelled=a, marked=b, context=context)
                for s, a, b in zip(sentences, lab, mrk)]

    def score(self, sentences: list[Span | Doc], labelled: list[bool] | None = None,
              marked: list[bool] | None = None, context: tuple[str, ...] = ()) -> list[float]:
        """Probability that each parsed sentence states an action, a plan, a request or a decision to act.

        labelled: per sentence, whether its line is attributed to someone ("[Wenke] ...").
        marked: per sentence, whether it is marked as an action (a marker, an action list, an action column).
        context: the document's context tokens (detect.document_context), given to every sentence.
        A sentence with fewer than MIN_WORDS words once its links and e-mail addresses are blanked scores 0.
        """
        features = self.features(sentences, labelled, marked, context)
        cache = self._scored
        todo = list(dict.fromkeys(f for f in features if f not in cache))
        cache.update(zip(todo, mean_scores((self.textcat, *self.bag), todo, self.batch_size)))
        # A sentence of addresses and links ("a.b@relief.org c.d@aid.org") says where, not what to do: 0, whatever
        # the tags of its pieces read like, so that not even a marked line's low bar keeps it.
        out = [0.0 if len(ANY_WORD.findall(without_links(s.text))) < MIN_WORDS else cache[f]
               for s, f in zip(sentences, features)]
        while len(cache) > SCORE_CACHE_SIZE:  # oldest first: dicts keep insertion order
            del cache[next(iter(cache))]
        return out


def _unannotated(doc: Doc) -> Doc:
    """A copy of an encoded Doc with only its tokens, tensor and tags: the entities pass's sentence starts,
    entities and spans removed, so that the parser sees what it would see after the tokenizer and tagger."""
    out = doc.copy()
    out.set_ents([], default="missing")
    out.spans.clear()
    if len(out):  # a tokenizer's Doc: the first token starts a sentence, the others are unknown
        starts = numpy.zeros((len(out), 1), dtype="uint64")
        starts[0, 0] = 1
        out.from_array([SENT_START], starts)
    return out


def mean_scores(models: tuple[Language, ...] | list[Language], features: list[str], batch_size: int = 64) -> list[float]:
    """The ACTION probability of each feature string, averaged over the models."""
    runs = [[float(d.cats.get(LABEL, 0.0)) for d in nlp.pipe(features, batch_size=batch_size)] for nlp in models]
    return [sum(r) / len(r) for r in zip(*runs)] if runs else []


def load_bag_model(path: Path, first: Language) -> Language:
    """One more seed's classifier, tokenizing with the first one's tokenizer and vocab: `make train` saves every seed
    with the same blank tokenizer (tests/test_actions_scorer.py checks it), and reading that tokenizer from disk
    again per seed was half of a worker's classifier load."""
    nlp = spacy.load(path, vocab=first.vocab, exclude=["tokenizer"])
    nlp.tokenizer = first.tokenizer
    return nlp


def load_parser(model_name: str) -> Language:
    """The configured spaCy pipeline without the components the action stage does not use."""
    return spacy.load(model_name, exclude=list(PARSER_EXCLUDE))


def load(model_dir: Path = MODEL_DIR, parser_model: str = "en_core_web_sm", parser: Language | None = None) -> ActionScorer:
    """Load the classifier saved in model_dir; parse with `parser` (the worker's shared pipeline) or load parser_model."""
    if not (model_dir / "config.cfg").is_file():
        raise FileNotFoundError(f"no action classifier in {model_dir}: run `make train`")
    features = json.loads((model_dir / FEATURES_FILE).read_text(encoding="utf-8"))
    textcat = spacy.load(model_dir)
    bag = tuple(load_bag_model(d, textcat) for d in sorted((model_dir / BAG_DIR).glob("*")) if (d / "config.cfg").is_file())
    return ActionScorer(textcat=textcat, parser=parser or load_parser(parser_model),
                        keep=frozenset(features["keep_words"]), imperative=re.compile(features["imperative"], re.IGNORECASE),
                        bag=bag, stack=load_stack(model_dir.parent / STACK_FILE))
