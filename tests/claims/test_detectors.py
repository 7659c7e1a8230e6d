"""One detector per claim kind (`flows.claims.detectors`) on hand-parsed Docs."""

from __future__ import annotations

from spacy.tokens import Doc

from flows.claims import context, extract_claims, quote_findings, reported_findings
from flows.claims.detectors import (
    AccordingToDetector,
    AssertionDetector,
    Attributed,
    BeliefDetector,
    Context,
    DirectQuoteDetector,
    Finding,
    IndirectDetector,
    PartialQuoteDetector,
    Reported,
)
from tests.claims.handmade import SAID_WE_WON, hand_doc, mentions_of


def ctx_of(doc: Doc) -> Context:
    return context(doc, mentions_of(doc))


def summary(doc: Doc, found: tuple[Finding, ...]) -> list[tuple[str, str, str | None, str | None]]:
    out = []
    for f in found:
        sp = f.attribution.speaker if f.attribution is not None else None
        out.append((f.kind, doc.text[f.start:f.end], sp.text if sp else None, f.speaker_via))
    return out


DIRECT = hand_doc(*SAID_WE_WON, ents=[(0, 1, "PERSON")])

PARTIAL = hand_doc('Doe called the plan "a total disaster".', """
Doe      PROPN NNP nsubj 1
called   VERB  VBD ROOT  1 call
the      DET   DT  det   3
plan     NOUN  NN  dobj  1
"        PUNCT ``  punct 7
a        DET   DT  det   7
total    ADJ   JJ  amod  7
disaster NOUN  NN  oprd  1
"        PUNCT ''  punct 7
.        PUNCT .   punct 1
""", ents=[(0, 1, "PERSON")])


def test_direct_detector_takes_stand_alone_passages_only() -> None:
    assert summary(DIRECT, DirectQuoteDetector().detect(ctx_of(DIRECT))) == [
        ("direct_quote", "We won.", "Doe", "dependency")
    ]
    assert DirectQuoteDetector().detect(ctx_of(PARTIAL)) == ()


def test_partial_detector_takes_reported_fragments() -> None:
    assert summary(PARTIAL, PartialQuoteDetector().detect(ctx_of(PARTIAL))) == [
        ("partial_quote", "a total disaster", "Doe", "fragment_cue")
    ]
    assert PartialQuoteDetector().detect(ctx_of(DIRECT)) == ()


def scare_doc(words: list[str]) -> Doc:
    quoted = " ".join(words)
    rows = ["The DET DT det 1", "plan NOUN NN nsubj 2", "was AUX VBD ROOT 2 be",
            '" PUNCT `` punct 2']
    rows += [f"{w} NOUN NN attr 2" for w in words]
    rows += ["\" PUNCT '' punct 2", ". PUNCT . punct 2"]
    return hand_doc(f'The plan was "{quoted}".', "\n".join(rows))


def test_short_unreported_fragment_is_a_scare_quote_a_long_one_has_no_speaker() -> None:
    short = scare_doc(["reform"])
    assert PartialQuoteDetector().detect(ctx_of(short)) == ()
    long = scare_doc(["a", "reform", "of", "everything"])
    assert summary(long, PartialQuoteDetector().detect(ctx_of(long))) == [
        ("partial_quote", "a reform of everything", None, None)
    ]


def test_words_cited_as_words_are_nobodys_quote() -> None:
    doc = hand_doc('Doe dropped the words "and Emergency" from it.', """
Doe       PROPN NNP nsubj 1
dropped   VERB  VBD ROOT  1 drop
the       DET   DT  det   3
words     NOUN  NNS dobj  1 word
"         PUNCT ``  punct 6
and       CCONJ CC  cc    6
Emergency PROPN NNP appos 3
"         PUNCT ''  punct 6
from      ADP   IN  prep  1
it        PRON  PRP pobj  8
.         PUNCT .   punct 1
""")
    ctx = ctx_of(doc)
    assert DirectQuoteDetector().detect(ctx) == PartialQuoteDetector().detect(ctx) == ()


INDIRECT = hand_doc("Officials said the bridge would reopen.", """
Officials NOUN  NNS nsubj 1 official
said      VERB  VBD ROOT  1 say
the       DET   DT  det   3
bridge    NOUN  NN  nsubj 5
would     AUX   MD  aux   5
reopen    VERB  VB  ccomp 1
.         PUNCT .   punct 1
""")


