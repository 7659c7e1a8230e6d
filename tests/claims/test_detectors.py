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
    both = IndirectDetector().detect(reported) + BeliefDetector().detect(reported)
    assert [(f.kind, doc.text[f.cue_char:f.cue_char + 4]) for f in both if f.cue_char] == [
        ("indirect", "said"), ("belief", "expe")]
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
