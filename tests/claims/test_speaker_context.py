"""Speakers found through the context of a quote (issue 10, dev speaker errors), on
hand-parsed Docs: each rule with a control that must not change."""

from __future__ import annotations

from spacy.tokens import Doc

from tests.claims.handmade import WE_WILL, hand_doc, shifted
from tests.claims.test_inherit import inherited
from tests.claims.test_speakers import speakers_of

#: `Sam Roe said it rained.` (tokens 0-5), a man's earlier report.
ROE_SAID = """
Sam    PROPN NNP compound 1
Roe    PROPN NNP nsubj    2
said   VERB  VBD ROOT     2 say
it     PRON  PRP nsubj    4
rained VERB  VBD ccomp    2 rain
.      PUNCT .   punct    2
"""


def he_said(at: int) -> str:
    """`He said it failed.` rows starting at token `at`."""
    return f"""
He     PRON  PRP nsubj {at + 1} he
said   VERB  VBD ROOT  {at + 1} say
it     PRON  PRP nsubj {at + 3}
failed VERB  VBD ccomp {at + 1} fail
.      PUNCT .   punct {at + 1}
"""


def canonical_of(doc: Doc, cue: int) -> str | None:
    sp = speakers_of(doc).attribution(doc[cue]).speaker
    assert sp is not None
    return sp.canonical


def test_a_passive_agent_is_the_logical_subject_of_the_sentence_before() -> None:
    text = "Sam Roe said it rained. The plan was criticised by Hal Doe. He said it failed."
    doc = hand_doc(text, ROE_SAID + """
The       DET   DT  det       7
plan      NOUN  NN  nsubjpass 9
was       AUX   VBD auxpass   9 be
criticised VERB VBN ROOT      9 criticise
by        ADP   IN  agent     9
Hal       PROPN NNP compound  12
Doe       PROPN NNP pobj      10
.         PUNCT .   punct     9
""" + he_said(14), ents=[(0, 2, "PERSON"), (11, 13, "PERSON")])
    assert canonical_of(doc, 15) == "Hal Doe"
    # Control: without an agent the last person speaker stays the antecedent.
    text = "Sam Roe said it rained. The plan was criticised. He said it failed."
    doc = hand_doc(text, ROE_SAID + """
The       DET   DT  det       7
plan      NOUN  NN  nsubjpass 9
was       AUX   VBD auxpass   9 be
criticised VERB VBN ROOT      9 criticise
.         PUNCT .   punct     9
""" + he_said(11), ents=[(0, 2, "PERSON")])
    assert canonical_of(doc, 12) == "Sam Roe"


def chain_doc(second: str) -> Doc:
    """Roe's report, then `Hal Doe was jailed. <second> shouted. He said it failed.`"""
    text = f"Sam Roe said it rained. Hal Doe was jailed. {second} shouted. He said it failed."
    return hand_doc(text, ROE_SAID + f"""
Hal      PROPN NNP compound  7
Doe      PROPN NNP nsubjpass 9
was      AUX   VBD auxpass   9 be
jailed   VERB  VBN ROOT      9 jail
.        PUNCT .   punct     9
{second} PRON  PRP nsubj     12 {second.lower()}
shouted  VERB  VBD ROOT      12 shout
.        PUNCT .   punct     12
""" + he_said(14), ents=[(0, 2, "PERSON"), (6, 8, "PERSON")])


def test_the_same_pronoun_as_the_previous_subject_refers_to_what_that_one_does() -> None:
    assert canonical_of(chain_doc("He"), 15) == "Hal Doe"
    # Control: another pronoun before (`She shouted.`) is no link of the chain.
    assert canonical_of(chain_doc("She"), 15) == "Sam Roe"


def adjunct_doc(adjunct: str, rows: str, ents: list[tuple[int, int, str]]) -> Doc:
    """`Sam Roe spoke. <adjunct>, he said it failed.`"""
    return hand_doc(f"Sam Roe spoke. {adjunct}, he said it failed.", """
Sam   PROPN NNP compound 1
Roe   PROPN NNP nsubj    2
spoke VERB  VBD ROOT     2 speak
.     PUNCT .   punct    2
""" + rows, ents=[(0, 2, "PERSON"), *ents])


def test_the_agent_of_a_subjectless_adjunct_is_not_the_main_clause_pronoun() -> None:
    doc = adjunct_doc("When challenged by Hal Doe", """
When       SCONJ WRB advmod   5
challenged VERB  VBN advcl    11 challenge
by         ADP   IN  agent    5
Hal        PROPN NNP compound 8
Doe        PROPN NNP pobj     6
,          PUNCT ,   punct    11
he         PRON  PRP nsubj    11
said       VERB  VBD ROOT     11 say
it         PRON  PRP nsubj    13
failed     VERB  VBD ccomp    11 fail
.          PUNCT .   punct    11
""", [(7, 9, "PERSON")])
    assert canonical_of(doc, 11) == "Sam Roe"
    # Control: the subject of an adjunct clause of its own may be the pronoun's referent.
    doc = adjunct_doc("When Hal Doe arrived", """
When    SCONJ WRB advmod   7
Hal     PROPN NNP compound 6
Doe     PROPN NNP nsubj    7
arrived VERB  VBD advcl    10 arrive
,       PUNCT ,   punct    10
he      PRON  PRP nsubj    10
said    VERB  VBD ROOT     10 say
it      PRON  PRP nsubj    12
failed  VERB  VBD ccomp    10 fail
.       PUNCT .   punct    10
""", [(5, 7, "PERSON")])
    assert canonical_of(doc, 10) == "Hal Doe"