def test_indirect_detector_reports_the_complement() -> None:
    ctx = ctx_of(INDIRECT)
    found = IndirectDetector().detect(Reported(ctx, quote_findings(ctx)))
    assert summary(INDIRECT, found) == [
        ("indirect", "the bridge would reopen", "Officials", "reporting_verb")
    ]
    (claim,) = extract_claims(INDIRECT, [])
    assert (claim.cue, claim.speaker_canonical, claim.speaker_via) == (
        "said", "officials", "reporting_verb"
    )


def test_negated_cue_reports_nothing() -> None:
    doc = hand_doc("Officials did not say the bridge would reopen.", """
Officials NOUN  NNS nsubj 3 official
did       AUX   VBD aux   3 do
not       PART  RB  neg   3
say       VERB  VB  ROOT  3
the       DET   DT  det   5
bridge    NOUN  NN  nsubj 7
would     AUX   MD  aux   7
reopen    VERB  VB  ccomp 3
.         PUNCT .   punct 3
""")
    ctx = ctx_of(doc)
    assert IndirectDetector().detect(Reported(ctx, ())) == ()


def test_only_the_outermost_report_is_a_claim() -> None:
    doc = hand_doc("Apple said it expected that sales would rise.", """
Apple    PROPN NNP nsubj 1
said     VERB  VBD ROOT  1 say
it       PRON  PRP nsubj 3
expected VERB  VBD ccomp 1 expect
that     SCONJ IN  mark  7
sales    NOUN  NNS nsubj 7 sale
would    AUX   MD  aux   7
rise     VERB  VB  ccomp 3
.        PUNCT .   punct 1
""", ents=[(0, 1, "ORG")])
    ctx = ctx_of(doc)
    reported = Reported(ctx, ())
    found = IndirectDetector().detect(reported)
    assert [doc.text[f.cue_char:f.cue_char + 4] for f in found if f.cue_char] == ["said"]
    assert BeliefDetector().detect(reported) == ()  # `expected` is inside `said`
    assert summary(doc, reported_findings(reported)) == [
        ("indirect", "it expected that sales would rise", "Apple", "reporting_verb")
    ]


ACCORDING = hand_doc("According to police, the fire destroyed two homes.", """
According VERB  VBG prep    6 accord
to        ADP   IN  prep    0
police    NOUN  NNS pobj    1
,         PUNCT ,   punct   6
the       DET   DT  det     5
fire      NOUN  NN  nsubj   6
destroyed VERB  VBD ROOT    6 destroy
two       NUM   CD  nummod  8
homes     NOUN  NNS dobj    6 home
.         PUNCT .   punct   6
""")


def test_according_to_detector() -> None:
    ctx = ctx_of(ACCORDING)
    found = AccordingToDetector().detect(Reported(ctx, ()))
    assert summary(ACCORDING, found) == [
        ("indirect", "the fire destroyed two homes", "police", "according_to")
    ]
    assert found[0].attribution is not None
    assert found[0].attribution.according_to == "police"
    assert IndirectDetector().detect(Reported(ctx, ())) == ()


def test_indirect_content_may_not_overlap_a_quote_claim() -> None:
    ctx = ctx_of(INDIRECT)
    quote = Finding("partial_quote", 10, 20)
    assert IndirectDetector().detect(Reported(ctx, (quote,))) == ()


ASSERTED = hand_doc("The fire destroyed 200 homes in 2023.", """
The       DET   DT  det    1
fire      NOUN  NN  nsubj  2
destroyed VERB  VBD ROOT   2 destroy
200       NUM   CD  nummod 4
homes     NOUN  NNS dobj   2 home
in        ADP   IN  prep   2
2023      NUM   CD  pobj   5
.         PUNCT .   punct  2
""", ents=[(6, 7, "DATE")])


def test_assertion_detector_keeps_check_worthy_sentences_not_hosting_claims() -> None:
    ctx = ctx_of(ASSERTED)
    (found,) = AssertionDetector().detect(Attributed(ctx.view, ()))
    assert (found.kind, ASSERTED.text[found.start:found.end]) == (
        "assertion", "The fire destroyed 200 homes in 2023."
    )
    assert found.features == ("finite_verb", "number", "statistic", "date", "past_event_verb")
    assert found.check_worthiness == 0.9
    hosting = Finding("indirect", 0, 3, cue_char=20)
    assert AssertionDetector().detect(Attributed(ctx.view, (hosting,))) == ()


def test_detectors_name_their_kinds() -> None:
    kinds = [d.kind for d in (DirectQuoteDetector(), PartialQuoteDetector(), IndirectDetector(),
                              AccordingToDetector(), AssertionDetector())]
    assert kinds == ["direct_quote", "partial_quote", "indirect", "indirect", "assertion"]


