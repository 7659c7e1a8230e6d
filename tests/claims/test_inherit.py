"""Inheritance strategies (`flows.claims.inherit`) on hand-parsed Docs, one per strategy."""

from __future__ import annotations

from spacy.tokens import Doc

from flows.claims import context, quote_findings, quote_slots
from flows.claims.inherit import STRATEGIES, inherit, inherit_one, paragraph_only
from tests.claims.handmade import (
    DOE_SAID_REBUILD,
    WE_WILL,
    WE_WON_DOE_SAID,
    hand_doc,
    mentions_of,
    shifted,
)


def inherited(doc: Doc) -> list[tuple[str, str | None, str | None, str | None]]:
    """(content, speaker, cue, speaker_via) of each quote claim."""
    out = []
    for f in quote_findings(context(doc, mentions_of(doc))):
        a = f.attribution
        sp = a.speaker.text if a is not None and a.speaker is not None else None
        out.append((doc.text[f.start:f.end], sp, a.cue if a else None, f.speaker_via))
    return out


#: `"It was hard."` as a sentence of its own, heads relative to its first token.
IT_WAS_HARD = """
"    PUNCT ``  punct 2
It   PRON  PRP nsubj 2
was  AUX   VBD ROOT  2 be
hard ADJ   JJ  acomp 2
.    PUNCT .   punct 2
"    PUNCT ''  punct 2
"""
#: `Doe issued a statement.`
ISSUED_A_STATEMENT = """
Doe       PROPN NNP nsubj 1
issued    VERB  VBD ROOT  1 issue
a         DET   DT  det   3
statement NOUN  NN  dobj  1
.         PUNCT .   punct 1
"""

CONTINUATION = hand_doc('Doe said: "We won.\n\n"It was hard."', """
Doe  PROPN NNP nsubj 1
said VERB  VBD ROOT  1 say
:    PUNCT :   punct 1
"    PUNCT ``  punct 5
We   PRON  PRP nsubj 5
won  VERB  VBD ccomp 1 win
.    PUNCT .   punct 5
¶    SPACE _SP dep   6
""" + shifted(IT_WAS_HARD, 8), ents=[(0, 1, "PERSON")])


def test_continuation_takes_the_earlier_member_of_the_chain_without_cue() -> None:
    assert inherited(CONTINUATION) == [
        ("We won.", "Doe", "said", "dependency"),
        ("It was hard.", "Doe", None, "continuation"),
    ]


def test_precedence_is_the_order_of_the_list() -> None:
    ctx = context(CONTINUATION, mentions_of(CONTINUATION))
    slots = quote_slots(ctx)
    assert paragraph_only(ctx, slots, 1) is not None  # would apply too, but comes later
    got = inherit_one(ctx, slots, 1)
    assert got is not None and got[1] == "continuation"
    assert [name for name, _ in STRATEGIES] == [
        "continuation", "continuation_later", "split_quote", "credit_line", "colon_clause",
        "last_report", "previous_subject", "paragraph_only",
    ]
    assert inherit(ctx, slots)[0] == slots[0]  # a quote with its own cue keeps it


def test_continuation_later_takes_the_attribution_at_the_end_of_the_chain() -> None:
    doc = hand_doc('"We won.\n\n"It was hard," Doe said.', """
"    PUNCT ``  punct     2
We   PRON  PRP nsubj     2
won  VERB  VBD ROOT      2 win
.    PUNCT .   punct     2
¶    SPACE _SP dep       3
"    PUNCT ``  punct     7
It   PRON  PRP nsubj     7
was  AUX   VBD ROOT      7 be
hard ADJ   JJ  acomp     7
,    PUNCT ,   punct     7
"    PUNCT ''  punct     7
Doe  PROPN NNP nsubj     12
said VERB  VBD parataxis 7 say
.    PUNCT .   punct     7
""", ents=[(11, 12, "PERSON")])
    assert inherited(doc) == [
        ("We won.", "Doe", "said", "continuation_later"),
        ("It was hard", "Doe", "said", "after_quote"),
    ]


def test_split_quote_keeps_the_cue_of_its_first_half() -> None:
    text, rows = WE_WON_DOE_SAID
    doc = hand_doc(text + ' "It was hard."', rows + "\n" + shifted(IT_WAS_HARD, 8),
                   ents=[(5, 6, "PERSON")])
    assert inherited(doc) == [
        ("We won", "Doe", "said", "after_quote"),
        ("It was hard.", "Doe", "said", "split_quote"),
    ]


def test_credit_line_of_a_pull_quote() -> None:
    doc = hand_doc('"We will rebuild." — Jane Doe', """
"       PUNCT ``  punct    3
We      PRON  PRP nsubj    3
will    AUX   MD  aux      3
rebuild VERB  VB  ROOT     3
.       PUNCT .   punct    3
"       PUNCT ''  punct    3
—       PUNCT :   punct    3
Jane    PROPN NNP compound 8
Doe     PROPN NNP appos    3
""", ents=[(7, 9, "PERSON")])
    assert inherited(doc) == [("We will rebuild.", "Jane Doe", None, "credit_line")]


def test_last_report_of_the_paragraph_for_a_quote_opening_a_sentence() -> None:
    doc = hand_doc(f"{DOE_SAID_REBUILD[0]} {WE_WILL[0]}",
                   DOE_SAID_REBUILD[1] + "\n" + shifted(WE_WILL[1], 7), ents=[(0, 1, "PERSON")])
    assert inherited(doc) == [("We will.", "Doe", None, "last_report")]


