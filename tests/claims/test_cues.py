"""Cues (`flows.claims.cues`) on hand-parsed Docs: which rule finds a passage's cue."""

from __future__ import annotations

from spacy.tokens import Doc

from flows.claims.cues import (
    complement,
    find_passage_cues,
    is_cue,
    noun_cue,
    outermost_report,
    words_of,
)
from flows.claims.passages import Quotes, find_passages
from flows.claims.view import ArticleView
from tests.claims.handmade import SAID_WE_WON, WE_WON_DOE_SAID, hand_doc


def staged(doc: Doc) -> tuple[ArticleView, Quotes]:
    view = ArticleView.build(doc, [])
    return view, find_passages(view)


def cue_of(doc: Doc) -> tuple[str, str] | None:
    view, quotes = staged(doc)
    (got,) = find_passage_cues(view, quotes)
    return None if got is None else (got.token.text, got.via)


DEPENDENCY = hand_doc(*SAID_WE_WON)
AFTER = hand_doc(*WE_WON_DOE_SAID)

BEFORE = hand_doc('Doe said: "We won."', """
Doe  PROPN NNP nsubj     1
said VERB  VBD parataxis 5 say
:    PUNCT :   punct     1
"    PUNCT ``  punct     5
We   PRON  PRP nsubj     5
won  VERB  VBD ROOT      5 win
.    PUNCT .   punct     5
"    PUNCT ''  punct     5
""")


def next_sentence_doc(tail: str, rows: str) -> Doc:
    head = """
"    PUNCT ``  punct 2
We   PRON  PRP nsubj 2
won  VERB  VBD ROOT  2 win
.    PUNCT .   punct 2
"    PUNCT ''  punct 2
"""
    return hand_doc('"We won." ' + tail, head + rows)


def test_cue_by_dependency_arc() -> None:
    assert cue_of(DEPENDENCY) == ("said", "dependency")


def test_cue_after_the_closing_mark() -> None:
    assert cue_of(AFTER) == ("said", "after_quote")


def test_cue_before_the_opening_mark() -> None:
    assert cue_of(BEFORE) == ("said", "before_quote")


def test_cue_in_a_short_attribution_sentence_of_its_own() -> None:
    doc = next_sentence_doc("Doe said.", """
Doe  PROPN NNP nsubj 6
said VERB  VBD ROOT  6 say
.    PUNCT .   punct 6
""")
    assert cue_of(doc) == ("said", "next_sentence")


def test_next_sentence_with_its_own_report_is_no_attribution() -> None:
    doc = next_sentence_doc("Doe said rain fell.", """
Doe  PROPN NNP nsubj 6
said VERB  VBD ROOT  6 say
rain NOUN  NN  nsubj 8
fell VERB  VBD ccomp 6 fall
.    PUNCT .   punct 6
""")
    assert cue_of(doc) is None


def test_participle_adjective_and_quoted_verbs_are_no_cues() -> None:
    doc = hand_doc('An estimated cost "said" nothing.', """
An        DET   DT  det   2
estimated VERB  VBN amod  2 estimate
cost      NOUN  NN  nsubj 5
"         PUNCT ``  punct 4
said      VERB  VBD amod  2 say
"         PUNCT ''  punct 4
nothing   PRON  NN  dobj  5
.         PUNCT .   punct 5
""")
    _, quotes = staged(doc)
    assert not is_cue(quotes, doc[1])
    assert not is_cue(quotes, doc[4])  # inside quotes
    _, bare = staged(DEPENDENCY)
    assert is_cue(bare, DEPENDENCY[1])


def test_according_to_and_in_the_words_of_are_cue_phrases() -> None:
    doc = hand_doc("According to Doe, in the words of Roe, it rained.", """
According ADP   VBG  prep  10 accord
to        ADP   IN   prep  0
Doe       PROPN NNP  pobj  1
,         PUNCT ,    punct 10
in        ADP   IN   prep  10
the       DET   DT   det   6
words     NOUN  NNS  pobj  4 word
of        ADP   IN   prep  6
Roe       PROPN NNP  pobj  7
,         PUNCT ,    punct 10
it        PRON  PRP  nsubj 11
rained    VERB  VBD  ROOT  11 rain
.         PUNCT .    punct 11
""")
    _, quotes = staged(doc)
    assert is_cue(quotes, doc[0])
    got = words_of(quotes, doc[6])
    assert got is not None and got.text == "Roe"
    assert words_of(quotes, doc[8]) is None


def test_noun_tagged_reporting_verb_after_its_subject() -> None:
    doc = hand_doc('The ministry notes, "Rain fell."', """
The      DET   DT  det   1
ministry NOUN  NN  compound 2
notes    NOUN  NNS ROOT  2 note
,        PUNCT ,   punct 2
"        PUNCT ``  punct 6
Rain     NOUN  NN  nsubj 6
fell     VERB  VBD appos 2 fall
.        PUNCT .   punct 6
"        PUNCT ''  punct 6
""")
    _, quotes = staged(doc)
    assert noun_cue(quotes, doc[2])
    assert not noun_cue(quotes, doc[1])
    assert cue_of(doc) == ("notes", "before_quote")


PROMISE = hand_doc("Doe promised to rebuild and called for calm.", """
Doe      PROPN NNP nsubj 1
promised VERB  VBD ROOT  1 promise
to       PART  TO  aux   3
rebuild  VERB  VB  xcomp 1
and      CCONJ CC  cc    1
called   VERB  VBD conj  1 call
for      ADP   IN  prep  5
calm     NOUN  NN  pobj  6
.        PUNCT .   punct 1
""")


def test_complement_infinitive_and_prepositional_content() -> None:
    comp = complement(PROMISE, PROMISE[1])
    assert comp is not None and comp.text == "rebuild"
    comp = complement(PROMISE, PROMISE[5])
    assert comp is not None and comp.text == "calm"


def test_no_clausal_complement_for_frame_verbs() -> None:
    doc = hand_doc("Prices continued rising.", """
Prices    NOUN  NNS nsubj 1 price
continued VERB  VBD ROOT  1 continue
rising    VERB  VBG ccomp 1 rise
.         PUNCT .   punct 1
""")
    assert complement(doc, doc[1]) is None


def test_outermost_report_climbs_nested_reports() -> None:
    doc = hand_doc("Doe said he believes it.", """
Doe      PROPN NNP nsubj 1
said     VERB  VBD ROOT  1 say
he       PRON  PRP nsubj 3
believes VERB  VBZ ccomp 1 believe
it       PRON  PRP dobj  3
.        PUNCT .   punct 1
""")
    view, quotes = staged(doc)
    assert outermost_report(view, quotes, doc[3]).text == "said"
    comp = complement(doc, doc[1])
    assert comp is not None and comp.i == 3