# --------------------------------------------------------------------------- beliefs


def reported(doc: Doc) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, content, speaker, cue) of every outermost report of `doc`."""
    found = reported_findings(Reported(ctx_of(doc), ()))
    out = []
    for f in found:
        a = f.attribution
        sp = a.speaker.text if a is not None and a.speaker is not None else None
        out.append((f.kind, doc.text[f.start:f.end], sp, a.cue if a is not None else None))
    return out


BELIEVES_ROWS = """
Smith    PROPN NNP nsubj 1
believes VERB  VBZ ROOT  1 believe
the      DET   DT  det   3
plan     NOUN  NN  nsubj 5
will     AUX   MD  aux   5
fail     VERB  VB  ccomp 1
.        PUNCT .   punct 1
"""
BELIEVES = hand_doc("Smith believes the plan will fail.", BELIEVES_ROWS, ents=[(0, 1, "PERSON")])


def test_belief_verb_with_a_clause_is_a_belief_not_an_indirect_claim() -> None:
    assert reported(BELIEVES) == [("belief", "the plan will fail", "Smith", "believes")]
    ctx = ctx_of(BELIEVES)
    assert IndirectDetector().detect(Reported(ctx, ())) == ()
    (claim,) = [c for c in extract_claims(BELIEVES, mentions_of(BELIEVES)) if c.kind == "belief"]
    assert (claim.cue_lemma, claim.speaker_via) == ("believe", "belief_verb")


def test_want_with_an_object_and_an_infinitive_starts_the_content_at_the_object() -> None:
    doc = hand_doc("The senator wants the governor to resign.", """
The      DET   DT  det   1
senator  NOUN  NN  nsubj 2
wants    VERB  VBZ ROOT  2 want
the      DET   DT  det   4
governor NOUN  NN  nsubj 6
to       PART  TO  aux   6
resign   VERB  VB  ccomp 2
.        PUNCT .   punct 2
""")
    assert reported(doc) == [("belief", "the governor to resign", "The senator", "wants")]


WANTS_TO_CUT = hand_doc("Republicans want to cut taxes.", """
Republicans PROPN NNPS nsubj 1 republican
want        VERB  VBP  ROOT  1
to          PART  TO   aux   3
cut         VERB  VB   xcomp 1
taxes       NOUN  NNS  dobj  3 tax
.           PUNCT .    punct 1
""", ents=[(0, 1, "NORP")])


def test_an_infinitival_belief_keeps_to_and_want_with_a_noun_is_no_belief() -> None:
    assert reported(WANTS_TO_CUT) == [("belief", "to cut taxes", "Republicans", "want")]
    doc = hand_doc("Republicans want lower taxes.", """
Republicans PROPN NNPS nsubj 1 republican
want        VERB  VBP  ROOT  1
lower       ADJ   JJR  amod  3 low
taxes       NOUN  NNS  dobj  1 tax
.           PUNCT .    punct 1
""", ents=[(0, 1, "NORP")])
    assert reported(doc) == []


def test_stance_adjective_with_a_that_clause_is_a_belief() -> None:
    doc = hand_doc("Democrats are concerned that the bill will raise costs.", """
Democrats PROPN NNPS nsubj 1 democrat
are       AUX   VBP  ROOT  1 be
concerned ADJ   JJ   acomp 1
that      SCONJ IN   mark  7
the       DET   DT   det   5
bill      NOUN  NN   nsubj 7
will      AUX   MD   aux   7
raise     VERB  VB   ccomp 2
costs     NOUN  NNS  dobj  7 cost
.         PUNCT .    punct 1
""", ents=[(0, 1, "NORP")])
    assert reported(doc) == [
        ("belief", "the bill will raise costs", "Democrats", "are concerned")
    ]


def test_the_writers_own_or_a_negated_belief_is_no_claim() -> None:
    mine = hand_doc("I think the plan will fail.", """
I     PRON  PRP nsubj 1
think VERB  VBP ROOT  1
the   DET   DT  det   3
plan  NOUN  NN  nsubj 5
will  AUX   MD  aux   5
fail  VERB  VB  ccomp 1
.     PUNCT .   punct 1
""")
    assert reported(mine) == []
    negated = hand_doc("Smith does not believe the plan will fail.", """