def test_a_participle_hung_on_a_quote_shares_the_subject_of_the_clause_before() -> None:
    # The parser made the quote's `ask` the root, `adding` one of its clauses and `you`
    # the subject of `ask` (as the small model does with `…," later adding that "…"`).
    text = 'Roe spoke: "We won," adding that "you should ask."'
    doc = hand_doc(text, """
Roe    PROPN NNP nsubj  1
spoke  VERB  VBD advcl  13 speak
:      PUNCT :   punct  1
"      PUNCT ``  punct  5
We     PRON  PRP nsubj  5 we
won    VERB  VBD ccomp  1 win
,      PUNCT ,   punct  5
"      PUNCT ''  punct  5
adding VERB  VBG advcl  13 add
that   SCONJ IN  mark   13
"      PUNCT ``  punct  13
you    PRON  PRP nsubj  13 you
should AUX   MD  aux    13
ask    VERB  VB  ROOT   13 ask
.      PUNCT .   punct  13
"      PUNCT ''  punct  13
""", ents=[(0, 1, "PERSON")])
    speakers = speakers_of(doc)
    sp = speakers.attribution(doc[8]).speaker
    assert sp is not None and sp.text == "Roe"
    # Control: inside the quote, the quote's own verb keeps its own subject.
    subj = speakers.own_subject(doc[13], 0)
    assert subj is not None and subj.text == "you"


def colon_doc(subject: str, subject_rows: str, ents: list[tuple[int, int, str]]) -> Doc:
    """`<subject> issued a statement: "We will."`, the subject one token."""
    return hand_doc(f'{subject} issued a statement: {WE_WILL[0]}', subject_rows + """
issued    VERB  VBD ROOT  1 issue
a         DET   DT  det   3
statement NOUN  NN  dobj  1
:         PUNCT :   punct 3
""" + shifted(WE_WILL[1], 5).replace("ROOT", "acl ").replace(
        "will AUX   MD  acl  7", "will AUX MD acl 3"), ents=ents)


def test_a_quote_after_a_colon_belongs_to_the_subject_of_the_clause_before() -> None:
    doc = colon_doc("Doe", "Doe PROPN NNP nsubj 1", [(0, 1, "PERSON")])
    assert inherited(doc) == [("We will.", "Doe", "issued", "colon_clause")]
    # Control: a common noun introducing the quote is no speaker.
    doc = colon_doc("Everyone", "Everyone PRON NN nsubj 1", [])
    assert inherited(doc) == [("We will.", None, None, None)]


def previous_subject_doc(noun: str) -> Doc:
    """`Doe's <noun> were harsh. "We will."`"""
    return hand_doc(f"Doe's {noun} were harsh. {WE_WILL[0]}", f"""
Doe    PROPN NNP poss  2
's     PART  POS case  0
{noun} NOUN  NNS nsubj 3 {noun.rstrip('s')}
were   AUX   VBD ROOT  3 be
harsh  ADJ   JJ  acomp 3
.      PUNCT .   punct 3
""" + shifted(WE_WILL[1], 6), ents=[(0, 1, "PERSON")])


def test_a_subject_that_is_someones_words_gives_the_next_quote_their_name() -> None:
    assert inherited(previous_subject_doc("arguments")) == [
        ("We will.", "Doe", None, "previous_subject")]
    # Control: a possessor of anything else is no speaker.
    assert inherited(previous_subject_doc("cars")) == [("We will.", None, None, None)]


#: `"We will rebuild."` ending its paragraph (heads relative to its first token).
WE_WILL_REBUILD_STOP = """
"       PUNCT ``  punct 3
We      PRON  PRP nsubj 3
will    AUX   MD  aux   3
rebuild VERB  VB  ROOT  3
.       PUNCT .   punct 3
"       PUNCT ''  punct 3
¶       SPACE _SP dep   5
"""


def credit_doc(tail: str, tail_rows: str) -> Doc:
    """The quote, then a line `— Jane Doe <tail>`."""
    return hand_doc(f'"We will rebuild."\n\n— Jane Doe {tail}', WE_WILL_REBUILD_STOP + """
—    PUNCT :   punct    9
Jane PROPN NNP compound 9
Doe  PROPN NNP ROOT     9
""" + tail_rows, ents=[(8, 10, "PERSON")])


def test_a_credit_line_name_may_be_followed_by_a_participle_phrase() -> None:
    doc = credit_doc("posting on a forum", """
posting VERB VBG acl   9 post
on      ADP  IN  prep  10
a       DET  DT  det   13
forum   NOUN NN  pobj  11
""")
    assert inherited(doc) == [("We will rebuild.", "Jane Doe", None, "credit_line")]
    # Control: a clause with a finite verb after the dash is no credit.
    doc = credit_doc("agreed", "agreed VERB VBD conj 9 agree")
    assert inherited(doc)[0][1:] == (None, None, None)
