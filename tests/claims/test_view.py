"""The per-article view (`flows.claims.view`): frozen indexes of one Doc."""

from __future__ import annotations

import dataclasses

import pytest

from flows.claims.view import ArticleView
from tests.claims.handmade import hand_doc, mentions_of, text_doc

# "Jane Doe met the Tajik capital's mayor." with "Tajik" tagged PERSON as a modifier.
ROWS = """
Jane    PROPN NNP compound 1
Doe     PROPN NNP nsubj    2
met     VERB  VBD ROOT     2 meet
the     DET   DT  det      5
Tajik   PROPN NNP compound 5
capital NOUN  NN  poss     7
's      PART  POS case     5
mayor   NOUN  NN  dobj     2
.       PUNCT .   punct    2
"""


def test_person_mentions_skip_names_used_as_modifiers() -> None:
    doc = hand_doc("Jane Doe met the Tajik capital's mayor.", ROWS,
                   ents=[(0, 2, "PERSON"), (4, 5, "PERSON")])
    view = ArticleView.build(doc, mentions_of(doc))
    assert [m.text for m in view.person_mentions] == ["Jane Doe"]
    assert [m.text for m in view.by_name_word["doe"]] == ["Jane Doe"]
    assert view.tok_mention[1] is not None and view.tok_mention[1].text == "Jane Doe"
    assert view.tok_mention[2] is None


def test_paragraphs_sentences_and_characters() -> None:
    text = "First one. Second one.\n\nThird one."
    view = ArticleView.build(text_doc(text), [])
    assert view.paras == ((0, 22), (24, 34))
    assert view.para_id(23) == 0 and view.para_id(24) == 1
    assert list(view.tokens_in(0, 10)) == [0, 1, 2]
    assert view.tokens_in(22, 24) == range(6, 7)  # the break is a token of its own
    assert view.paragraph_pieces(5, 30) == [(5, 22), (24, 30)]


def test_headline_like_first_paragraph() -> None:
    assert ArticleView.build(text_doc("Storm hits coast\n\nIt rained."), []).headline_like(0)
    assert not ArticleView.build(text_doc("It rained.\n\nIt rained."), []).headline_like(0)
    assert not ArticleView.build(text_doc("Storm hits coast"), []).headline_like(0)


def test_inline_dateline_is_skipped_only_at_a_paragraph_start() -> None:
    text = "LONDON, March 3 (Reuters) - Prices rose."
    view = ArticleView.build(text_doc(text), [])
    assert view.skip_dateline(0, len(text)) == text.index("Prices")
    assert view.skip_dateline(3, len(text)) == 3
    assert view.trim(0, 8) == (0, 6)


def test_view_is_frozen() -> None:
    view = ArticleView.build(text_doc("It rained."), [])
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.text = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        view.by_entity[0] = None  # type: ignore[index]