Smith    PROPN NNP nsubj 3
does     AUX   VBZ aux   3 do
not      PART  RB  neg   3
believe  VERB  VB  ROOT  3
the      DET   DT  det   5
plan     NOUN  NN  nsubj 7
will     AUX   MD  aux   7
fail     VERB  VB  ccomp 3
.        PUNCT .   punct 3
""", ents=[(0, 1, "PERSON")])
    assert reported(negated) == []


def test_a_belief_inside_a_report_is_part_of_the_report() -> None:
    doc = hand_doc("Doe said she believes the town will rebuild.", """
Doe      PROPN NNP nsubj 1
said     VERB  VBD ROOT  1 say
she      PRON  PRP nsubj 3
believes VERB  VBZ ccomp 1 believe
the      DET   DT  det   5
town     NOUN  NN  nsubj 7
will     AUX   MD  aux   7
rebuild  VERB  VB  ccomp 3
.        PUNCT .   punct 1
""", ents=[(0, 1, "PERSON")])
    assert reported(doc) == [
        ("indirect", "she believes the town will rebuild", "Doe", "said")
    ]


# --------------------------------------------------------------------------- nominal cues


def test_possessive_claim_with_a_that_clause_is_an_indirect_claim_of_the_possessor() -> None:
    doc = hand_doc("Cornyn's claim that the law failed drew criticism.", """
Cornyn    PROPN NNP poss  2
's        PART  POS case  0
claim     NOUN  NN  nsubj 7
that      SCONJ IN  mark  6
the       DET   DT  det   5
law       NOUN  NN  nsubj 6
failed    VERB  VBD acl   2 fail
drew      VERB  VBD ROOT  7 draw
criticism NOUN  NN  dobj  7
.         PUNCT .   punct 7
""", ents=[(0, 1, "PERSON")])
    assert reported(doc) == [("indirect", "the law failed", "Cornyn", "claim")]


def test_light_verb_subject_is_the_source_of_a_statement() -> None:
    doc = hand_doc("The company issued a statement that the product was safe.", """
The       DET   DT  det   1
company   NOUN  NN  nsubj 2
issued    VERB  VBD ROOT  2 issue
a         DET   DT  det   4
statement NOUN  NN  dobj  2
that      SCONJ IN  mark  8
the       DET   DT  det   7
product   NOUN  NN  nsubj 8
was       AUX   VBD acl   4 be
safe      ADJ   JJ  acomp 8
.         PUNCT .   punct 2
""")
    assert reported(doc) == [
        ("indirect", "the product was safe", "The company", "statement")
    ]


VIEW_BY_CRITICS = ("He rejected the view by critics that the economy is weak.", """
He       PRON  PRP nsubj 1
rejected VERB  VBD ROOT  1 reject
the      DET   DT  det   3
view     NOUN  NN  dobj  1
by       ADP   IN  prep  3
critics  NOUN  NNS pobj  4 critic
that     SCONJ IN  mark  9
the      DET   DT  det   8
economy  NOUN  NN  nsubj 9
is       AUX   VBZ acl   3 be
weak     ADJ   JJ  acomp 9
.        PUNCT .   punct 1
""")


def test_belief_noun_with_a_by_phrase_is_a_belief_of_that_source() -> None:
    doc = hand_doc(*VIEW_BY_CRITICS)
    assert reported(doc) == [("belief", "the economy is weak", "critics", "view")]


def test_a_rejected_view_is_not_the_rejecters() -> None:
    doc = hand_doc("He rejected the view that the economy is weak.", """
He       PRON  PRP nsubj 1
rejected VERB  VBD ROOT  1 reject
the      DET   DT  det   3
view     NOUN  NN  dobj  1
that     SCONJ IN  mark  7
the      DET   DT  det   6
economy  NOUN  NN  nsubj 7
is       AUX   VBZ acl   3 be
weak     ADJ   JJ  acomp 7
.        PUNCT .   punct 1
""")
    assert reported(doc) == []


def test_nominal_cue_without_a_source_or_with_a_relative_clause_is_no_claim() -> None:
    amid = hand_doc("Amid claims that the vote was rigged, officials met.", """
Amid      ADP   IN  prep      9
claims    NOUN  NNS pobj      0 claim
that      SCONJ IN  mark      6
the       DET   DT  det       4
vote      NOUN  NN  nsubjpass 6
was       AUX   VBD auxpass   6 be
rigged    VERB  VBN acl       1 rig
,         PUNCT ,   punct     9
officials NOUN  NNS nsubj     9 official
met       VERB  VBD ROOT      9 meet
.         PUNCT .   punct     9
""")
    assert reported(amid) == []
    relative = hand_doc("Doe repeated the claim that he made.", """
