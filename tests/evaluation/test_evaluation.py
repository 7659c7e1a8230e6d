"""Tests of the evaluation harness's scoring code on small hand-made inputs.

The harness decides what "good" means for the whole project, so its own arithmetic is
tested here: perfect predictions score 1, a miss lowers recall, a spurious claim lowers
precision, head-word matching and the body→raw offset map behave. No spaCy model and no
pipeline run: these tests take well under a second.
"""

from __future__ import annotations

import json
import unicodedata

import pytest

from eval import __main__ as runner
from eval.claims_eval import (
    INHERITED_VIA,
    SPEAKER_ERROR_CAUSES,
    ClaimRec,
    DocClaims,
    OffsetMap,
    PipelineDoc,
    PipelineRun,
    content_overlap,
    cue_correct,
    format_speaker_errors,
    format_strategies,
    greedy_match,
    predicted_claims,
    score_claims,
    speaker_correct,
    speaker_error_cause,
    strategy_counts,
    string_token_f1,
    target_checks,
    token_positions,
)
from eval.entities_eval import (
    EntityDoc,
    GoldEntity,
    PredEntity,
    coarse_label,
    covers,
    score_entities,
)
from flows.steps import clean, parse

# --- offsets ----------------------------------------------------------------------------

RAW = (
    "Headline of  the story\n"
    "Monday, May 4, 2015\n"
    "The   minister said  the plan works.\n"
    "Image: Reuters.\n"
    "Critics   said it would not.\n"
)


