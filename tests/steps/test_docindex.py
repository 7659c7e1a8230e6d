"""The shared token/sentence lists equal what spaCy's own accessors give."""

from __future__ import annotations

import pytest

from flows.steps import clean, docindex, parse
from flows.steps import nlp as nlp_mod
from flows.tables import schema
from tests.conftest import ARTICLES, SEED


@pytest.mark.parametrize("path", [SEED, *sorted(ARTICLES.glob("*.txt"))], ids=lambda p: p.name)
def test_sents_tokens_text_match_spacy(nlp, path):
    body = clean.clean(parse.parse(path.read_text(encoding="utf-8"))).body
    doc = nlp(body)
    assert [(s.start, s.end) for s in docindex.sents(doc)] == [(s.start, s.end) for s in doc.sents]
    assert [t.i for t in docindex.tokens(doc)] == list(range(len(doc)))
    docindex.share_text(doc, body)
    assert docindex.text(doc) == doc.text
    for tok in doc:
        assert [c.i for c in docindex.children(tok)] == [c.i for c in tok.children]
        assert [t.i for t in docindex.subtree(tok)] == [t.i for t in tok.subtree]
    docindex.release(doc)
    assert not doc.user_data


def test_share_text_refuses_another_text(nlp):
    doc = nlp("Xi met Rahmon in Dushanbe.")
    with pytest.raises(ValueError, match="not the text"):
        docindex.share_text(doc, "Xi met Rahmon.")


def test_count_words_skips_space_and_punctuation(nlp):
    doc = nlp("Xi said:  \"We will,\" he added.")
    assert nlp_mod.count_words(doc) == sum(1 for t in doc if not (t.is_space or t.is_punct))
    assert nlp_mod.count_words(doc) == 6


def test_token_columns_build_the_declared_frame(nlp):
    body = SEED.read_text(encoding="utf-8")
    cleaned = clean.clean(parse.parse(body))
    doc = nlp(cleaned.body)
    sents = nlp_mod.sentence_spans(doc, cleaned.paragraph_spans)
    cols = nlp_mod.token_columns(doc, nlp_mod.token_sentence_ids(doc, sents), "a")
    df = schema.table("tokens").frame(cols)
    assert df.height == len(cols["token_id"]) == 494
    assert df.columns == list(schema.table("tokens").polars_schema())
    with pytest.raises(ValueError, match="undeclared"):
        schema.table("tokens").frame({**cols, "extra": cols["token_id"]})


def test_an_empty_doc_gives_no_tokens_and_no_words(nlp):
    doc = nlp("")
    cols = nlp_mod.token_columns(doc, [], "a")
    assert schema.table("tokens").frame(cols).height == 0
    assert nlp_mod.count_words(doc) == 0