Doe      PROPN NNP nsubj 1
repeated VERB  VBD ROOT  1 repeat
the      DET   DT  det   3
claim    NOUN  NN  dobj  1
that     PRON  WDT dobj  6
he       PRON  PRP nsubj 6
made     VERB  VBD relcl 3 make
.        PUNCT .   punct 1
""", ents=[(0, 1, "PERSON")])
    assert reported(relative) == []


# --------------------------------------------------------------------------- questions, documents


def test_asked_whether_reports_the_embedded_question() -> None:
    doc = hand_doc("Jones asked the minister whether the bridge would reopen.", """
Jones    PROPN NNP nsubj 1
asked    VERB  VBD ROOT  1 ask
the      DET   DT  det   3
minister NOUN  NN  dobj  1
whether  SCONJ IN  mark  8
the      DET   DT  det   6
bridge   NOUN  NN  nsubj 8
would    AUX   MD  aux   8
reopen   VERB  VB  ccomp 1
.        PUNCT .   punct 1
""", ents=[(0, 1, "PERSON")])
    assert reported(doc) == [
        ("indirect", "whether the bridge would reopen", "Jones", "asked")
    ]
    (claim,) = [c for c in extract_claims(doc, mentions_of(doc)) if c.kind == "indirect"]
    assert claim.addressee == "the minister"


def test_a_wh_complement_of_a_verb_that_asks_nothing_is_no_claim() -> None:
    doc = hand_doc("Jones explained how the bridge would reopen.", """
Jones     PROPN NNP nsubj  1
explained VERB  VBD ROOT   1 explain
how       SCONJ WRB advmod 6
the       DET   DT  det    4
bridge    NOUN  NN  nsubj  6
would     AUX   MD  aux    6
reopen    VERB  VB  ccomp  1
.         PUNCT .   punct  1
""", ents=[(0, 1, "PERSON")])
    assert reported(doc) == []


def test_a_document_is_the_speaker_of_what_it_finds() -> None:
    doc = hand_doc("The report found that the agency ignored warnings.", """
The      DET   DT  det   1
report   NOUN  NN  nsubj 2
found    VERB  VBD ROOT  2 find
that     SCONJ IN  mark  6
the      DET   DT  det   5
agency   NOUN  NN  nsubj 6
ignored  VERB  VBD ccomp 2 ignore
warnings NOUN  NNS dobj  6 warning
.        PUNCT .   punct 2
""")
    assert reported(doc) == [
        ("indirect", "the agency ignored warnings", "The report", "found")
    ]
    (claim,) = [c for c in extract_claims(doc, []) if c.kind == "indirect"]
    assert claim.speaker_canonical == "report"


def test_no_longer_negates_a_belief() -> None:
    doc = hand_doc("Microsoft no longer wants to support it.", """
Microsoft PROPN NNP nsubj  3
no        DET   DT  advmod 2
longer    ADV   RBR advmod 3 long
wants     VERB  VBZ ROOT   3 want
to        PART  TO  aux    5
support   VERB  VB  xcomp  3
it        PRON  PRP dobj   5
.         PUNCT .   punct  3
""", ents=[(0, 1, "ORG")])
    assert reported(doc) == []


def test_according_to_a_view_expressed_by_someone_is_their_belief() -> None:
    doc = hand_doc("According to fears expressed by an official, the nation could split.", """
According VERB  VBG prep    11 accord
to        ADP   IN  prep    0
fears     NOUN  NNS pobj    1 fear
expressed VERB  VBN acl     2 express
by        ADP   IN  agent   3
an        DET   DT  det     6
official  NOUN  NN  pobj    4
,         PUNCT ,   punct   11
the       DET   DT  det     9
nation    NOUN  NN  nsubj   11
could     AUX   MD  aux     11
split     VERB  VB  ROOT    11
.         PUNCT .   punct   11
""")
    assert reported(doc) == [
        ("belief", "the nation could split", "an official", "according to")
    ]


def test_a_that_the_parser_took_for_an_object_still_marks_the_clause() -> None:
    doc = hand_doc("The report states that few firms use salt.", """
The     DET   DT  det    1
report  NOUN  NN  nsubj  2
states  VERB  VBZ ROOT   2 state
that    SCONJ IN  dobj   2
few     ADJ   JJ  amod   5
firms   NOUN  NNS nsubj  6 firm
use     VERB  VBP advcl  2
salt    NOUN  NN  dobj   6
.       PUNCT .   punct  2
""")
    assert reported(doc) == [("indirect", "few firms use salt", "The report", "states")]


def test_a_question_stops_before_someone_elses_quoted_reply() -> None:
    doc = hand_doc('Doe asked whether talks would resume, to which Lee replied "Never."', """
