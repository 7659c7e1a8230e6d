"""Check-worthiness features (`flows.claims.checkworthiness`) on hand-tagged Docs."""

from __future__ import annotations

import pytest

from flows.claims import ASSERTION_THRESHOLD, score_check_worthiness
from flows.claims.lexicon_en import FEATURE_WEIGHTS
from tests.claims.handmade import hand_doc


def test_facts_with_numbers_dates_and_past_events_score_high() -> None:
    doc = hand_doc("Police arrested 12 people in Paris on Monday.", """
Police   NOUN  NNS nsubj 1 police
arrested VERB  VBD ROOT  1 arrest
12       NUM   CD  nummod 3
people   NOUN  NNS dobj  1 person
in       ADP   IN  prep  1
Paris    PROPN NNP pobj  4
on       ADP   IN  prep  1
Monday   PROPN NNP pobj  6
.        PUNCT .   punct 1
""", ents=[(5, 6, "GPE"), (7, 8, "DATE")])
    score, fired = score_check_worthiness(doc)
    assert fired == ["finite_verb", "named_entity", "number", "statistic", "date",
                     "past_event_verb"]
    assert score == pytest.approx(min(1.0, sum(FEATURE_WEIGHTS[f] for f in fired)))
    assert score >= ASSERTION_THRESHOLD


def test_hedged_first_person_question_scores_zero() -> None:
    doc = hand_doc("Could we perhaps go?", """
Could   AUX   MD  aux    3 could
we      PRON  PRP nsubj  3
perhaps ADV   RB  advmod 3
go      VERB  VB  ROOT   3
?       PUNCT .   punct  3
""")
    score, fired = score_check_worthiness(doc)
    assert fired == ["finite_verb", "modal", "hedge", "first_second_person", "question", "short"]
    assert score == 0.0


def test_no_finite_verb_is_no_claim() -> None:
    doc = hand_doc("Storm over Paris", """
Storm NOUN  NN  ROOT  0
over  ADP   IN  prep  0
Paris PROPN NNP pobj  1
""", ents=[(2, 3, "GPE")])
    assert score_check_worthiness(doc) == (0.0, ["no_finite_verb"])


def test_copula_description_and_subjective_words_lower_the_score() -> None:
    doc = hand_doc("The long film was truly wonderful tonight.", """
The       DET   DT  det    2
long      ADJ   JJ  amod   2
film      NOUN  NN  nsubj  3
was       AUX   VBD ROOT   3 be
truly     ADV   RB  advmod 5
wonderful ADJ   JJ  acomp  3
tonight   NOUN  NN  npadvmod 3
.         PUNCT .   punct  3
""")
    score, fired = score_check_worthiness(doc)
    assert fired == ["finite_verb", "subjective_language", "copula_description"]
    assert score == 0.0