def test_previous_subject_for_a_quote_opening_a_sentence() -> None:
    doc = hand_doc(f"Doe issued a statement. {WE_WILL[0]}",
                   ISSUED_A_STATEMENT + "\n" + shifted(WE_WILL[1], 5), ents=[(0, 1, "PERSON")])
    assert inherited(doc) == [("We will.", "Doe", None, "previous_subject")]


def test_previous_subject_must_be_a_named_person_or_organisation() -> None:
    town = shifted(ISSUED_A_STATEMENT, 1).replace("Doe PROPN NNP", "town NOUN NN")
    rows = "The DET DT det 1\n" + town
    doc = hand_doc(f"The town issued a statement. {WE_WILL[0]}",
                   rows + "\n" + shifted(WE_WILL[1], 6))
    assert inherited(doc) == [("We will.", None, None, None)]


def test_paragraph_only_quote_continues_the_previous_paragraphs_speaker() -> None:
    doc = hand_doc(f"{DOE_SAID_REBUILD[0]}\n\n{WE_WILL[0]}",
                   DOE_SAID_REBUILD[1] + "\n¶ SPACE _SP dep 6\n" + shifted(WE_WILL[1], 8),
                   ents=[(0, 1, "PERSON")])
    assert inherited(doc) == [("We will.", "Doe", None, "paragraph_only")]


#: `"We will rebuild"` (no final stop), heads relative to its first token.
WE_WILL_REBUILD = """
"       PUNCT ``  punct 3
We      PRON  PRP nsubj 3
will    AUX   MD  aux   3
rebuild VERB  VB  ROOT  3
"       PUNCT ''  punct 3
"""
#: `Jane Doe` as a credit of its own, heads relative to its first token.
JANE_DOE = """
Jane PROPN NNP compound 1
Doe  PROPN NNP ROOT     1
"""


def test_en_dash_credit_without_space_or_final_stop() -> None:
    doc = hand_doc('"We will rebuild" –Jane Doe', WE_WILL_REBUILD + """
–    PUNCT :   punct    3
Jane PROPN NNP compound 7
Doe  PROPN NNP appos    3
""", ents=[(6, 8, "PERSON")])
    assert inherited(doc) == [("We will rebuild", "Jane Doe", None, "credit_line")]


def test_a_citation_dashed_to_a_source_and_date_is_nobodys_quote() -> None:
    doc = hand_doc('"We will rebuild" — The Herald, 2024', WE_WILL_REBUILD + """
—      PUNCT :   punct    3
The    DET   DT  det      7
Herald PROPN NNP appos    3
,      PUNCT ,   punct    7
2024   NUM   CD  appos    7
""", ents=[(6, 8, "ORG"), (9, 10, "DATE")])
    assert inherited(doc) == []


def test_parenthesised_credit_after_the_quote() -> None:
    doc = hand_doc('"We will rebuild." (Jane Doe)', """
"       PUNCT ``  punct    3
We      PRON  PRP nsubj    3
will    AUX   MD  aux      3
rebuild VERB  VB  ROOT     3
.       PUNCT .   punct    3
"       PUNCT ''  punct    3
(       PUNCT -LRB- punct  8
Jane    PROPN NNP compound 8
Doe     PROPN NNP appos    3
)       PUNCT -RRB- punct  8
""", ents=[(7, 9, "PERSON")])
    assert inherited(doc) == [("We will rebuild.", "Jane Doe", None, "credit_line")]


def test_credit_on_the_line_after_the_quote() -> None:
    quote = WE_WILL_REBUILD.replace('"       PUNCT \'\'  punct 3', ".       PUNCT .   punct 3\n"
                                    '"       PUNCT \'\'  punct 3')
    dashed = hand_doc('"We will rebuild."\n\n— Jane Doe', quote + "¶ SPACE _SP dep 5\n"
                      + "— PUNCT : punct 9\n" + shifted(JANE_DOE, 8), ents=[(8, 10, "PERSON")])
    assert inherited(dashed) == [("We will rebuild.", "Jane Doe", None, "credit_line")]
    parens = hand_doc('"We will rebuild."\n\n(Jane Doe)', quote + "¶ SPACE _SP dep 5\n"
                      + "( PUNCT -LRB- punct 9\n" + shifted(JANE_DOE, 8)
                      + "\n) PUNCT -RRB- punct 9", ents=[(8, 10, "PERSON")])
    assert inherited(parens) == [("We will rebuild.", "Jane Doe", None, "credit_line")]


def test_a_document_reads_its_words_and_a_credit_stops_at_a_cited_title() -> None:
    doc = hand_doc('The resolution read, "We will rebuild."', """
The        DET   DT  det   1
resolution NOUN  NN  nsubj 2
read       VERB  VBD ROOT  2
,          PUNCT ,   punct 2
"          PUNCT ``  punct 7
We         PRON  PRP nsubj 7
will       AUX   MD  aux   7
rebuild    VERB  VB  ccomp 2
.          PUNCT .   punct 7
"          PUNCT ''  punct 2
""")
    assert inherited(doc) == [("We will rebuild.", "The resolution", "read", "dependency")]
    credited = hand_doc('"We will rebuild." Jane Doe, "Our Town"', """
"       PUNCT ``  punct    3
We      PRON  PRP nsubj    3
will    AUX   MD  aux      3
rebuild VERB  VB  ROOT     3
.       PUNCT .   punct    3
"       PUNCT ''  punct    3
Jane    PROPN NNP compound 7
Doe     PROPN NNP ROOT     7
,       PUNCT ,   punct    7
"       PUNCT ``  punct    11
Our     PRON  PRP$ poss    11 our
Town    PROPN NNP appos    7
"       PUNCT ''  punct    11
""", ents=[(6, 8, "PERSON")])
    assert inherited(credited)[0] == ("We will rebuild.", "Jane Doe", None, "credit_line")