Doe     PROPN NNP nsubj 1
asked   VERB  VBD ROOT  1 ask
whether SCONJ IN  mark  5
talks   NOUN  NNS nsubj 5 talk
would   AUX   MD  aux   5
resume  VERB  VB  ccomp 1
,       PUNCT ,   punct 5
to      ADP   IN  prep  10
which   PRON  WDT pobj  7
Lee     PROPN NNP nsubj 10
replied VERB  VBD relcl 5 reply
"       PUNCT ``  punct 12
Never   ADV   RB  ccomp 10 never
.       PUNCT .   punct 12
"       PUNCT ''  punct 12
""", ents=[(0, 1, "PERSON"), (9, 10, "PERSON")])
    claims = [(c.kind, c.content, c.speaker) for c in extract_claims(doc, mentions_of(doc))
              if c.kind != "assertion"]
    assert ("indirect", "whether talks would resume", "Doe") in claims
    assert ("direct_quote", "Never.", "Lee") in claims


def test_a_view_someone_comes_to_or_acts_on_is_theirs() -> None:
    came = hand_doc("Doe came to the conclusion that the claims were lies.", """
Doe        PROPN NNP nsubj 1
came       VERB  VBD ROOT  1 come
to         ADP   IN  prep  1
the        DET   DT  det   4
conclusion NOUN  NN  pobj  2
that       SCONJ IN  mark  8
the        DET   DT  det   7
claims     NOUN  NNS nsubj 8 claim
were       AUX   VBD acl   4 be
lies       NOUN  NNS attr  8 lie
.          PUNCT .   punct 1
""", ents=[(0, 1, "PERSON")])
    assert reported(came) == [("belief", "the claims were lies", "Doe", "conclusion")]
    over = hand_doc("It was rejected by Doe over fears it would fail.", """
It       PRON  PRP nsubjpass 2
was      AUX   VBD auxpass   2 be
rejected VERB  VBN ROOT      2 reject
by       ADP   IN  agent     2
Doe      PROPN NNP pobj      3
over     ADP   IN  prep      2
fears    NOUN  NNS pobj      5 fear
it       PRON  PRP nsubj     9
would    AUX   MD  aux       9
fail     VERB  VB  acl       6
.        PUNCT .   punct     2
""", ents=[(4, 5, "PERSON")])
    assert reported(over) == [("belief", "it would fail", "Doe", "fears")]


def test_a_whole_quoted_sentence_after_a_cue_and_that_is_a_direct_quote() -> None:
    doc = hand_doc('Doe said that "Unless we act, the town will flood."', """
Doe    PROPN NNP nsubj 1
said   VERB  VBD ROOT  1 say
that   SCONJ IN  mark  11
"      PUNCT ``  punct 11
Unless SCONJ IN  mark  6
we     PRON  PRP nsubj 6
act    VERB  VBP advcl 11
,      PUNCT ,   punct 11
the    DET   DT  det   9
town   NOUN  NN  nsubj 11
will   AUX   MD  aux   11
flood  VERB  VB  ccomp 1
.      PUNCT .   punct 11
"      PUNCT ''  punct 1
""", ents=[(0, 1, "PERSON")])
    assert summary(doc, quote_findings(ctx_of(doc))) == [
        ("direct_quote", "Unless we act, the town will flood.", "Doe", "dependency")
    ]


def test_a_spaced_dash_before_a_participle_cue_is_no_hyphen() -> None:
    doc = hand_doc('Doe left - stating "We love all nations."', """
Doe     PROPN NNP nsubj 1
left    VERB  VBD ROOT  1 leave
-       PUNCT :   punct 1
stating VERB  VBG advcl 1 state
"       PUNCT ``  punct 6
We      PRON  PRP nsubj 6
love    VERB  VBP ccomp 3
all     DET   DT  det   8
nations NOUN  NNS dobj  6 nation
.       PUNCT .   punct 6
"       PUNCT ''  punct 3
""", ents=[(0, 1, "PERSON")])
    assert summary(doc, quote_findings(ctx_of(doc))) == [
        ("direct_quote", "We love all nations.", "Doe", "dependency")
    ]


def test_a_quoted_clause_closing_the_paragraph_after_that_is_a_direct_quote() -> None:
    doc = hand_doc('Doe stated that "This is the right thing to do"', """
