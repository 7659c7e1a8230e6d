"""The compiled attribute rules and the memoised lemmatizer annotate exactly as spaCy's
AttributeRuler and Lemmatizer do.

Real text: the 24 GUM news documents (Wikinews, CC BY 2.5, `eval/data/LICENSES.md`), the
seed and the hand-written test articles, through the shipped model's own rules. Hand-built
Docs: one test per kind of rule, each run through a stock `AttributeRuler` holding the
same patterns, so both the expected values and the equality with spaCy are asserted.
"""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from flows.settings import Settings
from flows.steps import attribute_rules, clean, lemmas, parse
from flows.steps import nlp as nlp_mod
from tests.conftest import ARTICLES, ROOT, SEED

COLUMNS = [TAG, POS, MORPH, DEP, LEMMA, HEAD]


def _real_texts() -> list[str]:
    gum = ROOT / "eval" / "data" / "gum_news_sbd.jsonl"
    texts = [json.loads(line)["text"]
             for line in gum.read_text(encoding="utf-8").splitlines() if line.strip()]
    for path in [SEED, *sorted(ARTICLES.glob("*.txt"))]:
        texts.append(clean.clean(parse.parse(path.read_text(encoding="utf-8"))).body)
    return texts


@pytest.fixture(scope="module")
def stock():
    """The shipped model, untouched (its name resolved as `nlp.load` resolves it)."""
    name = Settings().model
    try:
        return spacy.load(name)
    except OSError:
        return spacy.load(nlp_mod.ALIASES[name])


def test_the_shipped_models_rules_compile(nlp, stock):
    assert attribute_rules.compile_rules(stock.get_pipe("attribute_ruler").patterns,
                                         stock.vocab) is not None
    assert isinstance(nlp.get_pipe("attribute_ruler"), attribute_rules.AttributeRules)
    assert isinstance(nlp.get_pipe("lemmatizer"), lemmas.MemoLemmatizer)
    shipped = nlp_mod.load.__wrapped__(Settings().model, compiled_rules=False)
    assert [type(shipped.get_pipe(n)).__name__ for n in ("attribute_ruler", "lemmatizer")] == [
        "AttributeRuler", "EnglishLemmatizer"]


def test_real_news_gets_the_same_annotations(stock):
    """Every token of ~18k tokens of real news: TAG, POS, MORPH, DEP, LEMMA, HEAD equal,
    after the ruler and again after the lemmatizer that reads its POS."""
    ruler = stock.get_pipe("attribute_ruler")
    lemmatizer = stock.get_pipe("lemmatizer")
    compiled = attribute_rules.AttributeRules(stock.vocab)
    compiled.load(attribute_rules.compile_rules(ruler.patterns, stock.vocab))
    memo = lemmas.MemoLemmatizer(overwrite=False)
    memo.wrap(lemmatizer)
    tokens = changed = lemmatised = 0
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(stock.pipe(_real_texts(), batch_size=8))
    for doc in docs:
        before = doc.to_array(COLUMNS)
        theirs, ours = ruler(doc.copy()), compiled(doc.copy())
        assert (theirs.to_array(COLUMNS) == ours.to_array(COLUMNS)).all(), theirs.text[:80]
        ours_before_lemmas = ours.to_array(COLUMNS)
        assert (lemmatizer(theirs).to_array(COLUMNS) == memo(ours).to_array(COLUMNS)).all()
        tokens += len(doc)
        lemmatised += int((ours_before_lemmas != ours.to_array(COLUMNS)).any(axis=1).sum())
        changed += int((before != ours.to_array(COLUMNS)).any(axis=1).sum())
    assert tokens > 18_000
    assert changed > 0.9 * tokens  # the rules did set POS and MORPH nearly everywhere
    assert lemmatised > 0.9 * tokens  # and the lemmatizer a lemma
    assert len(memo.memo) < lemmatised / 2  # forms repeat: the memo answered most tokens


def _both(patterns: list[dict], words: list[str], **annotations) -> tuple[Doc, Doc]:
    """The same hand-built Doc through a stock ruler and through the compiled rules."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    doc = Doc(nlp.vocab, words=words, **annotations)
    rules = attribute_rules.compile_rules(patterns, nlp.vocab)
    assert rules is not None
    theirs = ruler(doc.copy())
    ours = attribute_rules.apply(rules, doc.copy())
    assert (theirs.to_array(COLUMNS) == ours.to_array(COLUMNS)).all()
    assert [str(t.morph) for t in theirs] == [str(t.morph) for t in ours]
    return theirs, ours


def test_a_later_rule_wins_and_rules_see_the_doc_before_any_rule():
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
        {"patterns": [[{"LOWER": "report"}]], "attrs": {"POS": "VERB", "TAG": "VB"}},
        # matched on the tags as the Doc came: "report" was NN, not VB, so this misses
        {"patterns": [[{"TAG": "VB"}]], "attrs": {"LEMMA": "never"}},
    ]
    _, ours = _both(patterns, ["Report", "dog"], tags=["NN", "NN"])
    assert [(t.pos_, t.tag_, str(t.morph), t.lemma_) for t in ours] == [
        ("VERB", "VB", "Number=Sing", ""), ("NOUN", "NN", "Number=Sing", "")]


def test_two_token_rules_set_the_token_their_index_names():
    patterns = [
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
        {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]],
         "attrs": {"LEMMA": "you"}},
    ]
    _, ours = _both(patterns, ["Y'", "all", "gon", "na", "see", "gon"])
    assert [t.lemma_ for t in ours] == ["you", "", "go", "to", "", ""]


def test_in_not_in_and_missing_dependencies():
    patterns = [
        {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]],
         "attrs": {"POS": "AUX"}},
        {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]],
         "attrs": {"POS": "PRON"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    ]
    words = ["That", "has", "been", "the", "plan", " "]
    _, ours = _both(patterns, words, tags=["DT", "VBZ", "VBN", "DT", "NN", ""],
                    heads=[2, 2, 4, 4, 4, 4], deps=["nsubj", "aux", "auxpass", "det", "ROOT", ""])
    assert [t.pos_ for t in ours] == ["PRON", "AUX", "AUX", "", "", "SPACE"]
    # no parse at all: DEP is missing, and NOT_IN [""] keeps those rules from matching
    _, bare = _both(patterns, ["That", "has"], tags=["DT", "VBZ"])
    assert [t.pos_ for t in bare] == ["", ""]


def test_rules_it_cannot_compile_keep_the_stock_component():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}}])
    assert attribute_rules.compile_rules(ruler.patterns, nlp.vocab) is None
    assert attribute_rules.use_compiled(nlp) is False
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_a_lemmatizer_that_may_read_more_keeps_the_stock_component():
    """Only lemmatizers known to depend on form, POS and morphology alone are memoised."""
    from spacy.pipeline import Lemmatizer

    class ReadsTheHead(Lemmatizer):
        def rule_lemmatize(self, token):
            return [token.head.text.lower()]

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert lemmas._pure_in_form_pos_morph(nlp.get_pipe("lemmatizer"))
    odd = ReadsTheHead(nlp.vocab, None, mode="rule")
    assert not lemmas._pure_in_form_pos_morph(odd)