def _claim(text: str, sub: str, kind: str = "indirect", occurrence: int = 0,
           **kw: object) -> ClaimRec:
    """A claim whose content is the ``occurrence``-th ``sub`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(sub, start + 1)
    return ClaimRec(kind, sub, start, start + len(sub), **kw)  # type: ignore[arg-type]


def test_offset_map_recovers_every_word_of_a_cleaned_body() -> None:
    body = clean.clean(parse.parse(RAW)).body
    assert body != RAW  # whitespace normalised, paragraphs re-joined, caption removed
    m = OffsetMap.build(body, RAW)
    assert m.coverage() == 1.0
    for word in ("minister", "plan works.", "Critics", "would not."):
        bs = body.index(word)
        span = m.span(bs, bs + len(word))
        assert span is not None
        assert RAW[span[0] : span[1]] == word


def test_offset_map_span_across_collapsed_whitespace() -> None:
    body = clean.clean(parse.parse(RAW)).body
    m = OffsetMap.build(body, RAW)
    phrase = "The minister said the plan works."
    bs = body.index(phrase)
    span = m.span(bs, bs + len(phrase))
    assert span == (RAW.index("The   minister"), RAW.index("works.") + len("works."))


def test_offset_map_handles_nfc_and_removed_text() -> None:
    raw = "Intro words here.\nSome boilerplate line\nThe cafe\u0301 opened, she said.\n"
    body = "Intro words here.\n\nThe " + unicodedata.normalize("NFC", "cafe\u0301") + \
        " opened, she said."
    m = OffsetMap.build(body, raw)
    bs = body.index("opened")
    assert m.span(bs, bs + len("opened")) == (raw.index("opened"), raw.index("opened") + 6)
    cafe = body.index("caf")
    rs, re_ = m.span(cafe, cafe + 4) or (0, 0)
    assert raw[rs:re_] == "cafe\u0301"
    # A span made only of whitespace has no image.
    assert m.span(body.index("\n\n"), body.index("\n\n") + 2) is None


# --- claims -----------------------------------------------------------------------------

TEXT = (
    'The minister said the plan works. "We are ready," she said. '
    "Critics said it would fail. Critics said it would fail."
)


def _doc(gold: list[ClaimRec], pred: list[ClaimRec]) -> DocClaims:
    return DocClaims("d1", "test", TEXT, gold, pred)


GOLD = [
    _claim(TEXT, "the plan works", speaker="The minister", speaker_canonical="The minister",
           cue="said"),
    _claim(TEXT, "We are ready,", "direct_quote", speaker="she",
           speaker_canonical="Jane Doe", cue="said"),
    _claim(TEXT, "it would fail", speaker="Critics", speaker_canonical="Critics", cue="said"),
]


def test_perfect_prediction_scores_one() -> None:
    r = score_claims([_doc(GOLD, list(GOLD))])
    for kind in ("direct_quote", "indirect"):
        assert r["kinds"][kind]["precision"] == 1.0
        assert r["kinds"][kind]["recall"] == 1.0
        assert r["kinds"][kind]["speaker_accuracy"] == 1.0
        assert r["kinds"][kind]["cue_accuracy"] == 1.0
    assert r["all_attributed"]["f1"] == 1.0
    assert r["errors"] == []


def test_missing_claim_lowers_recall_and_spurious_claim_lowers_precision() -> None:
    r = score_claims([_doc(GOLD, GOLD[:2])])
    assert r["kinds"]["indirect"]["recall"] == 0.5
    assert r["kinds"]["indirect"]["precision"] == 1.0
    assert any(e["error"] == "missed" for e in r["errors"])
    extra = _claim(TEXT, "Critics said it would fail.", occurrence=1)
    r = score_claims([_doc(GOLD, [*GOLD, extra])])
    assert r["kinds"]["indirect"]["precision"] == pytest.approx(2 / 3)
    assert r["kinds"]["indirect"]["recall"] == 1.0


def test_wrong_kind_counts_per_kind_but_not_for_all_kinds() -> None:
    as_partial = ClaimRec("partial_quote", "We are ready,", GOLD[1].start, GOLD[1].end,
                          "she", "Jane Doe", "said")
    r = score_claims([_doc(GOLD, [GOLD[0], as_partial, GOLD[2]])])
    assert r["kinds"]["direct_quote"]["recall"] == 0.0
    assert r["kinds"]["partial_quote"]["precision"] == 0.0
    assert r["all_attributed"]["precision"] == 1.0
    assert r["all_attributed"]["kind_confusion"]["direct_quote"] == {"partial_quote": 1}


def test_token_positions_and_string_fallback() -> None:
    text = "ab cd, ef"
    assert token_positions(text, 1, 4) == {0, 3}  # partly covered tokens count
    assert token_positions(text, 2, 3) == frozenset()  # only a space
    assert token_positions(text, 0, len(text)) == {0, 3, 7}
    assert string_token_f1("We are READY.", "we are ready") == 1.0
    assert string_token_f1("a b", "c d") == 0.0


def test_overlap_threshold_and_one_to_one_matching() -> None:
    short = _claim(TEXT, "works")  # 1 of 3 gold tokens: F1 0.5, still a match
    tiny = ClaimRec("indirect", "The minister said the", 0, len("The minister said the"))
    assert content_overlap(short, GOLD[0], TEXT) == pytest.approx(0.5)
    assert content_overlap(tiny, GOLD[0], TEXT) == pytest.approx(2 / 7)
    r = score_claims([_doc([GOLD[0]], [tiny])])
    assert r["kinds"]["indirect"]["tp"] == 0
    # Two predictions for one gold claim: one true positive, one false positive.
    r = score_claims([_doc([GOLD[0]], [GOLD[0], short])])
    assert (r["kinds"]["indirect"]["tp"], r["kinds"]["indirect"]["fp"]) == (1, 1)
    assert greedy_match(2, 2, lambda p, g: [[0.9, 0.8], [0.95, 0.1]][p][g]) == [
        (1, 0, 0.95), (0, 1, 0.8)]


def test_repeated_sentence_matches_only_the_occurrence_it_covers() -> None:
    second = _claim(TEXT, "it would fail", occurrence=1)
    assert content_overlap(second, GOLD[2], TEXT) == 0.0
    r = score_claims([_doc(GOLD, [GOLD[0], GOLD[1], second])])
    assert r["kinds"]["indirect"]["fp"] == 1


def test_marginal_gold_is_neither_hit_nor_miss_by_default() -> None:
    marginal = ClaimRec("indirect", GOLD[2].content, GOLD[2].start, GOLD[2].end,
                        "Critics", "Critics", "said", marginal=True)
    gold = [GOLD[0], GOLD[1], marginal]
    found = score_claims([_doc(gold, list(GOLD))])
    assert found["kinds"]["indirect"]["tp"] == 1
    assert found["kinds"]["indirect"]["fp"] == 0
    assert found["kinds"]["indirect"]["ignored"] == 1
    missed = score_claims([_doc(gold, GOLD[:2])])
    assert missed["kinds"]["indirect"]["recall"] == 1.0
    included = score_claims([_doc(gold, GOLD[:2])], include_marginal=True)
    assert included["kinds"]["indirect"]["recall"] == 0.5


@pytest.mark.parametrize(
    ("pred_speaker", "pred_canonical", "gold_speaker", "gold_canonical", "expected"),
    [
        ("Xi", "Xi Jinping", "Xi", "Xi Jinping", True),
        ("Xi", "Xi", "Xi", "Xi Jinping", False),  # partial name, not resolved
        ("he", "Xi Jinping", "he", "Xi Jinping", True),
        ("he", "he", "he", "Xi Jinping", False),  # unresolved pronoun
        ("Mohib", "Afghan Ambassador Hamdullah Mohib", "Mohib", "Hamdullah Mohib", True),
        ("XI JINPING", None, "Xi", "Xi Jinping", True),  # case-insensitive
        ("Bauchtman", "Bauchtman", "Bauchtman", "Lydia Buchtmann", True),  # as written
        ("Central News Agency", None, "KCNA", "Korean Central News Agency", True),
        ("WHO", "WHO", "World Health Organisation", "World Health Organisation", False),
        ("Maria Lopez", "Maria Lopez", "Xi", "Xi Jinping", False),
        (None, None, None, None, True),
        ("officials", "officials", None, None, False),
    ],
)
def test_speaker_rule(pred_speaker: str | None, pred_canonical: str | None,
                      gold_speaker: str | None, gold_canonical: str | None,
                      expected: bool) -> None:
    assert speaker_correct(pred_speaker, pred_canonical, gold_speaker,
                           gold_canonical) is expected


def test_cue_rule() -> None:
    assert cue_correct("has said", "said")
    assert cue_correct("According to", "according to")
    assert cue_correct(None, None)
    assert not cue_correct("told", "said")
    assert not cue_correct("said", None)


def test_targets_flag_a_shortfall() -> None:
    wrong_speaker = ClaimRec("direct_quote", GOLD[1].content, GOLD[1].start, GOLD[1].end,
                             "she", "Someone Else", "said")
    r = score_claims([_doc(GOLD, [GOLD[0], wrong_speaker, GOLD[2]])])
    checks = target_checks(r)
    assert checks["direct_quote_speaker_accuracy"]["value"] == 0.0
    assert not checks["direct_quote_speaker_accuracy"]["met"]
    assert checks["indirect_recall"]["met"]
    assert checks["all_attributed_precision"]["met"]


# --- entities ---------------------------------------------------------------------------

# "U.S. President Donald Trump's policies": GUM marks the person (head "Trump") and,
# nested, "U.S." (head "U.S.").
TRUMP = GoldEntity(20, 25, "PER", "Donald_Trump", "U.S. President Donald Trump")
US = GoldEntity(0, 4, "LOC", "United_States", "U.S.")
TRUMP_AGAIN = GoldEntity(60, 65, "PER", "Donald_Trump", "Trump")


def test_coarse_labels() -> None:
    assert [coarse_label(x) for x in ("PERSON", "GPE", "FAC", "LOC", "ORG", "NORP")] == [
        "PER", "LOC", "LOC", "LOC", "ORG", "MISC"]
    assert coarse_label("DATE") is None


def test_head_word_matching() -> None:
    assert covers(PredEntity(14, 25, "PER"), TRUMP)  # "Donald Trump" covers "Trump"
    assert covers(PredEntity(0, 25, "PER"), TRUMP)  # the whole GUM span too
    assert not covers(PredEntity(14, 20, "PER"), TRUMP)  # "Donald " misses the head
    assert not covers(PredEntity(22, 30, "PER"), TRUMP)  # overlapping is not covering
    assert not covers(PredEntity(0, 4, "LOC"), TRUMP)


def test_entity_scores() -> None:
    perfect = EntityDoc("d", "test", [TRUMP, US, TRUMP_AGAIN], [
        PredEntity(0, 4, "LOC", 0), PredEntity(14, 25, "PER", 1), PredEntity(60, 65, "PER", 1)])
    r = score_entities([perfect])
    assert r["unlabelled"]["f1"] == 1.0
    assert r["labelled"]["f1"] == 1.0
    assert r["clusters"]["pairwise_precision"] == 1.0
    assert r["clusters"]["pairwise_recall"] == 1.0

    flawed = EntityDoc("d", "test", [TRUMP, US, TRUMP_AGAIN], [
        PredEntity(0, 4, "ORG", 0),  # right head, wrong label
        PredEntity(14, 25, "PER", 1),
        PredEntity(60, 65, "PER", 2),  # not clustered with the first Trump
        PredEntity(40, 47, "MISC", 3),  # covers no gold head
    ])
    r = score_entities([flawed])
    assert r["unlabelled"]["recall"] == 1.0
    assert r["unlabelled"]["precision"] == 0.75
    assert r["labelled"]["recall"] == pytest.approx(2 / 3)
    assert r["labelled"]["precision"] == 0.5
    assert r["clusters"]["pairwise_recall"] == 0.0
    assert r["fp_by_label"] == {"": 1}


def test_lenient_precision_excuses_names_inside_same_type_mentions() -> None:
    # "Texas student Ahmed Mohamed": GUM heads the person mention on "student".
    doc = EntityDoc("d", "test", [], [PredEntity(14, 27, "PER"), PredEntity(0, 5, "LOC")],
                    mentions=[(0, 27, "PER")])
    r = score_entities([doc])
    assert r["unlabelled"]["predicted"] == 2
    assert r["excused_predictions"] == 1
    assert r["unlabelled_lenient"]["predicted"] == 1


# --- speaker strategies and speaker errors ------------------------------------------------


def _pred(speaker: str | None, canonical: str | None = None, via: str | None = "dependency",
          entity: int | None = None) -> ClaimRec:
    return ClaimRec("direct_quote", "x", 0, 1, speaker, canonical, "said", False, entity, via)


_GOLD_DOE = ClaimRec("direct_quote", "x", 0, 1, "the ministry spokesman", "Jane Doe", "said")


@pytest.mark.parametrize(("pred", "gold", "cause"), [
    (_pred("Doe", "Jane Doe"), ClaimRec("indirect", "x", 0, 1), "speaker_where_gold_has_none"),
    (_pred(None, None, None), _GOLD_DOE, "no_speaker_found"),
    (_pred("he", "John Roe", "split_quote", 3), _GOLD_DOE, "pronoun_resolved_wrongly"),
    (_pred("John Roe", "John Roe", "continuation", 3), _GOLD_DOE, "inherited_wrongly"),
    (_pred("A spokesman", "A spokesman"), _GOLD_DOE, "non_entity_phrasing_differs"),
    (_pred("The ministry", "The ministry", entity=4), _GOLD_DOE, "wrong_person"),
    (_pred("John Roe", "John Roe", entity=3), _GOLD_DOE, "wrong_person"),
])
def test_speaker_error_causes(pred: ClaimRec, gold: ClaimRec, cause: str) -> None:
    assert not speaker_correct(pred.speaker, pred.speaker_canonical, gold.speaker,
                               gold.speaker_canonical)
    assert speaker_error_cause(pred, gold) == cause


def test_inherited_via_names_the_claims_engines_strategies() -> None:
    from flows.claims.inherit import STRATEGIES

    assert {name for name, _ in STRATEGIES} == INHERITED_VIA


def test_strategies_and_speaker_errors_are_counted_over_matches() -> None:
    right = ClaimRec("direct_quote", GOLD[1].content, GOLD[1].start, GOLD[1].end, "she",
                     "Jane Doe", "said", False, 1, "split_quote")
    wrong = ClaimRec("indirect", GOLD[0].content, GOLD[0].start, GOLD[0].end, "he",
                     "John Roe", "said", False, 2, "reporting_verb")
    spurious = _claim(TEXT, "Critics said it would fail.", "direct_quote", occurrence=1,
                      speaker_via="last_report")
    r = score_claims([_doc(GOLD, [right, wrong, GOLD[2], spurious])])
    direct = r["kinds"]["direct_quote"]
    assert direct["speaker_via"] == {
        "last_report": {"matched": 0, "unmatched": 1, "speaker_correct": 0},
        "split_quote": {"matched": 1, "unmatched": 0, "speaker_correct": 1},
    }
    indirect = r["kinds"]["indirect"]
    assert indirect["speaker_via"]["(no speaker)"] == {
        "matched": 1, "unmatched": 0, "speaker_correct": 1}  # GOLD[2] as predicted
    assert indirect["speaker_errors"] == {
        c: int(c == "pronoun_resolved_wrongly") for c in SPEAKER_ERROR_CAUSES}
    wrong_speaker = [e for e in r["errors"] if e["error"] == "wrong_speaker"]
    assert [(e["cause"], e["pred"]["speaker_via"]) for e in wrong_speaker] == [
        ("pronoun_resolved_wrongly", "reporting_verb")]
    counts = strategy_counts(r)
    assert counts["split_quote"] == {"matched": 1, "speaker_correct": 1, "unmatched": 0}
    assert "reporting_verb" not in counts  # quotes only by default
    lines = format_strategies(r)
    assert any(line.split()[:4] == ["split_quote", "1", "1", "0"] for line in lines)
    errors = format_speaker_errors(r)
    assert any(line.split() == ["pronoun_resolved_wrongly", "0", "0", "1", "0", "1"]
               for line in errors)


def test_predicted_claims_carry_the_speaker_via_of_the_claim_records() -> None:
    from flows.tables.records import Claim

    body = "Doe said it rained."
    rows = [{"claim_id": 0, "kind": "indirect", "content": "it rained", "content_start": 9,
             "content_end": 18, "speaker": "Doe", "speaker_canonical": "Doe",
             "speaker_entity_id": 0, "cue": "said"}]
    record = Claim(0, 0, "indirect", "it rained", 9, 18, speaker="Doe",
                   speaker_via="reporting_verb")
    pdoc = PipelineDoc("d", body, body, OffsetMap.build(body, body), {"claims": rows},
                       [record])
    (got,) = predicted_claims(pdoc)
    assert (got.start, got.speaker_entity_id, got.speaker_via) == (9, 0, "reporting_verb")
    bare = PipelineDoc("d", body, body, OffsetMap.build(body, body), {"claims": rows})
    assert predicted_claims(bare)[0].speaker_via is None


# --- the runner ---------------------------------------------------------------------------


def test_pipeline_sentences_are_mapped_to_raw_offsets() -> None:
    raw = "Title here\nFirst  sentence. Second one.\n"
    body = "Title here\n\nFirst sentence. Second one."
    rows = [{"sentence_id": 0, "char_start": 0, "char_end": 10},
            {"sentence_id": 1, "char_start": 12, "char_end": 27},
            {"sentence_id": 2, "char_start": 28, "char_end": 39}]
    pdoc = PipelineDoc("d", raw, body, OffsetMap.build(body, raw), {"sentences": rows})
    split = runner.pipeline_split_fn(PipelineRun({"d": pdoc}, [], 0.0, None))
    assert [raw[s:e] for s, e in split(raw)] == [
        "Title here", "First  sentence.", "Second one."]
    assert split("unknown text") == [(0, 12)]


def test_results_written_twice(tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path))
    paths = runner.write_results({"a": 1}, out, "20250101T000000Z")
    assert [p.name for p in paths] == ["results.json", "results-20250101T000000Z.json"]
    assert all(json.loads(p.read_text()) == {"a": 1} for p in paths)