Doe    PROPN NNP nsubj 1
stated VERB  VBD ROOT  1 state
that   SCONJ IN  mark  5
"      PUNCT ``  punct 5
This   PRON  DT  nsubj 5
is     AUX   VBZ ccomp 1 be
the    DET   DT  det   8
right  ADJ   JJ  amod  8
thing  NOUN  NN  attr  5
to     PART  TO  aux   10
do     VERB  VB  relcl 8
"      PUNCT ''  punct 1
""", ents=[(0, 1, "PERSON")])
    assert summary(doc, quote_findings(ctx_of(doc))) == [
        ("direct_quote", "This is the right thing to do", "Doe", "dependency")
    ]


def test_a_quoted_sentence_after_a_semicolon_is_a_new_utterance() -> None:
    doc = hand_doc('"Stop," said Doe; "We will rebuild the town."', """
"       PUNCT ``  punct 1
Stop    VERB  VB  ccomp 4
,       PUNCT ,   punct 4
"       PUNCT ''  punct 4
said    VERB  VBD ROOT  4 say
Doe     PROPN NNP nsubj 4
;       PUNCT :   punct 4
"       PUNCT ``  punct 10
We      PRON  PRP nsubj 10
will    AUX   MD  aux   10
rebuild VERB  VB  ROOT  10
the     DET   DT  det   12
town    NOUN  NN  dobj  10
.       PUNCT .   punct 10
"       PUNCT ''  punct 10
""", ents=[(5, 6, "PERSON")])
    found = summary(doc, quote_findings(ctx_of(doc)))
    assert ("direct_quote", "We will rebuild the town.", "Doe", "split_quote") in found


def test_no_belief_from_a_subjectless_fragment_or_an_impersonal_adjective() -> None:
    fragment = hand_doc("Doe believes are promising.", """
Doe       PROPN NNP nsubj 1
believes  VERB  VBZ ROOT  1 believe
are       AUX   VBP ccomp 1 be
promising ADJ   JJ  acomp 2
.         PUNCT .   punct 1
""", ents=[(0, 1, "PERSON")])
    assert reported(fragment) == []
    safe = hand_doc("It is safe to assume the vote will fail.", """
It     PRON  PRP nsubj 1
is     AUX   VBZ ROOT  1 be
safe   ADJ   JJ  acomp 1
to     PART  TO  aux   4
assume VERB  VB  xcomp 2
the    DET   DT  det   6
vote   NOUN  NN  nsubj 8
will   AUX   MD  aux   8
fail   VERB  VB  ccomp 4
.      PUNCT .   punct 1
""")
    assert reported(safe) == []


def test_a_quoted_clause_after_that_and_a_comma_is_the_whole_complement() -> None:
    doc = hand_doc('Lewis stated that, "we never condone torture."', """
Lewis   PROPN NNP nsubj  1
stated  VERB  VBD ROOT   1 state
that    SCONJ IN  mark   7
,       PUNCT ,   punct  7
"       PUNCT ``  punct  7
we      PRON  PRP nsubj  7
never   ADV   RB  advmod 7
condone VERB  VBP ccomp  1
torture NOUN  NN  dobj   7
.       PUNCT .   punct  7
"       PUNCT ''  punct  1
""", ents=[(0, 1, "PERSON")])
    assert [(k, c) for k, c, *_ in summary(doc, quote_findings(ctx_of(doc)))] == [
        ("direct_quote", "we never condone torture.")
    ]


def test_a_quoted_sentence_after_the_addressee_is_a_direct_quote() -> None:
    doc = hand_doc('Rice told NBC News "The notion is simply wrong."', """
Rice   PROPN NNP nsubj    1
told   VERB  VBD ROOT     1 tell
NBC    PROPN NNP compound 3
News   PROPN NNP dative   1
"      PUNCT ``  punct    7
The    DET   DT  det      6
notion NOUN  NN  nsubj    7
is     AUX   VBZ ccomp    1 be
simply ADV   RB  advmod   9
wrong  ADJ   JJ  acomp    7
.      PUNCT .   punct    7
"      PUNCT ''  punct    1
""", ents=[(0, 1, "PERSON"), (2, 4, "ORG")])
    assert summary(doc, quote_findings(ctx_of(doc))) == [
        ("direct_quote", "The notion is simply wrong.", "Rice", "dependency")
    ]


def test_asked_if_parsed_as_an_adverbial_clause_is_still_the_question() -> None:
    doc = hand_doc("Reporters asked the mayor if the bridge would reopen.", """
Reporters NOUN  NNS nsubj 1 reporter
asked     VERB  VBD ROOT  1 ask
the       DET   DT  det   3
mayor     NOUN  NN  dobj  1
if        SCONJ IN  mark  8
the       DET   DT  det   6
bridge    NOUN  NN  nsubj 8
would     AUX   MD  aux   8
reopen    VERB  VB  advcl 1
.         PUNCT .   punct 1
""")
    assert reported(doc) == [
        ("indirect", "if the bridge would reopen", "Reporters", "asked")
    ]


def test_a_position_pushed_for_is_reported_but_an_office_campaigned_for_is_not() -> None:
    doc = hand_doc("Unions pushed for higher wages.", """
Unions NOUN  NNS nsubj 1 union
pushed VERB  VBD ROOT  1 push
for    ADP   IN  prep  1
higher ADJ   JJR amod  4 high
wages  NOUN  NNS pobj  2 wage
.      PUNCT .   punct 1
""")
    assert reported(doc) == [("indirect", "higher wages", "Unions", "pushed")]
    office = hand_doc("Doe campaigned for president.", """
Doe        PROPN NNP nsubj 1
campaigned VERB  VBD ROOT  1 campaign
for        ADP   IN  prep  1
president  NOUN  NN  pobj  2
.          PUNCT .   punct 1
""", ents=[(0, 1, "PERSON")])
    assert reported(office) == []


def test_warn_against_a_noun_phrase_and_a_verbless_small_clause_report_nothing() -> None:
    warned = hand_doc("Bush warned Turkey against an incursion.", """
Bush      PROPN NNP nsubj 1
warned    VERB  VBD ROOT  1 warn
Turkey    PROPN NNP dobj  1
against   ADP   IN  prep  1
an        DET   DT  det   5
incursion NOUN  NN  pobj  3
.         PUNCT .   punct 1
""")
    small = hand_doc("Doe declared himself the winner.", """
Doe      PROPN NNP nsubj 1
declared VERB  VBD ROOT  1 declare
himself  PRON  PRP nsubj 4
the      DET   DT  det   4
winner   NOUN  NN  ccomp 1
.        PUNCT .   punct 1
""")
    clause = hand_doc("Doe declared the vote was fair.", """
Doe      PROPN NNP nsubj 1
declared VERB  VBD ROOT  1 declare
the      DET   DT  det   3
vote     NOUN  NN  nsubj 4
was      AUX   VBD ccomp 1 be
fair     ADJ   JJ  acomp 4
.        PUNCT .   punct 1
""")
    assert extract_claims(warned, []) == extract_claims(small, []) == []
    (claim,) = extract_claims(clause, [])
    assert (claim.kind, claim.content) == ("indirect", "the vote was fair")


def test_a_quoted_word_that_is_the_whole_subject_is_a_mention_not_speech() -> None:
    from flows.claims.detectors.direct import not_speech

    mention = hand_doc('"Friends" is another name.', """
"       PUNCT `` punct 1
Friends PROPN NNPS nsubj 3
"       PUNCT '' punct 1
is      AUX   VBZ ROOT  3 be
another DET   DT  det   5
name    NOUN  NN  attr  3
.       PUNCT .   punct 3
""")
    part = hand_doc('The "uranium equivalent" amounts to much.', """
The        DET   DT  det   3
"          PUNCT `` punct 3
uranium    NOUN  NN  compound 3
equivalent NOUN  NN  nsubj 5
"          PUNCT '' punct 3
amounts    VERB  VBZ ROOT  5 amount
to         ADP   IN  prep  5
much       ADJ   JJ  pobj  6
.          PUNCT .   punct 5
""")
    for doc, expected in ((mention, True), (part, False)):
        ctx = ctx_of(doc)
        (passage,) = ctx.quotes.passages
        assert not_speech(ctx.view, passage) is expected


def test_a_report_inside_a_pull_quote_without_marks_is_nested_in_it() -> None:
    credited = hand_doc("Smith believes the plan will fail. — Jane Doe", BELIEVES_ROWS + """
—        PUNCT :   punct 9
Jane     PROPN NNP compound 9
Doe      PROPN NNP ROOT  9
""", ents=[(0, 1, "PERSON"), (8, 10, "PERSON")])
    assert [c.kind for c in extract_claims(BELIEVES, mentions_of(BELIEVES))] == ["belief"]
    assert extract_claims(credited, mentions_of(credited)) == []
